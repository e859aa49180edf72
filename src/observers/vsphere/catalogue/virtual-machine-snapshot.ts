/**
 * vsphere_virtual_machine_snapshot. Identity: the snapshot's managed-object id (`snapshot-42`), the
 * provider's resource id. The provider's read only checks that the snapshot still exists (it sets
 * no attribute), so nothing is compared: a recorded snapshot is present or `missing`, and every
 * snapshot no state manages is `unmanaged`, a leftover, with its age, size and whether it holds
 * the VM's memory as facts.
 */
import { defineVsphereType, type VsphereObservedItem } from './define.js';
import { datacenterName, placementOf, propText } from './mapping.js';
import { snapshotSizeBytes, snapshotsOf } from '../inventory.js';
import { moRefOf } from '../client/xml.js';
import { planSnapshotPrune } from '../revert.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export const virtualMachineSnapshot = defineVsphereType({
  type: 'vsphere_virtual_machine_snapshot',
  needs: ['VirtualMachine', 'Datacenter', 'Folder'],
  observe: (context) => {
    const items: VsphereObservedItem[] = [];
    for (const vm of context.inventory.objects('VirtualMachine')) {
      const vmUuid = propText(vm, 'config.uuid') ?? '';
      const folder = context.inventory.relativeFolderPath(moRefOf(vm.props.get('parent')));
      for (const snapshot of snapshotsOf(vm)) {
        const created = Date.parse(snapshot.createTime);
        const size = snapshotSizeBytes(vm, snapshot.ref);
        const memory = snapshot.state === 'poweredOn';
        items.push({
          id: snapshot.ref.value,
          attributes: {
            id: snapshot.ref.value,
            virtual_machine_uuid: vmUuid,
            snapshot_name: snapshot.name,
            description: snapshot.description,
            memory,
            quiesce: snapshot.quiesced,
          },
          datacenter: datacenterName(context.inventory, vm),
          facts: {
            vm: propText(vm, 'name') ?? vm.obj.value,
            created_at: snapshot.createTime,
            ...(Number.isFinite(created)
              ? { age_days: Math.round(((context.now.getTime() - created) / DAY_MS) * 10) / 10 }
              : {}),
            ...(size !== undefined ? { size_bytes: size } : {}),
            memory,
          },
          placement: placementOf(context, vm, folder),
        });
      }
    }
    return items;
  },
  // The provider's read sets no attribute: it only checks that the snapshot exists.
  computed: [
    'virtual_machine_uuid',
    'snapshot_name',
    'description',
    'memory',
    'quiesce',
    'remove_children',
    'consolidate',
  ],
  forcesReplacement: ['virtual_machine_uuid', 'snapshot_name', 'description', 'memory', 'quiesce'],
  prune: { plan: planSnapshotPrune },
  sends: ['RemoveSnapshot_Task'],
  limitations:
    'Existence only, as the provider: a snapshot is present, missing or unmanaged (a leftover, with age, size and memory as facts); its attributes are never read back. Sizes come from the VM file layout (layoutEx); the simulator reports 0 bytes.',
});
