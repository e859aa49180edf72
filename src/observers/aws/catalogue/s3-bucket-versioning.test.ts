import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketVersioning } from './s3-bucket-versioning.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(s3BucketVersioning);

test('aws_s3_bucket_versioning: versioning_configuration as the provider nests it; never-versioned buckets are not listed', async () => {
  const observed = s3BucketVersioning.observe(
    { bucket: 'b', value: { status: 'Suspended', mfaDelete: undefined } },
    { account: '1', region: 'eu-west-1' },
  );
  assert.equal(observed.id, 'b');
  // flattenVersioning stores MFADelete as returned: "" when GetBucketVersioning omits it (the old
  // 'Disabled' fill-in was a finding under --strict against the state the provider wrote).
  assert.deepEqual(observed.attributes['versioning_configuration'], [{ status: 'Suspended', mfa_delete: '' }]);
  const repos = {
    s3: {
      bucketVersioning: async () => [
        { bucket: 'b', value: { status: 'Enabled' } },
        { bucket: 'never', value: { status: undefined } },
      ],
    },
  };
  const listed = await s3BucketVersioning.list(repos as never, { account: '1', region: 'eu-west-1' });
  assert.deepEqual(
    listed.map((b) => b.bucket),
    ['b'],
  );
});

test('every provider attribute of aws_s3_bucket_versioning is observed by these fixtures or declared with a reason', () => {
  assertAccounted(s3BucketVersioning, observedItems);
});
