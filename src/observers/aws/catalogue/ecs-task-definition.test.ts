import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { observedSnapshot, recordedSnapshot, resource } from '../../../../test/support/engine-fixtures.js';
import { detectDrift } from '../../../engine/engine.js';
import { SENSITIVE } from '../../../model/finding.js';
import { semanticsLookup } from '../../../model/catalogue.js';
import { containerDefinitionsText, ecsTaskDefinition } from './ecs-task-definition.js';

const observedItems = trackObservations(ecsTaskDefinition);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/app:1';

// A DescribeTaskDefinition answer as the SDK returns it (AWS adds cpu 0 and empty lists to a container).
const described: TaskDefinition = {
  taskDefinitionArn: ARN,
  family: 'app',
  revision: 1,
  status: 'ACTIVE',
  networkMode: 'bridge',
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:1.25',
      cpu: 0,
      memory: 256,
      essential: true,
      command: ['nginx', '-g', 'daemon off;'],
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
      environment: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
      mountPoints: [],
      volumesFrom: [],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1', 'awslogs-group': 'g' } },
    },
  ],
  volumes: [
    { name: 'data', host: { sourcePath: '/srv/data' } },
    { name: 'dock', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } },
  ],
  compatibilities: ['EC2'],
};

// What `terraform apply` with provider 5.100.0 wrote into the state for the same revision (captured on
// the emulator): the SDK's wire form, cpu 0 left out, environment sorted, zero values in the volume set.
const STATE = {
  arn: ARN,
  arn_without_revision: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/app',
  container_definitions:
    '[{"command":["nginx","-g","daemon off;"],"environment":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"essential":true,"image":"nginx:1.25","logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"g","awslogs-region":"eu-west-1"}},"memory":256,"mountPoints":[],"name":"web","portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp"}],"volumesFrom":[]}]',
  cpu: '',
  enable_fault_injection: false,
  ephemeral_storage: [],
  execution_role_arn: '',
  family: 'app',
  id: 'app',
  inference_accelerator: [],
  ipc_mode: '',
  memory: '',
  network_mode: 'bridge',
  pid_mode: '',
  placement_constraints: [],
  proxy_configuration: [],
  requires_compatibilities: null,
  revision: 1,
  runtime_platform: [],
  skip_destroy: false,
  tags: { team: 'platform' },
  tags_all: { team: 'platform' },
  task_role_arn: '',
  track_latest: false,
  volume: [
    {
      configure_at_launch: false,
      docker_volume_configuration: [
        { autoprovision: true, driver: 'local', driver_opts: {}, labels: {}, scope: 'shared' },
      ],
      efs_volume_configuration: [],
      fsx_windows_file_server_volume_configuration: [],
      host_path: '',
      name: 'dock',
    },
    {
      configure_at_launch: false,
      docker_volume_configuration: [],
      efs_volume_configuration: [],
      fsx_windows_file_server_volume_configuration: [],
      host_path: '/srv/data',
      name: 'data',
    },
  ],
};

function scan(observed: TaskDefinition[]) {
  const recorded = resource({
    address: 'aws_ecs_task_definition.app',
    type: 'aws_ecs_task_definition',
    id: 'app',
    ...scope,
    attributes: STATE,
  });
  const live = observed.map((definition) => {
    const o = ecsTaskDefinition.observe({ definition, tags: [{ key: 'team', value: 'platform' }] }, scope);
    return resource({
      address: `live.${o.id}`,
      type: 'aws_ecs_task_definition',
      id: o.id,
      ...scope,
      attributes: o.attributes,
      sensitivePaths: [['container_definitions']],
    });
  });
  return detectDrift({
    recorded: recordedSnapshot([recorded]),
    observed: observedSnapshot(live, [{ type: 'aws_ecs_task_definition', ...scope }]),
    semantics: semanticsLookup([ecsTaskDefinition]),
  });
}

test('aws_ecs_task_definition is observed as the provider stores it: the state terraform wrote shows no drift', () => {
  const o = ecsTaskDefinition.observe({ definition: described, tags: [{ key: 'team', value: 'platform' }] }, scope);
  assert.equal(o.id, ARN, 'the revision ARN is the observed id (the family is shared by every revision)');
  assert.equal(o.attributes['id'], 'app');
  assert.equal(o.attributes['arn_without_revision'], STATE.arn_without_revision);
  assert.equal(o.attributes['container_definitions'], STATE.container_definitions, 'byte for byte, but map key order');
  assert.deepEqual(o.attributes['requires_compatibilities'], [], 'compatibilities is not requires_compatibilities');
  const out = scan([described]);
  assert.deepEqual(
    out.findings.map((f) => f.changes.map((c) => c.path)),
    [],
  );
});

test('a changed image is drift under container_definitions with its values hidden; array order is meaning', () => {
  const changed = structuredClone(described);
  changed.containerDefinitions![0]!.image = 'nginx:1.27';
  const out = scan([changed]);
  assert.equal(out.findings.length, 1);
  const [change] = out.findings[0]!.changes;
  assert.equal(change?.path, 'container_definitions[0].image');
  assert.equal(change?.observed, SENSITIVE);
  assert.equal(change?.recorded, SENSITIVE);
  assert.ok(!JSON.stringify(out).includes('nginx:1.27'), 'no value of a container definition reaches the result');

  const reordered = structuredClone(described);
  reordered.containerDefinitions![0]!.command = ['-g', 'nginx', 'daemon off;'];
  assert.equal(scan([reordered]).findings.length, 1, 'a reordered command is a change');
});

