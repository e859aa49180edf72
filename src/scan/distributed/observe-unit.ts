/**
 * What a worker does with one unit: observe its (account, region, types) exactly as a local scan
 * observes that scope (the same observer, the same catalogue, the same failure accounting, the
 * same call deadline, the record's accounts for a scope whose account STS cannot tell), and turn
 * the result into plain JSON for the store, secret values digested (secrets.ts). A `tagging` unit
 * lists the existence tier's GetResources of its (account, region); merge.ts concludes them.
 *
 * A listing that fails is not an error of the unit: it is an incomplete scope inside a finished
 * unit, as in a local scan. Only what stops the observation itself (a type this worker's version
 * does not know, an internal error) throws, and the queue retries the unit elsewhere.
 */
import type { IncompleteScope, Resource, Scope } from '../../model/resource.js';
import { catalogueEntry } from '../../observers/aws/catalogue/index.js';
import type { TaggingListing } from '../../observers/aws/existence/conclude.js';
import {
  deepSelector,
  observeAws,
  observeTaggingListings,
  type ExpectedUnmanaged,
  type ObserveAwsOptions,
} from '../../observers/aws/observe.js';
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
  /** A `tagging` unit's GetResources listings (ARNs, or why there are none). */
  readonly listings?: ReadonlyArray<TaggingListing>;
}

/** How long and under which signal a unit may observe. */
export interface UnitBounds {
  /** The observation's deadline (the run's): scopes not observed by then fail as `timeout`. */
  readonly scanTimeoutMs: number;
  /** Aborted when the worker stops: the observation ends at once. */
  readonly signal?: AbortSignal;
}

/** The catalogue's secret attributes of a type (none for types it does not know). */
export function secretAttributesOf(type: string): ReadonlyArray<string> {
  return catalogueEntry(type)?.secretAttributes ?? [];
}

export async function observeUnit(spec: ScanUnitSpec, salt: string, bounds: UnitBounds): Promise<UnitObservation> {
  const options: ObserveAwsOptions = {
    accounts: [spec.account],
    // A global unit lists account-wide types through the scan's home region, as a local scan does.
    regions: [spec.region === 'global' ? spec.homeRegion : spec.region],
    types: spec.types,
    ...(spec.tagFilters ? { tagFilters: spec.tagFilters } : {}),
    ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
    ...(spec.deep ? { deep: deepSelector(spec.deep) } : {}),
    ...(spec.callTimeoutMs !== undefined ? { callTimeoutMs: spec.callTimeoutMs } : {}),
    ...(spec.recordedAccounts ? { recordedAccounts: spec.recordedAccounts } : {}),
    scanTimeoutMs: bounds.scanTimeoutMs,
    ...(bounds.signal ? { signal: bounds.signal } : {}),
  };
  if (spec.kind === 'tagging') {
    const tier = await observeTaggingListings(options);
    return {
      resources: [],
      completeScopes: [],
      incompleteScopes: [],
      expectedUnmanaged: [],
      apiCalls: tier.apiCalls,
      listings: tier.listings,
    };
  }
  const result = await observeAws(options);
  return {
    resources: result.snapshot.resources.map((r) => digestSecrets(r, salt, secretAttributesOf(r.type))),
    completeScopes: result.snapshot.completeScopes,
    incompleteScopes: result.snapshot.incompleteScopes,
    expectedUnmanaged: result.expectedUnmanaged,
    apiCalls: result.apiCalls,
  };
}
