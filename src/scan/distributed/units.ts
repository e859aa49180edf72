/**
 * How one scan is cut into units for workers: one unit per (account, region, type group), where a
 * type group is the catalogue's service (the types of one service share listings, so they stay
 * together) and account-wide types (IAM) form one `global` unit per account and service. Pure.
 *
 * Invariant: every (type, account, region) scope the scan would observe in one process belongs to
 * exactly one unit, so merging the units' observations gives the same scopes as a local scan.
 */
import type { AnyResourceTypeEntry } from '../../observers/aws/catalogue/define.js';
import { accountOfRoleArn, type AwsAccountSpec } from '../../observers/aws/client.js';
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
  readonly types: ReadonlyArray<string>;
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
}

/** The label an account's failed scopes carry, as the local observer names it (observe.ts). */
export function accountLabelOf(spec: AwsAccountSpec): string {
  return spec.account ?? (spec.roleArn ? accountOfRoleArn(spec.roleArn) : undefined) ?? spec.profile ?? 'default';
}

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
    const base = accountLabelOf(account);
    const seen = labels.get(base) ?? 0;
    labels.set(base, seen + 1);
    const key = seen === 0 ? base : `${base}#${seen + 1}`;
    for (const [group, types] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const common = {
        account,
        accountLabel: base,
        homeRegion,
        group,
        ...(input.tagFilters ? { tagFilters: input.tagFilters } : {}),
        ...(input.deep && input.deep.length > 0 ? { deep: input.deep } : {}),
        ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}),
      };
      if (types.global.length > 0)
        units.push({ ...common, id: `${key}/global/${group}`, region: 'global', types: types.global });
      if (types.regional.length > 0)
        for (const region of input.regions)
          units.push({ ...common, id: `${key}/${region}/${group}`, region, types: types.regional });
    }
  }
  return units;
}
