/**
 * How one scan is cut into units for workers: one unit per (account, region, type group), where a
 * type group is the catalogue's service (the types of one service share listings, so they stay
 * together) and account-wide types (IAM) form one `global` unit per account and service. When the
 * scan runs the existence tier (a whole-catalogue scan with a record, as `scan` runs it), each
 * (account, region) also gets one `tagging` unit: its GetResources listing, concluded at merge
 * (merge.ts) against every unit's observation, as observe.ts concludes it in one process. Pure.
 *
 * Invariants: every (type, account, region) scope the scan would observe in one process belongs to
 * exactly one unit, so merging the units' observations gives the same scopes as a local scan; a
 * unit's scopes name the account exactly as the local observer names it when it cannot be entered
 * (accountLabelOf), so a unit that never finished is unchecked where the local scan would be.
 */
import type { AnyResourceTypeEntry } from '../../observers/aws/catalogue/define.js';
import { accountOfRoleArn, type AwsAccountSpec } from '../../observers/aws/client.js';
import { UNKNOWN_ACCOUNT } from '../../model/resource.js';
import type { DeepRule } from '../../observers/aws/observe.js';

/** One unit of work: what a worker observes, as plain JSON (stored and queued; never credentials). */
export interface ScanUnitSpec {
  /** `<account>/<region>/<group>`: unique within its run. */
  readonly id: string;
  /** How the worker enters the account: an id, a role to assume (with its external id) or a profile. */
  readonly account: AwsAccountSpec;
  /** The account its scopes name when it cannot be entered (the id, else the role's, else the profile). */
  readonly accountLabel: string;
  /** An AWS region, or `global` for account-wide types. */
  readonly region: string;
  /** The region of STS and of account-wide APIs (the scan's first region). */
  readonly homeRegion: string;
  /** The catalogue service the types belong to. */
  readonly group: string;
  /** The catalogue types to list; empty for a `tagging` unit. */
  readonly types: ReadonlyArray<string>;
  /** `tagging`: the existence tier's GetResources listing of (account, region), no catalogue types. */
  readonly kind?: 'tagging';
  /** Deadline of one AWS call, retries included (as `--call-timeout`); absent: the observer's default. */
  readonly callTimeoutMs?: number;
  /** The 12-digit accounts the record names, for a spec that names none (observe.ts `recordedAccounts`). */
  readonly recordedAccounts?: ReadonlyArray<string>;
  readonly tagFilters?: Readonly<Record<string, string>>;
  readonly deep?: ReadonlyArray<DeepRule>;
  /** Listings in flight at once inside the unit. */
  readonly concurrency?: number;
  /** Set when the unit could not even be planned (the organization's accounts could not be listed). */
  readonly planFailure?: { readonly reason: string; readonly code: string };
}

export interface UnitPlanInput {
  readonly accounts: ReadonlyArray<AwsAccountSpec>;
  readonly regions: ReadonlyArray<string>;
  /** The catalogue entries to observe (already narrowed by --type). */
  readonly entries: ReadonlyArray<AnyResourceTypeEntry>;
  readonly tagFilters?: Readonly<Record<string, string>>;
  readonly deep?: ReadonlyArray<DeepRule>;
  readonly concurrency?: number;
  readonly callTimeoutMs?: number;
  /** The 12-digit accounts the record names (src/scan/run.ts recordedAccounts). */
  readonly recordedAccounts?: ReadonlyArray<string>;
  /** Plan one `tagging` unit per (account, region): the existence tier. */
  readonly existence?: boolean;
}

/**
 * The account an account spec's failed scopes carry, exactly as the local observer names it
 * (observe.ts resolveAccount): its id, the role's account, the record's one account, else
 * UNKNOWN_ACCOUNT (which stands for every account, so nothing recorded there becomes missing).
 */
export function accountLabelOf(spec: AwsAccountSpec, recordedAccounts: ReadonlyArray<string> = []): string {
  return (
    spec.account ??
    (spec.roleArn ? accountOfRoleArn(spec.roleArn) : undefined) ??
    (recordedAccounts.length === 1 ? recordedAccounts[0] : undefined) ??
    UNKNOWN_ACCOUNT
  );
}

/** A unit id's account part: the label, or the profile for a spec that names no account. */
function unitKeyOf(spec: AwsAccountSpec): string {
  return spec.account ?? (spec.roleArn ? accountOfRoleArn(spec.roleArn) : undefined) ?? spec.profile ?? 'default';
}

/** The group of the existence tier's units (no catalogue service is called this). */
export const TAGGING_GROUP = 'tagging';

export function planUnits(input: UnitPlanInput): ScanUnitSpec[] {
  const homeRegion = input.regions[0];
  if (homeRegion === undefined) return [];
  const groups = new Map<string, { global: string[]; regional: string[] }>();
  for (const entry of input.entries) {
    const group = groups.get(entry.service) ?? { global: [], regional: [] };
    (entry.global ? group.global : group.regional).push(entry.type);
    groups.set(entry.service, group);
  }
  const accounts = input.accounts.length > 0 ? input.accounts : [{}];
  const labels = new Map<string, number>();
  const units: ScanUnitSpec[] = [];
  for (const account of accounts) {
    // Two specs may name the same account (two profiles, say): their units must not share ids.
    const base = unitKeyOf(account);
    const seen = labels.get(base) ?? 0;
    labels.set(base, seen + 1);
    const key = seen === 0 ? base : `${base}#${seen + 1}`;
    // Only a spec that names no account needs the record's accounts (its label may come from them).
    const unnamed = account.account === undefined && account.roleArn === undefined;
    const recorded =
      unnamed && input.recordedAccounts && input.recordedAccounts.length > 0 ? input.recordedAccounts : [];
    const common0 = {
      account,
      accountLabel: accountLabelOf(account, recorded),
      homeRegion,
      ...(input.tagFilters ? { tagFilters: input.tagFilters } : {}),
      ...(input.callTimeoutMs !== undefined ? { callTimeoutMs: input.callTimeoutMs } : {}),
      ...(recorded.length > 0 ? { recordedAccounts: recorded } : {}),
    };
    for (const [group, types] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const common = {
        ...common0,
        group,
        ...(input.deep && input.deep.length > 0 ? { deep: input.deep } : {}),
        ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}),
      };
      if (types.global.length > 0)
        units.push({ ...common, id: `${key}/global/${group}`, region: 'global', types: types.global });
      if (types.regional.length > 0)
        for (const region of input.regions)
          units.push({ ...common, id: `${key}/${region}/${group}`, region, types: types.regional });
    }
    if (input.existence)
      for (const region of input.regions)
        units.push({
          ...common0,
          id: `${key}/${region}/${TAGGING_GROUP}`,
          region,
          group: TAGGING_GROUP,
          types: [],
          kind: 'tagging',
        });
  }
  return units;
}
