/**
 * aws_efs_mount_target: DescribeMountTargets per file system (the API lists mount targets only by
 * file system or access point; file systems from the DescribeFileSystems listing shared with
 * aws_efs_file_system). The provider's id and import id are the mount target id. As the provider's
 * read (resourceMountTargetRead): file_system_arn built from the scope's account and region,
 * dns_name `<fs>.efs.<region>.amazonaws.com` and mount_target_dns_name
 * `<az>.<fs>.efs.<region>.amazonaws.com`. The security groups cost one
 * DescribeMountTargetSecurityGroups call per mount target: unread, read with --deep.
 */
import type { MountTargetDescription } from '@aws-sdk/client-efs';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, sortedStrings, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

async function mountTargets(repos: AwsRepositories): Promise<MountTargetDescription[]> {
  const fileSystems = await repos.listing.list('efs', 'DescribeFileSystems', {}, (page) => page.FileSystems, 100);
  const perFileSystem = await repos.listing.each(fileSystems, (fs) =>
    repos.listing.list(
      'efs',
      'DescribeMountTargets',
      { FileSystemId: fs.FileSystemId },
      (page) => page.MountTargets,
      100,
    ),
  );
  return perFileSystem.flat();
}

export const efsMountTarget = defineResourceType<MountTargetDescription>({
  type: 'aws_efs_mount_target',
  service: 'efs',
  list: mountTargets,
  observe: (m, scope) => {
    const fs = m.FileSystemId ?? '';
    return {
      id: m.MountTargetId ?? '',
      attributes: {
        id: m.MountTargetId,
        file_system_id: fs,
        file_system_arn: arnOf('elasticfilesystem', scope.region, scope.account, `file-system/${fs}`),
        subnet_id: m.SubnetId,
        ip_address: m.IpAddress,
        network_interface_id: m.NetworkInterfaceId,
        owner_id: m.OwnerId,
        availability_zone_id: m.AvailabilityZoneId,
        availability_zone_name: m.AvailabilityZoneName,
        dns_name: `${fs}.efs.${scope.region}.amazonaws.com`,
        mount_target_dns_name: `${m.AvailabilityZoneName ?? ''}.${fs}.efs.${scope.region}.amazonaws.com`,
      },
    };
  },
  unread: unread('one DescribeMountTargetSecurityGroups call per mount target: read with --deep', 'security_groups'),
  deep: {
    attributes: ['security_groups'],
    read: async (item, repos) => {
      const out = await repos.listing.read('efs', 'DescribeMountTargetSecurityGroups', { MountTargetId: item.id });
      return { security_groups: sortedStrings(out?.SecurityGroups) };
    },
  },
  // Set by AWS when the mount target is created.
  computed: ['network_interface_id', 'owner_id', 'availability_zone_id', 'availability_zone_name'],
  sets: ['security_groups'],
  // Which networks can reach the file system.
  policy: ['security_groups', 'subnet_id'],
  forcesReplacement: ['file_system_id', 'subnet_id', 'ip_address'],
  trailEvents: ['CreateMountTarget', 'DeleteMountTarget', 'ModifyMountTargetSecurityGroups'],
  limitations:
    'one DescribeMountTargets call per file system (the API cannot list all mount targets at once); security_groups only with --deep',
  prune: {
    sends: ['efs:DeleteMountTarget'],
    plan: (f, ctx) => ({
      calls: [awsCall('efs', 'DeleteMountTarget', regionOf(f, ctx), { MountTargetId: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'file_system_id', required: true },
      { name: 'subnet_id', required: true },
    ],
  },
});
