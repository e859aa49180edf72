/**
 * aws_ecs_task_definition: ListTaskDefinitions (ACTIVE revisions, 100 per page), then
 * DescribeTaskDefinition with TAGS per revision (ECS has no bulk describe; the calls are counted and
 * bounded by the scan's fan-out).
 *
 * Identity: every revision is its own resource. The provider's `id` is the family, which all active
 * revisions share, so the observed id is the revision's ARN (what `terraform import` takes) and
 * pairing falls back to `arn` (identityAttributes): a record pairs with exactly its revision, never
 * with a newer one registered outside Terraform (that one is reported unmanaged).
 *
 * `container_definitions` is stored as resourceTaskDefinitionRead stores it (5.100.0): the API's
 * container definitions in the SDK's wire form (present fields only, a container's `cpu` left out when
 * 0, keys in member order), containers sorted by name, each container's environment and secrets
 * sorted by name; compared as JSON with ordered arrays. Environment values are plain text in the API
 * and commonly hold credentials: the attribute is secret (compared; paths shown, values never).
 */
import type { ContainerDefinition, Tag, TaskDefinition, Volume } from '@aws-sdk/client-ecs';
import type { PlanContext } from '../../../model/catalogue.js';
import type { Finding } from '../../../model/finding.js';
import { awsCall, regionOf, type ApiCall, type AwsCommandRef } from '../calls.js';
import { sortedStrings, tagAttributes } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { tagDelta } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** One revision as DescribeTaskDefinition returns it, with the tags it returns beside it. */
export interface DescribedTaskDefinition {
  readonly definition: TaskDefinition;
  readonly tags?: ReadonlyArray<Tag>;
}

/** Every ACTIVE revision of the scope, described with its tags. */
export async function ecsTaskDefinitions(repos: AwsRepositories): Promise<DescribedTaskDefinition[]> {
  const arns = await repos.listing.list(
    'ecs',
    'ListTaskDefinitions',
    { status: 'ACTIVE' },
    (page) => page.taskDefinitionArns,
    100,
  );
  const described = await repos.listing.each(arns, (taskDefinition) =>
    repos.listing.read('ecs', 'DescribeTaskDefinition', { taskDefinition, include: ['TAGS'] }),
  );
  const out: DescribedTaskDefinition[] = [];
  for (const d of described) {
    // Deregistered after the listing: INACTIVE or DELETE_IN_PROGRESS is gone for the provider.
    if (d?.taskDefinition === undefined || d.taskDefinition.status !== 'ACTIVE') continue;
    out.push({ definition: d.taskDefinition, ...(d.tags ? { tags: d.tags } : {}) });
  }
  return out;
}

/** The operations ecsTagCalls may plan. */
export const ECS_TAG_OPERATIONS: ReadonlyArray<AwsCommandRef> = ['ecs:TagResource', 'ecs:UntagResource'];

/** Calls that put an ECS resource's recorded tags back (one TagResource, one UntagResource at most). */
export function ecsTagCalls(finding: Finding, ctx: PlanContext, resourceArn: string): ApiCall[] {
  const { put, remove } = tagDelta(finding);
  const region = regionOf(finding, ctx);
  const calls: ApiCall[] = [];
  if (remove.size > 0)
    calls.push(awsCall('ecs', 'UntagResource', region, { resourceArn, tagKeys: [...remove].sort() }));
  if (put.size > 0)
    calls.push(
      awsCall('ecs', 'TagResource', region, {
        resourceArn,
        tags: [...put].map(([key, value]) => ({ key, value })),
      }),
    );
  return calls;
}

const byName = (a: { name?: string | undefined }, b: { name?: string | undefined }): number => {
  const x = a.name ?? '';
  const y = b.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Object keys sorted at every depth (the SDK serializer writes members in name order). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) out[k] = sortedKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * `container_definitions` as the provider's read stores it: orderContainers, orderEnvironmentVariables,
 * orderSecrets, then the SDK's serializer (which omits a zero `cpu`, a non-pointer member).
 */
