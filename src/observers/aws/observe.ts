/**
 * Live AWS observation: lists every catalogue type in every (account, region) in bulk, with bounded
 * concurrency, and returns the observed layer as a Snapshot.
 *
 * Invariants:
 *   - a scope (type, account, region) is either in `completeScopes` (listed completely) or in
 *     `incompleteScopes` with a classified reason; never both, never neither;
 *   - a failing listing marks exactly its scopes incomplete (types sharing one failed listing in
 *     one account and region all fail) and the scan goes on;
 *   - observed resources get the address `<type>."<id>"` (liveAddress), their account and region, environment
 *     `default` (the caller maps environments) and `managed` mode; the engine decides managedness.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { DriftwardenError } from '../../model/errors.js';
import { liveAddress } from '../../model/address.js';
import {
  UNKNOWN_ACCOUNT,
  type IncompleteScope,
  type Resource,
  type Scope,
  type Snapshot,
} from '../../model/resource.js';
import {
  ApiCallCounter,
  accountOfRoleArn,
  AwsClientFactory,
  callerAccount,
  credentialsFor,
  type AwsAccountSpec,
} from './client.js';
import { CATALOGUE } from './catalogue/index.js';
import type { AnyResourceTypeEntry, AwsScope, ObservedItem } from './catalogue/define.js';
import { splitNotReturned } from './omitted.js';
import { classifyAwsError, type AwsApiError } from './errors.js';
import { createAwsRepositories, createRepositoryContext, type AwsRepositories } from './repositories/index.js';
import { mapLimit } from './repositories/paging.js';
import { scanSignal } from './deadline.js';
import { concludeExistence, type TaggingListing } from './existence/conclude.js';
import { taggingListings } from './existence/listing.js';

/** Progress sink (a terminal bar, a log): one task per (account, region, type). */
export interface ObserveProgress {
  start(task: string, total?: number): void;
  advance(task: string, by?: number): void;
  fail(task: string, reason: string): void;
  finish(task: string): void;
}

export interface ObserveAwsOptions {
  /** Accounts to scan; default: the caller's own account (STS GetCallerIdentity). */
  readonly accounts?: ReadonlyArray<AwsAccountSpec>;
  readonly regions: ReadonlyArray<string>;
  /** Terraform types to observe (default: the whole catalogue). */
  readonly types?: ReadonlyArray<string>;
  /** Only resources carrying every one of these tags (on `tags_all`) are kept. */
  readonly tagFilters?: Readonly<Record<string, string>>;
  /** Listings in flight at once across (account, region, type); default 8. */
  readonly concurrency?: number;
  readonly progress?: ObserveProgress;
  /** SDK attempts per call (default DEFAULT_MAX_ATTEMPTS, or AWS_MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
  /** Explicit base credentials, instead of the default chain or a profile. */
  readonly credentials?: AwsCredentialIdentityProvider;
  /**
   * Which (type, scope) pairs are read deeply: the entry's per-resource `deep` read runs for every
   * item, with the repositories' bounded fan-out, and each call is counted in `apiCalls`. Default:
   * none (those attributes stay declared `unread` suppressions).
   */
  readonly deep?: (type: string, scope: AwsScope) => boolean;
  /** The entries to use (default: CATALOGUE); tests and the colleague's types plug in here. */
  readonly catalogue?: ReadonlyArray<AnyResourceTypeEntry>;
  /**
   * The account ids the record's ARNs name. When an account spec names no account and its
   * identity cannot be read (STS failed), its failed scopes carry the record's account when there
   * is exactly one, else UNKNOWN_ACCOUNT (which stands for every account): never a made-up label.
   */
  readonly recordedAccounts?: ReadonlyArray<string>;
  /** Deadline of one call, retries included (default DEFAULT_CALL_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  /** Deadline of the whole observation (default DEFAULT_SCAN_TIMEOUT_MS); later scopes fail as `timeout`. */
  readonly scanTimeoutMs?: number;
  /** Ends the observation at once when aborted (a stop request); unfinished scopes fail as `stopped`. */
  readonly signal?: AbortSignal;
  /**
   * The existence tier (src/observers/aws/existence/): one GetResources stream per (account,
   * region) accounts for the recorded resources of types with no catalogue entry and reports tagged
   * resources of such types that no state manages. Given the record's resources; absent: no tier.
   */
  readonly existence?: { readonly recorded: ReadonlyArray<Resource> };
}

