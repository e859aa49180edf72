/**
 * A vSphere estate on vcsim, for the demo's vSphere part and the vSphere tests (test/support/vcsim.ts
 * re-exports it): the hand-made changes a person would make in vCenter (resize, snapshot, a VM made by hand, a disk
 * left behind, a VM deleted) through Driftwarden's own vim25 client, and a state written in the
 * Terraform vSphere provider's shape.
 */
import { VimClient } from '../src/observers/vsphere/client/vim.js';
import { el, seq, type MoRef } from '../src/observers/vsphere/client/xml.js';
import { child, children, moRefOf, numberOf, textOf, type XmlElement } from '../src/observers/vsphere/client/xml.js';
import type { Vcsim } from './vcsim.js';

export { startVcsim, vcsimUnavailable, type Vcsim } from './vcsim.js';

export async function connect(sim: Vcsim): Promise<VimClient> {
  const client = new VimClient({ server: sim.server, insecure: true });
  await client.login(sim.user, sim.password);
  return client;
}

/** The first VM with this name, and the properties a state needs. */
export async function findVm(
  client: VimClient,
  name: string,
): Promise<{ ref: MoRef; uuid: string; props: Map<string, XmlElement> } | undefined> {
  const view = await client.createContainerView(client.serviceContent.rootFolder, ['VirtualMachine']);
  try {
    const vms = await client.retrieveFromView(view, 'VirtualMachine', [
      'name',
      'config.uuid',
      'config.hardware',
      'resourcePool',
      'datastore',
      'parent',
      'config.guestId',
      'config.version',
    ]);
    const vm = vms.find((v) => v.props.get('name')?.text === name);
    if (!vm) return undefined;
    return { ref: vm.obj, uuid: vm.props.get('config.uuid')!.text.trim(), props: new Map(vm.props) };
  } finally {
    await client.destroyView(view);
  }
}

export async function firstOf(
  client: VimClient,
  type: string,
  paths: string[] = ['name'],
): Promise<{ ref: MoRef; props: Map<string, XmlElement> }> {
  const view = await client.createContainerView(client.serviceContent.rootFolder, [type]);
  try {
    const [first] = await client.retrieveFromView(view, type, paths);
    if (!first) throw new Error(`no ${type} in the simulator`);
    return { ref: first.obj, props: new Map(first.props) };
  } finally {
    await client.destroyView(view);
  }
}

export async function takeSnapshot(client: VimClient, vm: MoRef, name: string, memory: boolean): Promise<void> {
  await client.runTask(
    'CreateSnapshot_Task',
    seq(
      el('_this', vm),
      el('name', name),
      el('description', 'before the fix'),
      el('memory', memory),
      el('quiesce', false),
    ),
  );
}

/** CreateVM_Task in a folder and pool, with one thin disk on the datastore: a VM made by hand. */
export async function createVm(
  client: VimClient,
  opts: { name: string; folder: MoRef; pool: MoRef; datastore: string },
): Promise<void> {
  const disk = el(
    'deviceChange',
    seq(
      el('operation', 'add'),
      el('fileOperation', 'create'),
      el(
        'device',
        seq(
          el('key', -1),
          el(
            'backing',
            seq(el('fileName', `[${opts.datastore}]`), el('diskMode', 'persistent'), el('thinProvisioned', true)),
            'VirtualDiskFlatVer2BackingInfo',
          ),
          el('controllerKey', 1000),
          el('unitNumber', 0),
          el('capacityInKB', 4 * 1024 * 1024),
        ),
        'VirtualDisk',
      ),
    ),
  );
  const scsi = el(
    'deviceChange',
    seq(
      el('operation', 'add'),
      el('device', seq(el('key', 1000), el('busNumber', 0), el('sharedBus', 'noSharing')), 'ParaVirtualSCSIController'),
    ),
  );
  const config = seq(
    el('name', opts.name),
    el('guestId', 'otherGuest64'),
    el('files', el('vmPathName', `[${opts.datastore}]`)),
    el('numCPUs', 2),
    el('memoryMB', 2048),
    scsi,
    disk,
  );
  await client.runTask('CreateVM_Task', seq(el('_this', opts.folder), el('config', config), el('pool', opts.pool)));
}

/** VirtualDiskManager.CreateVirtualDisk_Task: a disk file no VM uses. */
export async function createOrphanDisk(
  client: VimClient,
  path: string,
  datacenter: MoRef,
  sizeGiB: number,
): Promise<void> {
  const spec = seq(el('diskType', 'thin'), el('adapterType', 'lsiLogic'), el('capacityKb', sizeGiB * 1024 * 1024));
  await client.runTask(
    'CreateVirtualDisk_Task',
    seq(
      el('_this', client.serviceContent.virtualDiskManager!),
      el('name', path),
      el('datacenter', datacenter),
      el('spec', spec, 'FileBackedVirtualDiskSpec'),
    ),
  );
}

export async function destroyVm(client: VimClient, vm: MoRef): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- a VM that is already off cannot be powered off; destroying it is what matters
  await client.powerOffVm(vm).catch(() => undefined);
  await client.runTask('Destroy_Task', el('_this', vm));
}

