import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { kinesisStream } from './kinesis-stream.js';

const observedItems = trackObservations(kinesisStream);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_kinesis_stream maps DescribeStreamSummary as resourceStreamRead sets it (provisioned, encrypted, monitored)', () => {
  const o = kinesisStream.observe(
    {
      StreamName: 'clicks',
      StreamARN: ARN,
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      RetentionPeriodHours: 48,
      StreamCreationTimestamp: new Date('2024-01-01T00:00:00Z'),
      EnhancedMonitoring: [{ ShardLevelMetrics: ['OutgoingBytes', 'IncomingBytes'] }],
      EncryptionType: 'KMS',
      KeyId: 'alias/aws/kinesis',
      OpenShardCount: 2,
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    name: 'clicks',
    encryption_type: 'KMS',
    kms_key_id: 'alias/aws/kinesis',
    retention_period: 48,
    shard_count: 2,
    shard_level_metrics: ['IncomingBytes', 'OutgoingBytes'],
    stream_mode_details: [{ stream_mode: 'PROVISIONED' }],
  });
});

test('an ON_DEMAND stream has no shard_count observed (the provider keeps the configured one); no key is ""', () => {
  const o = kinesisStream.observe(
    {
      StreamName: 'logs',
      StreamARN: ARN.replace('clicks', 'logs'),
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      RetentionPeriodHours: 24,
      StreamCreationTimestamp: new Date(),
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      EncryptionType: 'NONE',
      OpenShardCount: 4,
    },
    scope,
  );
  assert.ok(!('shard_count' in o.attributes));
  assert.equal(o.attributes['kms_key_id'], '');
  assert.deepEqual(o.attributes['shard_level_metrics'], []);
});

test('aws_kinesis_stream revert raises or lowers the retention back; prune deletes the stream', () => {
  const finding = (recorded: number, observed: number) =>
    ({
      resource: { type: 'aws_kinesis_stream', id: ARN, region: 'eu-west-1', address: 'aws_kinesis_stream.clicks' },
      kind: 'configuration',
      changes: [{ path: 'retention_period', recorded, observed, sensitive: false }],
    }) as never;
  assert.deepEqual(kinesisStream.revert!.plan(finding(48, 24), ctx), {
    calls: [
      {
        service: 'kinesis',
        operation: 'IncreaseStreamRetentionPeriod',
        region: 'eu-west-1',
        input: { StreamARN: ARN, RetentionPeriodHours: 48 },
      },
    ],
  });
  const lower = kinesisStream.revert!.plan(finding(24, 168), ctx);
  assert.ok('calls' in lower && lower.calls[0]?.operation === 'DecreaseStreamRetentionPeriod');
  const prune = kinesisStream.prune!.plan(finding(24, 24), ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteStream');
});

test('every provider attribute of aws_kinesis_stream is observed by these fixtures or declared with a reason', () => {
  assertAccounted(kinesisStream, observedItems);
});
