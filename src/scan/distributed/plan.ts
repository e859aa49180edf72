/**
 * One cycle of a scan spread over workers, planned: the accounts resolved now (an organization's
 * members are listed here, once per cycle), cut into units (units.ts), and the jobs that carry the
 * units to the workers. A failed organization listing becomes failed units (one per region of the
 * scan, account `unknown`), so the merged result names those scopes unchecked with the reason.
 *
 * Job ids are derived from (run, unit): enqueueing a unit twice (a scheduler that failed over in
 * the middle of planning) inserts it once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DriftwardenError } from '../../model/errors.js';
import type { NewScanUnit } from '../../store/index.js';
import type { LiveContext } from '../live.js';
import type { ScanOptions } from '../run.js';
import { UNKNOWN_ORGANIZATION_ACCOUNT } from '../accounts.js';
import { planUnits, type ScanUnitSpec } from './units.js';

/** What a job carries to a worker: which unit of which run. Never credentials. */
export interface UnitJob {
  readonly runId: string;
  readonly unitId: string;
  readonly spec: ScanUnitSpec;
}

export interface PlannedRun {
  readonly units: ReadonlyArray<NewScanUnit>;
  /** Jobs for the units still to observe (the failed-at-planning ones have none). */
  readonly jobs: ReadonlyArray<{ readonly id: string; readonly data: UnitJob }>;
  /** A fresh random salt for the digests of secret values in the units' results. */
  readonly salt: string;
  /** API calls made while planning (organizations:ListAccounts). */
  readonly apiCalls: Record<string, number>;
}

/** A stable job id (UUID-shaped, as pg-boss stores ids) for one unit of one run. */
export function jobIdOf(runId: string, unitId: string): string {
  const h = createHash('sha256').update(runId).update('\u0000').update(unitId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function planRun(runId: string, options: ScanOptions, context: LiveContext = {}): Promise<PlannedRun> {
  const aws = options.aws;
  if (aws === undefined) {
    throw new DriftwardenError('usage', 'a scan spread over workers observes AWS: no AWS scope is configured', {
      nextStep: 'give the environments an `aws:` block (regions, accounts or organization) in driftwarden.yaml',
    });
  }
  const [{ CATALOGUE }, { selectEntries }, { resolveAccounts, unknownAccountScopes }] = await Promise.all([
    import('../../observers/aws/catalogue/index.js'),
    import('../../observers/aws/observe.js'),
    import('../accounts.js'),
  ]);
  // As observeLive selects: vSphere types are not AWS's; a scan limited by type runs no existence tier.
  const types = aws.types?.filter((t) => !t.startsWith('vsphere_'));
  const limited = types !== undefined && types.length > 0;
  const entries = selectEntries(CATALOGUE, limited ? types : undefined);
  const resolved = await resolveAccounts(aws, entries);
  // An organization whose listing failed, with no account named by id: nothing to observe (as
  // observeLive), not the default credentials' account.
  const nothing = aws.organization !== undefined && resolved.accounts.length === 0;
  const specs = nothing
    ? []
    : planUnits({
        accounts: resolved.accounts,
        regions: aws.regions,
        entries,
        ...(aws.tagFilters ? { tagFilters: aws.tagFilters } : {}),
        ...(aws.deep ? { deep: aws.deep } : {}),
        ...(aws.concurrency !== undefined ? { concurrency: aws.concurrency } : {}),
        ...(aws.callTimeoutMs !== undefined ? { callTimeoutMs: aws.callTimeoutMs } : {}),
        ...(context.recordedAccounts ? { recordedAccounts: context.recordedAccounts } : {}),
        existence: context.recorded !== undefined && !limited,
      });
  const units: NewScanUnit[] = specs.map((spec) => ({ id: spec.id, spec }));
  if (resolved.incomplete.length > 0) {
    // The organization could not be listed: one failed unit per region, holding its types.
    const failure = { reason: resolved.incomplete[0]!.reason, code: resolved.incomplete[0]!.code ?? 'error' };
    const byRegion = new Map<string, string[]>();
    for (const scope of unknownAccountScopes(entries, aws.regions, failure))
      byRegion.set(scope.region, [...(byRegion.get(scope.region) ?? []), scope.type]);
    for (const [region, types] of byRegion) {
      const spec: ScanUnitSpec = {
        id: `${UNKNOWN_ORGANIZATION_ACCOUNT}/${region}/organization`,
        account: {},
        accountLabel: UNKNOWN_ORGANIZATION_ACCOUNT,
        region,
        homeRegion: aws.regions[0]!,
        group: 'organization',
        types,
        planFailure: failure,
      };
      units.push({ id: spec.id, spec, failed: failure.reason });
    }
  }
  const jobs = specs.map((spec) => ({ id: jobIdOf(runId, spec.id), data: { runId, unitId: spec.id, spec } }));
  return { units, jobs, salt: randomBytes(16).toString('hex'), apiCalls: resolved.apiCalls };
}
