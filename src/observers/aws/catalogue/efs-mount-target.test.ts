import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { efsMountTarget } from './efs-mount-target.js';

const observedItems = trackObservations(efsMountTarget);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_efs_mount_target maps DescribeMountTargets as resourceMountTargetRead sets it (ARN and DNS names built)', () => {
  const o = efsMountTarget.observe(
    {
      MountTargetId: 'fsmt-1',
      FileSystemId: 'fs-1',
      SubnetId: 'subnet-1',
      LifeCycleState: 'available',
      IpAddress: '10.0.1.5',
      NetworkInterfaceId: 'eni-1',
      OwnerId: '123456789012',
      AvailabilityZoneId: 'euw1-az1',
      AvailabilityZoneName: 'eu-west-1a',
      VpcId: 'vpc-1',
    },
    scope,
  );
  assert.equal(o.id, 'fsmt-1');
  assert.deepEqual(o.attributes, {
    id: 'fsmt-1',
    file_system_id: 'fs-1',
    file_system_arn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1',
    subnet_id: 'subnet-1',
    ip_address: '10.0.1.5',
    network_interface_id: 'eni-1',
    owner_id: '123456789012',
    availability_zone_id: 'euw1-az1',
    availability_zone_name: 'eu-west-1a',
    dns_name: 'fs-1.efs.eu-west-1.amazonaws.com',
    mount_target_dns_name: 'eu-west-1a.fs-1.efs.eu-west-1.amazonaws.com',
  });
  assert.deepEqual(efsMountTarget.deep?.attributes, ['security_groups']);
});

test('aws_efs_mount_target prune deletes the mount target', () => {
  const finding = {
    resource: { type: 'aws_efs_mount_target', id: 'fsmt-1', region: 'eu-west-1', address: 'unmanaged' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(efsMountTarget.prune!.plan(finding, ctx), {
    calls: [
      { service: 'efs', operation: 'DeleteMountTarget', region: 'eu-west-1', input: { MountTargetId: 'fsmt-1' } },
    ],
  });
});

test('every provider attribute of aws_efs_mount_target is observed by these fixtures or declared with a reason', () => {
  assertAccounted(efsMountTarget, observedItems);
});
