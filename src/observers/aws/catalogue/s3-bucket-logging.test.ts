import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketLogging as entry } from './s3-bucket-logging.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(entry);
const scope = { account: '1', region: 'eu-west-1' };

test('aws_s3_bucket_logging: target, grants and key format as the provider flattens them', () => {
  const observed = entry.observe(
    {
      bucket: 'b',
      value: {
        TargetBucket: 'logs',
        TargetPrefix: 'b/',
        TargetGrants: [{ Grantee: { Type: 'CanonicalUser', ID: 'abc' }, Permission: 'READ' }],
        TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
      },
    },
    scope,
  );
  assert.deepEqual(observed.attributes, {
    id: 'b',
    bucket: 'b',
    expected_bucket_owner: '',
    target_bucket: 'logs',
    target_prefix: 'b/',
    target_grant: [
      {
        permission: 'READ',
        grantee: [{ type: 'CanonicalUser', display_name: '', email_address: '', id: 'abc', uri: '' }],
      },
    ],
    target_object_key_format: [{ partitioned_prefix: [{ partition_date_source: 'EventTime' }], simple_prefix: [] }],
  });
});

test('aws_s3_bucket_logging: no key format and no grants when S3 returns none; no LoggingEnabled is no resource', async () => {
  const observed = entry.observe({ bucket: 'b', value: { TargetBucket: 'logs', TargetPrefix: '' } }, scope);
  assert.deepEqual(observed.attributes['target_object_key_format'], []);
  assert.deepEqual(observed.attributes['target_grant'], []);
  const simple = entry.observe(
    { bucket: 'b', value: { TargetBucket: 'logs', TargetPrefix: 'p', TargetObjectKeyFormat: { SimplePrefix: {} } } },
    scope,
  );
  assert.deepEqual(simple.attributes['target_object_key_format'], [{ partitioned_prefix: [], simple_prefix: [{}] }]);
  const repos = { s3: { bucketLogging: async () => [{ bucket: 'off', value: undefined }] } };
  assert.deepEqual(await entry.list(repos as never, scope), []);
});

test('every provider attribute of aws_s3_bucket_logging is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
