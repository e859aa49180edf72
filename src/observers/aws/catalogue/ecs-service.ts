/**
 * aws_ecs_service: the clusters of the scope (the listing aws_ecs_cluster shares), ListServices per
 * cluster (100 per page), then DescribeServices with TAGS for up to 10 services per call. The
 * provider's id is the service ARN; the import id is `cluster-name/service-name`.
 *
 * Observed as resourceServiceRead (5.100.0) stores it: `cluster`, `task_definition` and `iam_role`
 * are kept "in the same format" the configuration used (an ARN, or the cluster name, the
 * `family:revision`, the role name): the ARN the API returns is compared on its last path part
 * (`arnOrName`). The deployment percentages and the circuit breaker come from the deployment
 * configuration, set only when the API returns it; blocks the provider's SDK writes with zero
 * values are observed with the same zero values (a set element compares whole).
 */
import type { Service } from '@aws-sdk/client-ecs';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, tagAttributes, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { chunk } from '../repositories/paging.js';
import { ecsClusters } from './ecs-cluster.js';
import { ECS_TAG_OPERATIONS, ecsTagCalls } from './ecs-task-definition.js';
import { defineResourceType } from './define.js';

/** DescribeServices takes at most this many services per call. */
const SERVICES_PER_DESCRIBE = 10;

/** Every service of every active cluster of the scope (INACTIVE services are gone for the provider). */
export async function ecsServices(repos: AwsRepositories): Promise<Service[]> {
  const clusters = await ecsClusters(repos);
  const perCluster = await repos.listing.each(clusters, async (c) => {
    const cluster = c.clusterArn ?? '';
    const arns = await repos.listing.list('ecs', 'ListServices', { cluster }, (page) => page.serviceArns, 100);
    const pages = await repos.listing.each(chunk(arns, SERVICES_PER_DESCRIBE), (services) =>
      repos.listing.read('ecs', 'DescribeServices', { cluster, services, include: ['TAGS'] }),
    );
    return pages.flatMap((page) => page?.services ?? []);
  });
  return perCluster.flat().filter((s) => s.status !== 'INACTIVE');
}

