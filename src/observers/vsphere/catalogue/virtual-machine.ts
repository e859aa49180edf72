/**
 * vsphere_virtual_machine. Identity: the VM's BIOS uuid (`config.uuid`), which the provider uses as
 * the resource id (virtualmachine.FromUUID), never the name or the inventory path.
 *
 * Attribute shapes follow the provider's read (resourceVSphereVirtualMachineRead,
 * flattenVirtualMachineConfigInfo, the disk and network-interface subresources):
 *   num_cpus, num_cores_per_socket, memory (MB), the hot-add flags, annotation, guest_id, firmware,
 *   hardware_version (the number of `vmx-NN`), folder (relative to the datacenter's VM folder),
 *   resource_pool_id and datastore_id (managed-object ids), tags (tag ids), extra_config (only the
 *   keys in state are read back: see `recordedKeysOnly`), disk blocks (size in GiB,
 *   thin_provisioned, eagerly_scrub, unit_number, datastore_id, path within the datastore, uuid,
 *   disk_mode) in unit-number order, network_interface blocks (network_id, adapter_type,
 *   mac_address) in unit-number order.
 */
import type { ObjectContent } from '../client/vim.js';
import { child, children, moRefOf, numberOf, textOf, type XmlElement } from '../client/xml.js';
import { defineVsphereType, type VsphereContext, type VsphereObservedItem } from './define.js';
import { planVmRevert } from '../revert.js';
import {
  datacenterName,
  GIB,
  optionValues,
  parseDatastorePath,
  placementOf,
  propBool,
  propText,
  SECRET_EXTRA_CONFIG,
  tagIdsOf,
} from './mapping.js';

const ADAPTER_TYPES: Record<string, string> = {
  VirtualE1000: 'e1000',
  VirtualE1000e: 'e1000e',
  VirtualVmxnet3: 'vmxnet3',
  VirtualVmxnet3Vrdma: 'vmxnet3vrdma',
  VirtualSriovEthernetCard: 'sriov',
  VirtualPCNet32: 'pcnet32',
  VirtualVmxnet2: 'vmxnet2',
};

function unitOrder(a: XmlElement, b: XmlElement): number {
  return (
    (numberOf(a, 'controllerKey') ?? 0) - (numberOf(b, 'controllerKey') ?? 0) ||
    (numberOf(a, 'unitNumber') ?? 0) - (numberOf(b, 'unitNumber') ?? 0)
  );
}

/** The provider's diskCapacityInGiB: capacityInBytes, else capacityInKB, in whole GiB. */
export function diskSizeGiB(disk: XmlElement): number | undefined {
  const bytes = numberOf(disk, 'capacityInBytes');
  if (bytes !== undefined && bytes > 0) return Math.floor(bytes / GIB);
  const kb = numberOf(disk, 'capacityInKB');
  return kb === undefined ? undefined : Math.floor(kb / (1024 * 1024));
}

