/**
 * Honest accounting: every managed resource instance of every scanned state is in exactly one
 * bucket, and every coverage figure is computed from these buckets, never from what happened to be
 * listed.
 *
 *   checked      observed with full fidelity and compared (a resource found absent in a scope
 *                that was listed completely is `missing`, and was checked too);
 *   unchecked    its scope (type, account, region) was meant to be observed and the observation
 *                failed: never `missing`, never acted on;
 *   existence    seen or not seen through a generic listing (the tagging API tier), attributes
 *                not compared; `seen: false` is "existence unknown", never evidence of deletion;
 *   not-covered  nothing observed it: no observer for its type or provider, its account or region
 *                was outside the scan, or an ignore rule covers it.
 *
 * Invariants: checked + unchecked + existence + notCovered = managed; data resources are in no
 * count; the per-type rows add up to the totals.
 */
import type { IncompleteScope } from './resource.js';

export const BUCKETS = ['checked', 'unchecked', 'existence', 'not-covered'] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * Why a resource is not covered:
 *   no-observer   Driftwarden has no observer for its type or its provider (kubernetes, helm, ...);
 *   outside-scan  its type is observable, but this scan did not look there (--type, --tag, a
 *                 region or account that was not observed);
 *   ignored       an ignore rule covers the whole resource.
 */
export type NotCoveredReason = 'no-observer' | 'outside-scan' | 'ignored';

/** What the engine decided for one managed recorded resource. */
export type ResourceAccount =
  | { readonly bucket: 'checked' }
  | { readonly bucket: 'unchecked'; readonly scope: IncompleteScope }
  | { readonly bucket: 'existence'; readonly seen: boolean }
  | { readonly bucket: 'not-covered'; readonly reason: NotCoveredReason; readonly why: string };

/** One resource type's row: how its managed instances split over the buckets. */
export interface TypeAccount {
  readonly type: string;
  /** Provider type from the resource's provider address: `aws`, `kubernetes`, `helm`, `time`, ... */
  readonly provider: string;
  readonly checked: number;
  readonly unchecked: number;
  readonly existence: number;
  readonly notCovered: number;
}

/** Not-covered instances of one type, for one reason. */
export interface NotCoveredGroup {
  readonly provider: string;
  readonly type: string;
  readonly reason: NotCoveredReason;
  /** Plain text: why, and what to do about it. */
  readonly why: string;
  readonly count: number;
  /** Sorted; every report lists them with --verbose, the JSON always. */
  readonly addresses: ReadonlyArray<string>;
}

/** Unchecked instances, by the scope whose observation failed. */
export interface UncheckedGroup {
  readonly scope: IncompleteScope;
  readonly count: number;
  readonly addresses: ReadonlyArray<string>;
}

/** Existence-only instances of one type: seen by a generic listing, or not seen (unknown). */
export interface ExistenceGroup {
  readonly provider: string;
  readonly type: string;
  readonly seen: number;
  readonly unknown: number;
  readonly addresses: ReadonlyArray<string>;
}

/** The detail behind the bucket counts (`ScanSummary` holds the counts). */
export interface Accounting {
  readonly notCovered: ReadonlyArray<NotCoveredGroup>;
  readonly unchecked: ReadonlyArray<UncheckedGroup>;
  readonly existence: ReadonlyArray<ExistenceGroup>;
}

export interface BucketCounts {
  readonly managed: number;
  readonly checked: number;
  readonly unchecked: number;
  readonly existence: number;
  readonly notCovered: number;
  /** Share of managed instances whose attributes were compared (checked / managed); null when there are none. */
  readonly coverage: number | null;
  /** Share of managed instances whose existence was confirmed (checked + existence seen); null when none. */
  readonly existenceCoverage: number | null;
  readonly byType: ReadonlyArray<TypeAccount>;
}

/** The provider type of a provider address: `provider["registry.terraform.io/hashicorp/aws"].x` -> `aws`. */
export function providerTypeOf(provider: string, resourceType: string): string {
  const source = /provider\["([^"]+)"\]/.exec(provider)?.[1] ?? /provider\.([A-Za-z0-9_-]+)/.exec(provider)?.[1];
  if (source) return source.slice(source.lastIndexOf('/') + 1);
  // No provider address (hand-written input): Terraform's own convention, the type's first word.
  return resourceType.split('_')[0] ?? resourceType;
}

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

interface Entry {
  readonly address: string;
  readonly type: string;
  readonly provider: string;
  readonly account: ResourceAccount;
}

