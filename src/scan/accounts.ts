/**
 * The AWS accounts one scan observes: those the config or the command line name, plus, when an
 * environment asks for its organization, every ACTIVE member account AWS Organizations lists (each
 * entered through the configured role and external id). Resolved per scan, so an account that
 * joins the organization is scanned from the next cycle on.
 *
 * When the organization cannot be listed, nothing is known about its accounts: every type the
 * scan observes, in every region, is an unchecked scope of account `unknown` with the reason (so
 * nothing there becomes missing or resolved), and the accounts named by id are still scanned.
 */
import type { IncompleteScope } from '../model/resource.js';
import { ApiCallCounter, type AwsAccountSpec } from '../observers/aws/client.js';
import type { AnyResourceTypeEntry } from '../observers/aws/catalogue/define.js';
import type { LiveAwsOptions } from './run.js';

/** The account of scopes no one could name (the organization's listing failed). */
export const UNKNOWN_ORGANIZATION_ACCOUNT = 'unknown';

export interface ResolvedAccounts {
  readonly accounts: ReadonlyArray<AwsAccountSpec>;
  /** The organization's scopes when its accounts could not be listed. */
  readonly incomplete: ReadonlyArray<IncompleteScope>;
  readonly apiCalls: Record<string, number>;
}

/** Every (type, region) scope of the scan, failed with one reason: what a failed listing of accounts leaves. */
export function unknownAccountScopes(
  entries: ReadonlyArray<AnyResourceTypeEntry>,
  regions: ReadonlyArray<string>,
  failure: { readonly reason: string; readonly code: string },
): IncompleteScope[] {
  return entries.flatMap((entry) =>
    (entry.global ? ['global'] : regions).map((region) => ({
      type: entry.type,
      account: UNKNOWN_ORGANIZATION_ACCOUNT,
      region,
      reason: failure.reason,
      code: failure.code,
    })),
  );
}

export async function resolveAccounts(
  aws: LiveAwsOptions,
  entries: ReadonlyArray<AnyResourceTypeEntry>,
): Promise<ResolvedAccounts> {
  if (aws.organization === undefined) return { accounts: aws.accounts, incomplete: [], apiCalls: {} };
  const counter = new ApiCallCounter();
  // The Organizations SDK package is loaded only when an organization is scanned.
  const { organizationAccounts } = await import('../observers/aws/organization.js');
  const organization = await organizationAccounts(aws.organization, counter);
  const named = new Set(aws.accounts.map((spec) => spec.account));
  const accounts = [...aws.accounts, ...organization.accounts.filter((spec) => !named.has(spec.account))];
  const incomplete = organization.failure
    ? unknownAccountScopes(entries, aws.regions, {
        reason: organization.failure.reason,
        code: organization.failure.kind,
      })
    : [];
  return { accounts, incomplete, apiCalls: counter.toJSON() };
}