export function disksOf(hardware: XmlElement | undefined): Record<string, unknown>[] {
  const disks = children(hardware, 'device')
    .filter((d) => d.xsiType === 'VirtualDisk')
    .sort(unitOrder);
  return disks.map((disk) => {
    const backing = child(disk, 'backing');
    const fileName = textOf(backing, 'fileName') ?? '';
    const out: Record<string, unknown> = {
      key: numberOf(disk, 'key'),
      unit_number: numberOf(disk, 'unitNumber'),
      size: diskSizeGiB(disk),
      path: parseDatastorePath(fileName)?.path ?? fileName,
      datastore_id: textOf(backing, 'datastore'),
      thin_provisioned: textOf(backing, 'thinProvisioned') === 'true',
      eagerly_scrub: textOf(backing, 'eagerlyScrub') === 'true',
      disk_mode: textOf(backing, 'diskMode'),
      uuid: textOf(backing, 'uuid'),
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  });
}

/** The datastore file names every disk of a VM uses (`[ds] dir/x.vmdk`), snapshots' delta disks included. */
export function diskFilesOf(vm: ObjectContent): string[] {
  const files = children(vm.props.get('config.hardware'), 'device')
    .filter((d) => d.xsiType === 'VirtualDisk')
    .map((d) => textOf(child(d, 'backing'), 'fileName') ?? '');
  for (const file of children(vm.props.get('layoutEx'), 'file')) {
    const type = textOf(file, 'type');
    if (type === 'diskDescriptor' || type === 'diskExtent') files.push(textOf(file, 'name') ?? '');
  }
  return files.filter((f) => f !== '');
}

export function networkInterfacesOf(hardware: XmlElement | undefined): Record<string, unknown>[] {
  const nics = children(hardware, 'device')
    .filter((d) => d.xsiType !== undefined && ADAPTER_TYPES[d.xsiType] !== undefined)
    .sort((a, b) => (numberOf(a, 'unitNumber') ?? 0) - (numberOf(b, 'unitNumber') ?? 0));
  return nics.map((nic) => {
    const backing = child(nic, 'backing');
    const networkId =
      textOf(child(backing, 'port'), 'portgroupKey') ??
      moRefOf(child(backing, 'network'))?.value ??
      textOf(backing, 'opaqueNetworkId');
    const out: Record<string, unknown> = {
      key: numberOf(nic, 'key'),
      network_id: networkId,
      adapter_type: ADAPTER_TYPES[nic.xsiType as string],
      mac_address: textOf(nic, 'macAddress'),
      use_static_mac: textOf(nic, 'addressType') === 'manual',
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  });
}

/** The managed-object id of the datastore holding the VM's .vmx (the provider's datastore_id). */
function vmxDatastoreId(context: VsphereContext, vm: ObjectContent): string | undefined {
  const vmx = parseDatastorePath(propText(vm, 'config.files.vmPathName') ?? '');
  if (!vmx) return undefined;
  const used = children(vm.props.get('datastore'), 'ManagedObjectReference').map(moRefOf);
  return used.find((ref) => ref && context.inventory.name(ref) === vmx.datastore)?.value;
}

export function hardwareVersionOf(version: string | undefined): number | undefined {
  const m = /^vmx-(\d+)$/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The disk labels the provider's importer gives (DiskImportOperation: `disk0`, `disk1`, ... in bus
 * order, which is the order `disk` is observed in): the resource block must use the same labels, or
 * the next plan would replace the disks.
 */
export function labelDisksAsImported(attributes: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const disks = Array.isArray(attributes['disk']) ? (attributes['disk'] as Record<string, unknown>[]) : [];
  return { ...attributes, disk: disks.map((disk, i) => ({ ...disk, label: `disk${i}` })) };
}

export function observeVirtualMachine(context: VsphereContext, vm: ObjectContent): VsphereObservedItem | undefined {
  const uuid = propText(vm, 'config.uuid');
  // A VM whose config vCenter cannot read (inaccessible, being created) has no uuid: it cannot be
  // paired with any state, and the listing still saw it, so it is left out rather than guessed at.
  if (!uuid) return undefined;
  const hardware = vm.props.get('config.hardware');
  const folder = context.inventory.relativeFolderPath(moRefOf(vm.props.get('parent')));
  const extraConfig = optionValues(vm.props.get('config.extraConfig'));
  const tags = tagIdsOf(context, vm);
  const attributes: Record<string, unknown> = {
    id: uuid,
    uuid,
    moid: vm.obj.value,
    name: propText(vm, 'name'),
    num_cpus: numberOf(hardware, 'numCPU'),
    num_cores_per_socket: numberOf(hardware, 'numCoresPerSocket'),
    memory: numberOf(hardware, 'memoryMB'),
    cpu_hot_add_enabled: propBool(vm, 'config.cpuHotAddEnabled') ?? false,
    cpu_hot_remove_enabled: propBool(vm, 'config.cpuHotRemoveEnabled') ?? false,
    memory_hot_add_enabled: propBool(vm, 'config.memoryHotAddEnabled') ?? false,
    annotation: propText(vm, 'config.annotation') ?? '',
    guest_id: propText(vm, 'config.guestId'),
    firmware: propText(vm, 'config.firmware'),
    hardware_version: hardwareVersionOf(propText(vm, 'config.version')),
    ...(vm.props.has('parentVApp') ? {} : { folder: folder ?? undefined }),
    resource_pool_id: moRefOf(vm.props.get('resourcePool'))?.value,
    datastore_id: vmxDatastoreId(context, vm),
    extra_config: extraConfig,
    disk: disksOf(hardware),
    network_interface: networkInterfacesOf(hardware),
    ...(tags !== undefined ? { tags } : {}),
  };
  const template = propBool(vm, 'config.template') === true;
  return {
    id: uuid,
    attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)),
    datacenter: datacenterName(context.inventory, vm),
    ...(template
      ? {
          noise:
            'a VM template is a source for clones; Terraform reads templates through data sources, it does not manage them',
        }
      : {}),
    // Power state and hot-add flags decide whether a CPU or memory revert needs the VM powered off.
    facts: {
      power_state: propText(vm, 'runtime.powerState') ?? 'unknown',
      cpu_hot_add_enabled: attributes['cpu_hot_add_enabled'] as boolean,
      cpu_hot_remove_enabled: attributes['cpu_hot_remove_enabled'] as boolean,
      memory_hot_add_enabled: attributes['memory_hot_add_enabled'] as boolean,
      ...(template ? { template: true } : {}),
      ...(propText(vm, 'config.version') ? { hardware_version: propText(vm, 'config.version')! } : {}),
    },
    sensitivePaths: Object.keys(extraConfig)
      .filter((key) => SECRET_EXTRA_CONFIG.test(key))
      .map((key) => ['extra_config', key]),
    placement: placementOf(context, vm, folder),
  };
}

