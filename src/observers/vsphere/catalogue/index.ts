/**
 * The vSphere catalogue: the one list of vSphere resource types Driftwarden observes. A type string
 * lives only in its entry; the observer, the semantics lookup and the README support table read
 * this list. index.test.ts fails when a file in this folder is not listed here.
 */
import { semanticsLookup } from '../../../model/catalogue.js';
import type { SemanticsLookup } from '../../../model/semantics.js';
import type { VsphereResourceType } from './define.js';
import { computeCluster } from './compute-cluster.js';
import { distributedPortGroup } from './distributed-port-group.js';
import { folder } from './folder.js';
import { resourcePool } from './resource-pool.js';
import { tag } from './tag.js';
import { tagCategory } from './tag-category.js';
import { virtualDisk } from './virtual-disk.js';
import { virtualMachine } from './virtual-machine.js';
import { virtualMachineSnapshot } from './virtual-machine-snapshot.js';

export const VSPHERE_CATALOGUE: ReadonlyArray<VsphereResourceType> = [
  virtualMachine,
  virtualMachineSnapshot,
  virtualDisk,
  folder,
  resourcePool,
  computeCluster,
  distributedPortGroup,
  tagCategory,
  tag,
];

const BY_TYPE = new Map(VSPHERE_CATALOGUE.map((entry) => [entry.type, entry]));

export function vsphereEntry(type: string): VsphereResourceType | undefined {
  return BY_TYPE.get(type);
}

/** Plain data for the engine (no functions, no I/O), built once (model/catalogue.ts). */
export const vsphereSemantics: SemanticsLookup = semanticsLookup(VSPHERE_CATALOGUE);
