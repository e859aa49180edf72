/**
 * aws_cloudwatch_log_group: DescribeLogGroups, one paginated bulk call per region (50 a page). The
 * provider's id and import id are the group name. As the provider's read: `arn` without the `:*`
 * suffix DescribeLogGroups appends (TrimLogGroupARNWildcardSuffix), `retention_in_days` 0 when the
 * group never expires, `kms_key_id` empty when AWS returns none. Tags need ListTagsForResource per
 * group: unread.
 */
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const cloudwatchLogGroup = defineResourceType<LogGroup>({
  type: 'aws_cloudwatch_log_group',
  service: 'logs',
  list: (repos) => repos.listing.list('logs', 'DescribeLogGroups', {}, (page) => page.logGroups, 50),
  observe: (g) => ({
    id: g.logGroupName ?? '',
    attributes: {
      id: g.logGroupName,
      name: g.logGroupName,
      arn: g.arn?.replace(/:\*$/, ''),
      kms_key_id: g.kmsKeyId ?? '',
      log_group_class: g.logGroupClass ?? '',
      retention_in_days: g.retentionInDays ?? 0,
    },
  }),
  unread: unread(
    'DescribeLogGroups returns no tags; ListTagsForResource is one call per log group: not read',
    'tags',
    'tags_all',
  ),
  // Configuration-only: the provider derives the name from name_prefix once; skip_destroy is never refreshed.
  computed: ['name_prefix', 'skip_destroy'],
  // Whose key encrypts the logs decides who can read them.
  policy: ['kms_key_id'],
  forcesReplacement: ['name', 'name_prefix', 'log_group_class'],
  trailEvents: [
    'CreateLogGroup',
    'DeleteLogGroup',
    'PutRetentionPolicy',
    'DeleteRetentionPolicy',
    'AssociateKmsKey',
    'DisassociateKmsKey',
    'TagResource',
    'UntagResource',
  ],
  revert: {
    attributes: ['retention_in_days'],
    sends: ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'retention_in_days');
      if (typeof recorded !== 'number') return { unsupported: 'the recorded retention_in_days is not available' };
      const region = regionOf(f, ctx);
      const logGroupName = f.resource.id;
      // 0 is "never expire": the retention policy is removed, as the provider's update does.
      return {
        calls: [
          recorded === 0
            ? awsCall('logs', 'DeleteRetentionPolicy', region, { logGroupName })
            : awsCall('logs', 'PutRetentionPolicy', region, { logGroupName, retentionInDays: recorded }),
        ],
      };
    },
  },
  prune: {
    sends: ['logs:DeleteLogGroup'],
    plan: (f, ctx) => ({
      calls: [awsCall('logs', 'DeleteLogGroup', regionOf(f, ctx), { logGroupName: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'retention_in_days', default: 0 },
      { name: 'kms_key_id', default: '' },
      { name: 'log_group_class', default: 'STANDARD' },
    ],
  },
});