export function containerDefinitionsText(definitions: ReadonlyArray<ContainerDefinition> | undefined): string {
  const containers = [...(definitions ?? [])].sort(byName).map((c) => {
    const out: Record<string, unknown> = { ...c };
    if (c.cpu === 0) delete out['cpu'];
    if (c.environment) out['environment'] = [...c.environment].sort(byName);
    if (c.secrets) out['secrets'] = [...c.secrets].sort(byName);
    return out;
  });
  return JSON.stringify(sortedKeys(containers));
}

/** A string map (driver options, labels) as the provider stores it: `{}` when the API returned none. */
const stringMap = (m: Record<string, string> | undefined): Record<string, string> => ({ ...(m ?? {}) });

/**
 * flattenVolumes, with the zero values the provider's SDK writes for keys its flatteners leave unset
 * (a set element is compared whole, so its shape must be the state's).
 */
function volumeOf(v: Volume): Record<string, unknown> {
  const docker = v.dockerVolumeConfiguration;
  const efs = v.efsVolumeConfiguration;
  const fsx = v.fsxWindowsFileServerVolumeConfiguration;
  return {
    configure_at_launch: v.configuredAtLaunch ?? false,
    docker_volume_configuration: docker
      ? [
          {
            autoprovision: docker.autoprovision ?? false,
            driver: docker.driver ?? '',
            driver_opts: stringMap(docker.driverOpts),
            labels: stringMap(docker.labels),
            scope: docker.scope ?? '',
          },
        ]
      : [],
    efs_volume_configuration: efs
      ? [
          {
            authorization_config: efs.authorizationConfig
              ? [
                  {
                    access_point_id: efs.authorizationConfig.accessPointId ?? '',
                    iam: efs.authorizationConfig.iam ?? '',
                  },
                ]
              : [],
            file_system_id: efs.fileSystemId ?? '',
            root_directory: efs.rootDirectory ?? '',
            transit_encryption: efs.transitEncryption ?? '',
            transit_encryption_port: efs.transitEncryptionPort ?? 0,
          },
        ]
      : [],
    fsx_windows_file_server_volume_configuration: fsx
      ? [
          {
            authorization_config: fsx.authorizationConfig
              ? [
                  {
                    credentials_parameter: fsx.authorizationConfig.credentialsParameter ?? '',
                    domain: fsx.authorizationConfig.domain ?? '',
                  },
                ]
              : [],
            file_system_id: fsx.fileSystemId ?? '',
            root_directory: fsx.rootDirectory ?? '',
          },
        ]
      : [],
    host_path: v.host?.sourcePath ?? '',
    name: v.name ?? '',
  };
}

/** taskDefinitionARNStripRevision: the ARN without its `:revision` suffix. */
export function arnWithoutRevision(arn: string | undefined): string | undefined {
  return arn?.replace(/:\d+$/, '');
}

