import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { eksNodeGroup } from './eks-node-group.js';

const observedItems = trackObservations(eksNodeGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_eks_node_group maps DescribeNodegroup as the provider reads it: id cluster:name, keys only where returned', () => {
  const o = eksNodeGroup.observe(
    {
      nodegroupName: 'workers',
      nodegroupArn: 'arn:aws:eks:eu-west-1:123456789012:nodegroup/prod/workers/uuid',
      clusterName: 'prod',
      version: '1.31',
      releaseVersion: '1.31.0-20261101',
      status: 'ACTIVE',
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
      instanceTypes: ['m6i.large'],
      subnets: ['subnet-b', 'subnet-a'],
      amiType: 'AL2023_x86_64_STANDARD',
      nodeRole: 'arn:aws:iam::123456789012:role/node',
      labels: { role: 'worker' },
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }],
      resources: { autoScalingGroups: [{ name: 'eks-workers-uuid' }] },
      diskSize: 20,
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: 'lt-1', version: '3' },
      tags: { team: 'platform' },
    },
    scope,
  );
  assert.equal(o.id, 'prod:workers');
  const a = o.attributes;
  assert.deepEqual(a['scaling_config'], [{ desired_size: 2, max_size: 3, min_size: 1 }]);
  assert.deepEqual(a['update_config'], [{ max_unavailable: 1 }]);
  assert.deepEqual(a['launch_template'], [{ id: 'lt-1', version: '3' }]);
  assert.deepEqual(a['subnet_ids'], ['subnet-a', 'subnet-b']);
  assert.deepEqual(a['taint'], [{ key: 'dedicated', value: 'gpu', effect: 'NO_SCHEDULE' }]);
  assert.deepEqual(a['resources'], [
    { autoscaling_groups: [{ name: 'eks-workers-uuid' }], remote_access_security_group_id: '' },
  ]);
  assert.deepEqual(a['remote_access'], []);
  assert.deepEqual(a['node_repair_config'], []);
  assert.equal(a['node_role_arn'], 'arn:aws:iam::123456789012:role/node');
});

test('a node group with no taints, remote access and repair config is observed as the provider keeps it', () => {
  const o = eksNodeGroup.observe(
    {
      nodegroupName: 'ssh',
      clusterName: 'prod',
      scalingConfig: { minSize: 0, maxSize: 1, desiredSize: 0 },
      remoteAccess: { ec2SshKey: 'ops', sourceSecurityGroups: ['sg-2', 'sg-1'] },
      nodeRepairConfig: { enabled: true },
    },
    scope,
  );
  assert.equal(o.attributes['taint'], undefined);
  assert.deepEqual(o.attributes['remote_access'], [
    { ec2_ssh_key: 'ops', source_security_group_ids: ['sg-1', 'sg-2'] },
  ]);
  assert.deepEqual(o.attributes['node_repair_config'], [{ enabled: true }]);
  assert.deepEqual(o.attributes['labels'], {});
});

test('aws_eks_node_group revert puts the recorded sizes back in one UpdateNodegroupConfig; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_eks_node_group', id: 'prod:workers', region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [
      { path: 'scaling_config[0].desired_size', recorded: 2, observed: 5, sensitive: false },
      { path: 'scaling_config[0].max_size', recorded: 3, observed: 6, sensitive: false },
    ],
  } as never;
  assert.deepEqual(eksNodeGroup.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'eks',
        operation: 'UpdateNodegroupConfig',
        region: 'eu-west-1',
        input: { clusterName: 'prod', nodegroupName: 'workers', scalingConfig: { desiredSize: 2, maxSize: 3 } },
      },
    ],
  });
  const prune = eksNodeGroup.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteNodegroup');
  const odd = {
    ...(finding as object),
    resource: { type: 'aws_eks_node_group', id: 'workers', address: 'x' },
  } as never;
  assert.ok('unsupported' in eksNodeGroup.revert!.plan(odd, ctx));
});

test('every provider attribute of aws_eks_node_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(eksNodeGroup, observedItems);
});
