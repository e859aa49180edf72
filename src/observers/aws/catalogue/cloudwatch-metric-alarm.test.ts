import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { cloudwatchMetricAlarm } from './cloudwatch-metric-alarm.js';

const observedItems = trackObservations(cloudwatchMetricAlarm);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_cloudwatch_metric_alarm maps DescribeAlarms as the provider reads it: dimensions as a map, "missing" when AWS says nothing', () => {
  const o = cloudwatchMetricAlarm.observe(
    {
      AlarmName: 'cpu-high',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:cpu-high',
      ActionsEnabled: true,
      AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:b', 'arn:aws:sns:eu-west-1:123456789012:a'],
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/EC2',
      Period: 300,
      Statistic: 'Average',
      Threshold: 80,
      Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
    },
    scope,
  );
  assert.equal(o.id, 'cpu-high');
  assert.deepEqual(o.attributes, {
    id: 'cpu-high',
    alarm_name: 'cpu-high',
    arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:cpu-high',
    actions_enabled: true,
    alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:a', 'arn:aws:sns:eu-west-1:123456789012:b'],
    alarm_description: '',
    comparison_operator: 'GreaterThanThreshold',
    datapoints_to_alarm: 0,
    dimensions: { InstanceId: 'i-1' },
    evaluate_low_sample_count_percentiles: '',
    evaluation_periods: 2,
    extended_statistic: '',
    insufficient_data_actions: [],
    metric_name: 'CPUUtilization',
    metric_query: [],
    namespace: 'AWS/EC2',
    ok_actions: [],
    period: 300,
    statistic: 'Average',
    threshold: 80,
    threshold_metric_id: '',
    treat_missing_data: 'missing',
    unit: '',
  });
});

test('an alarm on metric math reads its queries as metric_query blocks', () => {
  const o = cloudwatchMetricAlarm.observe(
    {
      AlarmName: 'errors',
      TreatMissingData: 'notBreaching',
      Metrics: [
        { Id: 'e1', Expression: 'm1/100', Label: 'rate', ReturnData: true },
        {
          Id: 'm1',
          ReturnData: false,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Errors',
              Dimensions: [{ Name: 'FunctionName', Value: 'app' }],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
    },
    scope,
  );
  assert.equal(o.attributes['treat_missing_data'], 'notBreaching');
  assert.deepEqual(o.attributes['metric_query'], [
    { account_id: '', expression: 'm1/100', id: 'e1', label: 'rate', period: 0, return_data: true },
    {
      account_id: '',
      expression: '',
      id: 'm1',
      label: '',
      period: 0,
      return_data: false,
      metric: [
        {
          dimensions: { FunctionName: 'app' },
          metric_name: 'Errors',
          namespace: 'AWS/Lambda',
          period: 60,
          stat: 'Sum',
          unit: '',
        },
      ],
    },
  ]);
});

test('aws_cloudwatch_metric_alarm: no revert (PutMetricAlarm replaces the whole alarm); prune deletes the alarm', () => {
  assert.equal(cloudwatchMetricAlarm.revert, undefined);
  const finding = {
    resource: { type: 'aws_cloudwatch_metric_alarm', id: 'cpu-high', region: 'eu-west-1', address: 'a.b' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(cloudwatchMetricAlarm.prune!.plan(finding, ctx), {
    calls: [
      { service: 'cloudwatch', operation: 'DeleteAlarms', region: 'eu-west-1', input: { AlarmNames: ['cpu-high'] } },
    ],
  });
});

test('every provider attribute of aws_cloudwatch_metric_alarm is observed by these fixtures or declared with a reason', () => {
  assertAccounted(cloudwatchMetricAlarm, observedItems);
});
