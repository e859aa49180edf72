/**
 * vsphere_virtual_disk. Identity: the provider's id, the disk's path inside its datastore
 * (`vmdk_path`, for example `disks/data.vmdk`). Listing: the datastore browser
 * (SearchDatastoreSubFolders_Task with a VmDiskFileQuery, one task per datastore).
 *
 * A disk file some VM uses (as a disk or a snapshot's delta disk) is expected without its own
 * state: the VM's `disk` block manages it. A file no VM references is an orphaned disk: it becomes
 * `unmanaged` (unless a state manages it as a vsphere_virtual_disk) with its size as a fact.
 */
import { defineVsphereType, type VsphereObservedItem } from './define.js';
import { GIB, parseDatastorePath } from './mapping.js';
import { diskFilesOf } from './virtual-machine.js';

/** `[ds] dir/x.vmdk`, `[ds]/dir/x.vmdk` and `[ds] /dir/x.vmdk` are one file. */
function fileKey(text: string): string {
  const parsed = parseDatastorePath(text);
  return parsed ? `[${parsed.datastore}] ${parsed.path.replace(/^\/+/, '')}` : text;
}

export const virtualDisk = defineVsphereType({
  type: 'vsphere_virtual_disk',
  needs: ['VirtualMachine', 'Datastore', 'Datacenter', 'DatastoreBrowser'],
  observe: (context) => {
    const used = new Map<string, string>();
    for (const vm of context.inventory.objects('VirtualMachine')) {
      for (const file of diskFilesOf(vm)) used.set(fileKey(file), vm.props.get('name')?.text ?? vm.obj.value);
    }
    const items: VsphereObservedItem[] = [];
    for (const ds of context.inventory.objects('Datastore')) {
      const datastore = ds.props.get('name')?.text ?? ds.obj.value;
      const datacenter = context.inventory.datacenterOf(ds.obj)?.props.get('name')?.text ?? '';
      for (const file of context.datastoreFiles.get(ds.obj.value) ?? []) {
        const parsed = parseDatastorePath(file.path);
        if (!parsed) continue;
        const vmdkPath = parsed.path.replace(/^\/+/, '');
        const owner = used.get(fileKey(file.path));
        items.push({
          id: vmdkPath,
          attributes: {
            id: vmdkPath,
            vmdk_path: vmdkPath,
            datastore,
            datacenter,
            ...(file.capacityKb !== undefined ? { size: Math.floor(file.capacityKb / (1024 * 1024)) } : {}),
          },
          datacenter,
          ...(owner !== undefined ? { noise: `used by VM ${owner}: the VM's disk block manages it` } : {}),
          facts: {
            datastore,
            ...(file.sizeBytes !== undefined
              ? { size_bytes: file.sizeBytes, size_gib: Math.round((file.sizeBytes / GIB) * 100) / 100 }
              : {}),
            ...(file.capacityKb !== undefined
              ? { capacity_gib: Math.round((file.capacityKb / (1024 * 1024)) * 100) / 100 }
              : {}),
            ...(file.modified !== undefined ? { modified: file.modified } : {}),
            ...(owner === undefined ? { orphaned: true } : {}),
          },
          placement: { datacenter },
        });
      }
    }
    return items;
  },
  // `type` needs QueryVirtualDiskInfo (not read); adapter_type is deprecated and always the default.
  computed: ['type', 'adapter_type', 'create_directories'],
  forcesReplacement: ['vmdk_path', 'datastore', 'type', 'adapter_type', 'datacenter'],
  limitations:
    'Size is compared when the datastore browser reports the capacity (vCenter does; the simulator does not); the disk type is not read. Orphaned disks are found by searching every datastore for .vmdk files no VM uses.',
  codify: {
    // The provider's importer takes `/DATACENTER/[DATASTORE] PATH`.
    importId: (disk) =>
      `/${disk.region ?? ''}/[${String(disk.attributes['datastore'])}] ${String(disk.attributes['vmdk_path'])}`,
    arguments: [
      { name: 'datacenter', required: true },
      { name: 'datastore', required: true },
      { name: 'vmdk_path', required: true },
      { name: 'size', required: true },
    ],
  },
});
