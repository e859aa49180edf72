/** aws_ebs_volume: DescribeVolumes. The import id is the volume id. */
import type { Instance, Volume } from '@aws-sdk/client-ec2';
import { arnOf, tagAttributes } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { awsCall, regionOf } from '../calls.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/**
 * Volumes whose attachments all say whether they are deleted with their instance. AWS always
 * reports DeleteOnTermination in DescribeVolumes; an endpoint that omits it (the moto emulator)
 * would turn every root volume into an `unmanaged` false positive, so the instances' block device
 * mappings (a memoized listing shared with aws_instance) fill the gap. No extra call on AWS.
 */
export async function volumesWithDeleteOnTermination(repos: AwsRepositories): Promise<Volume[]> {
  const volumes = await repos.ec2.volumes();
  const incomplete = volumes.some((v) => v.Attachments?.some((a) => a.DeleteOnTermination === undefined));
  if (!incomplete) return volumes;
  const byVolume = new Map<string, boolean>();
  for (const instance of (await repos.ec2.instances()) as Instance[]) {
    for (const mapping of instance.BlockDeviceMappings ?? []) {
      if (mapping.Ebs?.VolumeId && mapping.Ebs.DeleteOnTermination !== undefined)
        byVolume.set(mapping.Ebs.VolumeId, mapping.Ebs.DeleteOnTermination);
    }
  }
  return volumes.map((v) => ({
    ...v,
    Attachments: v.Attachments?.map((a) =>
      a.DeleteOnTermination === undefined && a.VolumeId && byVolume.has(a.VolumeId)
        ? { ...a, DeleteOnTermination: byVolume.get(a.VolumeId) }
        : a,
    ),
  }));
}

/** Written only for volume types that take the argument (iops for io1/io2/gp3, throughput for gp3). */
const volumeTypeIs =
  (...types: string[]) =>
  (attributes: Readonly<Record<string, unknown>>): boolean =>
    types.includes(String(attributes['type']));

export const ebsVolume = defineResourceType<Volume>({
  type: 'aws_ebs_volume',
  service: 'ec2',
  list: (repos) => volumesWithDeleteOnTermination(repos),
  observe: (v, scope) => ({
    id: v.VolumeId ?? '',
    attributes: {
      id: v.VolumeId,
      arn: arnOf('ec2', scope.region, scope.account, `volume/${v.VolumeId}`),
      availability_zone: v.AvailabilityZone,
      size: v.Size,
      type: v.VolumeType,
      iops: v.Iops ?? 0,
      throughput: v.Throughput ?? 0,
      encrypted: v.Encrypted ?? false,
      kms_key_id: v.KmsKeyId ?? '',
      snapshot_id: v.SnapshotId ?? '',
      multi_attach_enabled: v.MultiAttachEnabled ?? false,
      outpost_arn: v.OutpostArn ?? '',
      create_time: v.CreateTime?.toISOString(),
      ...tagAttributes(v.Tags),
    },
    // Volumes an instance's block device mapping created are deleted with it (DeleteOnTermination):
    // Terraform records them inside aws_instance (root_block_device, ebs_block_device).
    ...(v.Attachments?.some((a) => a.DeleteOnTermination)
      ? {
          noise: `created by the block device mapping of instance ${v.Attachments.find((a) => a.DeleteOnTermination)?.InstanceId}`,
        }
      : {}),
  }),
  computed: ['final_snapshot', 'create_time', 'volume_initialization_rate', 'timeouts'],
  defaults: [
    { path: 'throughput', value: 0, why: 'only gp3 volumes report throughput' },
    { path: 'iops', value: 0, why: 'gp2 and magnetic volumes report a baseline iops the configuration never sets' },
  ],
  policy: ['encrypted', 'kms_key_id'],
  forcesReplacement: ['availability_zone', 'encrypted', 'kms_key_id', 'snapshot_id', 'outpost_arn'],
  trailEvents: ['CreateVolume', 'DeleteVolume', 'ModifyVolume', 'CreateTags', 'DeleteTags'],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:CreateSnapshot', 'ec2:DeleteVolume'],
    plan: (f, ctx) => {
      const region = regionOf(f, ctx);
      const VolumeId = f.resource.id ?? '';
      return {
        calls: [
          // A deleted volume cannot be undone; its snapshot can be restored.
          awsCall(
            'ec2',
            'CreateSnapshot',
            region,
            { VolumeId, Description: `driftwarden: before pruning ${VolumeId}` },
            { note: 'waits until the snapshot completes', after: 'waitSnapshotCompleted' },
          ),
          awsCall('ec2', 'DeleteVolume', region, { VolumeId }),
        ],
      };
    },
  },
  steps: {
    // Deleting the volume before its snapshot completes would lose the data the snapshot promises.
    waitSnapshotCompleted: {
      after: async (_input, output, ctx) => {
        const snapshotId = String(output['SnapshotId']);
        await ctx.waitUntil(`snapshot ${snapshotId} completed`, async () => {
          const out = (await ctx.send('ec2', 'DescribeSnapshots', { SnapshotIds: [snapshotId] })) as {
            Snapshots?: { State?: string }[];
          };
          const state = out.Snapshots?.[0]?.State;
          if (state === 'error') throw new Error(`snapshot ${snapshotId} failed`);
          return state === 'completed';
        });
        return { SnapshotId: snapshotId };
      },
    },
  },
  codify: {
    arguments: [
      { name: 'availability_zone', required: true },
      { name: 'size' },
      { name: 'type' },
      { name: 'iops', when: volumeTypeIs('io1', 'io2', 'gp3') },
      { name: 'throughput', when: volumeTypeIs('gp3') },
      { name: 'encrypted', default: false },
      { name: 'kms_key_id' },
      { name: 'snapshot_id' },
      { name: 'multi_attach_enabled', default: false },
      { name: 'outpost_arn' },
      { name: 'tags' },
    ],
  },
});
