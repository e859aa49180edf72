import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { eksCluster } from './eks-cluster.js';

const observedItems = trackObservations(eksCluster);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

// A DescribeCluster answer as the SDK returns it (recorded shape, trimmed to what the provider reads).
const described = {
  name: 'prod',
  arn: ARN,
  createdAt: new Date('2026-11-30T10:20:30.456Z'),
  version: '1.31',
  endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
  roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
  resourcesVpcConfig: {
    subnetIds: ['subnet-b', 'subnet-a'],
    securityGroupIds: ['sg-1'],
    clusterSecurityGroupId: 'sg-cluster',
    vpcId: 'vpc-1',
    endpointPublicAccess: true,
    endpointPrivateAccess: false,
    publicAccessCidrs: ['0.0.0.0/0'],
  },
  kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' as const },
  logging: {
    clusterLogging: [
      { types: ['audit' as const, 'api' as const], enabled: true },
      { types: ['authenticator' as const, 'controllerManager' as const, 'scheduler' as const], enabled: false },
    ],
  },
  identity: { oidc: { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' } },
  status: 'ACTIVE' as const,
  certificateAuthority: { data: 'LS0tLS1CRUdJTg==' },
  platformVersion: 'eks.12',
  tags: { team: 'platform', 'aws:cloudformation:stack-name': 'x' },
  encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } }],
  accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' as const },
  upgradePolicy: { supportType: 'EXTENDED' as const },
};

test('aws_eks_cluster maps DescribeCluster as the provider reads it: blocks as one-element lists, enabled log types only, sets sorted', () => {
  const o = eksCluster.observe(described, scope);
  assert.equal(o.id, 'prod');
  const a = o.attributes;
  assert.equal(a['created_at'], '2026-11-30T10:20:30Z');
  assert.deepEqual(a['enabled_cluster_log_types'], ['api', 'audit']);
  assert.deepEqual(a['vpc_config'], [
    {
      cluster_security_group_id: 'sg-cluster',
      endpoint_private_access: false,
      endpoint_public_access: true,
      security_group_ids: ['sg-1'],
      subnet_ids: ['subnet-a', 'subnet-b'],
      public_access_cidrs: ['0.0.0.0/0'],
      vpc_id: 'vpc-1',
    },
  ]);
  assert.deepEqual(a['access_config'], [{ authentication_mode: 'API_AND_CONFIG_MAP' }]);
  assert.deepEqual(a['encryption_config'], [
    { provider: [{ key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/k' }], resources: ['secrets'] },
  ]);
  assert.deepEqual(a['kubernetes_network_config'], [
    { elastic_load_balancing: [], service_ipv4_cidr: '172.20.0.0/16', service_ipv6_cidr: '', ip_family: 'ipv4' },
  ]);
  assert.deepEqual(a['identity'], [{ oidc: [{ issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' }] }]);
  assert.deepEqual(a['upgrade_policy'], [{ support_type: 'EXTENDED' }]);
  // Objects the API did not return are empty lists, as the provider's flatteners leave them.
  assert.deepEqual(a['compute_config'], []);
  assert.deepEqual(a['outpost_config'], []);
  assert.deepEqual(a['zonal_shift_config'], []);
  // cluster_id is set only for clusters on Outposts.
  assert.equal('cluster_id' in a, false);
  // aws: tags can never be in a state.
  assert.deepEqual(a['tags'], { team: 'platform' });
});

test('an Outposts cluster carries its cluster_id and outpost_config', () => {
  const o = eksCluster.observe(
    {
      ...described,
      id: 'c-123',
      outpostConfig: {
        outpostArns: ['arn:aws:outposts:eu-west-1:123456789012:outpost/op-1'],
        controlPlaneInstanceType: 'm5.large',
        controlPlanePlacement: { groupName: 'pg' },
      },
      computeConfig: { enabled: true, nodePools: ['system'], nodeRoleArn: 'arn:aws:iam::123456789012:role/node' },
      storageConfig: { blockStorage: { enabled: true } },
      zonalShiftConfig: { enabled: false },
      remoteNetworkConfig: { remoteNodeNetworks: [{ cidrs: ['10.0.0.0/16'] }], remotePodNetworks: [] },
    },
    scope,
  );
  assert.equal(o.attributes['cluster_id'], 'c-123');
  assert.deepEqual(o.attributes['outpost_config'], [
    {
      control_plane_instance_type: 'm5.large',
      control_plane_placement: [{ group_name: 'pg' }],
      outpost_arns: ['arn:aws:outposts:eu-west-1:123456789012:outpost/op-1'],
    },
  ]);
  assert.deepEqual(o.attributes['storage_config'], [{ block_storage: [{ enabled: true }] }]);
  assert.deepEqual(o.attributes['zonal_shift_config'], [{ enabled: false }]);
  assert.deepEqual(o.attributes['remote_network_config'], [
    { remote_node_networks: [{ cidrs: ['10.0.0.0/16'] }], remote_pod_networks: [] },
  ]);
});

test('aws_eks_cluster revert puts the log types and tags back; prune deletes the cluster', () => {
  const finding = {
    resource: { type: 'aws_eks_cluster', id: 'prod', account: '123456789012', region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [
      { path: 'enabled_cluster_log_types', recorded: ['api', 'audit'], observed: [], sensitive: false },
      { path: 'tags.team', recorded: 'platform', observed: 'other', sensitive: false },
      { path: 'tags.extra', recorded: undefined, observed: 'x', sensitive: false },
    ],
  } as never;
  const planned = eksCluster.revert!.plan(finding, ctx);
  assert.ok('calls' in planned);
  assert.deepEqual(
    planned.calls.map((c) => [c.operation, c.input]),
    [
      [
        'UpdateClusterConfig',
        {
          name: 'prod',
          logging: {
            clusterLogging: [
              { enabled: true, types: ['api', 'audit'] },
              { enabled: false, types: ['authenticator', 'controllerManager', 'scheduler'] },
            ],
          },
        },
      ],
      ['UntagResource', { resourceArn: ARN, tagKeys: ['extra'] }],
      ['TagResource', { resourceArn: ARN, tags: { team: 'platform' } }],
    ],
  );
  for (const call of planned.calls) assert.ok(eksCluster.revert!.sends.includes(`eks:${call.operation}` as never));
  const prune = eksCluster.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteCluster');
});

test('a tag revert without the account is refused with the reason, never sent to a guessed ARN', () => {
  const finding = {
    resource: { type: 'aws_eks_cluster', id: 'prod', region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [{ path: 'tags.team', recorded: 'platform', observed: 'other', sensitive: false }],
  } as never;
  assert.match(String((eksCluster.revert!.plan(finding, ctx) as { unsupported: string }).unsupported), /account/);
});

test('every provider attribute of aws_eks_cluster is observed by these fixtures or declared with a reason', () => {
  assertAccounted(eksCluster, observedItems);
});
