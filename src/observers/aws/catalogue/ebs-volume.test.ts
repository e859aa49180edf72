import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AwsRepositories } from '../repositories/index.js';
import { ebsVolume, volumesWithDeleteOnTermination } from './ebs-volume.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(ebsVolume);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_ebs_volume maps DescribeVolumes; volumes made by an instance block device mapping are expected noise', () => {
  const o = ebsVolume.observe(
    {
      VolumeId: 'vol-1',
      AvailabilityZone: 'eu-west-1a',
      Size: 100,
      VolumeType: 'gp3',
      Iops: 3000,
      Throughput: 125,
      Encrypted: true,
      KmsKeyId: 'arn:k',
      Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: false }],
    },
    scope,
  );
  assert.equal(o.id, 'vol-1');
  assert.deepEqual(
    [
      o.attributes['size'],
      o.attributes['type'],
      o.attributes['iops'],
      o.attributes['throughput'],
      o.attributes['encrypted'],
    ],
    [100, 'gp3', 3000, 125, true],
  );
  assert.equal(o.attributes['snapshot_id'], '');
  assert.equal(o.noise, undefined, 'a separately attached volume is a resource of its own');
  const root = ebsVolume.observe(
    { VolumeId: 'vol-2', Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: true }] },
    scope,
  );
  assert.match(root.noise ?? '', /block device mapping of instance i-1/);
  assert.equal(ebsVolume.observe({ VolumeId: 'vol-3', VolumeType: 'gp2' }, scope).attributes['throughput'], 0);
});

test('aws_ebs_volume: an endpoint that omits DeleteOnTermination (moto) gets it from the instances, so root volumes stay noise', async () => {
  let instanceCalls = 0;
  const repos = {
    ec2: {
      volumes: async () => [
        { VolumeId: 'vol-root', Attachments: [{ VolumeId: 'vol-root', InstanceId: 'i-1', Device: '/dev/sda1' }] },
        { VolumeId: 'vol-data', Attachments: [{ VolumeId: 'vol-data', InstanceId: 'i-1', Device: '/dev/sdf' }] },
      ],
      instances: async () => {
        instanceCalls++;
        return [
          {
            InstanceId: 'i-1',
            BlockDeviceMappings: [
              { Ebs: { VolumeId: 'vol-root', DeleteOnTermination: true } },
              { Ebs: { VolumeId: 'vol-data', DeleteOnTermination: false } },
            ],
          },
        ];
      },
    },
  } as unknown as AwsRepositories;
  const volumes = await volumesWithDeleteOnTermination(repos);
  assert.ok(ebsVolume.observe(volumes[0]!, scope).noise, 'the root volume is part of the instance');
  assert.equal(
    ebsVolume.observe(volumes[1]!, scope).noise,
    undefined,
    'an attached data volume is still compared or unmanaged',
  );
  assert.equal(instanceCalls, 1);

  // AWS always reports the flag: then the instances are not listed at all.
  const complete = {
    ec2: {
      volumes: async () => [{ VolumeId: 'v', Attachments: [{ DeleteOnTermination: false }] }],
      instances: async () => assert.fail('not needed'),
    },
  } as unknown as AwsRepositories;
  assert.equal((await volumesWithDeleteOnTermination(complete)).length, 1);
});

test('every provider attribute of aws_ebs_volume is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ebsVolume, observedItems);
});