/** Collects per-resource decisions and turns them into counts and groups, in a stable order. */
export class AccountingBuilder {
  private readonly entries: Entry[] = [];

  add(resource: { address: string; type: string; provider: string }, account: ResourceAccount): void {
    this.entries.push({
      address: resource.address,
      type: resource.type,
      provider: providerTypeOf(resource.provider, resource.type),
      account,
    });
  }

  counts(): BucketCounts {
    const rows = new Map<string, { type: string; provider: string; c: number; u: number; e: number; n: number }>();
    let checked = 0;
    let unchecked = 0;
    let existence = 0;
    let existenceSeen = 0;
    let notCovered = 0;
    for (const entry of this.entries) {
      const key = `${entry.type}\u0000${entry.provider}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { type: entry.type, provider: entry.provider, c: 0, u: 0, e: 0, n: 0 }));
      switch (entry.account.bucket) {
        case 'checked':
          checked++;
          row.c++;
          break;
        case 'unchecked':
          unchecked++;
          row.u++;
          break;
        case 'existence':
          existence++;
          if (entry.account.seen) existenceSeen++;
          row.e++;
          break;
        case 'not-covered':
          notCovered++;
          row.n++;
          break;
      }
    }
    const managed = this.entries.length;
    const byType = [...rows.values()]
      .sort((x, y) => compare(x.type, y.type) || compare(x.provider, y.provider))
      .map((row) => ({
        type: row.type,
        provider: row.provider,
        checked: row.c,
        unchecked: row.u,
        existence: row.e,
        notCovered: row.n,
      }));
    return {
      managed,
      checked,
      unchecked,
      existence,
      notCovered,
      coverage: managed === 0 ? null : checked / managed,
      existenceCoverage: managed === 0 ? null : (checked + existenceSeen) / managed,
      byType,
    };
  }

  detail(): Accounting {
    const notCovered = new Map<string, { group: Omit<NotCoveredGroup, 'count' | 'addresses'>; addresses: string[] }>();
    const unchecked = new Map<string, { scope: IncompleteScope; addresses: string[] }>();
    const existence = new Map<string, { provider: string; type: string; seen: number; addresses: string[] }>();
    for (const entry of this.entries) {
      const account = entry.account;
      if (account.bucket === 'not-covered') {
        const key = `${entry.provider}\u0000${entry.type}\u0000${account.reason}\u0000${account.why}`;
        let item = notCovered.get(key);
        if (!item) {
          item = {
            group: { provider: entry.provider, type: entry.type, reason: account.reason, why: account.why },
            addresses: [],
          };
          notCovered.set(key, item);
        }
        item.addresses.push(entry.address);
      } else if (account.bucket === 'unchecked') {
        const scope = account.scope;
        const key = `${scope.type}\u0000${scope.account}\u0000${scope.region}`;
        let item = unchecked.get(key);
        if (!item) unchecked.set(key, (item = { scope, addresses: [] }));
        item.addresses.push(entry.address);
      } else if (account.bucket === 'existence') {
        const key = `${entry.provider}\u0000${entry.type}`;
        let item = existence.get(key);
        if (!item) existence.set(key, (item = { provider: entry.provider, type: entry.type, seen: 0, addresses: [] }));
        if (account.seen) item.seen++;
        item.addresses.push(entry.address);
      }
    }
    const sorted = (addresses: string[]) => [...addresses].sort(compare);
    return {
      notCovered: [...notCovered.values()]
        .map(({ group, addresses }) => ({ ...group, count: addresses.length, addresses: sorted(addresses) }))
        .sort(
          (x, y) =>
            compare(x.provider, y.provider) ||
            compare(x.type, y.type) ||
            compare(x.reason, y.reason) ||
            compare(x.why, y.why),
        ),
      unchecked: [...unchecked.values()]
        .map(({ scope, addresses }) => ({ scope, count: addresses.length, addresses: sorted(addresses) }))
        .sort(
          (x, y) =>
            compare(x.scope.type, y.scope.type) ||
            compare(x.scope.account, y.scope.account) ||
            compare(x.scope.region, y.scope.region),
        ),
      existence: [...existence.values()]
        .map((item) => ({
          provider: item.provider,
          type: item.type,
          seen: item.seen,
          unknown: item.addresses.length - item.seen,
          addresses: sorted(item.addresses),
        }))
        .sort((x, y) => compare(x.provider, y.provider) || compare(x.type, y.type)),
    };
  }
}
