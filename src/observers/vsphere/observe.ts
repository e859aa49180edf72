/**
 * Live vSphere observation: logs in to vCenter (or a standalone ESXi), reads the inventory in bulk
 * (inventory.ts), the tags (tagging API) and every datastore's disk files (datastore browser), and
 * maps them through the catalogue into the observed layer.
 *
 * Invariants:
 *   - a scope (type, server, datacenter) is complete only when every listing its entry needs
 *     completed; otherwise it is incomplete with the classified reason (login failed, session
 *     lost, permission denied, timeout), and nothing in it can become `missing`;
 *   - observed resources get the address `<type>.<id>`, account = the server, region = the
 *     datacenter (`global` for tags and categories); the engine decides managedness;
 *   - the password is used for the two logins only: never stored, logged or put into a result.
 */
import { liveAddress } from '../../model/address.js';
import type { IncompleteScope, Resource, Scope, Snapshot } from '../../model/resource.js';
import { VsphereApiError } from './client/errors.js';
import { TaggingClient } from './client/tagging.js';
import { VimClient, type DatastoreFile } from './client/vim.js';
import type { MoRef } from './client/xml.js';
import { VSPHERE_CATALOGUE } from './catalogue/index.js';
import type {
  TaggingData,
  VsphereContext,
  VspherePlacement,
  VsphereResourceType,
  VsphereSource,
} from './catalogue/define.js';
import { Inventory, readInventory, type InventoryType } from './inventory.js';

export const VSPHERE_PROVIDER = 'provider["registry.terraform.io/hashicorp/vsphere"]';

export interface ObserveVsphereOptions {
  readonly server: string;
  readonly user: string;
  readonly password: string;
  readonly insecure?: boolean;
  readonly caFile?: string;
  readonly timeoutMs?: number;
  /** Only these datacenters (by name); default: every datacenter. */
  readonly datacenters?: ReadonlyArray<string>;
  readonly types?: ReadonlyArray<string>;
  /** Objects per property-collector page (default 1000). */
  readonly pageSize?: number;
  readonly now?: Date;
  readonly catalogue?: ReadonlyArray<VsphereResourceType>;
}

export interface ObserveVsphereResult {
  readonly snapshot: Snapshot;
  /** Round-trips per `vsphere:Operation` (vim25) and `vsphere:cis:...` (tagging). */
  readonly apiCalls: Record<string, number>;
  readonly expectedUnmanaged: ReadonlyArray<{ readonly address: string; readonly why: string }>;
  /** Facts per observed address (snapshot age and size, orphaned disk size). */
  readonly facts: ReadonlyMap<string, Readonly<Record<string, string | number | boolean>>>;
  /** Datacenter, cluster, folder and tags per observed address, for environment mapping. */
  readonly placements: ReadonlyMap<string, VspherePlacement>;
}

const TAGGED_TYPES: ReadonlyArray<InventoryType> = [
  'VirtualMachine',
  'Folder',
  'ResourcePool',
  'ClusterComputeResource',
];

function selectEntries(
  catalogue: ReadonlyArray<VsphereResourceType>,
  types: ReadonlyArray<string> | undefined,
): VsphereResourceType[] {
  if (!types || types.length === 0) return [...catalogue];
  const vsphereTypes = types.filter((t) => t.startsWith('vsphere_'));
  return catalogue.filter((e) => vsphereTypes.includes(e.type));
}

