/**
 * vsphere_resource_pool. Identity: the pool's managed-object id (`resgroup-42`). Attributes as the
 * provider's flattenResourcePoolConfigSpec stores them: `cpu_share_level`, `cpu_shares`,
 * `cpu_reservation`, `cpu_expandable`, `cpu_limit` and the same for memory, `name`,
 * `parent_resource_pool_id`, `tags`.
 *
 * Every cluster and standalone host has a root pool (`Resources`) that vCenter creates: observed,
 * never unmanaged.
 */
import { defineVsphereType } from './define.js';
import { allocation, datacenterName, moRefOf, tagIdsOf } from './mapping.js';

function allocationAttributes(
  prefix: 'cpu' | 'memory',
  element: Parameters<typeof allocation>[0],
): Record<string, unknown> {
  const a = allocation(element);
  return Object.fromEntries(
    Object.entries({
      [`${prefix}_share_level`]: a.level,
      [`${prefix}_shares`]: a.shares,
      [`${prefix}_reservation`]: a.reservation,
      [`${prefix}_expandable`]: a.expandable,
      [`${prefix}_limit`]: a.limit,
    }).filter(([, v]) => v !== undefined),
  );
}

export const resourcePool = defineVsphereType({
  type: 'vsphere_resource_pool',
  needs: ['ResourcePool', 'Datacenter', 'Folder', 'ClusterComputeResource', 'Tagging'],
  observe: (context) =>
    context.inventory.objects('ResourcePool').map((pool) => {
      const parent = moRefOf(pool.props.get('parent'));
      const root = parent?.type !== 'ResourcePool';
      const tags = tagIdsOf(context, pool);
      const datacenter = datacenterName(context.inventory, pool);
      return {
        id: pool.obj.value,
        attributes: {
          id: pool.obj.value,
          name: pool.props.get('name')?.text,
          ...(root ? {} : { parent_resource_pool_id: parent?.value }),
          ...allocationAttributes('cpu', pool.props.get('config.cpuAllocation')),
          ...allocationAttributes('memory', pool.props.get('config.memoryAllocation')),
          ...(tags !== undefined ? { tags } : {}),
        },
        datacenter,
        ...(root ? { noise: "vCenter creates every cluster's and host's root resource pool" } : {}),
        placement: { datacenter },
      };
    }),
  sets: ['tags'],
  // Shares counts are computed from the level unless the level is `custom`.
  defaults: [],
  limitations: 'Scale descendants shares and custom attributes are not compared.',
});
