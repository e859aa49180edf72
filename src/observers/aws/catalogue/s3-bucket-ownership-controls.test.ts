import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketOwnershipControls as entry } from './s3-bucket-ownership-controls.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(entry);
const scope = { account: '1', region: 'eu-west-1' };
const ctx = { defaultRegion: 'eu-west-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_s3_bucket_ownership_controls: the rule as a one-element list; BucketOwnerEnforced (the S3 default) is noise', () => {
  const preferred = entry.observe({ bucket: 'b', value: [{ ObjectOwnership: 'BucketOwnerPreferred' }] }, scope);
  assert.deepEqual(preferred, {
    id: 'b',
    attributes: { id: 'b', bucket: 'b', rule: [{ object_ownership: 'BucketOwnerPreferred' }] },
  });
  const enforced = entry.observe({ bucket: 'e', value: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }, scope);
  assert.match(enforced.noise ?? '', /BucketOwnerEnforced/);
  assert.equal(entry.policyType, true);
});

test('aws_s3_bucket_ownership_controls revert puts the recorded object ownership back', () => {
  const finding = {
    resource: { type: entry.type, id: 'b', region: 'eu-west-1', address: 'x.y' },
    kind: 'policy',
    changes: [
      {
        path: 'rule[0].object_ownership',
        recorded: 'BucketOwnerEnforced',
        observed: 'ObjectWriter',
        sensitive: false,
      },
    ],
  } as never;
  assert.deepEqual(entry.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 's3',
        operation: 'PutBucketOwnershipControls',
        region: 'eu-west-1',
        input: { Bucket: 'b', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } },
      },
    ],
  });
});

test('every provider attribute of aws_s3_bucket_ownership_controls is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
