/**
 * aws_ami: DescribeImages of this account's own images (Owners self) through the generic listing.
 * The import id is the image id. As the provider's read: attributes as returned, the ARN without an
 * account (`image/<id>`), root_snapshot_id from the mapping of the root device, EBS mappings in
 * ebs_block_device and the others in ephemeral_block_device; a deregistered image is gone.
 */
import type { BlockDeviceMapping, Image } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { tagAttributes, unread } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

function ebsBlockDevice(m: BlockDeviceMapping): Record<string, unknown> {
  const e = m.Ebs ?? {};
  return {
    delete_on_termination: e.DeleteOnTermination ?? false,
    device_name: m.DeviceName ?? '',
    encrypted: e.Encrypted ?? false,
    iops: e.Iops ?? 0,
    outpost_arn: e.OutpostArn ?? '',
    snapshot_id: e.SnapshotId ?? '',
    throughput: e.Throughput ?? 0,
    volume_size: e.VolumeSize ?? 0,
    volume_type: e.VolumeType ?? '',
  };
}

const byDevice = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a['device_name']).localeCompare(String(b['device_name']));

export const ami = defineResourceType<Image>({
  type: 'aws_ami',
  service: 'ec2',
  list: async (repos) =>
    (await repos.listing.list('ec2', 'DescribeImages', { Owners: ['self'] }, (page) => page.Images, 1000)).filter(
      (i) => i.State !== 'deregistered',
    ),
  observe: (i, scope) => {
    const mappings = i.BlockDeviceMappings ?? [];
    const root = mappings.find((m) => m.DeviceName === i.RootDeviceName && m.Ebs);
    return {
      id: i.ImageId ?? '',
      attributes: {
        id: i.ImageId,
        architecture: i.Architecture ?? '',
        arn: `arn:aws:ec2:${scope.region}::image/${i.ImageId}`,
        boot_mode: i.BootMode ?? '',
        deprecation_time: i.DeprecationTime ?? '',
        description: i.Description ?? '',
        ena_support: i.EnaSupport ?? false,
        hypervisor: i.Hypervisor ?? '',
        image_location: i.ImageLocation ?? '',
        image_owner_alias: i.ImageOwnerAlias ?? '',
        image_type: i.ImageType ?? '',
        imds_support: i.ImdsSupport ?? '',
        kernel_id: i.KernelId ?? '',
        last_launched_time: i.LastLaunchedTime ?? '',
        name: i.Name,
        owner_id: i.OwnerId ?? '',
        platform: i.Platform ?? '',
        platform_details: i.PlatformDetails ?? '',
        public: i.Public ?? false,
        ramdisk_id: i.RamdiskId ?? '',
        root_device_name: i.RootDeviceName ?? '',
        root_snapshot_id: root?.Ebs?.SnapshotId ?? '',
        sriov_net_support: i.SriovNetSupport ?? '',
        tpm_support: i.TpmSupport ?? '',
        usage_operation: i.UsageOperation ?? '',
        virtualization_type: i.VirtualizationType ?? '',
        ebs_block_device: mappings
          .filter((m) => m.Ebs)
          .map(ebsBlockDevice)
          .sort(byDevice),
        ephemeral_block_device: mappings
          .filter((m) => !m.Ebs)
          .map((m) => ({ device_name: m.DeviceName ?? '', virtual_name: m.VirtualName ?? '' }))
          .sort(byDevice),
        ...tagAttributes(i.Tags),
      },
    };
  },
  computed: [
    // Set by the provider itself (false for aws_ami): no API field.
    'manage_ebs_snapshots',
    // When the image was last used to launch an instance: usage, not configuration.
    'last_launched_time',
  ],
  unread: unread(
    'needs GetInstanceUefiData, one call per image (no bulk form); the provider keeps the configured value when that call fails',
    'uefi_data',
  ),
  sets: ['ebs_block_device', 'ephemeral_block_device'],
  // Who can launch the image.
  policy: ['public'],
  forcesReplacement: [
    'architecture',
    'boot_mode',
    'ebs_block_device',
    'ena_support',
    'ephemeral_block_device',
    'image_location',
    'imds_support',
    'kernel_id',
    'name',
    'ramdisk_id',
    'root_device_name',
    'sriov_net_support',
    'tpm_support',
    'uefi_data',
    'virtualization_type',
  ],
  trailEvents: [
    'RegisterImage',
    'CreateImage',
    'CopyImage',
    'DeregisterImage',
    'ModifyImageAttribute',
    'EnableImageDeprecation',
    'DisableImageDeprecation',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeregisterImage'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeregisterImage', regionOf(f, ctx), { ImageId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'description' },
      { name: 'architecture', default: 'x86_64' },
      { name: 'virtualization_type', default: 'paravirtual' },
      { name: 'root_device_name' },
      { name: 'ena_support', default: false },
      { name: 'tags' },
    ],
  },
});
