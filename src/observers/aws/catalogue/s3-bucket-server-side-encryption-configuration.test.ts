import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketServerSideEncryptionConfiguration as entry } from './s3-bucket-server-side-encryption-configuration.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(entry);
const scope = { account: '1', region: 'eu-west-1' };
const ctx = { defaultRegion: 'eu-west-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_s3_bucket_server_side_encryption_configuration: rules as the provider flattens them, zero values for what S3 omits', () => {
  const observed = entry.observe(
    {
      bucket: 'b',
      value: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:k' } }],
    },
    scope,
  );
  assert.equal(observed.noise, undefined, 'a KMS key is a choice someone made, never noise');
  assert.deepEqual(observed, {
    id: 'b',
    attributes: {
      id: 'b',
      bucket: 'b',
      expected_bucket_owner: '',
      rule: [
        {
          apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:k' }],
          bucket_key_enabled: false,
        },
      ],
    },
  });
});

test('aws_s3_bucket_server_side_encryption_configuration: the SSE-S3 default S3 gives every bucket is noise, a bucket key is not', () => {
  const aws = entry.observe(
    {
      bucket: 'd',
      value: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
    },
    scope,
  );
  assert.match(aws.noise ?? '', /default encryption to every bucket/);
  const chosen = entry.observe(
    {
      bucket: 'k',
      value: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
    },
    scope,
  );
  assert.equal(chosen.noise, undefined);
});

test('aws_s3_bucket_server_side_encryption_configuration: buckets that answered "not found" have no such resource', async () => {
  const repos = {
    s3: {
      bucketEncryption: async () => [
        { bucket: 'b', value: [] },
        { bucket: 'none', value: undefined },
      ],
    },
  };
  const listed = await entry.list(repos as never, scope);
  assert.deepEqual(
    listed.map((b) => b.bucket),
    ['b'],
  );
});

test('aws_s3_bucket_server_side_encryption_configuration revert puts the recorded rules back', () => {
  const recorded = [
    {
      apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:k' }],
      bucket_key_enabled: true,
    },
  ];
  const finding = {
    resource: { type: entry.type, id: 'b', region: 'eu-west-1', address: 'x.y' },
    kind: 'changed',
    changes: [{ path: 'rule', recorded, observed: [], sensitive: false }],
  } as never;
  assert.deepEqual(entry.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 's3',
        operation: 'PutBucketEncryption',
        region: 'eu-west-1',
        input: {
          Bucket: 'b',
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:k' },
                BucketKeyEnabled: true,
              },
            ],
          },
        },
      },
    ],
  });
  const none = { ...(finding as object), changes: [] } as never;
  assert.ok('unsupported' in entry.revert!.plan(none, ctx));
});

test('every provider attribute of aws_s3_bucket_server_side_encryption_configuration is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
