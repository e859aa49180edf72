/**
 * aws_eks_addon: ListAddons per cluster, then DescribeAddon per add-on (no bulk form; the cluster
 * names come from the listing aws_eks_cluster shares). The provider's id and import id are
 * `cluster_name:addon_name`; times are RFC 3339 without fractions, as resourceAddonRead writes them.
 *
 * The emulator does not serve the add-on APIs (moto's EKS has no ListAddons/DescribeAddon): this
 * entry is tested with recorded responses only.
 */
import type { Addon } from '@aws-sdk/client-eks';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { tagRecord, unread } from '../mapping.js';
import { defineResourceType } from './define.js';
import { rfc3339 } from './eks-cluster.js';

/** `cluster:addon` → the two names, or undefined for an id of another shape. */
function addonKey(id: string | undefined): { clusterName: string; addonName: string } | undefined {
  const [clusterName, addonName, ...rest] = (id ?? '').split(':');
  return clusterName && addonName && rest.length === 0 ? { clusterName, addonName } : undefined;
}

export const eksAddon = defineResourceType<Addon>({
  type: 'aws_eks_addon',
  service: 'eks',
  list: (repos) => repos.eks.addons(),
  observe: (a) => {
    const tags = tagRecord(a.tags ?? {});
    return {
      id: `${a.clusterName ?? ''}:${a.addonName ?? ''}`,
      attributes: {
        id: `${a.clusterName ?? ''}:${a.addonName ?? ''}`,
        arn: a.addonArn,
        addon_name: a.addonName,
        addon_version: a.addonVersion,
        cluster_name: a.clusterName,
        configuration_values: a.configurationValues,
        service_account_role_arn: a.serviceAccountRoleArn,
        created_at: rfc3339(a.createdAt),
        modified_at: rfc3339(a.modifiedAt),
        tags: { ...tags },
        tags_all: tags,
      },
    };
  },
  unread: unread(
    'DescribeAddon returns only pod identity association ids; their role and service account need one DescribePodIdentityAssociation call each: not read',
    'pod_identity_association',
  ),
  // Set by AWS, or configuration-only (how to resolve conflicts, whether to keep the software on delete).
  computed: [
    'created_at',
    'modified_at',
    'preserve',
    'resolve_conflicts',
    'resolve_conflicts_on_create',
    'resolve_conflicts_on_update',
  ],
  // The IAM role the add-on's service account assumes.
  policy: ['service_account_role_arn'],
  forcesReplacement: ['cluster_name', 'addon_name'],
  trailEvents: ['CreateAddon', 'DeleteAddon', 'UpdateAddon', 'TagResource', 'UntagResource'],
  limitations:
    'the emulator does not serve the EKS add-on APIs: tested with recorded responses; one ListAddons call per cluster and one DescribeAddon call per add-on',
  revert: {
    attributes: ['addon_version', 'service_account_role_arn', 'configuration_values'],
    sends: ['eks:UpdateAddon'],
    plan: (f, ctx) => {
      const key = addonKey(f.resource.id);
      if (!key) return { unsupported: 'the id is not cluster_name:addon_name' };
      const recorded = (path: string): string | undefined => {
        const value = recordedOf(f, path);
        return typeof value === 'string' ? value : undefined;
      };
      const addonVersion = recorded('addon_version');
      const serviceAccountRoleArn = recorded('service_account_role_arn');
      const configurationValues = recorded('configuration_values');
      return {
        calls: [
          awsCall('eks', 'UpdateAddon', regionOf(f, ctx), {
            ...key,
            ...(addonVersion !== undefined ? { addonVersion } : {}),
            ...(serviceAccountRoleArn !== undefined ? { serviceAccountRoleArn } : {}),
            ...(configurationValues !== undefined ? { configurationValues } : {}),
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['eks:DeleteAddon'],
    plan: (f, ctx) => {
      const key = addonKey(f.resource.id);
      if (!key) return { unsupported: 'the id is not cluster_name:addon_name' };
      return { calls: [awsCall('eks', 'DeleteAddon', regionOf(f, ctx), key)] };
    },
  },
  codify: {
    arguments: [
      { name: 'cluster_name', required: true },
      { name: 'addon_name', required: true },
      { name: 'addon_version' },
      { name: 'service_account_role_arn' },
      { name: 'configuration_values' },
      { name: 'tags' },
    ],
  },
});
