/**
 * What a worker does with one unit: observe its (account, region, types) exactly as a local scan
 * observes that scope (the same observer, the same catalogue, the same failure accounting), and
 * turn the result into plain JSON for the store, secret values digested (secrets.ts).
 *
 * A listing that fails is not an error of the unit: it is an incomplete scope inside a finished
 * unit, as in a local scan. Only what stops the observation itself (a type this worker's version
 * does not know, an internal error) throws, and the queue retries the unit elsewhere.
 */
import type { IncompleteScope, Resource, Scope } from '../../model/resource.js';
import { catalogueEntry } from '../../observers/aws/catalogue/index.js';
import { deepSelector, observeAws, type ExpectedUnmanaged } from '../../observers/aws/observe.js';
import { digestSecrets } from './secrets.js';
import type { ScanUnitSpec } from './units.js';

/** One unit's observation, as stored until its run is merged. */
export interface UnitObservation {
  readonly resources: ReadonlyArray<Resource>;
  readonly completeScopes: ReadonlyArray<Scope>;
  readonly incompleteScopes: ReadonlyArray<IncompleteScope>;
  readonly expectedUnmanaged: ReadonlyArray<ExpectedUnmanaged>;
  /** API calls per `service:Operation`, STS included. */
  readonly apiCalls: Readonly<Record<string, number>>;
}

/** The catalogue's secret attributes of a type (none for types it does not know). */
export function secretAttributesOf(type: string): ReadonlyArray<string> {
  return catalogueEntry(type)?.secretAttributes ?? [];
}

export async function observeUnit(spec: ScanUnitSpec, salt: string): Promise<UnitObservation> {
  const result = await observeAws({
    accounts: [spec.account],
    // A global unit lists account-wide types through the scan's home region, as a local scan does.
    regions: [spec.region === 'global' ? spec.homeRegion : spec.region],
    types: spec.types,
    ...(spec.tagFilters ? { tagFilters: spec.tagFilters } : {}),
    ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
    ...(spec.deep ? { deep: deepSelector(spec.deep) } : {}),
  });
  return {
    resources: result.snapshot.resources.map((r) => digestSecrets(r, salt, secretAttributesOf(r.type))),
    completeScopes: result.snapshot.completeScopes,
    incompleteScopes: result.snapshot.incompleteScopes,
    expectedUnmanaged: result.expectedUnmanaged,
    apiCalls: result.apiCalls,
  };
}
