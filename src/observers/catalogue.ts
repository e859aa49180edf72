/**
 * Every provider's catalogue in one place: the semantics lookup the engine uses for live
 * observations, and the entry lookup the reconciler and codify use. A provider's catalogue is added
 * here (and only here) when its observer lands; a type is defined once across all of them.
 */
import { semanticsLookup, type CatalogueEntry } from '../model/catalogue.js';
import type { SemanticsLookup } from '../model/semantics.js';
import { CATALOGUE as AWS_CATALOGUE } from './aws/catalogue/index.js';
import { VSPHERE_CATALOGUE } from './vsphere/catalogue/index.js';

const CATALOGUES: ReadonlyArray<ReadonlyArray<CatalogueEntry>> = [AWS_CATALOGUE, VSPHERE_CATALOGUE];

/** Compare semantics of any observed type (AWS, vSphere, and every provider listed above). */
export const liveSemantics: SemanticsLookup = semanticsLookup(...CATALOGUES);

const BY_TYPE = new Map<string, CatalogueEntry>(CATALOGUES.flat().map((entry) => [entry.type, entry]));

/** The provider-neutral part of a type's entry (revert, prune, codify, trail events), any provider. */
export function entryOf(type: string): CatalogueEntry | undefined {
  return BY_TYPE.get(type);
}
