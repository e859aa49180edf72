import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ebsSnapshot } from './ebs-snapshot.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(ebsSnapshot);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_ebs_snapshot maps DescribeSnapshots; its ARN has no account', () => {
  const o = ebsSnapshot.observe(
    {
      SnapshotId: 'snap-1',
      VolumeId: 'vol-1',
      Description: 'nightly',
      Encrypted: false,
      OwnerId: '123456789012',
      VolumeSize: 8,
      Tags: [{ Key: 'k', Value: 'v' }],
    },
    scope,
  );
  assert.equal(o.id, 'snap-1');
  assert.equal(o.attributes['arn'], 'arn:aws:ec2:eu-west-1::snapshot/snap-1');
  assert.equal(o.attributes['volume_id'], 'vol-1');
  assert.equal(o.attributes['volume_size'], 8);
  assert.equal(o.attributes['storage_tier'], 'standard');
  assert.deepEqual(o.attributes['tags_all'], { k: 'v' });
  assert.equal(o.noise, undefined, 'a leftover snapshot is a real unmanaged resource');
});

test('every provider attribute of aws_ebs_snapshot is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ebsSnapshot, observedItems);
});
