import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { flowLog } from './flow-log.js';

const observedItems = trackObservations(flowLog);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_flow_log: the resource id lands in the attribute its prefix names, the others ""', () => {
  const o = flowLog.observe(
    {
      FlowLogId: 'fl-1',
      ResourceId: 'vpc-1',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogDestination: 'arn:aws:logs:eu-west-1:123456789012:log-group:flow',
      LogGroupName: 'flow',
      DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow',
      LogFormat: '${version} ${account-id}',
      MaxAggregationInterval: 600,
      Tags: [{ Key: 'Name', Value: 'flow' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'fl-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/fl-1',
    deliver_cross_account_role: '',
    destination_options: [],
    iam_role_arn: 'arn:aws:iam::123456789012:role/flow',
    log_destination: 'arn:aws:logs:eu-west-1:123456789012:log-group:flow',
    log_destination_type: 'cloud-watch-logs',
    log_format: '${version} ${account-id}',
    log_group_name: 'flow',
    max_aggregation_interval: 600,
    vpc_id: 'vpc-1',
    subnet_id: '',
    eni_id: '',
    transit_gateway_id: '',
    transit_gateway_attachment_id: '',
    traffic_type: 'ALL',
    tags: { Name: 'flow' },
    tags_all: { Name: 'flow' },
  });
});

test('aws_flow_log: S3 destination options; transit gateway logs carry no traffic_type', () => {
  const s3 = flowLog.observe(
    {
      FlowLogId: 'fl-2',
      ResourceId: 'subnet-1',
      TrafficType: 'REJECT',
      LogDestinationType: 's3',
      LogDestination: 'arn:aws:s3:::flows',
      DestinationOptions: { FileFormat: 'parquet', PerHourPartition: true },
    },
    scope,
  );
  assert.equal(s3.attributes['subnet_id'], 'subnet-1');
  assert.equal(s3.attributes['vpc_id'], '');
  assert.deepEqual(s3.attributes['destination_options'], [
    { file_format: 'parquet', hive_compatible_partitions: false, per_hour_partition: true },
  ]);
  const tgw = flowLog.observe({ FlowLogId: 'fl-3', ResourceId: 'tgw-attach-1', TrafficType: 'ALL' }, scope);
  assert.equal(tgw.attributes['transit_gateway_attachment_id'], 'tgw-attach-1');
  assert.equal(tgw.attributes['transit_gateway_id'], '');
  assert.equal(tgw.attributes['traffic_type'], '');
  assert.equal(flowLog.observe({ FlowLogId: 'fl-4', ResourceId: 'eni-1' }, scope).attributes['eni_id'], 'eni-1');
});

test('aws_flow_log prune deletes the flow log', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_flow_log', id: 'fl-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(flowLog.prune!.plan(finding, ctx), {
    calls: [{ service: 'ec2', operation: 'DeleteFlowLogs', region: 'eu-west-1', input: { FlowLogIds: ['fl-1'] } }],
  });
});

test('every provider attribute of aws_flow_log is observed by these fixtures or declared with a reason', () => {
  assertAccounted(flowLog, observedItems);
});
