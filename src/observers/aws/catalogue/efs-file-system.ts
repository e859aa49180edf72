/**
 * aws_efs_file_system: DescribeFileSystems, one paginated bulk call per region (tags included). The
 * provider's id and import id are the file system id. As the provider's read: `dns_name` built as
 * `<id>.efs.<region>.amazonaws.com`, `size_in_bytes` and `protection` one-element lists, absent
 * strings and numbers as the zero value. The lifecycle policy needs DescribeLifecycleConfiguration
 * per file system: unread.
 */
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { awsCall, regionOf } from '../calls.js';
import { tagAttributes, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const efsFileSystem = defineResourceType<FileSystemDescription>({
  type: 'aws_efs_file_system',
  service: 'efs',
  list: (repos) => repos.listing.list('efs', 'DescribeFileSystems', {}, (page) => page.FileSystems, 100),
  observe: (fs, scope) => ({
    id: fs.FileSystemId ?? '',
    attributes: {
      id: fs.FileSystemId,
      arn: fs.FileSystemArn,
      availability_zone_id: fs.AvailabilityZoneId ?? '',
      availability_zone_name: fs.AvailabilityZoneName ?? '',
      creation_token: fs.CreationToken ?? '',
      dns_name: `${fs.FileSystemId}.efs.${scope.region}.amazonaws.com`,
      encrypted: fs.Encrypted ?? false,
      kms_key_id: fs.KmsKeyId ?? '',
      name: fs.Name ?? '',
      number_of_mount_targets: fs.NumberOfMountTargets ?? 0,
      owner_id: fs.OwnerId ?? '',
      performance_mode: fs.PerformanceMode ?? '',
      protection: fs.FileSystemProtection
        ? [{ replication_overwrite: fs.FileSystemProtection.ReplicationOverwriteProtection ?? '' }]
        : [],
      provisioned_throughput_in_mibps: fs.ProvisionedThroughputInMibps ?? 0,
      size_in_bytes: fs.SizeInBytes
        ? [
            {
              value: fs.SizeInBytes.Value ?? 0,
              value_in_ia: fs.SizeInBytes.ValueInIA ?? 0,
              value_in_standard: fs.SizeInBytes.ValueInStandard ?? 0,
            },
          ]
        : [],
      throughput_mode: fs.ThroughputMode ?? '',
      ...tagAttributes(fs.Tags),
    },
  }),
  unread: unread('DescribeLifecycleConfiguration is one call per file system: not read', 'lifecycle_policy'),
  // Values AWS derives and changes by itself (usage, mount-target count, the Name tag's copy).
  computed: ['size_in_bytes', 'number_of_mount_targets', 'name', 'owner_id', 'dns_name'],
  // Whether the data is encrypted, and with whose key.
  policy: ['encrypted', 'kms_key_id'],
  forcesReplacement: ['availability_zone_name', 'creation_token', 'encrypted', 'kms_key_id', 'performance_mode'],
  trailEvents: [
    'CreateFileSystem',
    'UpdateFileSystem',
    'DeleteFileSystem',
    'PutLifecycleConfiguration',
    'UpdateFileSystemProtection',
    'TagResource',
    'UntagResource',
  ],
  revert: {
    attributes: ['throughput_mode', 'provisioned_throughput_in_mibps'],
    sends: ['efs:UpdateFileSystem'],
    plan: (f, ctx) => {
      const input: {
        FileSystemId: string;
        ThroughputMode?: 'bursting' | 'elastic' | 'provisioned';
        ProvisionedThroughputInMibps?: number;
      } = { FileSystemId: f.resource.id ?? '' };
      for (const change of f.changes) {
        if (change.path === 'throughput_mode' && typeof change.recorded === 'string')
          input.ThroughputMode = change.recorded as 'bursting' | 'elastic' | 'provisioned';
        else if (change.path === 'provisioned_throughput_in_mibps' && typeof change.recorded === 'number')
          input.ProvisionedThroughputInMibps = change.recorded;
        else return { unsupported: `${change.path}: no recorded value to put back` };
      }
      return { calls: [awsCall('efs', 'UpdateFileSystem', regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['efs:DeleteFileSystem'],
    plan: (f, ctx) => ({
      calls: [awsCall('efs', 'DeleteFileSystem', regionOf(f, ctx), { FileSystemId: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'creation_token' },
      { name: 'encrypted', default: false },
      { name: 'kms_key_id', default: '' },
      { name: 'performance_mode', default: 'generalPurpose' },
      { name: 'throughput_mode', default: 'bursting' },
      { name: 'tags' },
    ],
  },
});
