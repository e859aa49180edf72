/**
 * A run's units merged into ONE live observation, as if one process had observed everything:
 * resources, complete and incomplete scopes, expected-unmanaged resources and API calls of every
 * finished unit, each counted once (a unit has at most one stored result: store/scan-runs.ts).
 *
 * A unit that did not finish is never silence: every scope it was meant to observe (each of its
 * types, in its account and region) is an unchecked scope with the reason, so nothing there
 * becomes `missing` and no finding there is resolved. A `tagging` unit that did not finish is a
 * failed listing of the existence tier, with the same consequences as in one process.
 *
 * The existence tier is concluded here, once every unit is in: what a GetResources listing
 * concludes depends on every catalogue listing of the scan (observe.ts concludeTier). Pure.
 */
import type { DriftwardenConfig } from '../../config/schema.js';
import type { IncompleteScope, Resource, Scope } from '../../model/resource.js';
import type { TaggingListing } from '../../observers/aws/existence/conclude.js';
import { concludeTier } from '../../observers/aws/observe.js';
import type { ScanUnitRow } from '../../store/index.js';
import { mergeCounts } from '../attribution.js';
import { environmentResolver } from '../environments.js';
import type { LiveObservation } from '../live.js';
import type { UnitObservation } from './observe-unit.js';
import type { ScanUnitSpec } from './units.js';

export interface MergedUnits {
  readonly observation: LiveObservation;
  /** Units finished with a stored observation. */
  readonly done: number;
  /** Units that kept failing, or were not finished before the run's deadline. */
  readonly unfinished: number;
}

export interface MergeOptions {
  /** The record's resources (the existence tier concludes against them). */
  readonly recorded?: ReadonlyArray<Resource>;
  /** The scan was stopped (SIGTERM to the scheduler) before every unit finished. */
  readonly stopped?: boolean;
}

/** Why a unit has no observation, as its unchecked scopes say it. */
function unfinishedReason(row: ScanUnitRow, spec: ScanUnitSpec, stopped: boolean): { reason: string; code: string } {
  if (spec.planFailure) return spec.planFailure;
  if (row.state === 'failed')
    return {
      reason: `scan unit ${row.unitId} failed on every attempt (${row.attempt ?? '?'}): ${row.reason ?? 'no reason recorded'}`,
      code: 'error',
    };
  if (stopped) return { reason: `scan unit ${row.unitId} was not finished when the scan was stopped`, code: 'stopped' };
  return {
    reason: `scan unit ${row.unitId} was not finished by any worker before the scan's deadline`,
    code: 'timeout',
  };
}

export function unitScopes(spec: ScanUnitSpec): Scope[] {
  return spec.types.map((type) => ({ type, account: spec.accountLabel, region: spec.region }));
}

export function mergeUnits(
  rows: ReadonlyArray<ScanUnitRow>,
  config: DriftwardenConfig | undefined,
  options: MergeOptions = {},
): MergedUnits {
  const envOf = environmentResolver(config);
  const resources: Resource[] = [];
  const completeScopes: Scope[] = [];
  const incompleteScopes: IncompleteScope[] = [];
  const listings: TaggingListing[] = [];
  let tier = false;
  const expected = new Map<string, string>();
  let apiCalls: Record<string, number> = {};
  let done = 0;
  for (const row of rows) {
    const spec = row.spec as ScanUnitSpec;
    if (spec.kind === 'tagging') tier = true;
    if (row.state !== 'done' || row.result === undefined) {
      const why = unfinishedReason(row, spec, options.stopped ?? false);
      for (const scope of unitScopes(spec)) incompleteScopes.push({ ...scope, ...why });
      if (spec.kind === 'tagging') listings.push({ account: spec.accountLabel, region: spec.region, failure: why });
      continue;
    }
    done += 1;
    const unit = row.result as UnitObservation;
    for (const r of unit.resources) resources.push({ ...r, environment: envOf(r) });
    completeScopes.push(...unit.completeScopes);
    incompleteScopes.push(...unit.incompleteScopes);
    listings.push(...(unit.listings ?? []));
    for (const e of unit.expectedUnmanaged) expected.set(e.address, e.why);
    apiCalls = mergeCounts(apiCalls, unit.apiCalls);
  }
  const existenceScopes: Scope[] = [];
  if (tier) {
    const concluded = concludeTier(options.recorded ?? [], resources, listings);
    resources.push(...concluded.resources.map((r) => ({ ...r, environment: envOf(r) })));
    existenceScopes.push(...concluded.existenceScopes);
    incompleteScopes.push(...concluded.incompleteScopes);
  }
  const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const keyOf = (a: { account?: string; region?: string; type: string; address?: string }): string =>
    `${a.type}\u0000${a.account}\u0000${a.region}\u0000${a.address ?? ''}`;
  const byKey = (a: Parameters<typeof keyOf>[0], b: Parameters<typeof keyOf>[0]): number => compare(keyOf(a), keyOf(b));
  return {
    observation: {
      snapshot: {
        layer: 'observed',
        resources: resources.sort(byKey),
        completeScopes: completeScopes.sort(byKey),
        incompleteScopes: incompleteScopes.sort(byKey),
        ...(tier ? { existenceScopes: existenceScopes.sort(byKey) } : {}),
      },
      apiCalls,
      expectedUnmanaged: expected,
      facts: new Map(),
    },
    done,
    unfinished: rows.length - done,
  };
}
