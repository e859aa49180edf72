/**
 * vsphere_compute_cluster: the settings people change by hand, DRS and HA. Identity: the cluster's
 * managed-object id (`domain-c42`). From `configurationEx` as the provider's flatten functions map
 * it: drs_enabled, drs_automation_level (defaultVmBehavior), drs_migration_threshold (vmotionRate),
 * drs_enable_vm_overrides, ha_enabled, ha_host_monitoring, ha_vm_restart_priority, ha_admission_control_policy
 * when admission control is off (`disabled`); name, datacenter_id, folder, tags.
 */
import { defineVsphereType } from './define.js';
import { child, datacenterName, moRefOf, numberOf, tagIdsOf, textOf } from './mapping.js';

export const computeCluster = defineVsphereType({
  type: 'vsphere_compute_cluster',
  needs: ['ClusterComputeResource', 'Datacenter', 'Folder', 'Tagging'],
  observe: (context) =>
    context.inventory.objects('ClusterComputeResource').map((cluster) => {
      const config = cluster.props.get('configurationEx');
      const drs = child(config, 'drsConfig');
      const das = child(config, 'dasConfig');
      const dc = context.inventory.datacenterOf(cluster.obj);
      const datacenter = datacenterName(context.inventory, cluster);
      const tags = tagIdsOf(context, cluster);
      const attributes: Record<string, unknown> = {
        id: cluster.obj.value,
        name: cluster.props.get('name')?.text,
        datacenter_id: dc?.obj.value,
        folder: context.inventory.relativeFolderPath(moRefOf(cluster.props.get('parent'))),
        drs_enabled: textOf(drs, 'enabled') === 'true',
        drs_automation_level: textOf(drs, 'defaultVmBehavior'),
        drs_migration_threshold: numberOf(drs, 'vmotionRate'),
        drs_enable_vm_overrides:
          textOf(drs, 'enableVmBehaviorOverrides') === undefined
            ? undefined
            : textOf(drs, 'enableVmBehaviorOverrides') === 'true',
        ha_enabled: textOf(das, 'enabled') === 'true',
        ha_host_monitoring: textOf(das, 'hostMonitoring'),
        ha_vm_restart_priority: textOf(child(das, 'defaultVmSettings'), 'restartPriority'),
        ...(textOf(das, 'admissionControlEnabled') === 'false' ? { ha_admission_control_policy: 'disabled' } : {}),
        ...(tags !== undefined ? { tags } : {}),
      };
      return {
        id: cluster.obj.value,
        attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)),
        datacenter,
        placement: { datacenter, cluster: String(attributes['name'] ?? '') },
      };
    }),
  sets: ['tags'],
  forcesReplacement: ['datacenter_id'],
  limitations:
    'DRS and HA switches, automation level, migration threshold, host monitoring, restart priority and disabled admission control are compared; the other HA, DPM, vSAN and proactive-HA settings are not.',
});
