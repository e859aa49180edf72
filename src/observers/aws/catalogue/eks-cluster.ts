/**
 * aws_eks_cluster: ListClusters, then DescribeCluster per cluster (EKS has no bulk describe; the
 * calls are counted and bounded by the scan's fan-out). The provider's id and import id are the
 * cluster name. Observed as resourceClusterRead stores it: blocks as one-element lists (empty when
 * the API omits the object), `created_at` RFC 3339 without fractions, `cluster_id` only for
 * clusters on Outposts, sets sorted.
 */
import type { Cluster } from '@aws-sdk/client-eks';
import type { PlanContext } from '../../../model/catalogue.js';
import type { Finding } from '../../../model/finding.js';
import { awsCall, regionOf, type ApiCall, type AwsCommandRef } from '../calls.js';
import { sortedStrings, tagRecord } from '../mapping.js';
import { tagDelta } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** Every control-plane log type; the provider disables the ones a configuration does not enable. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** `created_at` as the provider writes it (time.RFC3339: no fractional seconds). */
export function rfc3339(date: Date | undefined): string | undefined {
  return date?.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The operations eksTagCalls may plan. */
export const EKS_TAG_OPERATIONS: ReadonlyArray<AwsCommandRef> = ['eks:TagResource', 'eks:UntagResource'];

/** Calls that put an EKS resource's recorded tags back (one TagResource, one UntagResource at most). */
export function eksTagCalls(finding: Finding, ctx: PlanContext, resourceArn: string): ApiCall[] {
  const { put, remove } = tagDelta(finding);
  const region = regionOf(finding, ctx);
  const calls: ApiCall[] = [];
  if (remove.size > 0)
    calls.push(awsCall('eks', 'UntagResource', region, { resourceArn, tagKeys: [...remove].sort() }));
  if (put.size > 0) calls.push(awsCall('eks', 'TagResource', region, { resourceArn, tags: Object.fromEntries(put) }));
  return calls;
}

const list = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

export const eksCluster = defineResourceType<Cluster>({
  type: 'aws_eks_cluster',
  service: 'eks',
  list: (repos) => repos.eks.clusters(),
  observe: (c) => {
    const tags = tagRecord(c.tags ?? {});
    const vpc = c.resourcesVpcConfig;
    const network = c.kubernetesNetworkConfig;
    return {
      id: c.name ?? '',
      attributes: {
        id: c.name,
        arn: c.arn,
        name: c.name,
        role_arn: c.roleArn,
        version: c.version,
        platform_version: c.platformVersion,
        status: c.status,
        endpoint: c.endpoint,
        created_at: rfc3339(c.createdAt),
        // bootstrap_cluster_creator_admin_permissions is not returned by the API (the provider
        // copies it from the configuration): a block is compared on the fields observed here.
        access_config: list(c.accessConfig && { authentication_mode: c.accessConfig.authenticationMode }),
        certificate_authority: list(c.certificateAuthority && { data: c.certificateAuthority.data ?? '' }),
        identity: list(c.identity && { oidc: list(c.identity.oidc && { issuer: c.identity.oidc.issuer ?? '' }) }),
        ...(c.outpostConfig ? { cluster_id: c.id } : {}),
        enabled_cluster_log_types: sortedStrings(
          (c.logging?.clusterLogging ?? []).filter((s) => s.enabled === true).flatMap((s) => s.types ?? []),
        ),
        encryption_config: (c.encryptionConfig ?? []).map((e) => ({
          provider: list(e.provider && { key_arn: e.provider.keyArn ?? '' }),
          resources: sortedStrings(e.resources),
        })),
        kubernetes_network_config: list(
          network && {
            elastic_load_balancing: list(
              network.elasticLoadBalancing && { enabled: network.elasticLoadBalancing.enabled ?? false },
            ),
            service_ipv4_cidr: network.serviceIpv4Cidr ?? '',
            service_ipv6_cidr: network.serviceIpv6Cidr ?? '',
            ip_family: network.ipFamily,
          },
        ),
        vpc_config: list(
          vpc && {
            cluster_security_group_id: vpc.clusterSecurityGroupId ?? '',
            endpoint_private_access: vpc.endpointPrivateAccess,
            endpoint_public_access: vpc.endpointPublicAccess,
            security_group_ids: sortedStrings(vpc.securityGroupIds),
            subnet_ids: sortedStrings(vpc.subnetIds),
            public_access_cidrs: sortedStrings(vpc.publicAccessCidrs),
            vpc_id: vpc.vpcId ?? '',
          },
        ),
        compute_config: list(
          c.computeConfig && {
            enabled: c.computeConfig.enabled ?? false,
            node_pools: [...(c.computeConfig.nodePools ?? [])],
            node_role_arn: c.computeConfig.nodeRoleArn ?? '',
          },
        ),
        outpost_config: list(
          c.outpostConfig && {
            control_plane_instance_type: c.outpostConfig.controlPlaneInstanceType ?? '',
            control_plane_placement: list(
              c.outpostConfig.controlPlanePlacement && {
                group_name: c.outpostConfig.controlPlanePlacement.groupName ?? '',
              },
            ),
            outpost_arns: sortedStrings(c.outpostConfig.outpostArns),
          },
        ),
        remote_network_config: list(
          c.remoteNetworkConfig && {
            remote_node_networks: (c.remoteNetworkConfig.remoteNodeNetworks ?? []).map((n) => ({
              cidrs: [...(n.cidrs ?? [])],
            })),
            remote_pod_networks: (c.remoteNetworkConfig.remotePodNetworks ?? []).map((n) => ({
              cidrs: [...(n.cidrs ?? [])],
            })),
          },
        ),
        storage_config: list(
          c.storageConfig && {
            block_storage: list(
              c.storageConfig.blockStorage && { enabled: c.storageConfig.blockStorage.enabled ?? false },
            ),
          },
        ),
        upgrade_policy: list(c.upgradePolicy && { support_type: c.upgradePolicy.supportType }),
        zonal_shift_config: list(c.zonalShiftConfig && { enabled: c.zonalShiftConfig.enabled }),
        tags: { ...tags },
        tags_all: tags,
      },
    };
  },
  computed: [
    // Set by AWS (status, endpoint, CA data, OIDC issuer, platform patch level) or configuration-only:
    // the provider copies bootstrap_self_managed_addons and force_update_version from the configuration.
    'created_at',
    'status',
    'endpoint',
    'certificate_authority',
    'identity',
    'platform_version',
    'cluster_id',
    'bootstrap_self_managed_addons',
    'force_update_version',
  ],
  sets: ['enabled_cluster_log_types'],
  // Who may reach and administer the control plane, and how secrets are encrypted.
  policy: ['role_arn', 'vpc_config', 'access_config', 'encryption_config'],
  forcesReplacement: ['name', 'role_arn', 'outpost_config', 'bootstrap_self_managed_addons', 'encryption_config'],
  trailEvents: [
    'CreateCluster',
    'DeleteCluster',
    'UpdateClusterConfig',
    'UpdateClusterVersion',
    'AssociateEncryptionConfig',
    'TagResource',
    'UntagResource',
  ],
  limitations: 'attributes cost one DescribeCluster call per cluster (EKS has no bulk describe)',
  revert: {
    attributes: ['tags', 'tags_all', 'enabled_cluster_log_types'],
    sends: [...EKS_TAG_OPERATIONS, 'eks:UpdateClusterConfig'],
    plan: (f, ctx) => {
      const name = f.resource.id ?? '';
      const region = regionOf(f, ctx);
      const account = f.resource.account;
      const calls: ApiCall[] = [];
      const logs = f.changes.find((c) => c.path === 'enabled_cluster_log_types');
      if (logs) {
        const enabled = Array.isArray(logs.recorded) ? logs.recorded.map(String) : [];
        const disabled = EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
        calls.push(
          awsCall('eks', 'UpdateClusterConfig', region, {
            name,
            logging: {
              clusterLogging: [
                { enabled: true, types: enabled as (typeof EKS_LOG_TYPES)[number][] },
                { enabled: false, types: disabled },
              ],
            },
          }),
        );
      }
      if (f.changes.some((c) => c.path.startsWith('tags'))) {
        if (account === undefined) return { unsupported: 'the finding names no account: the cluster ARN is unknown' };
        calls.push(...eksTagCalls(f, ctx, `arn:aws:eks:${region}:${account}:cluster/${name}`));
      }
      return { calls };
    },
  },
  prune: {
    sends: ['eks:DeleteCluster'],
    plan: (f, ctx) => ({
      calls: [
        awsCall(
          'eks',
          'DeleteCluster',
          regionOf(f, ctx),
          { name: f.resource.id },
          { note: 'EKS refuses while node groups or Fargate profiles remain: prune those first' },
        ),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'role_arn', required: true },
      { name: 'version' },
      {
        name: 'vpc_config',
        required: true,
        block: [
          { name: 'subnet_ids', required: true },
          { name: 'security_group_ids' },
          { name: 'endpoint_private_access', default: false },
          { name: 'endpoint_public_access', default: true },
          { name: 'public_access_cidrs' },
        ],
      },
      { name: 'enabled_cluster_log_types' },
      { name: 'access_config', block: [{ name: 'authentication_mode' }] },
      {
        name: 'encryption_config',
        block: [
          { name: 'provider', block: [{ name: 'key_arn', required: true }] },
          { name: 'resources', required: true },
        ],
      },
      { name: 'tags' },
    ],
  },
});