export const ecsService = defineResourceType<Service>({
  type: 'aws_ecs_service',
  service: 'ecs',
  list: (repos) => ecsServices(repos),
  observe: (s) => {
    const deployment = s.deploymentConfiguration;
    const breaker = deployment?.deploymentCircuitBreaker;
    const alarms = deployment?.alarms;
    const vpc = s.networkConfiguration?.awsvpcConfiguration;
    const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
    return {
      id: s.serviceArn ?? '',
      attributes: {
        id: s.serviceArn,
        name: s.serviceName,
        cluster: s.clusterArn,
        task_definition: s.taskDefinition,
        // Set only when the API returns a role (Optional+Computed: the provider keeps what it had).
        iam_role: s.roleArn,
        desired_count: s.desiredCount ?? 0,
        launch_type: s.launchType ?? '',
        platform_version: s.platformVersion ?? '',
        scheduling_strategy: s.schedulingStrategy ?? '',
        propagate_tags: s.propagateTags ?? '',
        availability_zone_rebalancing: s.availabilityZoneRebalancing ?? '',
        enable_ecs_managed_tags: s.enableECSManagedTags ?? false,
        enable_execute_command: s.enableExecuteCommand ?? false,
        health_check_grace_period_seconds: s.healthCheckGracePeriodSeconds ?? 0,
        // Set only when the API returns a deployment configuration.
        deployment_maximum_percent: deployment?.maximumPercent,
        deployment_minimum_healthy_percent: deployment?.minimumHealthyPercent,
        deployment_circuit_breaker: breaker
          ? [{ enable: breaker.enable ?? false, rollback: breaker.rollback ?? false }]
          : deployment
            ? []
            : undefined,
        alarms: alarms
          ? [
              {
                alarm_names: sortedStrings(alarms.alarmNames),
                enable: alarms.enable ?? false,
                rollback: alarms.rollback ?? false,
              },
            ]
          : deployment
            ? []
            : undefined,
        // flattenDeploymentController: ECS when the API returns none.
        deployment_controller: [{ type: s.deploymentController?.type ?? 'ECS' }],
        capacity_provider_strategy: (s.capacityProviderStrategy ?? []).map((c) => ({
          base: c.base ?? 0,
          capacity_provider: c.capacityProvider ?? '',
          weight: c.weight ?? 0,
        })),
        load_balancer: s.loadBalancers
          ? s.loadBalancers.map((lb) => ({
              container_name: lb.containerName ?? '',
              container_port: lb.containerPort ?? 0,
              elb_name: lb.loadBalancerName ?? '',
              target_group_arn: lb.targetGroupArn ?? '',
            }))
          : undefined,
        // flattenNetworkConfiguration; an object without an awsvpc configuration (the emulator's
        // answer for a service without one) is no configuration.
        network_configuration: vpc
          ? [
              {
                assign_public_ip: vpc.assignPublicIp === 'ENABLED',
                security_groups: sortedStrings(vpc.securityGroups),
                subnets: sortedStrings(vpc.subnets),
              },
            ]
          : [],
        ordered_placement_strategy: (s.placementStrategy ?? []).map((p) => ({
          // The API returns MEMORY and CPU in upper case; the provider lowers them.
          field: p.field === 'MEMORY' || p.field === 'CPU' ? p.field.toLowerCase() : (p.field ?? ''),
          type: p.type ?? '',
        })),
        placement_constraints: (s.placementConstraints ?? []).map((p) => ({
          expression: p.expression ?? '',
          type: p.type ?? '',
        })),
        service_registries: (s.serviceRegistries ?? []).map((r) => ({
          container_name: r.containerName ?? '',
          container_port: r.containerPort ?? 0,
          port: r.port ?? 0,
          registry_arn: r.registryArn ?? '',
        })),
        vpc_lattice_configurations: (primary?.vpcLatticeConfigurations ?? []).map((v) => ({
          port_name: v.portName ?? '',
          role_arn: v.roleArn ?? '',
          target_group_arn: v.targetGroupArn ?? '',
        })),
        ...tagAttributes(s.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
      },
    };
  },
  // Configuration-only arguments the read copies from the configuration (or never reads).
  computed: ['force_delete', 'force_new_deployment', 'triggers', 'wait_for_steady_state'],
  unread: unread(
    "read by the provider from the PRIMARY deployment's nested service-connect and EBS volume configuration: not mapped by this entry yet",
    'service_connect_configuration',
    'volume_configuration',
  ),
  arnOrName: ['cluster', 'task_definition', 'iam_role'],
  sets: [
    'capacity_provider_strategy',
    'load_balancer',
    'placement_constraints',
    'vpc_lattice_configurations',
    'network_configuration.security_groups',
    'network_configuration.subnets',
    'alarms.alarm_names',
  ],
  // The network placement decides what the tasks can reach; the role what the scheduler may do.
  policy: ['network_configuration', 'iam_role'],
  // ForceNew in the provider's schema (capacity_provider_strategy forces a new service only when it
  // goes from none to some or back: CustomizeDiff, not listed).
  forcesReplacement: ['name', 'cluster', 'iam_role', 'launch_type', 'scheduling_strategy', 'deployment_controller'],
  trailEvents: ['CreateService', 'UpdateService', 'DeleteService', 'TagResource', 'UntagResource'],
  limitations:
    'service_connect_configuration and volume_configuration are not read; cluster, task_definition and iam_role compare on the name their ARN ends with',
  revert: {
    attributes: ['tags', 'tags_all', 'desired_count', 'task_definition'],
    sends: [...ECS_TAG_OPERATIONS, 'ecs:UpdateService'],
    plan: (f, ctx) => {
      const arn = f.resource.id ?? '';
      if (!arn.startsWith('arn:')) return { unsupported: 'the finding does not carry the service ARN' };
      // arn:aws:ecs:region:account:service/cluster/name (the long form, the only one since 2021).
      const [, cluster, service] = arn.split(':').slice(5).join(':').split('/');
      if (!cluster || !service) return { unsupported: 'the service ARN does not name its cluster' };
      const update: { desiredCount?: number; taskDefinition?: string } = {};
      for (const change of f.changes) {
        if (change.path === 'desired_count' && typeof change.recorded === 'number')
          update.desiredCount = change.recorded;
        if (change.path === 'task_definition' && typeof change.recorded === 'string')
          update.taskDefinition = change.recorded;
      }
      const calls = ecsTagCalls(f, ctx, arn);
      if (Object.keys(update).length > 0)
        calls.push(
          awsCall(
            'ecs',
            'UpdateService',
            regionOf(f, ctx),
            { cluster, service, ...update },
            { note: 'starts a new deployment when the task definition changes' },
          ),
        );
      return { calls };
    },
  },
  prune: {
    sends: ['ecs:DeleteService'],
    plan: (f, ctx) => {
      const arn = f.resource.id ?? '';
      const [, cluster] = arn.split(':').slice(5).join(':').split('/');
      if (!cluster) return { unsupported: 'the service ARN does not name its cluster' };
      return {
        calls: [
          awsCall(
            'ecs',
            'DeleteService',
            regionOf(f, ctx),
            { cluster, service: arn, force: true },
            { note: 'force: the running tasks are stopped with the service' },
          ),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'cluster', required: true },
      { name: 'task_definition' },
      { name: 'desired_count' },
      { name: 'launch_type' },
      { name: 'tags' },
    ],
  },
});
