import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ebsVolume } from './ebs-volume.js';

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_ebs_volume maps DescribeVolumes; volumes made by an instance block device mapping are expected noise', () => {
  const o = ebsVolume.observe({ VolumeId: 'vol-1', AvailabilityZone: 'eu-west-1a', Size: 100, VolumeType: 'gp3', Iops: 3000, Throughput: 125, Encrypted: true, KmsKeyId: 'arn:k', Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: false }] }, scope);
  assert.equal(o.id, 'vol-1');
  assert.deepEqual([o.attributes['size'], o.attributes['type'], o.attributes['iops'], o.attributes['throughput'], o.attributes['encrypted']], [100, 'gp3', 3000, 125, true]);
  assert.equal(o.attributes['snapshot_id'], '');
  assert.equal(o.noise, undefined, 'a separately attached volume is a resource of its own');
  const root = ebsVolume.observe({ VolumeId: 'vol-2', Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: true }] }, scope);
  assert.match(root.noise ?? '', /block device mapping of instance i-1/);
  assert.equal(ebsVolume.observe({ VolumeId: 'vol-3', VolumeType: 'gp2' }, scope).attributes['throughput'], 0);
});
