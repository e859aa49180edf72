/**
 * aws_eks_node_group: ListNodegroups per cluster, then DescribeNodegroup per node group (no bulk
 * form; the cluster names come from the listing aws_eks_cluster shares). The provider's id and
 * import id are `cluster_name:node_group_name`. Observed as resourceNodeGroupRead stores it: blocks
 * as one-element lists, keys of launch_template / scaling_config / update_config only where the API
 * returned them, taints as a set (null when there is none), `resources` set by AWS.
 */
import type { Nodegroup } from '@aws-sdk/client-eks';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, tagRecord } from '../mapping.js';
import { defineResourceType } from './define.js';

/** The keys of `from` whose value the API returned, renamed: the provider sets only those. */
function present(from: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(from).filter(([, v]) => v !== undefined));
}

const SCALING_PATH = /^scaling_config\[0\]\.(desired_size|max_size|min_size)$/;
const SCALING_KEY = { desired_size: 'desiredSize', max_size: 'maxSize', min_size: 'minSize' } as const;

export const eksNodeGroup = defineResourceType<Nodegroup>({
  type: 'aws_eks_node_group',
  service: 'eks',
  list: (repos) => repos.eks.nodeGroups(),
  observe: (g) => {
    const tags = tagRecord(g.tags ?? {});
    return {
      id: `${g.clusterName ?? ''}:${g.nodegroupName ?? ''}`,
      attributes: {
        id: `${g.clusterName ?? ''}:${g.nodegroupName ?? ''}`,
        arn: g.nodegroupArn,
        cluster_name: g.clusterName,
        node_group_name: g.nodegroupName,
        node_role_arn: g.nodeRole,
        ami_type: g.amiType,
        capacity_type: g.capacityType,
        disk_size: g.diskSize,
        instance_types: [...(g.instanceTypes ?? [])],
        labels: g.labels ?? {},
        release_version: g.releaseVersion,
        version: g.version,
        status: g.status,
        subnet_ids: sortedStrings(g.subnets),
        launch_template: g.launchTemplate
          ? [present({ id: g.launchTemplate.id, name: g.launchTemplate.name, version: g.launchTemplate.version })]
          : [],
        remote_access: g.remoteAccess
          ? [
              {
                ec2_ssh_key: g.remoteAccess.ec2SshKey ?? '',
                source_security_group_ids: sortedStrings(g.remoteAccess.sourceSecurityGroups),
              },
            ]
          : [],
        resources: g.resources
          ? [
              {
                autoscaling_groups: (g.resources.autoScalingGroups ?? []).map((a) => ({ name: a.name ?? '' })),
                remote_access_security_group_id: g.resources.remoteAccessSecurityGroup ?? '',
              },
            ]
          : [],
        scaling_config: g.scalingConfig
          ? [
              present({
                desired_size: g.scalingConfig.desiredSize,
                max_size: g.scalingConfig.maxSize,
                min_size: g.scalingConfig.minSize,
              }),
            ]
          : [],
        update_config: g.updateConfig
          ? [
              present({
                max_unavailable: g.updateConfig.maxUnavailable,
                max_unavailable_percentage: g.updateConfig.maxUnavailablePercentage,
              }),
            ]
          : [],
        node_repair_config: g.nodeRepairConfig ? [present({ enabled: g.nodeRepairConfig.enabled })] : [],
        taint:
          g.taints && g.taints.length > 0
            ? g.taints.map((t) => ({ key: t.key ?? '', value: t.value ?? '', effect: t.effect }))
            : undefined,
        tags: { ...tags },
        tags_all: tags,
      },
    };
  },
  computed: [
    // Set by AWS (status, the Auto Scaling groups behind the node group), or configuration-only
    // (the provider derives the prefix from the name, and copies force_update_version).
    'status',
    'resources',
    'node_group_name_prefix',
    'force_update_version',
  ],
  sets: ['taint'],
  // Which IAM role every node runs as, and who may SSH in from where.
  policy: ['node_role_arn', 'remote_access'],
  forcesReplacement: [
    'cluster_name',
    'node_group_name',
    'node_group_name_prefix',
    'node_role_arn',
    'subnet_ids',
    'ami_type',
    'capacity_type',
    'disk_size',
    'instance_types',
    'remote_access',
  ],
  trailEvents: [
    'CreateNodegroup',
    'DeleteNodegroup',
    'UpdateNodegroupConfig',
    'UpdateNodegroupVersion',
    'TagResource',
    'UntagResource',
  ],
  limitations:
    'attributes cost one ListNodegroups call per cluster and one DescribeNodegroup call per node group (EKS has no bulk describe)',
  revert: {
    attributes: ['scaling_config'],
    sends: ['eks:UpdateNodegroupConfig'],
    plan: (f, ctx) => {
      const [clusterName, nodegroupName] = (f.resource.id ?? '').split(':');
      if (!clusterName || !nodegroupName) return { unsupported: 'the id is not cluster_name:node_group_name' };
      const scalingConfig: Record<string, number> = {};
      for (const change of f.changes) {
        const key = SCALING_PATH.exec(change.path)?.[1] as keyof typeof SCALING_KEY | undefined;
        if (key === undefined || typeof change.recorded !== 'number') continue;
        scalingConfig[SCALING_KEY[key]] = change.recorded;
      }
      if (Object.keys(scalingConfig).length === 0) return { unsupported: 'no recorded scaling size to put back' };
      return {
        calls: [
          awsCall('eks', 'UpdateNodegroupConfig', regionOf(f, ctx), { clusterName, nodegroupName, scalingConfig }),
        ],
      };
    },
  },
  prune: {
    sends: ['eks:DeleteNodegroup'],
    plan: (f, ctx) => {
      const [clusterName, nodegroupName] = (f.resource.id ?? '').split(':');
      if (!clusterName || !nodegroupName) return { unsupported: 'the id is not cluster_name:node_group_name' };
      return { calls: [awsCall('eks', 'DeleteNodegroup', regionOf(f, ctx), { clusterName, nodegroupName })] };
    },
  },
  codify: {
    arguments: [
      { name: 'cluster_name', required: true },
      { name: 'node_group_name', required: true },
      { name: 'node_role_arn', required: true },
      { name: 'subnet_ids', required: true },
      {
        name: 'scaling_config',
        required: true,
        block: [
          { name: 'desired_size', required: true },
          { name: 'max_size', required: true },
          { name: 'min_size', required: true },
        ],
      },
      { name: 'instance_types' },
      { name: 'capacity_type' },
      { name: 'ami_type' },
      { name: 'labels' },
      { name: 'tags' },
    ],
  },
});
