import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { observeAws } from '../src/observers/aws/observe.js';
import type { Resource } from '../src/model/resource.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const s3 = (region = 'eu-west-1') => new S3Client(env.moto.clientConfig(region));
const S3_TYPES = [
  'aws_s3_bucket',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_public_access_block',
];

function find(resources: ReadonlyArray<Resource>, type: string, id: string): Resource {
  const found = resources.find((r) => r.type === type && r.id === id);
  assert.ok(found, `${type} ${id} is observed`);
  return found;
}

async function createBucket(name: string, region = 'eu-west-1'): Promise<void> {
  await s3(region).send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as 'eu-west-1' } }),
    }),
  );
}

test('S3 types: buckets are observed in their own region only, with tags, policy, versioning and public access block', async () => {
  await createBucket('logs-euw1');
  await createBucket('assets-use1', 'us-east-1');
  await s3().send(
    new PutBucketTaggingCommand({ Bucket: 'logs-euw1', Tagging: { TagSet: [{ Key: 'env', Value: 'prod' }] } }),
  );
  await s3().send(
    new PutBucketVersioningCommand({ Bucket: 'logs-euw1', VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3().send(
    new PutPublicAccessBlockCommand({
      Bucket: 'logs-euw1',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::logs-euw1/*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
  await s3().send(new PutBucketPolicyCommand({ Bucket: 'logs-euw1', Policy: JSON.stringify(policy) }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1', 'us-east-1'], types: S3_TYPES });
  assert.deepEqual(snapshot.incompleteScopes, []);

  const bucket = find(snapshot.resources, 'aws_s3_bucket', 'logs-euw1');
  assert.equal(bucket.region, 'eu-west-1');
  assert.equal(bucket.attributes['arn'], 'arn:aws:s3:::logs-euw1');
  assert.equal(bucket.attributes['bucket'], 'logs-euw1');
  assert.deepEqual(bucket.attributes['tags_all'], { env: 'prod' });
  const other = find(snapshot.resources, 'aws_s3_bucket', 'assets-use1');
  assert.equal(other.region, 'us-east-1');
  assert.deepEqual(other.attributes['tags_all'], {}, 'a bucket without tags (NoSuchTagSet) has none, not an error');
  assert.equal(
    snapshot.resources.filter((r) => r.type === 'aws_s3_bucket').length,
    2,
    'each bucket appears once, in its own region',
  );

  assert.deepEqual(
    JSON.parse(find(snapshot.resources, 'aws_s3_bucket_policy', 'logs-euw1').attributes['policy'] as string),
    policy,
  );
  assert.deepEqual(
    find(snapshot.resources, 'aws_s3_bucket_versioning', 'logs-euw1').attributes['versioning_configuration'],
    [{ status: 'Enabled', mfa_delete: 'Disabled' }],
  );
  const block = find(snapshot.resources, 'aws_s3_bucket_public_access_block', 'logs-euw1');
  assert.deepEqual(
    [
      block.attributes['block_public_acls'],
      block.attributes['block_public_policy'],
      block.attributes['ignore_public_acls'],
      block.attributes['restrict_public_buckets'],
    ],
    [true, true, true, true],
  );
  // The us-east-1 bucket has no policy, versioning or block: "not set", so no such resources.
  for (const type of ['aws_s3_bucket_policy', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block']) {
    assert.equal(
      snapshot.resources.some((r) => r.type === type && r.id === 'assets-use1'),
      false,
      `${type} not set on assets-use1`,
    );
  }
  assert.equal(apiCalls['s3:ListBuckets'], 2, 'one filtered listing per region');
});

test('S3: versioning suspended, public access block turned off and a public bucket policy made by hand show up', async () => {
  await createBucket('data-euw1');
  await s3().send(
    new PutBucketVersioningCommand({ Bucket: 'data-euw1', VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3().send(
    new PutPublicAccessBlockCommand({
      Bucket: 'data-euw1',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    }),
  );

  // The hand-made changes.
  await s3().send(
    new PutBucketVersioningCommand({ Bucket: 'data-euw1', VersioningConfiguration: { Status: 'Suspended' } }),
  );
  await s3().send(
    new PutPublicAccessBlockCommand({
      Bucket: 'data-euw1',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        BlockPublicPolicy: false,
        IgnorePublicAcls: false,
        RestrictPublicBuckets: false,
      },
    }),
  );
  const publicPolicy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-euw1/*' }],
  };
  await s3().send(new PutBucketPolicyCommand({ Bucket: 'data-euw1', Policy: JSON.stringify(publicPolicy) }));

  const { snapshot } = await observeAws({ regions: ['eu-west-1'], types: S3_TYPES });
  assert.deepEqual(
    find(snapshot.resources, 'aws_s3_bucket_versioning', 'data-euw1').attributes['versioning_configuration'],
    [{ status: 'Suspended', mfa_delete: 'Disabled' }],
  );
  const block = find(snapshot.resources, 'aws_s3_bucket_public_access_block', 'data-euw1');
  assert.equal(block.attributes['block_public_policy'], false);
  assert.equal(block.attributes['restrict_public_buckets'], false);
  const observedPolicy = JSON.parse(
    find(snapshot.resources, 'aws_s3_bucket_policy', 'data-euw1').attributes['policy'] as string,
  );
  assert.equal(observedPolicy.Statement[0].Principal, '*');
});