export const ecsTaskDefinition = defineResourceType<DescribedTaskDefinition>({
  type: 'aws_ecs_task_definition',
  service: 'ecs',
  list: (repos) => ecsTaskDefinitions(repos),
  observe: ({ definition: t, tags }) => {
    const runtime = t.runtimePlatform;
    const proxy = t.proxyConfiguration;
    return {
      id: t.taskDefinitionArn ?? '',
      attributes: {
        id: t.family,
        arn: t.taskDefinitionArn,
        arn_without_revision: arnWithoutRevision(t.taskDefinitionArn),
        family: t.family,
        revision: t.revision,
        container_definitions: containerDefinitionsText(t.containerDefinitions),
        cpu: t.cpu ?? '',
        memory: t.memory ?? '',
        enable_fault_injection: t.enableFaultInjection ?? false,
        execution_role_arn: t.executionRoleArn ?? '',
        task_role_arn: t.taskRoleArn ?? '',
        ipc_mode: t.ipcMode ?? '',
        pid_mode: t.pidMode ?? '',
        network_mode: t.networkMode ?? '',
        ephemeral_storage: t.ephemeralStorage ? [{ size_in_gib: t.ephemeralStorage.sizeInGiB ?? 0 }] : [],
        inference_accelerator: (t.inferenceAccelerators ?? []).map((a) => ({
          device_name: a.deviceName ?? '',
          device_type: a.deviceType ?? '',
        })),
        placement_constraints: (t.placementConstraints ?? []).map((p) => ({
          expression: p.expression ?? '',
          type: p.type ?? '',
        })),
        proxy_configuration: proxy
          ? [
              {
                container_name: proxy.containerName ?? '',
                properties: Object.fromEntries((proxy.properties ?? []).map((p) => [p.name ?? '', p.value ?? ''])),
                type: proxy.type ?? '',
              },
            ]
          : [],
        requires_compatibilities: sortedStrings(t.requiresCompatibilities),
        // flattenRuntimePlatform: nothing when neither field is set, else only the fields set.
        runtime_platform:
          runtime && (runtime.cpuArchitecture || runtime.operatingSystemFamily)
            ? [
                {
                  ...(runtime.cpuArchitecture ? { cpu_architecture: runtime.cpuArchitecture } : {}),
                  ...(runtime.operatingSystemFamily ? { operating_system_family: runtime.operatingSystemFamily } : {}),
                },
              ]
            : [],
        volume: (t.volumes ?? []).map(volumeOf),
        ...tagAttributes(tags?.map((tag) => ({ Key: tag.key, Value: tag.value }))),
      },
    };
  },
  // Configuration-only arguments: the read copies them from the configuration, the API has none.
  computed: ['track_latest', 'skip_destroy'],
  identityAttributes: ['arn'],
  orderedJson: ['container_definitions'],
  sets: ['inference_accelerator', 'placement_constraints', 'requires_compatibilities', 'volume'],
  // Environment values are plain text in the API and commonly hold credentials: compared, never shown.
  secretAttributes: ['container_definitions'],
  // The roles decide what the task and the agent may do.
  policy: ['task_role_arn', 'execution_role_arn'],
  // Every argument but tags forces a new revision (ForceNew in the provider's schema).
  forcesReplacement: [
    'container_definitions',
    'cpu',
    'enable_fault_injection',
    'ephemeral_storage',
    'execution_role_arn',
    'family',
    'inference_accelerator',
    'ipc_mode',
    'memory',
    'network_mode',
    'pid_mode',
    'placement_constraints',
    'proxy_configuration',
    'requires_compatibilities',
    'runtime_platform',
    'task_role_arn',
    'volume',
  ],
  trailEvents: [
    'RegisterTaskDefinition',
    'DeregisterTaskDefinition',
    'DeleteTaskDefinitions',
    'TagResource',
    'UntagResource',
  ],
  limitations:
    'one DescribeTaskDefinition per active revision (no bulk describe); container_definitions is compared but its values are never shown (environment values may be secrets); not codified (the definitions would put those values into code)',
  // A revision is immutable: only its tags can be put back.
  revert: {
    attributes: ['tags', 'tags_all'],
    sends: ECS_TAG_OPERATIONS,
    plan: (f, ctx) => {
      const arn = f.resource.id ?? '';
      if (!arn.startsWith('arn:')) return { unsupported: 'the finding does not carry the revision ARN' };
      return { calls: ecsTagCalls(f, ctx, arn) };
    },
  },
  prune: {
    sends: ['ecs:DeregisterTaskDefinition'],
    plan: (f, ctx) => ({
      calls: [
        awsCall(
          'ecs',
          'DeregisterTaskDefinition',
          regionOf(f, ctx),
          { taskDefinition: f.resource.id ?? '' },
          { note: 'the revision becomes INACTIVE: running tasks keep it, new tasks cannot use it' },
        ),
      ],
    }),
  },
});