export const virtualMachine = defineVsphereType({
  type: 'vsphere_virtual_machine',
  needs: ['VirtualMachine', 'Folder', 'Datacenter', 'Datastore', 'ResourcePool', 'Tagging'],
  observe: (context) =>
    context.inventory.objects('VirtualMachine').flatMap((vm) => observeVirtualMachine(context, vm) ?? []),
  sets: ['tags'],
  recordedKeysOnly: ['extra_config'],
  computed: ['moid', 'uuid', 'name_prefix'],
  forcesReplacement: ['datastore_cluster_id'],
  defaults: [
    { path: 'annotation', value: '', why: 'vCenter reports an empty annotation where the state has none' },
    { path: 'cpu_hot_remove_enabled', value: false, why: 'vCenter reports false where the provider stores nothing' },
  ],
  limitations:
    'Compares CPU, memory, hot-add flags, annotation, guest id, firmware, hardware version, folder, resource pool, datastore, tags, the extra_config keys in state, disks (size, provisioning, path, datastore) and network interfaces (network, adapter, MAC). CD-ROMs, vApp properties, storage policies, custom attributes and guest customization are not compared.',
  revert: { attributes: ['num_cpus', 'memory'], plan: planVmRevert },
  sends: ['ReconfigVM_Task', 'PowerOffVM_Task', 'PowerOnVM_Task'],
  codify: {
    // The provider's importer takes the VM's inventory path, `/DATACENTER/vm/FOLDER/NAME`.
    importId: (vm) => {
      const folder = typeof vm.attributes['folder'] === 'string' ? vm.attributes['folder'] : '';
      return `/${vm.region ?? ''}/vm/${folder ? `${folder}/` : ''}${String(vm.attributes['name'] ?? vm.id)}`;
    },
    prepare: labelDisksAsImported,
    arguments: [
      { name: 'name', required: true },
      { name: 'resource_pool_id', required: true },
      { name: 'datastore_id' },
      { name: 'folder' },
      { name: 'num_cpus', default: 1 },
      { name: 'num_cores_per_socket', default: 1 },
      { name: 'memory', default: 1024 },
      { name: 'guest_id' },
      { name: 'firmware', default: 'bios' },
      { name: 'hardware_version' },
      { name: 'cpu_hot_add_enabled', default: false },
      { name: 'cpu_hot_remove_enabled', default: false },
      { name: 'memory_hot_add_enabled', default: false },
      { name: 'annotation' },
      { name: 'tags' },
      {
        name: 'network_interface',
        block: [
          { name: 'network_id', required: true },
          { name: 'adapter_type', default: 'vmxnet3' },
        ],
      },
      {
        name: 'disk',
        block: [
          { name: 'label', required: true },
          { name: 'size', required: true },
          { name: 'unit_number', default: 0 },
          { name: 'thin_provisioned', default: true },
          { name: 'eagerly_scrub', default: false },
        ],
      },
    ],
  },
});