export const DEFAULT_SCAN_TIMEOUT_MS = 30 * 60_000;

/** An observed resource that is expected to have no state (the default VPC, ...): why. */
export interface ExpectedUnmanaged {
  readonly address: string;
  readonly why: string;
}

export interface ObserveAwsResult {
  readonly snapshot: Snapshot;
  /** API calls per `service:Operation`. */
  readonly apiCalls: Record<string, number>;
  readonly expectedUnmanaged: ReadonlyArray<ExpectedUnmanaged>;
}

export const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
const DEFAULT_CONCURRENCY = 8;
/** Per-resource deep reads in flight per (type, account, region): at most 8 x 4 calls at once in all. */
const DEEP_FAN_OUT = 4;

/** Where deep reads happen: these types (a trailing `*` matches a prefix) in these accounts and regions (empty: any). */
export interface DeepRule {
  readonly types: ReadonlyArray<string>;
  readonly accounts: ReadonlyArray<string>;
  readonly regions: ReadonlyArray<string>;
}

/** The `deep` predicate of observeAws from rules: true when any rule covers the type and scope. */
export function deepSelector(rules: ReadonlyArray<DeepRule>): (type: string, scope: AwsScope) => boolean {
  const typeMatches = (pattern: string, type: string) =>
    pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
  return (type, scope) =>
    rules.some(
      (rule) =>
        rule.types.some((pattern) => typeMatches(pattern, type)) &&
        (rule.accounts.length === 0 || rule.accounts.includes(scope.account)) &&
        (rule.regions.length === 0 || rule.regions.includes(scope.region) || scope.region === 'global'),
    );
}

/** Picks the entries for `types`, or throws a usage error naming the unknown ones. */
export function selectEntries(
  catalogue: ReadonlyArray<AnyResourceTypeEntry>,
  types: ReadonlyArray<string> | undefined,
): AnyResourceTypeEntry[] {
  if (!types || types.length === 0) return [...catalogue];
  const known = new Set(catalogue.map((e) => e.type));
  const unknown = types.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new DriftwardenError('usage', `unknown AWS resource type ${unknown.join(', ')}`, {
      key: 'types',
      nextStep: `use one of: ${[...known].sort().join(', ')}`,
    });
  }
  return catalogue.filter((e) => types.includes(e.type));
}

/** True when the item's tags (tags_all, else tags) carry every filter tag with its value. */
export function matchesTagFilters(item: ObservedItem, filters: Readonly<Record<string, string>> | undefined): boolean {
  if (!filters || Object.keys(filters).length === 0) return true;
  let tags = (item.attributes['tags_all'] ?? item.attributes['tags']) as Record<string, unknown> | undefined;
  // aws_autoscaling_group keeps its tags as a `tag` set of {key, value, propagate_at_launch}.
  const tagSet = item.attributes['tag'];
  if (!tags && Array.isArray(tagSet))
    tags = Object.fromEntries(tagSet.map((t: { key?: string; value?: string }) => [t.key, t.value]));
  if (!tags || typeof tags !== 'object') return false;
  return Object.entries(filters).every(([key, value]) => tags[key] === value);
}

/** Paths of an entry's secret attributes that are present on the item (masked downstream). */
function sensitivePathsOf(entry: AnyResourceTypeEntry, item: ObservedItem): string[][] {
  return (entry.secretAttributes ?? []).filter((name) => item.attributes[name] !== undefined).map((name) => [name]);
}

interface AccountScope {
  readonly label: string;
  readonly factory: AwsClientFactory;
  /** Resolved account id, or the failure that kept it unknown. */
  readonly account: string;
  readonly failure?: AwsApiError;
}

async function resolveAccount(
  spec: AwsAccountSpec,
  options: ObserveAwsOptions,
  counter: ApiCallCounter,
  homeRegion: string,
  signal: AbortSignal,
): Promise<AccountScope> {
  const clientOptions = {
    counter,
    signal,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
  };
  const factory = new AwsClientFactory(credentialsFor(spec, clientOptions, homeRegion), clientOptions);
  const recorded = options.recordedAccounts ?? [];
  // The account this spec was meant to observe, as far as anything tells it.
  const meant =
    spec.account ??
    (spec.roleArn ? accountOfRoleArn(spec.roleArn) : undefined) ??
    (recorded.length === 1 ? recorded[0] : undefined) ??
    UNKNOWN_ACCOUNT;
  const label = spec.profile ? `profile ${spec.profile}` : meant;
  try {
    // Always ask STS: it proves the credentials (and the assumed role) work before any listing,
    // and gives the real account id when the spec does not name one.
    const account = await callerAccount(factory, homeRegion);
    return { label, factory, account };
  } catch (err) {
    const failure = classifyAwsError(err, {
      scope: { account: meant, region: homeRegion },
      action: 'sts:GetCallerIdentity',
    });
    return { label, factory, account: meant, failure };
  }
}

