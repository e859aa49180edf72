/**
 * The EKS estate's types on the emulator: aws_eks_cluster, aws_eks_node_group and
 * aws_iam_openid_connect_provider are created with the SDK and observed through their catalogue
 * entries, with the estate's other identity provider type (aws_iam_saml_provider). aws_eks_addon is not here: moto serves no add-on API (recorded responses in its unit test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateClusterCommand, CreateNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateOpenIDConnectProviderCommand, CreateSAMLProviderCommand, IAMClient } from '@aws-sdk/client-iam';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const ROLE = `arn:aws:iam::${MOTO_ACCOUNT}:role/eks`;

test('aws_eks_cluster and aws_eks_node_group: one ListClusters shared, one describe per resource, ids as the provider builds them', async () => {
  const eks = new EKSClient(env.moto.clientConfig('eu-west-1'));
  await eks.send(
    new CreateClusterCommand({
      name: 'prod',
      roleArn: ROLE,
      version: '1.31',
      resourcesVpcConfig: {
        subnetIds: ['subnet-b', 'subnet-a'],
        endpointPublicAccess: true,
        endpointPrivateAccess: false,
      },
      logging: { clusterLogging: [{ types: ['audit', 'api'], enabled: true }] },
      tags: { team: 'platform' },
    }),
  );
  await eks.send(
    new CreateNodegroupCommand({
      clusterName: 'prod',
      nodegroupName: 'workers',
      nodeRole: ROLE,
      subnets: ['subnet-a'],
      scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
      instanceTypes: ['m6i.large'],
      labels: { role: 'worker' },
    }),
  );

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_eks_cluster', 'aws_eks_node_group'],
  });
  const cluster = snapshot.resources.find((r) => r.type === 'aws_eks_cluster');
  assert.ok(cluster, 'the cluster is observed');
  assert.equal(cluster.id, 'prod');
  assert.equal(cluster.attributes['arn'], `arn:aws:eks:eu-west-1:${MOTO_ACCOUNT}:cluster/prod`);
  assert.equal(cluster.attributes['role_arn'], ROLE);
  assert.equal(cluster.attributes['version'], '1.31');
  assert.deepEqual(cluster.attributes['enabled_cluster_log_types'], ['api', 'audit']);
  const vpc = (cluster.attributes['vpc_config'] as Record<string, unknown>[])[0];
  assert.deepEqual(vpc?.['subnet_ids'], ['subnet-a', 'subnet-b']);
  assert.equal(vpc?.['endpoint_public_access'], true);
  assert.deepEqual(cluster.attributes['tags'], { team: 'platform' });
  assert.match(String(cluster.attributes['created_at']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  const group = snapshot.resources.find((r) => r.type === 'aws_eks_node_group');
  assert.ok(group, 'the node group is observed');
  assert.equal(group.id, 'prod:workers');
  assert.equal(group.attributes['node_role_arn'], ROLE);
  assert.deepEqual(group.attributes['scaling_config'], [{ desired_size: 2, max_size: 3, min_size: 1 }]);
  assert.deepEqual(group.attributes['instance_types'], ['m6i.large']);
  assert.deepEqual(group.attributes['labels'], { role: 'worker' });

  assert.equal(apiCalls['eks:ListClusters'], 1, 'the cluster names are listed once for both types');
  assert.equal(apiCalls['eks:DescribeCluster'], 1);
  assert.equal(apiCalls['eks:ListNodegroups'], 1);
  assert.equal(apiCalls['eks:DescribeNodegroup'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_iam_openid_connect_provider: listed by ARN, read one by one, the URL as IAM returns it', async () => {
  const iam = new IAMClient(env.moto.clientConfig('us-east-1'));
  const arn =
    (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
          ClientIDList: ['sts.amazonaws.com'],
          ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
          Tags: [{ Key: 'cluster', Value: 'prod' }],
        }),
      )
    ).OpenIDConnectProviderArn ?? '';

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_iam_openid_connect_provider'],
  });
  const provider = snapshot.resources.find((r) => r.id === arn);
  assert.ok(provider, 'the provider is observed by its ARN');
  assert.equal(provider.region, 'global');
  assert.equal(provider.attributes['url'], 'oidc.eks.eu-west-1.amazonaws.com/id/ABC');
  assert.deepEqual(provider.attributes['client_id_list'], ['sts.amazonaws.com']);
  assert.deepEqual(provider.attributes['thumbprint_list'], ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280']);
  assert.deepEqual(provider.attributes['tags'], { cluster: 'prod' });
  assert.equal(apiCalls['iam:ListOpenIDConnectProviders'], 1);
  assert.equal(apiCalls['iam:GetOpenIDConnectProvider'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_iam_saml_provider: listed by ARN, read one by one, the name from the ARN', async () => {
  const iam = new IAMClient(env.moto.clientConfig('us-east-1'));
  const metadata =
    '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example"></EntityDescriptor>';
  const arn =
    (await iam.send(new CreateSAMLProviderCommand({ Name: 'okta', SAMLMetadataDocument: metadata }))).SAMLProviderArn ??
    '';

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_iam_saml_provider'] });
  const provider = snapshot.resources.find((r) => r.type === 'aws_iam_saml_provider' && r.id === arn);
  assert.ok(provider, 'the SAML provider is observed by its ARN');
  assert.equal(provider.attributes['name'], 'okta');
  assert.equal(provider.attributes['saml_metadata_document'], metadata);
  assert.equal(apiCalls['iam:ListSAMLProviders'], 1);
  assert.equal(apiCalls['iam:GetSAMLProvider'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