test('a newer revision registered outside Terraform is unmanaged, never paired with the recorded one', () => {
  const newer = { ...structuredClone(described), revision: 2, taskDefinitionArn: ARN.replace(/1$/, '2') };
  const out = scan([described, newer]);
  assert.deepEqual(
    out.findings.map((f) => [f.kind, f.resource.id]),
    [['unmanaged', newer.taskDefinitionArn]],
  );
});

test('container definitions: containers, environment and secrets sorted by name, zero cpu left out, keys sorted', () => {
  const text = containerDefinitionsText([
    {
      name: 'b',
      cpu: 128,
      image: 'x',
      secrets: [
        { name: 'Z', valueFrom: 'arn:z' },
        { name: 'A', valueFrom: 'arn:a' },
      ],
    },
    { name: 'a', cpu: 0, image: 'y', essential: false },
  ]);
  assert.equal(
    text,
    '[{"essential":false,"image":"y","name":"a"},{"cpu":128,"image":"x","name":"b","secrets":[{"name":"A","valueFrom":"arn:a"},{"name":"Z","valueFrom":"arn:z"}]}]',
  );
});

test('every block is mapped as the provider flattens it', () => {
  const o = ecsTaskDefinition.observe(
    {
      definition: {
        ...described,
        cpu: '256',
        memory: '512',
        requiresCompatibilities: ['FARGATE', 'EC2'],
        executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
        taskRoleArn: 'arn:aws:iam::123456789012:role/task',
        ipcMode: 'task',
        pidMode: 'task',
        enableFaultInjection: true,
        ephemeralStorage: { sizeInGiB: 30 },
        inferenceAccelerators: [{ deviceName: 'd', deviceType: 'eia2.medium' }],
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
        proxyConfiguration: {
          type: 'APPMESH',
          containerName: 'envoy',
          properties: [{ name: 'AppPorts', value: '8080' }],
        },
        runtimePlatform: { cpuArchitecture: 'ARM64' },
        volumes: [
          {
            name: 'efs',
            efsVolumeConfiguration: {
              fileSystemId: 'fs-1',
              transitEncryption: 'ENABLED',
              authorizationConfig: { accessPointId: 'fsap-1', iam: 'ENABLED' },
            },
          },
          {
            name: 'fsx',
            fsxWindowsFileServerVolumeConfiguration: {
              fileSystemId: 'fs-2',
              rootDirectory: '\\data',
              authorizationConfig: { credentialsParameter: 'arn:secret', domain: 'corp' },
            },
          },
        ],
      },
    },
    scope,
  );
  const a = o.attributes;
  assert.equal(a['cpu'], '256');
  assert.deepEqual(a['requires_compatibilities'], ['EC2', 'FARGATE']);
  assert.deepEqual(a['ephemeral_storage'], [{ size_in_gib: 30 }]);
  assert.deepEqual(a['runtime_platform'], [{ cpu_architecture: 'ARM64' }]);
  assert.deepEqual(a['proxy_configuration'], [
    { container_name: 'envoy', properties: { AppPorts: '8080' }, type: 'APPMESH' },
  ]);
  assert.deepEqual(a['placement_constraints'], [{ expression: 'attribute:ecs.os-type == linux', type: 'memberOf' }]);
  assert.deepEqual(a['inference_accelerator'], [{ device_name: 'd', device_type: 'eia2.medium' }]);
  const volumes = a['volume'] as Array<Record<string, unknown>>;
  assert.deepEqual(volumes[0]?.['efs_volume_configuration'], [
    {
      authorization_config: [{ access_point_id: 'fsap-1', iam: 'ENABLED' }],
      file_system_id: 'fs-1',
      root_directory: '',
      transit_encryption: 'ENABLED',
      transit_encryption_port: 0,
    },
  ]);
  assert.deepEqual(volumes[1]?.['fsx_windows_file_server_volume_configuration'], [
    {
      authorization_config: [{ credentials_parameter: 'arn:secret', domain: 'corp' }],
      file_system_id: 'fs-2',
      root_directory: '\\data',
    },
  ]);
  assert.deepEqual(a['tags'], {});
});

test('aws_ecs_task_definition revert puts tags back by the revision ARN; prune deregisters the revision', () => {
  const finding = {
    resource: { type: 'aws_ecs_task_definition', id: ARN, region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [{ path: 'tags.team', recorded: 'platform', observed: 'other', sensitive: false }],
  } as never;
  assert.deepEqual(ecsTaskDefinition.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'ecs',
        operation: 'TagResource',
        region: 'eu-west-1',
        input: { resourceArn: ARN, tags: [{ key: 'team', value: 'platform' }] },
      },
    ],
  });
  const byFamily = { ...(finding as object), resource: { type: 'aws_ecs_task_definition', id: 'app', address: 'x' } };
  assert.ok('unsupported' in ecsTaskDefinition.revert!.plan(byFamily as never, ctx));
  const prune = ecsTaskDefinition.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeregisterTaskDefinition');
  assert.deepEqual(prune.calls[0]?.input, { taskDefinition: ARN });
});

test('every provider attribute of aws_ecs_task_definition is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ecsTaskDefinition, observedItems);
});
