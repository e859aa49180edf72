/** aws_ebs_snapshot: DescribeSnapshots owned by the account. The import id is the snapshot id. */
import type { Snapshot } from '@aws-sdk/client-ec2';
import { tagAttributes } from '../mapping.js';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

export const ebsSnapshot = defineResourceType<Snapshot>({
  type: 'aws_ebs_snapshot',
  service: 'ec2',
  list: (repos) => repos.ec2.snapshots(),
  observe: (s, scope) => ({
    id: s.SnapshotId ?? '',
    attributes: {
      id: s.SnapshotId,
      // Snapshot ARNs carry no account.
      arn: `arn:aws:ec2:${scope.region}::snapshot/${s.SnapshotId}`,
      volume_id: s.VolumeId,
      description: s.Description ?? '',
      encrypted: s.Encrypted ?? false,
      kms_key_id: s.KmsKeyId ?? '',
      owner_id: s.OwnerId,
      owner_alias: s.OwnerAlias ?? '',
      volume_size: s.VolumeSize,
      data_encryption_key_id: s.DataEncryptionKeyId ?? '',
      outpost_arn: s.OutpostArn ?? '',
      storage_tier: s.StorageTier ?? 'standard',
      ...tagAttributes(s.Tags),
    },
  }),
  computed: ['permanent_restore', 'temporary_restore_days', 'timeouts'],
  policy: ['encrypted', 'kms_key_id'],
  forcesReplacement: ['volume_id', 'description', 'outpost_arn'],
  trailEvents: [
    'CreateSnapshot',
    'DeleteSnapshot',
    'ModifySnapshotAttribute',
    'ModifySnapshotTier',
    'CreateTags',
    'DeleteTags',
  ],
  prune: {
    sends: ['ec2:DeleteSnapshot'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteSnapshot', regionOf(f, ctx), { SnapshotId: f.resource.id })],
    }),
  },
});
