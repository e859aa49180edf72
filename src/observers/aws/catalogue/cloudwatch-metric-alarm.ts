/**
 * aws_cloudwatch_metric_alarm: DescribeAlarms (metric alarms), one paginated bulk call per region
 * (100 a page). The provider's id and import id are the alarm name. As the provider's read:
 * `dimensions` a map of name to value, `treat_missing_data` "missing" when AWS returns none,
 * `metric_query` only for alarms on metric math (a set of blocks), absent numbers and strings as the
 * zero value. Tags need ListTagsForResource per alarm: unread.
 */
import type { Dimension, MetricAlarm, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

function dimensionMap(dimensions: ReadonlyArray<Dimension> | undefined): Record<string, string> {
  return Object.fromEntries((dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
}

/** flattenMetricAlarmMetrics: one block per query, the metric stat as a one-element list. */
function metricQueries(metrics: ReadonlyArray<MetricDataQuery> | undefined): unknown[] {
  return (metrics ?? []).map((q) => ({
    account_id: q.AccountId ?? '',
    expression: q.Expression ?? '',
    id: q.Id ?? '',
    label: q.Label ?? '',
    period: q.Period ?? 0,
    return_data: q.ReturnData ?? false,
    ...(q.MetricStat
      ? {
          metric: [
            {
              dimensions: dimensionMap(q.MetricStat.Metric?.Dimensions),
              metric_name: q.MetricStat.Metric?.MetricName ?? '',
              namespace: q.MetricStat.Metric?.Namespace ?? '',
              period: q.MetricStat.Period ?? 0,
              stat: q.MetricStat.Stat ?? '',
              unit: q.MetricStat.Unit ?? '',
            },
          ],
        }
      : {}),
  }));
}

export const cloudwatchMetricAlarm = defineResourceType<MetricAlarm>({
  type: 'aws_cloudwatch_metric_alarm',
  service: 'cloudwatch',
  list: (repos) => repos.listing.list('cloudwatch', 'DescribeAlarms', {}, (page) => page.MetricAlarms, 100),
  observe: (a) => ({
    id: a.AlarmName ?? '',
    attributes: {
      id: a.AlarmName,
      alarm_name: a.AlarmName,
      arn: a.AlarmArn,
      actions_enabled: a.ActionsEnabled ?? false,
      alarm_actions: sortedStrings(a.AlarmActions),
      alarm_description: a.AlarmDescription ?? '',
      comparison_operator: a.ComparisonOperator ?? '',
      datapoints_to_alarm: a.DatapointsToAlarm ?? 0,
      dimensions: dimensionMap(a.Dimensions),
      evaluate_low_sample_count_percentiles: a.EvaluateLowSampleCountPercentile ?? '',
      evaluation_periods: a.EvaluationPeriods ?? 0,
      extended_statistic: a.ExtendedStatistic ?? '',
      insufficient_data_actions: sortedStrings(a.InsufficientDataActions),
      metric_name: a.MetricName ?? '',
      metric_query: metricQueries(a.Metrics),
      namespace: a.Namespace ?? '',
      ok_actions: sortedStrings(a.OKActions),
      period: a.Period ?? 0,
      statistic: a.Statistic ?? '',
      threshold: a.Threshold ?? 0,
      threshold_metric_id: a.ThresholdMetricId ?? '',
      treat_missing_data: a.TreatMissingData ?? 'missing',
      unit: a.Unit ?? '',
    },
  }),
  unread: unread(
    'DescribeAlarms returns no tags; ListTagsForResource is one call per alarm: not read',
    'tags',
    'tags_all',
  ),
  sets: ['alarm_actions', 'insufficient_data_actions', 'ok_actions', 'metric_query'],
  forcesReplacement: ['alarm_name'],
  trailEvents: [
    'PutMetricAlarm',
    'DeleteAlarms',
    'EnableAlarmActions',
    'DisableAlarmActions',
    'TagResource',
    'UntagResource',
  ],
  // PutMetricAlarm replaces the whole alarm: a revert would have to resend every argument, so none is offered.
  prune: {
    sends: ['cloudwatch:DeleteAlarms'],
    plan: (f, ctx) => ({
      calls: [awsCall('cloudwatch', 'DeleteAlarms', regionOf(f, ctx), { AlarmNames: [f.resource.id ?? ''] })],
    }),
  },
  codify: {
    arguments: [
      { name: 'alarm_name', required: true },
      { name: 'comparison_operator', required: true },
      { name: 'evaluation_periods', required: true },
      { name: 'metric_name', default: '' },
      { name: 'namespace', default: '' },
      { name: 'period', default: 0 },
      { name: 'statistic', default: '' },
      { name: 'threshold', default: 0 },
      { name: 'alarm_description', default: '' },
      { name: 'alarm_actions' },
      { name: 'ok_actions' },
      { name: 'dimensions' },
      { name: 'treat_missing_data', default: 'missing' },
    ],
  },
});
