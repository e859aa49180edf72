/**
 * Live observation for one scan: AWS and/or vSphere, each when configured or asked for, merged
 * into one observed snapshot. Each platform's scopes stay its own (AWS: type/account/region;
 * vSphere: type/server/datacenter), so a failure on one platform never marks the other's resources.
 * Each platform's observer (and its SDK or XML parser) is imported only when that platform is observed.
 */
import type { Resource, Snapshot } from '../model/resource.js';
import type { ObserveProgress } from '../observers/aws/observe.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { environmentResolver } from './environments.js';
import type { LiveAwsOptions, LiveVsphereOptions } from './run.js';
import { mergeCounts } from './counts.js';

export type Facts = Readonly<Record<string, string | number | boolean>>;

export interface LiveObservation {
  readonly snapshot: Snapshot;
  readonly apiCalls: Record<string, number>;
  readonly expectedUnmanaged: ReadonlyMap<string, string>;
  /** Facts per observed address (a leftover snapshot's age and size, an orphaned disk's size). */
  readonly facts: ReadonlyMap<string, Facts>;
  /** The scan's id when the observation decided it (a run of workers: the run's id). */
  readonly scanId?: string;
  /** Applied to each recorded resource before comparing, when observed values are digests (secrets). */
  readonly prepareRecorded?: (resource: Resource) => Resource;
}

/** What the AWS observation needs from the scan beyond its options. */
export interface LiveContext {
  /** Accounts the record's ARNs name: the label of a scope whose account STS could not tell. */
  readonly recordedAccounts?: ReadonlyArray<string>;
  /** A stop request (the controller's SIGTERM): every AWS call in flight is abandoned. */
  readonly signal?: AbortSignal;
  /**
   * The record's resources: the existence tier accounts for those of types with no catalogue entry.
   * Absent, or a scan limited by --type: no tier.
   */
  readonly recorded?: ReadonlyArray<Resource>;
}

export async function observeLive(
  aws: LiveAwsOptions | undefined,
  vsphere: LiveVsphereOptions | undefined,
  config: DriftwardenConfig | undefined,
  progress: ObserveProgress,
  context: LiveContext = {},
): Promise<LiveObservation> {
  const resources: Resource[] = [];
  const completeScopes: Snapshot['completeScopes'][number][] = [];
  const incompleteScopes: Snapshot['incompleteScopes'][number][] = [];
  const existenceScopes: Snapshot['completeScopes'][number][] = [];
  const expected = new Map<string, string>();
  const facts = new Map<string, Facts>();
  let apiCalls: Record<string, number> = {};
  if (aws) {
    const types = aws.types?.filter((t) => !t.startsWith('vsphere_'));
    // Loaded here: the AWS observer (and the organization's client) only when AWS is observed.
    const [{ CATALOGUE }, { resolveAccounts }, { deepSelector, observeAws, selectEntries }] = await Promise.all([
      import('../observers/aws/catalogue/index.js'),
      import('./accounts.js'),
      import('../observers/aws/observe.js'),
    ]);
    const entries = selectEntries(CATALOGUE, types && types.length > 0 ? types : undefined);
    const resolved = await resolveAccounts(aws, entries);
    incompleteScopes.push(...resolved.incomplete);
    apiCalls = mergeCounts(apiCalls, resolved.apiCalls);
    // An organization whose listing failed, with no account named by id: nothing to observe.
    const nothing = aws.organization !== undefined && resolved.accounts.length === 0;
    const live = nothing
      ? {
          snapshot: { resources: [], completeScopes: [], incompleteScopes: [], existenceScopes: [] },
          expectedUnmanaged: [],
          apiCalls: {},
        }
      : await observeAws({
          regions: aws.regions,
          accounts: resolved.accounts,
          ...(types && types.length > 0 ? { types } : {}),
          ...(aws.tagFilters ? { tagFilters: aws.tagFilters } : {}),
          ...(aws.concurrency ? { concurrency: aws.concurrency } : {}),
          ...(aws.deep ? { deep: deepSelector(aws.deep) } : {}),
          ...(aws.callTimeoutMs !== undefined ? { callTimeoutMs: aws.callTimeoutMs } : {}),
          ...(aws.scanTimeoutMs !== undefined ? { scanTimeoutMs: aws.scanTimeoutMs } : {}),
          ...(context.signal ? { signal: context.signal } : {}),
          ...(context.recordedAccounts ? { recordedAccounts: context.recordedAccounts } : {}),
          ...(context.recorded && !(types && types.length > 0) ? { existence: { recorded: context.recorded } } : {}),
          progress,
        });
    const envOf = environmentResolver(config);
    resources.push(...live.snapshot.resources.map((r): Resource => ({ ...r, environment: envOf(r) })));
    completeScopes.push(...live.snapshot.completeScopes);
    incompleteScopes.push(...live.snapshot.incompleteScopes);
    existenceScopes.push(...(live.snapshot.existenceScopes ?? []));
    for (const e of live.expectedUnmanaged) expected.set(e.address, e.why);
    apiCalls = mergeCounts(apiCalls, live.apiCalls);
  }
  if (vsphere) {
    const task = `vsphere/${vsphere.server}`;
    progress.start(task);
    const [{ observeVsphere }, { vsphereEnvironmentResolver }] = await Promise.all([
      import('../observers/vsphere/observe.js'),
      import('./vsphere-environments.js'),
    ]);
    const live = await observeVsphere({
      server: vsphere.server,
      user: vsphere.user,
      password: vsphere.password,
      insecure: vsphere.insecure,
      ...(vsphere.caFile !== undefined ? { caFile: vsphere.caFile } : {}),
      ...(vsphere.timeoutMs !== undefined ? { timeoutMs: vsphere.timeoutMs } : {}),
      ...(vsphere.datacenters ? { datacenters: vsphere.datacenters } : {}),
      ...(vsphere.types ? { types: vsphere.types } : {}),
    });
    const envOf = vsphereEnvironmentResolver(config);
    resources.push(
      ...live.snapshot.resources.map((r): Resource => ({ ...r, environment: envOf(live.placements.get(r.address)) })),
    );
    completeScopes.push(...live.snapshot.completeScopes);
    incompleteScopes.push(...live.snapshot.incompleteScopes);
    for (const e of live.expectedUnmanaged) expected.set(e.address, e.why);
    for (const [address, f] of live.facts) facts.set(address, f);
    apiCalls = mergeCounts(apiCalls, live.apiCalls);
    if (live.snapshot.incompleteScopes.length > 0) progress.fail(task, live.snapshot.incompleteScopes[0]!.reason);
    progress.advance(task, live.snapshot.resources.length);
    progress.finish(task);
  }
  return {
    snapshot: { layer: 'observed', resources, completeScopes, incompleteScopes, existenceScopes },
    apiCalls,
    expectedUnmanaged: expected,
    facts,
  };
}
