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
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
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

test('aws_ecs_task_definition: ListTaskDefinitions (ACTIVE), one DescribeTaskDefinition with tags per revision, the revision ARN as id', async () => {
  const ecs = new ECSClient(env.moto.clientConfig('eu-west-1'));
  const register = async (image: string) =>
    (
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'api',
          containerDefinitions: [
            {
              name: 'web',
              image,
              memory: 256,
              environment: [
                { name: 'TOKEN', value: 'plain-text-secret' },
                { name: 'MODE', value: 'prod' },
              ],
            },
          ],
          volumes: [{ name: 'data', host: { sourcePath: '/srv/data' } }],
          tags: [{ key: 'team', value: 'platform' }],
        }),
      )
    ).taskDefinition?.taskDefinitionArn ?? '';
  const first = await register('nginx:1.25');
  const second = await register('nginx:1.27');
  const gone = await register('nginx:1.28');
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: gone }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_ecs_task_definition'] });
  const revisions = snapshot.resources.filter((r) => r.type === 'aws_ecs_task_definition');
  assert.deepEqual(revisions.map((r) => r.id).sort(), [first, second], 'each ACTIVE revision, by its ARN');
  const r1 = revisions.find((r) => r.id === first);
  assert.ok(r1);
  assert.equal(r1.attributes['id'], 'api', 'the provider keeps the family as id');
  assert.equal(r1.attributes['revision'], 1);
  assert.equal(r1.attributes['network_mode'], 'bridge');
  assert.deepEqual(r1.attributes['tags'], { team: 'platform' });
  assert.deepEqual(r1.attributes['volume'], [
    {
      configure_at_launch: false,
      docker_volume_configuration: [],
      efs_volume_configuration: [],
      fsx_windows_file_server_volume_configuration: [],
      host_path: '/srv/data',
      name: 'data',
    },
  ]);
  // moto answers as AWS does (cpu 0, empty lists): the provider's form drops the zero cpu, sorts the environment.
  const containers = JSON.parse(String(r1.attributes['container_definitions'])) as Array<Record<string, unknown>>;
  assert.equal(containers[0]?.['image'], 'nginx:1.25');
  assert.equal(containers[0]?.['cpu'], undefined);
  assert.deepEqual(containers[0]?.['environment'], [
    { name: 'MODE', value: 'prod' },
    { name: 'TOKEN', value: 'plain-text-secret' },
  ]);
  assert.deepEqual(r1.sensitivePaths, [['container_definitions']], 'the definitions are masked downstream');
  assert.equal(apiCalls['ecs:ListTaskDefinitions'], 1);
  assert.equal(
    apiCalls['ecs:DescribeTaskDefinition'],
    2,
    'one read per ACTIVE revision, none for the deregistered one',
  );
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_ecs_service: the cluster listing shared with aws_ecs_cluster, ListServices per cluster, DescribeServices by 10', async () => {
  const ecs = new ECSClient(env.moto.clientConfig('eu-west-1'));
  const taskDefinition =
    (
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'svc',
          containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128 }],
        }),
      )
    ).taskDefinition?.taskDefinitionArn ?? '';
  const clusters = ['front', 'back'];
  for (const clusterName of clusters) await ecs.send(new CreateClusterCommand({ clusterName }));
  // 11 services in one cluster: two DescribeServices calls there, one in the other.
  for (let i = 0; i < 11; i++)
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'front',
        serviceName: `s${i}`,
        taskDefinition,
        desiredCount: i,
        tags: i === 0 ? [{ key: 'team', value: 'platform' }] : undefined,
      }),
    );
  await ecs.send(new CreateServiceCommand({ cluster: 'back', serviceName: 'api', taskDefinition, desiredCount: 1 }));

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_ecs_cluster', 'aws_ecs_service'],
  });
  const services = snapshot.resources.filter((r) => r.type === 'aws_ecs_service');
  assert.equal(services.filter((s) => String(s.id).includes(':service/front/')).length, 11);
  const s0 = services.find((s) => s.id === `arn:aws:ecs:eu-west-1:${MOTO_ACCOUNT}:service/front/s0`);
  assert.ok(s0, 'the service is observed by its ARN');
  assert.equal(s0.attributes['name'], 's0');
  assert.equal(s0.attributes['cluster'], `arn:aws:ecs:eu-west-1:${MOTO_ACCOUNT}:cluster/front`);
  assert.equal(s0.attributes['task_definition'], taskDefinition);
  assert.deepEqual(s0.attributes['tags'], { team: 'platform' });
  assert.deepEqual(s0.attributes['network_configuration'], [], 'no awsvpc configuration: none');
  assert.equal(services.find((s) => String(s.id).endsWith('/back/api'))?.attributes['desired_count'], 1);
  const clusterCount = snapshot.resources.filter((r) => r.type === 'aws_ecs_cluster').length;
  assert.equal(apiCalls['ecs:ListClusters'], 1, 'one cluster listing serves both types');
  assert.equal(apiCalls['ecs:DescribeClusters'], 1);
  assert.equal(apiCalls['ecs:ListServices'], clusterCount, 'one ListServices per cluster');
  assert.equal(apiCalls['ecs:DescribeServices'], clusterCount + 1, 'ten services per DescribeServices');
  assert.deepEqual(snapshot.incompleteScopes, []);
});
