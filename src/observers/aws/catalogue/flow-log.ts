/**
 * aws_flow_log: DescribeFlowLogs through the generic listing. The import id is the flow log id.
 * As the provider's read: the resource id goes to vpc_id, subnet_id, eni_id, transit_gateway_id or
 * transit_gateway_attachment_id by its prefix (the others stay ""); traffic_type is not set for
 * transit gateway logs; iam_role_arn is DeliverLogsPermissionArn; the ARN uses this account.
 */
import type { FlowLog } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** The provider attribute a flow log's resource id belongs in, by its prefix. */
function resourceAttribute(resourceId: string): string | undefined {
  if (resourceId.startsWith('vpc-')) return 'vpc_id';
  if (resourceId.startsWith('tgw-attach-')) return 'transit_gateway_attachment_id';
  if (resourceId.startsWith('tgw-')) return 'transit_gateway_id';
  if (resourceId.startsWith('subnet-')) return 'subnet_id';
  if (resourceId.startsWith('eni-')) return 'eni_id';
  return undefined;
}

export const flowLog = defineResourceType<FlowLog>({
  type: 'aws_flow_log',
  service: 'ec2',
  list: (repos) => repos.listing.list('ec2', 'DescribeFlowLogs', {}, (page) => page.FlowLogs, 1000),
  observe: (f, scope) => {
    const resourceId = f.ResourceId ?? '';
    const target = resourceAttribute(resourceId);
    const d = f.DestinationOptions;
    return {
      id: f.FlowLogId ?? '',
      attributes: {
        id: f.FlowLogId,
        arn: arnOf('ec2', scope.region, scope.account, `vpc-flow-log/${f.FlowLogId}`),
        deliver_cross_account_role: f.DeliverCrossAccountRole ?? '',
        destination_options: d
          ? [
              {
                file_format: d.FileFormat ?? '',
                hive_compatible_partitions: d.HiveCompatiblePartitions ?? false,
                per_hour_partition: d.PerHourPartition ?? false,
              },
            ]
          : [],
        iam_role_arn: f.DeliverLogsPermissionArn ?? '',
        log_destination: f.LogDestination ?? '',
        log_destination_type: f.LogDestinationType ?? '',
        log_format: f.LogFormat ?? '',
        log_group_name: f.LogGroupName ?? '',
        max_aggregation_interval: f.MaxAggregationInterval ?? 0,
        vpc_id: '',
        subnet_id: '',
        eni_id: '',
        transit_gateway_id: '',
        transit_gateway_attachment_id: '',
        ...(target ? { [target]: resourceId } : {}),
        traffic_type: resourceId.startsWith('tgw-') ? '' : (f.TrafficType ?? ''),
        ...tagAttributes(f.Tags),
      },
    };
  },
  computed: [],
  // Where the network's traffic records go, and with which role.
  policy: ['log_destination', 'iam_role_arn', 'deliver_cross_account_role', 'traffic_type'],
  forcesReplacement: [
    'deliver_cross_account_role',
    'destination_options',
    'eni_id',
    'iam_role_arn',
    'log_destination',
    'log_destination_type',
    'log_format',
    'log_group_name',
    'max_aggregation_interval',
    'subnet_id',
    'traffic_type',
    'transit_gateway_attachment_id',
    'transit_gateway_id',
    'vpc_id',
  ],
  trailEvents: ['CreateFlowLogs', 'DeleteFlowLogs', 'CreateTags', 'DeleteTags'],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteFlowLogs'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteFlowLogs', regionOf(f, ctx), { FlowLogIds: [f.resource.id ?? ''] })],
    }),
  },
  codify: {
    arguments: [
      { name: 'vpc_id' },
      { name: 'subnet_id' },
      { name: 'eni_id' },
      { name: 'traffic_type' },
      { name: 'log_destination_type', default: 'cloud-watch-logs' },
      { name: 'log_destination' },
      { name: 'iam_role_arn' },
      { name: 'max_aggregation_interval', default: 600 },
      { name: 'tags' },
    ],
  },
});
