import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { cloudwatchLogGroup } from './cloudwatch-log-group.js';

const observedItems = trackObservations(cloudwatchLogGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_cloudwatch_log_group maps DescribeLogGroups as the provider reads it: the ARN without :*, 0 for never expire', () => {
  const o = cloudwatchLogGroup.observe(
    {
      logGroupName: '/app/api',
      arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/app/api:*',
      retentionInDays: 14,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      logGroupClass: 'STANDARD',
    },
    scope,
  );
  assert.deepEqual(o, {
    id: '/app/api',
    attributes: {
      id: '/app/api',
      name: '/app/api',
      arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/app/api',
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      log_group_class: 'STANDARD',
      retention_in_days: 14,
    },
  });
  const bare = cloudwatchLogGroup.observe({ logGroupName: 'x', arn: 'arn:aws:logs:eu-west-1:1:log-group:x:*' }, scope);
  assert.equal(bare.attributes['retention_in_days'], 0);
  assert.equal(bare.attributes['kms_key_id'], '');
});

test('aws_cloudwatch_log_group revert puts the recorded retention back, or removes it for 0; prune deletes', () => {
  const finding = (recorded: number) =>
    ({
      resource: { type: 'aws_cloudwatch_log_group', id: '/app/api', region: 'eu-west-1', address: 'a.b' },
      kind: 'configuration',
      changes: [{ path: 'retention_in_days', recorded, observed: 1, sensitive: false }],
    }) as never;
  assert.deepEqual(cloudwatchLogGroup.revert!.plan(finding(14), ctx), {
    calls: [
      {
        service: 'logs',
        operation: 'PutRetentionPolicy',
        region: 'eu-west-1',
        input: { logGroupName: '/app/api', retentionInDays: 14 },
      },
    ],
  });
  const never = cloudwatchLogGroup.revert!.plan(finding(0), ctx);
  assert.ok('calls' in never && never.calls[0]?.operation === 'DeleteRetentionPolicy');
  const prune = cloudwatchLogGroup.prune!.plan(finding(0), ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteLogGroup');
});

test('every provider attribute of aws_cloudwatch_log_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(cloudwatchLogGroup, observedItems);
});
