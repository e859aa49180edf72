import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ami } from './ami.js';

const observedItems = trackObservations(ami);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_ami maps DescribeImages as the provider stores it: ARN without account, root snapshot, block devices split', () => {
  const o = ami.observe(
    {
      ImageId: 'ami-1',
      Name: 'app-2026-12-01',
      Description: 'app image',
      Architecture: 'arm64',
      OwnerId: '123456789012',
      Public: false,
      State: 'available',
      ImageType: 'machine',
      Hypervisor: 'xen',
      EnaSupport: true,
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
      SriovNetSupport: 'simple',
      PlatformDetails: 'Linux/UNIX',
      UsageOperation: 'RunInstances',
      ImageLocation: '123456789012/app-2026-12-01',
      BootMode: 'uefi',
      ImdsSupport: 'v2.0',
      LastLaunchedTime: '2026-12-01T10:00:00Z',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            SnapshotId: 'snap-1',
            VolumeSize: 8,
            VolumeType: 'gp3',
            DeleteOnTermination: true,
            Encrypted: true,
            Iops: 3000,
            Throughput: 125,
          },
        },
        { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
      ],
      Tags: [{ Key: 'Name', Value: 'app' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'ami-1',
    architecture: 'arm64',
    arn: 'arn:aws:ec2:eu-west-1::image/ami-1',
    boot_mode: 'uefi',
    deprecation_time: '',
    description: 'app image',
    ena_support: true,
    hypervisor: 'xen',
    image_location: '123456789012/app-2026-12-01',
    image_owner_alias: '',
    image_type: 'machine',
    imds_support: 'v2.0',
    kernel_id: '',
    last_launched_time: '2026-12-01T10:00:00Z',
    name: 'app-2026-12-01',
    owner_id: '123456789012',
    platform: '',
    platform_details: 'Linux/UNIX',
    public: false,
    ramdisk_id: '',
    root_device_name: '/dev/xvda',
    root_snapshot_id: 'snap-1',
    sriov_net_support: 'simple',
    tpm_support: '',
    usage_operation: 'RunInstances',
    virtualization_type: 'hvm',
    ebs_block_device: [
      {
        delete_on_termination: true,
        device_name: '/dev/xvda',
        encrypted: true,
        iops: 3000,
        outpost_arn: '',
        snapshot_id: 'snap-1',
        throughput: 125,
        volume_size: 8,
        volume_type: 'gp3',
      },
    ],
    ephemeral_block_device: [{ device_name: '/dev/sdb', virtual_name: 'ephemeral0' }],
    tags: { Name: 'app' },
    tags_all: { Name: 'app' },
  });
});

test('aws_ami prune deregisters the image', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_ami', id: 'ami-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(ami.prune!.plan(finding, ctx), {
    calls: [{ service: 'ec2', operation: 'DeregisterImage', region: 'eu-west-1', input: { ImageId: 'ami-1' } }],
  });
});

test('every provider attribute of aws_ami is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ami, observedItems);
});
