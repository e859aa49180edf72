/**
 * One catalogue entry per Terraform vSphere resource type, as for AWS: listing (from the bulk
 * inventory), identity (the provider's id), the mapping of vim25 properties to the provider's
 * attribute names and shapes, compare semantics, noise, and limitations. Entries never call the
 * API: observe.ts reads the inventory once and every entry maps from it.
 */
import type { CatalogueEntry } from '../../../model/catalogue.js';
import type { DatastoreFile } from '../client/vim.js';
import type { Tag, TagCategory } from '../client/tagging.js';
import type { Inventory } from '../inventory.js';
import type { VsphereCall, VsphereOperation } from '../revert.js';

/** What an entry needs read: inventory listings, the tagging API, or the datastore browser. */
export type VsphereSource =
  | 'Datacenter'
  | 'Folder'
  | 'VirtualMachine'
  | 'ResourcePool'
  | 'ClusterComputeResource'
  | 'DistributedVirtualPortgroup'
  | 'DistributedVirtualSwitch'
  | 'Datastore'
  | 'Tagging'
  | 'DatastoreBrowser';

export interface TaggingData {
  readonly categories: ReadonlyArray<TagCategory>;
  readonly tags: ReadonlyArray<Tag>;
  /** Tag ids by `type:value` of the object they are attached to. */
  readonly attached: ReadonlyMap<string, ReadonlyArray<string>>;
}

export interface VsphereContext {
  readonly inventory: Inventory;
  /** Undefined when the tagging API could not be read (its scopes are then incomplete). */
  readonly tagging?: TaggingData;
  /** `.vmdk` files found by the datastore browser, by datastore reference value. */
  readonly datastoreFiles: ReadonlyMap<string, ReadonlyArray<DatastoreFile>>;
  /** When the observation ran: ages are computed against it. */
  readonly now: Date;
}

/** One live object mapped to the provider's id and attributes. */
export interface VsphereObservedItem {
  readonly id: string;
  readonly attributes: Record<string, unknown>;
  /** The datacenter's name: the scope's region. */
  readonly datacenter: string;
  /** Set when the object is expected without a state (a template, a default resource pool): why. */
  readonly noise?: string;
  /** Facts an operator or a cost model uses (a snapshot's age and size, an orphaned disk's size). */
  readonly facts?: Readonly<Record<string, string | number | boolean>>;
  /** Attribute paths whose values are secrets (guestinfo and password-like extra_config keys). */
  readonly sensitivePaths?: ReadonlyArray<ReadonlyArray<string>>;
  /** Folder, cluster and tag names, for mapping the object to an environment. */
  readonly placement?: VspherePlacement;
}

export interface VspherePlacement {
  readonly datacenter: string;
  readonly cluster?: string;
  /** Folder path relative to the datacenter's VM folder. */
  readonly folder?: string;
  /** `category/tag` names attached to the object. */
  readonly tags?: ReadonlyArray<string>;
}

export interface VsphereResourceType extends CatalogueEntry<VsphereCall> {
  /** Every vim25 operation this entry's revert and prune plans may produce: the executor refuses any other. */
  readonly sends?: ReadonlyArray<VsphereOperation>;
  /** The listings this type's observation depends on: any failed one makes its scope incomplete. */
  readonly needs: ReadonlyArray<VsphereSource>;
  /** True for types that belong to no datacenter (tags, categories): one scope, region `global`. */
  readonly global?: boolean;
  /** Maps the inventory to this type's items. Pure. */
  observe(context: VsphereContext): VsphereObservedItem[];
  /** Why this type is supported only partly (a simulator gap, what the provider does not read). */
  readonly limitations?: string;
}

export function defineVsphereType(entry: VsphereResourceType): VsphereResourceType {
  return entry;
}
