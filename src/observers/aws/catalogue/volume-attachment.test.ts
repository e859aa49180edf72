import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { volumeAttachment, volumeAttachmentId } from './volume-attachment.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(volumeAttachment);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_volume_attachment gets the provider id vai-CRC32("DEVICE-INSTANCE-VOLUME-")', () => {
  const crc32 = (zlib as unknown as { crc32?: (s: string) => number }).crc32;
  const id = volumeAttachmentId('/dev/sdh', 'vol-1', 'i-1');
  if (crc32) assert.equal(id, `vai-${crc32('/dev/sdh-i-1-vol-1-')}`);
  // Known value, independent of zlib: CRC-32 of "/dev/sdh-i-1-vol-1-".
  assert.equal(id, 'vai-36494737');
  const o = volumeAttachment.observe(
    { Device: '/dev/sdh', VolumeId: 'vol-1', InstanceId: 'i-1', State: 'attached', DeleteOnTermination: false },
    scope,
  );
  assert.equal(o.id, id);
  assert.deepEqual(o.attributes, { id, device_name: '/dev/sdh', volume_id: 'vol-1', instance_id: 'i-1' });
  assert.equal(o.noise, undefined);
  assert.ok(
    volumeAttachment.observe(
      { Device: '/dev/xvda', VolumeId: 'vol-2', InstanceId: 'i-1', DeleteOnTermination: true },
      scope,
    ).noise,
  );
});

test('every provider attribute of aws_volume_attachment is observed by these fixtures or declared with a reason', () => {
  assertAccounted(volumeAttachment, observedItems);
});
