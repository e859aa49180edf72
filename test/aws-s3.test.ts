import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketWebsiteCommand,
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
    // The emulator returns no MFADelete: flattenVersioning stores "" (never a filled-in Disabled).
    [{ status: 'Enabled', mfa_delete: '' }],
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
    [{ status: 'Suspended', mfa_delete: '' }],
  );
  const block = find(snapshot.resources, 'aws_s3_bucket_public_access_block', 'data-euw1');
  assert.equal(block.attributes['block_public_policy'], false);
  assert.equal(block.attributes['restrict_public_buckets'], false);
  const observedPolicy = JSON.parse(
    find(snapshot.resources, 'aws_s3_bucket_policy', 'data-euw1').attributes['policy'] as string,
  );
  assert.equal(observedPolicy.Statement[0].Principal, '*');
});

const SUB_TYPES = [
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_cors_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_website_configuration',
];

test('S3 sub-resources: encryption, ownership, CORS, logging and website as the provider stores them; "not set" answers are no resource', async () => {
  await createBucket('site-euw1');
  await createBucket('logs-target-euw1');
  await createBucket('bare-euw1');
  await s3().send(
    new PutBucketEncryptionCommand({
      Bucket: 'site-euw1',
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/site' },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  await s3().send(
    new PutBucketEncryptionCommand({
      Bucket: 'logs-target-euw1',
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    }),
  );
  await s3().send(
    new PutBucketOwnershipControlsCommand({
      Bucket: 'site-euw1',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
    }),
  );
  await s3().send(
    new PutBucketOwnershipControlsCommand({
      Bucket: 'logs-target-euw1',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    }),
  );
  await s3().send(
    new PutBucketCorsCommand({
      Bucket: 'site-euw1',
      CORSConfiguration: {
        CORSRules: [{ AllowedMethods: ['PUT', 'GET'], AllowedOrigins: ['https://app.example'], MaxAgeSeconds: 600 }],
      },
    }),
  );
  // The log-delivery group must be able to write to the target (S3 and the emulator check it).
  const logDelivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"';
  await s3().send(
    new PutBucketAclCommand({ Bucket: 'logs-target-euw1', GrantWrite: logDelivery, GrantReadACP: logDelivery }),
  );
  await s3().send(
    new PutBucketLoggingCommand({
      Bucket: 'site-euw1',
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logs-target-euw1', TargetPrefix: 'site/' } },
    }),
  );

  await s3().send(
    new PutBucketWebsiteCommand({
      Bucket: 'site-euw1',
      WebsiteConfiguration: {
        IndexDocument: { Suffix: 'index.html' },
        RoutingRules: [{ Condition: { KeyPrefixEquals: 'old/' }, Redirect: { ReplaceKeyPrefixWith: 'new/' } }],
      },
    }),
  );

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({ regions: ['eu-west-1'], types: SUB_TYPES });
  const noise = (type: string, id: string) => expectedUnmanaged.some((e) => e.address === `${type}."${id}"`);
  assert.deepEqual(snapshot.incompleteScopes, []);

  const sse = find(snapshot.resources, 'aws_s3_bucket_server_side_encryption_configuration', 'site-euw1');
  assert.deepEqual(sse.attributes['rule'], [
    {
      apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/site' }],
      bucket_key_enabled: true,
    },
  ]);
  assert.equal(noise('aws_s3_bucket_server_side_encryption_configuration', 'site-euw1'), false, 'a KMS key is chosen');
  find(snapshot.resources, 'aws_s3_bucket_server_side_encryption_configuration', 'logs-target-euw1');
  assert.ok(
    noise('aws_s3_bucket_server_side_encryption_configuration', 'logs-target-euw1'),
    'the SSE-S3 default is noise when unmanaged',
  );

  const ownership = find(snapshot.resources, 'aws_s3_bucket_ownership_controls', 'site-euw1');
  assert.deepEqual(ownership.attributes['rule'], [{ object_ownership: 'BucketOwnerPreferred' }]);
  assert.equal(noise('aws_s3_bucket_ownership_controls', 'site-euw1'), false);
  assert.ok(noise('aws_s3_bucket_ownership_controls', 'logs-target-euw1'), 'BucketOwnerEnforced is the S3 default');

  assert.deepEqual(find(snapshot.resources, 'aws_s3_bucket_cors_configuration', 'site-euw1').attributes['cors_rule'], [
    {
      allowed_headers: [],
      allowed_methods: ['GET', 'PUT'],
      allowed_origins: ['https://app.example'],
      expose_headers: [],
      id: '',
      max_age_seconds: 600,
    },
  ]);

  const logging = find(snapshot.resources, 'aws_s3_bucket_logging', 'site-euw1');
  assert.equal(logging.attributes['target_bucket'], 'logs-target-euw1');
  assert.equal(logging.attributes['target_prefix'], 'site/');
  assert.deepEqual(logging.attributes['target_grant'], []);

  const website = find(snapshot.resources, 'aws_s3_bucket_website_configuration', 'site-euw1');
  assert.deepEqual(website.attributes['index_document'], [{ suffix: 'index.html' }]);
  assert.deepEqual(website.attributes['error_document'], []);
  assert.deepEqual(website.attributes['routing_rule'], [
    { condition: [{ key_prefix_equals: 'old/' }], redirect: [{ protocol: '', replace_key_prefix_with: 'new/' }] },
  ]);
  assert.deepEqual(JSON.parse(String(website.attributes['routing_rules'])), [
    { Condition: { KeyPrefixEquals: 'old/' }, Redirect: { ReplaceKeyPrefixWith: 'new/' } },
  ]);

  // bare-euw1 has none of them set: NoSuchCORSConfiguration, OwnershipControlsNotFoundError, ... are "no resource".
  assert.deepEqual(
    snapshot.resources.filter((r) => r.id === 'bare-euw1').map((r) => r.type),
    [],
  );
  for (const op of [
    'GetBucketEncryption',
    'GetBucketOwnershipControls',
    'GetBucketCors',
    'GetBucketLogging',
    'GetBucketWebsite',
  ]) {
    assert.equal(apiCalls[`s3:${op}`], 3, `${op}: one call per bucket of the region`);
  }
});
