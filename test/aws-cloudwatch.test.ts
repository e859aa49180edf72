/** CloudWatch Logs and CloudWatch alarm catalogue entries on the emulator: one bulk listing each. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_cloudwatch_log_group: DescribeLogGroups once, the ARN without :*, retention 0 when it never expires', async () => {
  const logs = new CloudWatchLogsClient(env.moto.clientConfig('eu-west-1'));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/api' }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/api', retentionInDays: 14 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/forever' }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_cloudwatch_log_group'] });
  const byId = new Map(snapshot.resources.map((r) => [r.id, r]));
  const api = byId.get('/app/api');
  assert.ok(api);
  assert.equal(api.attributes['arn'], `arn:aws:logs:eu-west-1:${MOTO_ACCOUNT}:log-group:/app/api`);
  assert.equal(api.attributes['retention_in_days'], 14);
  assert.equal(byId.get('/app/forever')?.attributes['retention_in_days'], 0);
  assert.equal(apiCalls['logs:DescribeLogGroups'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_cloudwatch_metric_alarm: DescribeAlarms once, dimensions as a map, treat_missing_data as the provider keeps it', async () => {
  const cw = new CloudWatchClient(env.moto.clientConfig('eu-west-1'));
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: 'cpu-high',
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/EC2',
      Period: 300,
      Statistic: 'Average',
      Threshold: 80,
      Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
      AlarmActions: [`arn:aws:sns:eu-west-1:${MOTO_ACCOUNT}:alerts`],
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_cloudwatch_metric_alarm'] });
  const alarm = snapshot.resources.find((r) => r.type === 'aws_cloudwatch_metric_alarm' && r.id === 'cpu-high');
  assert.ok(alarm);
  assert.equal(alarm.attributes['comparison_operator'], 'GreaterThanThreshold');
  assert.equal(alarm.attributes['evaluation_periods'], 2);
  assert.equal(alarm.attributes['threshold'], 80);
  assert.deepEqual(alarm.attributes['dimensions'], { InstanceId: 'i-1' });
  assert.deepEqual(alarm.attributes['alarm_actions'], [`arn:aws:sns:eu-west-1:${MOTO_ACCOUNT}:alerts`]);
  assert.deepEqual(alarm.attributes['metric_query'], []);
  assert.equal(typeof alarm.attributes['treat_missing_data'], 'string');
  assert.equal(apiCalls['cloudwatch:DescribeAlarms'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_cloudwatch_event_rule: ListEventBuses, ListRules per bus; ids as the provider builds them', async () => {
  const events = new EventBridgeClient(env.moto.clientConfig('eu-west-1'));
  await events.send(new CreateEventBusCommand({ Name: 'orders' }));
  await events.send(
    new PutRuleCommand({ Name: 'created', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' }),
  );
  await events.send(
    new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'rate(1 day)', State: 'DISABLED', Description: 'batch' }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_cloudwatch_event_rule'] });
  const rules = snapshot.resources.filter((r) => r.type === 'aws_cloudwatch_event_rule');
  const created = rules.find((r) => r.id === 'orders/created');
  assert.ok(created, `the rule on a custom bus is observed as bus/name (have: ${rules.map((r) => r.id).join(', ')})`);
  assert.equal(created.attributes['event_bus_name'], 'orders');
  assert.deepEqual(JSON.parse(String(created.attributes['event_pattern'])), { source: ['shop'] });
  assert.equal(created.attributes['is_enabled'], true);
  const nightly = rules.find((r) => r.id === 'nightly');
  assert.ok(nightly, 'the rule on the default bus is observed under its name');
  assert.equal(nightly.attributes['schedule_expression'], 'rate(1 day)');
  assert.equal(nightly.attributes['is_enabled'], false);
  assert.equal(nightly.attributes['description'], 'batch');
  assert.equal(apiCalls['events:ListEventBuses'], 1);
  assert.equal(apiCalls['events:ListRules'], 2, 'one ListRules per bus');
  assert.deepEqual(snapshot.incompleteScopes, []);
});