/** Every account of the observation entered (STS), under one signal: the scan deadline, or the caller's stop. */
async function enterAccounts(options: ObserveAwsOptions) {
  const counter = new ApiCallCounter();
  const homeRegion = options.regions[0] as string;
  const specs = options.accounts && options.accounts.length > 0 ? options.accounts : [{}];
  const deadline = scanSignal(options.scanTimeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS, options.signal);
  const accounts = await Promise.all(
    specs.map((spec) => resolveAccount(spec, options, counter, homeRegion, deadline.signal)),
  );
  return { counter, homeRegion, deadline, accounts };
}

export async function observeAws(options: ObserveAwsOptions): Promise<ObserveAwsResult> {
  if (options.regions.length === 0) {
    throw new DriftwardenError('usage', 'no AWS region to scan', {
      key: 'regions',
      nextStep: 'pass --region, set AWS_REGION, or list regions in driftwarden.yaml',
    });
  }
  const entries = selectEntries(options.catalogue ?? CATALOGUE, options.types);
  const { counter, homeRegion, deadline, accounts } = await enterAccounts(options);

  const resources: Resource[] = [];
  const completeScopes: Scope[] = [];
  const incompleteScopes: IncompleteScope[] = [];
  const existenceScopes: Scope[] = [];
  const expectedUnmanaged: ExpectedUnmanaged[] = [];
  const progress = options.progress;

  // One repository set per (account, region): types in that scope share memoized listings.
  const repositories = new Map<string, AwsRepositories>();
  const repositoriesFor = (account: AccountScope, scope: AwsScope): AwsRepositories => {
    const key = `${scope.account}/${scope.region}`;
    let repos = repositories.get(key);
    if (!repos) {
      repos = createAwsRepositories(createRepositoryContext({ scope, clients: account.factory, homeRegion }));
      repositories.set(key, repos);
    }
    return repos;
  };

  const tasks: { account: AccountScope; entry: AnyResourceTypeEntry; scope: AwsScope }[] = [];
  for (const account of accounts) {
    for (const entry of entries) {
      const regions = entry.global ? ['global'] : options.regions;
      for (const region of regions) tasks.push({ account, entry, scope: { account: account.account, region } });
    }
  }

  try {
    await mapLimit(tasks, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ account, entry, scope }) => {
      const task = `${scope.account}/${scope.region}/${entry.type}`;
      const scopeOfType: Scope = { type: entry.type, account: scope.account, region: scope.region };
      progress?.start(task);
      const markIncomplete = (failure: AwsApiError): void => {
        incompleteScopes.push({
          ...scopeOfType,
          reason: failure.reason,
          code: failure.kind,
          ...(failure.details.nextStep ? { nextStep: failure.details.nextStep } : {}),
        });
        progress?.fail(task, failure.reason);
      };
      if (account.failure) return markIncomplete(account.failure);
      let observed: ObservedItem[];
      try {
        const repos = repositoriesFor(account, scope);
        const items = await entry.list(repos, scope);
        observed = items
          .map((raw) => entry.observe(raw, scope))
          .filter((item) => matchesTagFilters(item, options.tagFilters));
        const deep = entry.deep;
        if (deep && options.deep?.(entry.type, scope)) {
          const extra = await mapLimit(observed, DEEP_FAN_OUT, (item) => deep.read(item, repos, scope));
          observed = observed.map((item, i) => ({ ...item, attributes: { ...item.attributes, ...extra[i] } }));
        }
      } catch (err) {
        // A listing failure, a deep read that failed, or a mapping that threw: this scope cannot be trusted.
        const failure = classifyAwsError(err, { scope, action: `${entry.service}:list`, type: entry.type });
        return markIncomplete(failure);
      }
      for (const item of observed) {
        const address = liveAddress(entry.type, item.id);
        const { attributes, notReturned } = splitNotReturned(item.attributes);
        resources.push({
          address,
          mode: 'managed',
          type: entry.type,
          provider: AWS_PROVIDER,
          id: item.id,
          account: scope.account,
          region: scope.region,
          attributes,
          ...(notReturned.length > 0 ? { notReturned } : {}),
          sensitivePaths: sensitivePathsOf(entry, item),
          dependencies: [],
          environment: 'default',
          source: `aws://${scope.account}/${scope.region}`,
        });
        if (item.noise) expectedUnmanaged.push({ address, why: item.noise });
      }
      completeScopes.push(scopeOfType);
      progress?.advance(task, observed.length);
      progress?.finish(task);
    });
    if (options.existence) {
      const tier = await observeExistence(options, accounts, resources, progress);
      resources.push(...tier.resources);
      existenceScopes.push(...tier.existenceScopes);
      incompleteScopes.push(...tier.incompleteScopes);
    }
  } finally {
    deadline.dispose();
    for (const account of accounts) account.factory.destroy();
  }

  // Code-unit order (not locale order): deterministic output on every machine.
  const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const keyOf = (a: { account?: string; region?: string; type: string; address?: string }): string =>
    `${a.type}\u0000${a.account}\u0000${a.region}\u0000${a.address ?? ''}`;
  const byKey = (a: Parameters<typeof keyOf>[0], b: Parameters<typeof keyOf>[0]): number => compare(keyOf(a), keyOf(b));
  return {
    snapshot: {
      layer: 'observed',
      resources: resources.sort(byKey),
      completeScopes: completeScopes.sort(byKey),
      incompleteScopes: incompleteScopes.sort(byKey),
      ...(options.existence ? { existenceScopes: existenceScopes.sort(byKey) } : {}),
    },
    apiCalls: counter.toJSON(),
    expectedUnmanaged: expectedUnmanaged.sort((a, b) => compare(a.address, b.address)),
  };
}

