/**
 * ECR and ECS types on the emulator: created with the SDK, observed through their catalogue
 * entries; listings shared between types are made once per scope.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  ECRClient,
  PutLifecyclePolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_ecr_repository, aws_ecr_lifecycle_policy, aws_ecr_repository_policy: one DescribeRepositories for the three, one read per repository', async () => {
  const ecr = new ECRClient(env.moto.clientConfig('eu-west-1'));
  await ecr.send(
    new CreateRepositoryCommand({
      repositoryName: 'app',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      tags: [{ Key: 'team', Value: 'platform' }],
    }),
  );
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'bare' }));
  const lifecycle = JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5 },
        action: { type: 'expire' },
      },
    ],
  });
  await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: lifecycle }));
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }],
  });
  await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText: policy }));

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_ecr_repository', 'aws_ecr_lifecycle_policy', 'aws_ecr_repository_policy'],
  });
  const of = (type: string) => snapshot.resources.filter((r) => r.type === type);
  const app = of('aws_ecr_repository').find((r) => r.id === 'app');
  assert.ok(app, 'the repository is observed');
  assert.equal(app.attributes['arn'], `arn:aws:ecr:eu-west-1:${MOTO_ACCOUNT}:repository/app`);
  assert.equal(app.attributes['image_tag_mutability'], 'IMMUTABLE');
  assert.deepEqual(app.attributes['image_scanning_configuration'], [{ scan_on_push: true }]);
  assert.deepEqual(app.attributes['tags'], { team: 'platform' });
  assert.equal(of('aws_ecr_repository').length, 2);
  // Only the repository that has a policy has an aws_ecr_*_policy.
  assert.deepEqual(
    of('aws_ecr_lifecycle_policy').map((r) => r.id),
    ['app'],
  );
  assert.deepEqual(JSON.parse(String(of('aws_ecr_lifecycle_policy')[0]?.attributes['policy'])), JSON.parse(lifecycle));
  assert.deepEqual(
    of('aws_ecr_repository_policy').map((r) => r.id),
    ['app'],
  );
  assert.deepEqual(JSON.parse(String(of('aws_ecr_repository_policy')[0]?.attributes['policy'])), JSON.parse(policy));
  assert.equal(apiCalls['ecr:DescribeRepositories'], 1, 'one listing serves the three types');
  assert.equal(apiCalls['ecr:ListTagsForResource'], 2);
  assert.equal(apiCalls['ecr:GetLifecyclePolicy'], 2);
  assert.equal(apiCalls['ecr:GetRepositoryPolicy'], 2);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_ecs_cluster: ListClusters, then DescribeClusters with settings and tags, the ARN as id', async () => {
  const ecs = new ECSClient(env.moto.clientConfig('eu-west-1'));
  const arn =
    (
      await ecs.send(
        new CreateClusterCommand({
          clusterName: 'apps',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
          tags: [{ key: 'team', value: 'platform' }],
        }),
      )
    ).cluster?.clusterArn ?? '';

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_ecs_cluster'] });
  const cluster = snapshot.resources.find((r) => r.type === 'aws_ecs_cluster' && r.id === arn);
  assert.ok(cluster, 'the cluster is observed by its ARN');
  assert.equal(cluster.attributes['name'], 'apps');
  assert.deepEqual(cluster.attributes['setting'], [{ name: 'containerInsights', value: 'enabled' }]);
  assert.deepEqual(cluster.attributes['tags'], { team: 'platform' });
  assert.equal(apiCalls['ecs:ListClusters'], 1);
  assert.equal(apiCalls['ecs:DescribeClusters'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
