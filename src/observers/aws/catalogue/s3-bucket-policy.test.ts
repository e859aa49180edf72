import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketPolicy } from './s3-bucket-policy.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(s3BucketPolicy);

test('aws_s3_bucket_policy: id is the bucket; buckets without a policy are not listed', async () => {
  const policy = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}';
  assert.deepEqual(s3BucketPolicy.observe({ bucket: 'b', value: policy }, { account: '1', region: 'eu-west-1' }), {
    id: 'b',
    attributes: { id: 'b', bucket: 'b', policy },
  });
  const repos = {
    s3: {
      bucketPolicies: async () => [
        { bucket: 'b', value: policy },
        { bucket: 'none', value: undefined },
      ],
    },
  };
  const listed = await s3BucketPolicy.list(repos as never, { account: '1', region: 'eu-west-1' });
  assert.deepEqual(
    listed.map((b) => b.bucket),
    ['b'],
  );
  assert.equal(s3BucketPolicy.policyType, true);
});

test('every provider attribute of aws_s3_bucket_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(s3BucketPolicy, observedItems);
});
