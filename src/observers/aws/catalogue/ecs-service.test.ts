import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '@aws-sdk/client-ecs';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { observedSnapshot, recordedSnapshot, resource } from '../../../../test/support/engine-fixtures.js';
import { detectDrift } from '../../../engine/engine.js';
import { semanticsLookup } from '../../../model/catalogue.js';
import { ecsService } from './ecs-service.js';

const observedItems = trackObservations(ecsService);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const ARN = 'arn:aws:ecs:eu-west-1:123456789012:service/apps/web';
const CLUSTER = 'arn:aws:ecs:eu-west-1:123456789012:cluster/apps';

// A DescribeServices element as the SDK returns it (recorded shape, trimmed to what the provider reads).
const described: Service = {
  serviceArn: ARN,
  serviceName: 'web',
  clusterArn: CLUSTER,
  status: 'ACTIVE',
  taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/app:3',
  desiredCount: 2,
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  schedulingStrategy: 'REPLICA',
  propagateTags: 'NONE',
  enableECSManagedTags: false,
  enableExecuteCommand: true,
  healthCheckGracePeriodSeconds: 30,
  deploymentConfiguration: {
    maximumPercent: 200,
    minimumHealthyPercent: 50,
    deploymentCircuitBreaker: { enable: true, rollback: true },
  },
  deploymentController: { type: 'ECS' },
  loadBalancers: [
    {
      targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/1',
      containerName: 'web',
      containerPort: 80,
    },
  ],
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' },
  },
  placementStrategy: [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'binpack', field: 'MEMORY' },
  ],
  deployments: [
    {
      status: 'PRIMARY',
      vpcLatticeConfigurations: [
        { roleArn: 'arn:aws:iam::123456789012:role/l', targetGroupArn: 'tg', portName: 'http' },
      ],
    },
  ],
  tags: [{ key: 'team', value: 'platform' }],
};

test('aws_ecs_service maps DescribeServices as resourceServiceRead stores it', () => {
  const o = ecsService.observe(described, scope);
  assert.equal(o.id, ARN);
  const a = o.attributes;
  assert.equal(a['cluster'], CLUSTER);
  assert.equal(a['deployment_maximum_percent'], 200);
  assert.deepEqual(a['deployment_circuit_breaker'], [{ enable: true, rollback: true }]);
  assert.deepEqual(a['alarms'], [], 'a deployment configuration without alarms: the provider sets none');
  assert.deepEqual(a['deployment_controller'], [{ type: 'ECS' }]);
  assert.deepEqual(a['network_configuration'], [
    { assign_public_ip: false, security_groups: ['sg-1'], subnets: ['subnet-a', 'subnet-b'] },
  ]);
  assert.deepEqual(a['ordered_placement_strategy'], [
    { field: 'attribute:ecs.availability-zone', type: 'spread' },
    { field: 'memory', type: 'binpack' },
  ]);
  assert.deepEqual(a['load_balancer'], [
    {
      container_name: 'web',
      container_port: 80,
      elb_name: '',
      target_group_arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/1',
    },
  ]);
  assert.deepEqual(a['vpc_lattice_configurations'], [
    { port_name: 'http', role_arn: 'arn:aws:iam::123456789012:role/l', target_group_arn: 'tg' },
  ]);
  assert.equal(a['iam_role'], undefined, 'no role returned: the provider keeps what it had');
  assert.deepEqual(a['tags'], { team: 'platform' });
});

test('a service the API returns without deployment configuration or network: nothing filled in', () => {
  const o = ecsService.observe(
    { serviceArn: ARN, serviceName: 'web', clusterArn: CLUSTER, networkConfiguration: {}, status: 'ACTIVE' },
    scope,
  );
  assert.equal(o.attributes['deployment_maximum_percent'], undefined);
  assert.equal(o.attributes['deployment_circuit_breaker'], undefined);
  assert.deepEqual(o.attributes['network_configuration'], []);
  assert.equal(o.attributes['load_balancer'], undefined);
  assert.equal(o.attributes['desired_count'], 0);
});

test('cluster and task definition written as names in the configuration compare equal to the ARNs; a new revision is drift', () => {
  const scan = (service: Service) => {
    const o = ecsService.observe(service, scope);
    const recorded = resource({
      address: 'aws_ecs_service.web',
      type: 'aws_ecs_service',
      id: ARN,
      ...scope,
      attributes: { ...o.attributes, cluster: 'apps', task_definition: 'app:3' },
    });
    const live = resource({ address: 'live', type: 'aws_ecs_service', id: o.id, ...scope, attributes: o.attributes });
    return detectDrift({
      recorded: recordedSnapshot([recorded]),
      observed: observedSnapshot([live], [{ type: 'aws_ecs_service', ...scope }]),
      semantics: semanticsLookup([ecsService]),
    });
  };
  assert.deepEqual(scan(described).findings, []);
  const deployed = scan({ ...described, taskDefinition: described.taskDefinition!.replace(/3$/, '4') });
  assert.deepEqual(
    deployed.findings[0]?.changes.map((c) => [c.path, c.recorded, c.observed]),
    [['task_definition', 'app:3', 'app:4']],
  );
});

test('aws_ecs_service revert puts desired count, task definition and tags back; prune deletes by cluster', () => {
  const finding = {
    resource: { type: 'aws_ecs_service', id: ARN, region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [
      { path: 'desired_count', recorded: 2, observed: 0, sensitive: false },
      { path: 'task_definition', recorded: 'app:3', observed: 'arn:...:app:4', sensitive: false },
    ],
  } as never;
  assert.deepEqual(ecsService.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'ecs',
        operation: 'UpdateService',
        region: 'eu-west-1',
        input: { cluster: 'apps', service: 'web', desiredCount: 2, taskDefinition: 'app:3' },
        note: 'starts a new deployment when the task definition changes',
      },
    ],
  });
  const prune = ecsService.prune!.plan(finding, ctx);
  assert.ok('calls' in prune);
  assert.deepEqual(prune.calls[0]?.input, { cluster: 'apps', service: ARN, force: true });
});

test('every provider attribute of aws_ecs_service is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ecsService, observedItems);
});