const listingOptions = (options: ObserveAwsOptions) => ({
  ...(options.tagFilters ? { tagFilters: options.tagFilters } : {}),
  concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
});

/**
 * The existence tier's listings alone (a worker's `tagging` unit, src/scan/distributed): each
 * account entered as observeAws enters it, one GetResources listing per (account, region), under
 * the same call and scan deadlines and signal. What they conclude needs every catalogue listing of
 * the scan, so the caller concludes (concludeExistence) once all are in.
 */
export async function observeTaggingListings(
  options: ObserveAwsOptions,
): Promise<{ readonly listings: TaggingListing[]; readonly apiCalls: Record<string, number> }> {
  const { counter, deadline, accounts } = await enterAccounts(options);
  try {
    const listings = await taggingListings(accounts, options.regions, listingOptions(options), options.progress);
    return { listings, apiCalls: counter.toJSON() };
  } finally {
    deadline.dispose();
    for (const account of accounts) account.factory.destroy();
  }
}

/** The existence tier, after the catalogue's listings (whose observed ARNs it must not report again). */
async function observeExistence(
  options: ObserveAwsOptions,
  accounts: ReadonlyArray<AccountScope>,
  observed: ReadonlyArray<Resource>,
  progress: ObserveProgress | undefined,
) {
  const listings = await taggingListings(accounts, options.regions, listingOptions(options), progress);
  return concludeTier(options.existence?.recorded ?? [], observed, listings, options.catalogue);
}

/**
 * What the tier's listings conclude, given the record and every resource the catalogue's listings
 * observed (in any unit of the scan): src/observers/aws/existence/conclude.ts.
 */
export function concludeTier(
  recorded: ReadonlyArray<Resource>,
  observed: ReadonlyArray<Resource>,
  listings: ReadonlyArray<TaggingListing>,
  catalogue: ReadonlyArray<AnyResourceTypeEntry> = [],
) {
  const observedIdentities = new Set<string>();
  for (const resource of observed) {
    if (resource.id !== undefined) observedIdentities.add(resource.id);
    const arn = resource.attributes['arn'];
    if (typeof arn === 'string') observedIdentities.add(arn);
  }
  return concludeExistence({
    recorded,
    // Every type with an entry (not only this scan's): the catalogue reports those, never the tier.
    catalogueTypes: new Set([...CATALOGUE, ...catalogue].map((entry) => entry.type)),
    observedIdentities,
    listings,
    provider: AWS_PROVIDER,
  });
}
