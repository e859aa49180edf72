/**
 * Reads a vCenter (or standalone ESXi) inventory in bulk: one container view over the root folder
 * and one paged property retrieval per managed-object type (RetrievePropertiesEx, then
 * ContinueRetrievePropertiesEx per further page), so n VMs cost ceil(n / pageSize) round-trips.
 *
 * Invariants:
 *   - every listing either completes (its objects are in the result) or fails as a whole and is
 *     named in `failures` with its classified error; nothing half-read is returned as complete;
 *   - an object vCenter could not fully read (a `missingSet`, typically NoPermission on a folder
 *     the scanning user may not see) fails its listing's scope, never silently drops out;
 *   - raw XML elements are kept per object; catalogue entries map them to provider attributes.
 */
import { VsphereApiError } from './client/errors.js';
import type { ObjectContent, VimClient } from './client/vim.js';
import { DEFAULT_PAGE_SIZE } from './client/vim.js';
import type { MoRef } from './client/xml.js';
import { child, children, moRefOf, textOf } from './client/xml.js';

/** The property paths read per managed-object type: exactly what the catalogue entries map. */
export const PROPERTIES = {
  Datacenter: ['name', 'parent', 'vmFolder', 'hostFolder', 'datastoreFolder', 'networkFolder'],
  Folder: ['name', 'parent', 'childType'],
  VirtualMachine: [
    'name',
    'parent',
    'parentVApp',
    'resourcePool',
    'datastore',
    'config.uuid',
    'config.template',
    'config.version',
    'config.guestId',
    'config.firmware',
    'config.annotation',
    'config.cpuHotAddEnabled',
    'config.cpuHotRemoveEnabled',
    'config.memoryHotAddEnabled',
    'config.hardware',
    'config.extraConfig',
    'config.files.vmPathName',
    'runtime.powerState',
    'snapshot',
    'layoutEx',
  ],
  ResourcePool: ['name', 'parent', 'owner', 'config.cpuAllocation', 'config.memoryAllocation'],
  ClusterComputeResource: ['name', 'parent', 'configurationEx'],
  DistributedVirtualPortgroup: ['name', 'parent', 'key', 'config'],
  // The base type: real vCenters hold VmwareDistributedVirtualSwitch objects, the simulator the base type.
  DistributedVirtualSwitch: ['name', 'parent', 'uuid', 'config.uplinkPortgroup'],
  Datastore: ['name', 'parent', 'browser', 'summary.accessible'],
} as const satisfies Record<string, ReadonlyArray<string>>;

export type InventoryType = keyof typeof PROPERTIES;
export const INVENTORY_TYPES = Object.keys(PROPERTIES) as InventoryType[];

export interface InventoryFailure {
  readonly type: InventoryType | 'DatastoreBrowser' | 'Tagging';
  /** The datastore whose browser search failed, for `DatastoreBrowser`. */
  readonly where?: string;
  readonly error: VsphereApiError;
}

/** A whole inventory: objects by type and by reference, plus what could not be read. */
export class Inventory {
  readonly byType = new Map<InventoryType, ObjectContent[]>();
  private readonly byRef = new Map<string, ObjectContent>();
  readonly failures: InventoryFailure[] = [];

  add(type: InventoryType, objects: ReadonlyArray<ObjectContent>): void {
    this.byType.set(type, [...objects]);
    for (const o of objects) this.byRef.set(refKey(o.obj), o);
  }

  objects(type: InventoryType): ReadonlyArray<ObjectContent> {
    return this.byType.get(type) ?? [];
  }

  get(ref: MoRef | undefined): ObjectContent | undefined {
    return ref ? this.byRef.get(refKey(ref)) : undefined;
  }

  /** True when this type's listing completed. */
  listed(type: InventoryType): boolean {
    return this.byType.has(type);
  }

  name(ref: MoRef | undefined): string | undefined {
    return this.get(ref)?.props.get('name')?.text;
  }

  /** The datacenter an object lies in (walking `parent`), or undefined at the root. */
  datacenterOf(ref: MoRef | undefined): ObjectContent | undefined {
    let current = this.get(ref);
    for (let depth = 0; current && depth < 64; depth++) {
      if (current.obj.type === 'Datacenter') return current;
      current = this.get(moRefOf(current.props.get('parent')));
    }
    return undefined;
  }