export async function observeVsphere(options: ObserveVsphereOptions): Promise<ObserveVsphereResult> {
  const entries = selectEntries(options.catalogue ?? VSPHERE_CATALOGUE, options.types);
  const needs = new Set<VsphereSource>(entries.flatMap((e) => e.needs));
  const client = new VimClient({
    server: options.server,
    ...(options.insecure !== undefined ? { insecure: options.insecure } : {}),
    ...(options.caFile !== undefined ? { caFile: options.caFile } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const server = client.http.server;
  const failed = new Map<VsphereSource, VsphereApiError>();
  const browserFailures = new Map<string, VsphereApiError>(); // by datacenter name
  const datastoreFiles = new Map<string, DatastoreFile[]>();
  let inventory = new Inventory();
  let tagging: TaggingData | undefined;
  try {
    try {
      await client.login(options.user, options.password);
      const types = [...needs].filter((n): n is InventoryType => n !== 'Tagging' && n !== 'DatastoreBrowser');
      inventory = await readInventory(client, types, options.pageSize);
      for (const f of inventory.failures) failed.set(f.type as VsphereSource, f.error);
      if (needs.has('Tagging')) {
        try {
          tagging = await readTagging(new TaggingClient(client.http), options, inventory);
        } catch (err) {
          if (!(err instanceof VsphereApiError)) throw err;
          failed.set('Tagging', err);
        }
      }
      if (needs.has('DatastoreBrowser') && inventory.listed('Datastore')) {
        for (const ds of inventory.objects('Datastore')) {
          const datacenter = inventory.datacenterOf(ds.obj)?.props.get('name')?.text ?? '';
          if (options.datacenters && !options.datacenters.includes(datacenter)) continue;
          const browser = ds.props.get('browser');
          const name = ds.props.get('name')?.text ?? ds.obj.value;
          if (!browser || ds.props.get('summary.accessible')?.text.trim() === 'false') continue;
          try {
            const ref: MoRef = {
              type: browser.attributes['type'] ?? 'HostDatastoreBrowser',
              value: browser.text.trim(),
            };
            datastoreFiles.set(ds.obj.value, await client.searchDatastoreSubFolders(ref, `[${name}]`));
          } catch (err) {
            if (!(err instanceof VsphereApiError)) throw err;
            browserFailures.set(
              datacenter,
              new VsphereApiError(err.kind, `datastore ${name}: ${err.reason}`, err.fault, err),
            );
          }
        }
      }
    } catch (err) {
      if (!(err instanceof VsphereApiError)) throw err;
      for (const need of needs) if (!failed.has(need)) failed.set(need, err);
    }
    // eslint-disable-next-line no-restricted-syntax -- logout is best effort after the observation; its result is already decided
    await client.logout().catch(() => undefined);
  } finally {
    client.close();
  }

  const context: VsphereContext = {
    inventory,
    ...(tagging ? { tagging } : {}),
    datastoreFiles,
    now: options.now ?? new Date(),
  };
  const datacenters = inventory
    .objects('Datacenter')
    .map((dc) => dc.props.get('name')?.text ?? dc.obj.value)
    .filter((name) => !options.datacenters || options.datacenters.includes(name));

  const resources: Resource[] = [];
  const completeScopes: Scope[] = [];
  const incompleteScopes: IncompleteScope[] = [];
  const expectedUnmanaged: { address: string; why: string }[] = [];
  const facts = new Map<string, Readonly<Record<string, string | number | boolean>>>();
  const placements = new Map<string, VspherePlacement>();
  for (const entry of entries) {
    // Tags of VMs, folders, pools and clusters are one attribute among many: when the tagging API
    // fails those types are still compared, without `tags`, and the tag types' scopes say why.
    const hard = entry.needs.filter((n) => n !== 'Tagging' || entry.global);
    const failure = hard.map((n) => failed.get(n)).find((f) => f !== undefined);
    const regions = entry.global
      ? ['global']
      : datacenters.length > 0 || inventory.listed('Datacenter')
        ? datacenters
        : ['*'];
    if (failure) {
      // Nothing of this type can be trusted: one incomplete scope per datacenter (or all of them).
      for (const region of regions.length > 0 ? regions : ['*']) {
        incompleteScopes.push({
          type: entry.type,
          account: server,
          region,
          reason: failure.reason,
          code: failure.kind,
        });
      }
      continue;
    }
    let items;
    try {
      items = entry.observe(context);
    } catch (err) {
      const reason = `mapping ${entry.type} failed: ${(err as Error).message}`;
      for (const region of regions)
        incompleteScopes.push({ type: entry.type, account: server, region, reason, code: 'error' });
      continue;
    }
    const broken = entry.needs.includes('DatastoreBrowser') ? browserFailures : new Map<string, VsphereApiError>();
    for (const region of regions) {
      const browserFailure = broken.get(region);
      if (browserFailure)
        incompleteScopes.push({
          type: entry.type,
          account: server,
          region,
          reason: browserFailure.reason,
          code: browserFailure.kind,
        });
      else completeScopes.push({ type: entry.type, account: server, region });
    }
    for (const item of items) {
      const region = entry.global ? 'global' : item.datacenter;
      if (!entry.global && !regions.includes(region)) continue;
      const address = liveAddress(entry.type, item.id);
      resources.push({
        address,
        mode: 'managed',
        type: entry.type,
        provider: VSPHERE_PROVIDER,
        id: item.id,
        account: server,
        region,
        attributes: item.attributes,
        sensitivePaths: item.sensitivePaths ?? [],
        dependencies: [],
        environment: 'default',
        source: `vsphere://${server}/${region}`,
      });
      if (item.noise) expectedUnmanaged.push({ address, why: item.noise });
      if (item.facts) facts.set(address, item.facts);
      if (item.placement) placements.set(address, item.placement);
    }
  }
  const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const key = (a: { type: string; region?: string; address?: string }): string =>
    `${a.type}\u0000${a.region}\u0000${a.address ?? ''}`;
  return {
    snapshot: {
      layer: 'observed',
      resources: resources.sort((a, b) => compare(key(a), key(b))),
      completeScopes: completeScopes.sort((a, b) => compare(key(a), key(b))),
      incompleteScopes: incompleteScopes.sort((a, b) => compare(key(a), key(b))),
    },
    apiCalls: client.apiCalls(),
    expectedUnmanaged: expectedUnmanaged.sort((a, b) => compare(a.address, b.address)),
    facts,
    placements,
  };
}

async function readTagging(
  client: TaggingClient,
  options: ObserveVsphereOptions,
  inventory: Inventory,
): Promise<TaggingData> {
  await client.login(options.user, options.password);
  try {
    const categories = await client.categories();
    const tags = await client.tags();
    const objects = TAGGED_TYPES.flatMap((t) => inventory.objects(t).map((o) => o.obj));
    const attached = tags.length === 0 ? new Map<string, string[]>() : await client.attachedTags(objects);
    return { categories, tags, attached };
  } finally {
    await client.logout();
  }
}
