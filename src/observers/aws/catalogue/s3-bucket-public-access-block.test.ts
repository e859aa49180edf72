import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketPublicAccessBlock } from './s3-bucket-public-access-block.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(s3BucketPublicAccessBlock);

test('aws_s3_bucket_public_access_block: the four flags, false when AWS omits one', () => {
  const observed = s3BucketPublicAccessBlock.observe(
    { bucket: 'b', value: { BlockPublicAcls: true, RestrictPublicBuckets: true } },
    { account: '1', region: 'eu-west-1' },
  );
  assert.deepEqual(observed, {
    id: 'b',
    attributes: {
      id: 'b',
      bucket: 'b',
      block_public_acls: true,
      block_public_policy: false,
      ignore_public_acls: false,
      restrict_public_buckets: true,
    },
  });
  assert.equal(s3BucketPublicAccessBlock.policyType, true);
});

test('every provider attribute of aws_s3_bucket_public_access_block is observed by these fixtures or declared with a reason', () => {
  assertAccounted(s3BucketPublicAccessBlock, observedItems);
});