  /**
   * The folder path of `folderRef` relative to its datacenter's root folder of that kind, as the
   * provider stores `folder` (`team/app`, '' at the root): the names between the root and it.
   */
  relativeFolderPath(folderRef: MoRef | undefined): string | undefined {
    const names: string[] = [];
    let current = this.get(folderRef);
    for (let depth = 0; current && depth < 64; depth++) {
      const parent = this.get(moRefOf(current.props.get('parent')));
      if (!parent) return undefined;
      if (parent.obj.type === 'Datacenter') return names.reverse().join('/');
      names.push(current.props.get('name')?.text ?? '');
      current = parent;
    }
    return undefined;
  }
}

export function refKey(ref: MoRef): string {
  return `${ref.type}:${ref.value}`;
}

/**
 * Reads every type through one container view. A type whose listing fails is recorded in
 * `failures` and the others go on; objects with a `missingSet` fail their type's listing.
 */
export async function readInventory(
  client: VimClient,
  types: ReadonlyArray<InventoryType> = INVENTORY_TYPES,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<Inventory> {
  const inventory = new Inventory();
  const view = await client.createContainerView(client.serviceContent.rootFolder, types);
  try {
    for (const type of types) {
      try {
        const objects = await client.retrieveFromView(view, type, PROPERTIES[type], pageSize);
        const denied = objects.find((o) => o.missing.length > 0);
        if (denied) {
          const first = denied.missing[0]!;
          throw new VsphereApiError(
            first.fault === 'NoPermission' ? 'access-denied' : 'error',
            `vSphere could not read ${first.path} of ${denied.obj.type} ${denied.obj.value} (${first.fault}): grant the scanning user read access on every object it should see`,
            first.fault,
          );
        }
        inventory.add(type, objects);
      } catch (err) {
        if (!(err instanceof VsphereApiError)) throw err;
        inventory.failures.push({ type, error: err });
        if (err.kind === 'session' || err.kind === 'login') {
          // The session is gone: every later listing would fail the same way.
          for (const rest of types.slice(types.indexOf(type) + 1)) inventory.failures.push({ type: rest, error: err });
          return inventory;
        }
      }
    }
  } finally {
    // eslint-disable-next-line no-restricted-syntax -- the container view is temporary; the server drops it with the session, and the listing's own result stands
    await client.destroyView(view).catch(() => undefined);
  }
  return inventory;
}

/** A snapshot in a VM's snapshot tree, flattened. */
export interface SnapshotNode {
  readonly ref: MoRef;
  readonly name: string;
  readonly description: string;
  readonly createTime: string;
  /** The VM's power state when the snapshot was taken: `poweredOn` means memory was included. */
  readonly state: string;
  readonly quiesced: boolean;
  readonly parent?: MoRef;
}

export function snapshotsOf(vm: ObjectContent): SnapshotNode[] {
  const out: SnapshotNode[] = [];
  const walk = (trees: ReturnType<typeof children>, parent?: MoRef): void => {
    for (const tree of trees) {
      const ref = moRefOf(child(tree, 'snapshot'));
      if (!ref) continue;
      out.push({
        ref,
        name: textOf(tree, 'name') ?? '',
        description: textOf(tree, 'description') ?? '',
        createTime: textOf(tree, 'createTime') ?? '',
        state: textOf(tree, 'state') ?? '',
        quiesced: textOf(tree, 'quiesced') === 'true',
        ...(parent ? { parent } : {}),
      });
      walk(children(tree, 'childSnapshotList'), ref);
    }
  };
  walk(children(vm.props.get('snapshot'), 'rootSnapshotList'));
  return out;
}

/** Bytes of the files a snapshot owns (its data and memory files, from layoutEx), when reported. */
export function snapshotSizeBytes(vm: ObjectContent, snapshot: MoRef): number | undefined {
  const layout = vm.props.get('layoutEx');
  if (!layout) return undefined;
  const entry = children(layout, 'snapshot').find((s) => moRefOf(child(s, 'key'))?.value === snapshot.value);
  if (!entry) return undefined;
  const keys = new Set(
    [textOf(entry, 'dataKey'), textOf(entry, 'memoryKey')].filter((k): k is string => k !== undefined && k !== '-1'),
  );
  let total = 0;
  for (const file of children(layout, 'file')) {
    if (keys.has(textOf(file, 'key') ?? '')) total += Number(textOf(file, 'size') ?? 0) || 0;
  }
  return total;
}
