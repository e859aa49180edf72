/**
 * aws_kinesis_stream: ListStreams (stream names, paged) per region, then DescribeStreamSummary per
 * stream (ListStreams' summaries carry no retention, encryption, shard count or monitoring). The
 * provider's id is the stream ARN (import by name). As the provider's read (resourceStreamRead):
 * shard_count is the open shard count of a PROVISIONED stream only (an ON_DEMAND stream's is kept
 * as configured), shard_level_metrics gathered from every EnhancedMonitoring entry, kms_key_id ""
 * when AWS returns none, stream_mode_details one block when AWS returns the mode.
 */
import type { StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { sortedStrings, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

async function kinesisStreams(repos: AwsRepositories): Promise<StreamDescriptionSummary[]> {
  const names = await repos.listing.list('kinesis', 'ListStreams', {}, (page) => page.StreamNames, 1000);
  const described = await repos.listing.each([...new Set(names)], async (StreamName) => {
    // A stream deleted between the listing and the read is gone, not a failure.
    const out = await repos.listing.read('kinesis', 'DescribeStreamSummary', { StreamName }, [
      'ResourceNotFoundException',
    ]);
    return out?.StreamDescriptionSummary;
  });
  return described.filter((s): s is StreamDescriptionSummary => s !== undefined);
}

export const kinesisStream = defineResourceType<StreamDescriptionSummary>({
  type: 'aws_kinesis_stream',
  service: 'kinesis',
  list: kinesisStreams,
  observe: (s) => {
    const mode = s.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
    return {
      id: s.StreamARN ?? '',
      attributes: {
        id: s.StreamARN,
        arn: s.StreamARN,
        name: s.StreamName,
        encryption_type: s.EncryptionType ?? '',
        kms_key_id: s.KeyId ?? '',
        retention_period: s.RetentionPeriodHours,
        ...(mode === 'PROVISIONED' ? { shard_count: s.OpenShardCount } : {}),
        shard_level_metrics: sortedStrings((s.EnhancedMonitoring ?? []).flatMap((m) => m.ShardLevelMetrics ?? [])),
        stream_mode_details: s.StreamModeDetails ? [{ stream_mode: s.StreamModeDetails.StreamMode }] : [],
      },
    };
  },
  unread: unread(
    'DescribeStreamSummary returns no tags: ListTagsForStream is one call per stream, not read',
    'tags',
    'tags_all',
  ),
  // Configuration-only: how a delete treats registered consumers.
  computed: ['enforce_consumer_deletion'],
  sets: ['shard_level_metrics'],
  // Whether the records are encrypted at rest, and with which key.
  policy: ['encryption_type', 'kms_key_id'],
  forcesReplacement: ['name'],
  trailEvents: [
    'CreateStream',
    'DeleteStream',
    'UpdateShardCount',
    'UpdateStreamMode',
    'IncreaseStreamRetentionPeriod',
    'DecreaseStreamRetentionPeriod',
    'EnableEnhancedMonitoring',
    'DisableEnhancedMonitoring',
    'StartStreamEncryption',
    'StopStreamEncryption',
    'AddTagsToStream',
    'RemoveTagsFromStream',
  ],
  limitations: 'one DescribeStreamSummary call per stream (the API has no bulk form)',
  revert: {
    attributes: ['retention_period'],
    sends: ['kinesis:IncreaseStreamRetentionPeriod', 'kinesis:DecreaseStreamRetentionPeriod'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'retention_period');
      const observed = f.changes.find((c) => c.path === 'retention_period')?.observed;
      if (typeof recorded !== 'number' || typeof observed !== 'number')
        return { unsupported: 'the recorded and observed retention periods are not available' };
      const input = { StreamARN: f.resource.id, RetentionPeriodHours: recorded };
      const operation = recorded > observed ? 'IncreaseStreamRetentionPeriod' : 'DecreaseStreamRetentionPeriod';
      return { calls: [awsCall('kinesis', operation, regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['kinesis:DeleteStream'],
    plan: (f, ctx) => ({ calls: [awsCall('kinesis', 'DeleteStream', regionOf(f, ctx), { StreamARN: f.resource.id })] }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'shard_count', when: (a) => a['shard_count'] !== undefined },
      { name: 'retention_period', default: 24 },
      { name: 'shard_level_metrics' },
      { name: 'encryption_type', default: 'NONE' },
      { name: 'kms_key_id', when: (a) => a['encryption_type'] === 'KMS' },
      {
        name: 'stream_mode_details',
        block: [{ name: 'stream_mode', required: true }],
      },
    ],
  },
});