/**
 * A Terraform state v4 holding a vsphere_virtual_machine in the provider's shape, written from the
 * values a `terraform apply` of this VM would record (id = the VM's BIOS uuid, folder relative to
 * the datacenter's VM folder, disks in GiB), not from Driftwarden's observer.
 */
export function vmStateResource(
  name: string,
  vm: NonNullable<Awaited<ReturnType<typeof findVm>>>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const hardware = vm.props.get('config.hardware');
  const disks = children(hardware, 'device')
    .filter((d) => d.xsiType === 'VirtualDisk')
    .map((d, i) => {
      const backing = child(d, 'backing');
      const fileName = textOf(backing, 'fileName') ?? '';
      return {
        label: `disk${i}`,
        size: Math.floor((numberOf(d, 'capacityInBytes') ?? 0) / 1024 ** 3),
        thin_provisioned: textOf(backing, 'thinProvisioned') === 'true',
        eagerly_scrub: textOf(backing, 'eagerlyScrub') === 'true',
        unit_number: numberOf(d, 'unitNumber'),
        datastore_id: textOf(backing, 'datastore'),
        path: fileName.replace(/^\[[^\]]*\]\s*/, ''),
        uuid: textOf(backing, 'uuid'),
        disk_mode: textOf(backing, 'diskMode'),
        key: numberOf(d, 'key'),
        keep_on_remove: false,
        attach: false,
        io_limit: -1,
        io_reservation: 0,
        io_share_level: 'normal',
        io_share_count: 0,
        write_through: false,
        disk_sharing: 'sharingNone',
        storage_policy_id: '',
        controller_type: 'scsi',
        device_address: `scsi:0:${numberOf(d, 'unitNumber')}`,
      };
    });
  const adapters: Record<string, string> = {
    VirtualE1000: 'e1000',
    VirtualE1000e: 'e1000e',
    VirtualVmxnet3: 'vmxnet3',
  };
  const nics = children(hardware, 'device')
    .filter((d) => d.xsiType !== undefined && adapters[d.xsiType] !== undefined)
    .map((d) => {
      const backing = child(d, 'backing');
      return {
        adapter_type: adapters[d.xsiType!],
        network_id: textOf(child(backing, 'port'), 'portgroupKey') ?? moRefOf(child(backing, 'network'))?.value,
        mac_address: textOf(d, 'macAddress'),
        use_static_mac: false,
        key: numberOf(d, 'key'),
        bandwidth_limit: -1,
        bandwidth_reservation: 0,
        bandwidth_share_level: 'normal',
        bandwidth_share_count: 0,
        device_address: `pci:0:${numberOf(d, 'unitNumber')}`,
        ovf_mapping: '',
        physical_function: '',
      };
    });
  const version = /^vmx-(\d+)$/.exec(vm.props.get('config.version')?.text.trim() ?? '');
  return {
    mode: 'managed',
    type: 'vsphere_virtual_machine',
    name,
    provider: 'provider["registry.terraform.io/hashicorp/vsphere"]',
    instances: [
      {
        schema_version: 3,
        attributes: {
          id: vm.uuid,
          uuid: vm.uuid,
          moid: vm.ref.value,
          name: vm.props.get('name')?.text.trim(),
          num_cpus: numberOf(hardware, 'numCPU'),
          num_cores_per_socket: numberOf(hardware, 'numCoresPerSocket'),
          memory: numberOf(hardware, 'memoryMB'),
          cpu_hot_add_enabled: false,
          cpu_hot_remove_enabled: false,
          memory_hot_add_enabled: false,
          annotation: '',
          guest_id: vm.props.get('config.guestId')?.text.trim(),
          firmware: 'bios',
          hardware_version: version ? Number(version[1]) : 0,
          folder: '',
          resource_pool_id: moRefOf(vm.props.get('resourcePool'))?.value,
          datastore_id: children(vm.props.get('datastore'), 'ManagedObjectReference')[0]?.text.trim(),
          extra_config: {},
          tags: [],
          custom_attributes: {},
          disk: disks,
          network_interface: nics,
          cdrom: [],
          boot_delay: 0,
          boot_retry_delay: 10000,
          shutdown_wait_timeout: 3,
          wait_for_guest_net_timeout: 5,
          sync_time_with_host: true,
          scsi_type: 'pvscsi',
          scsi_controller_count: 1,
          ...extra,
        },
        sensitive_attributes: [],
        private: 'eyJzY2hlbWFfdmVyc2lvbiI6IjMifQ==',
      },
    ],
  };
}

export function stateFile(resources: ReadonlyArray<Record<string, unknown>>): string {
  return JSON.stringify(
    {
      version: 4,
      terraform_version: '1.11.0',
      serial: 3,
      lineage: 'b6c0f0ae-7c1d-4a7e-9a53-4e0f2b1c2d3e',
      outputs: {},
      resources,
      check_results: null,
    },
    null,
    2,
  );
}
