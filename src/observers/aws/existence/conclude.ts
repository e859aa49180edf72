/**
 * What the existence tier may conclude from the Resource Groups Tagging API (GetResources), one
 * listing per (account, region). Pure: listings in, observed resources and scopes out.
 *
 * The tagging API lists tagged (and previously tagged) resources only, so:
 *   - a recorded resource of a type with no catalogue entry whose ARN a complete listing holds is
 *     present (an observed resource with `fidelity: 'existence'`, paired by the engine through its
 *     id or ARN: the bucket `existence`, seen);
 *   - one a complete listing does not hold is "existence unknown" (an existence scope covers it, no
 *     observed resource): never `missing`, because an untagged resource is never listed;
 *   - one whose listing failed is unchecked (an incomplete scope with the listing's reason);
 *   - a listed ARN that no recorded resource names (of any type, in any state), that no catalogue
 *     listing observed, and whose type has no catalogue entry is an unmanaged resource seen by
 *     existence only (`coverage: existence` on its finding), named by its Terraform type where the
 *     ARN maps to one, else by its ARN (`aws:service:resource-type`);
 *   - a failed listing is also an incomplete scope of the tier itself (EXISTENCE_TIER_SCOPE_TYPE):
 *     unmanaged resources of uncovered types were not looked for there.
 * Types with a catalogue entry are never concluded here: their own listing reports them.
 */
import { liveAddress } from '../../../model/address.js';
import { providerTypeOf } from '../../../model/accounting.js';
import type { IncompleteScope, Resource, Scope } from '../../../model/resource.js';
import { parseArn, recordedArn, typeNameOfArn } from './arn.js';

/** The scope type of the tier's own listing (not a Terraform type): named in reports when it fails. */
export const EXISTENCE_TIER_SCOPE_TYPE = 'tagged resources (existence tier)';

export interface ListingFailure {
  readonly reason: string;
  readonly code: string;
  readonly nextStep?: string;
}

/** One GetResources listing: every ARN of one account and region, or why there is none. */
export type TaggingListing =
  | { readonly account: string; readonly region: string; readonly arns: ReadonlyArray<string> }
  | { readonly account: string; readonly region: string; readonly failure: ListingFailure };

export interface ExistenceInput {
  /** The recorded layer's resources (every state of the scan). */
  readonly recorded: ReadonlyArray<Resource>;
  /** Every type the catalogue has an entry for (not only the ones this scan selected). */
  readonly catalogueTypes: ReadonlySet<string>;
  /** `arn` attributes and ids of the resources the catalogue listings observed. */
  readonly observedIdentities: ReadonlySet<string>;
  readonly listings: ReadonlyArray<TaggingListing>;
  /** Provider address given to the resources this tier observes. */
  readonly provider: string;
}

export interface ExistenceConclusion {
  readonly resources: Resource[];
  readonly existenceScopes: Scope[];
  readonly incompleteScopes: IncompleteScope[];
}

const isFailure = (l: TaggingListing): l is Extract<TaggingListing, { failure: ListingFailure }> => 'failure' in l;

export function concludeExistence(input: ExistenceInput): ExistenceConclusion {
  const resources: Resource[] = [];
  const existenceScopes = new Map<string, Scope>();
  const incompleteScopes = new Map<string, IncompleteScope>();
  const accounts = [...new Set(input.listings.map((l) => l.account))];
  const listed = input.listings.map((l) => ({ listing: l, arns: isFailure(l) ? undefined : new Set(l.arns) }));

  const recordedArns = new Set<string>();
  const seenRecorded = new Set<string>();
  for (const record of input.recorded) {
    if (record.mode !== 'managed' || providerTypeOf(record.provider, record.type) !== 'aws') continue;
    // A derived ARN needs the account: the record's own, or the one account this scan observed.
    const account = record.account ?? (accounts.length === 1 ? accounts[0] : undefined);
    const arn = recordedArn({ ...record, ...(account !== undefined ? { account } : {}) });
    if (arn === undefined) continue;
    recordedArns.add(arn);
    if (input.catalogueTypes.has(record.type)) continue;
    const parsed = parseArn(arn);
    if (!parsed) continue;
    const arnAccount = parsed.account || account;
    // A global ARN (no region) is listed in one region (us-east-1 on AWS): any listing may hold it.
    const candidates = listed.filter(
      ({ listing }) =>
        (arnAccount === undefined || listing.account === arnAccount) &&
        (parsed.region === '' || listing.region === parsed.region),
    );
    if (candidates.length === 0) continue; // outside this scan: the engine says so
    const scope: Scope = {
      type: record.type,
      account: candidates[0]!.listing.account,
      region: parsed.region === '' ? 'global' : parsed.region,
    };
    const key = `${scope.type}/${scope.account}/${scope.region}`;
    if (candidates.some((c) => c.arns?.has(arn))) {
      seenRecorded.add(arn);
      existenceScopes.set(key, scope);
      resources.push({
        address: liveAddress(record.type, record.id ?? arn),
        mode: 'managed',
        type: record.type,
        provider: input.provider,
        id: record.id ?? arn,
        account: scope.account,
        ...(parsed.region !== '' ? { region: parsed.region } : {}),
        fidelity: 'existence',
        attributes: { arn },
        sensitivePaths: [],
        dependencies: [],
        environment: 'default',
        source: `aws://${scope.account}/${scope.region}`,
      });
      continue;
    }
    const failed = candidates.find((c) => c.arns === undefined)?.listing;
    if (failed && isFailure(failed)) incompleteScopes.set(key, { ...scope, ...failed.failure });
    else if (!incompleteScopes.has(key)) existenceScopes.set(key, scope);
  }
  // A scope is either existence-covered or incomplete, never both (a failure anywhere wins).
  for (const key of incompleteScopes.keys()) existenceScopes.delete(key);

  const unmanaged = new Set<string>();
  for (const { listing, arns } of listed) {
    if (arns === undefined) {
      if (isFailure(listing)) {
        const scope = { type: EXISTENCE_TIER_SCOPE_TYPE, account: listing.account, region: listing.region };
        incompleteScopes.set(`${scope.type}/${scope.account}/${scope.region}`, { ...scope, ...listing.failure });
      }
      continue;
    }
    for (const arn of arns) {
      if (recordedArns.has(arn) || seenRecorded.has(arn) || input.observedIdentities.has(arn) || unmanaged.has(arn))
        continue;
      const parsed = parseArn(arn);
      if (!parsed) continue;
      const named = typeNameOfArn(parsed);
      if (named.terraform && input.catalogueTypes.has(named.type)) continue;
      unmanaged.add(arn);
      resources.push({
        address: liveAddress(named.type, arn),
        mode: 'managed',
        type: named.type,
        provider: input.provider,
        id: arn,
        account: listing.account,
        region: parsed.region === '' ? listing.region : parsed.region,
        fidelity: 'existence',
        attributes: { arn },
        sensitivePaths: [],
        dependencies: [],
        environment: 'default',
        source: `aws://${listing.account}/${listing.region}`,
      });
    }
  }
  return {
    resources,
    existenceScopes: [...existenceScopes.values()],
    incompleteScopes: [...incompleteScopes.values()],
  };
}
