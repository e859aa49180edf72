/**
 * One reconciliation run, shared by `driftwarden reconcile` and the controller: recover interrupted
 * acts, scan, record the scan (history + audit, one transaction), plan, select what is approved,
 * act, observe again, and record each outcome. Nothing here prints: the caller renders the result.
 */
import type { Snapshot } from '../model/resource.js';
import { recordConfigIfChanged, recordScanInAudit } from '../audit/record.js';
import type { Clock } from '../audit/clock.js';
import { openBreakglassSessions, sessionsCovering, type BreakglassSessions } from './breakglass/sessions.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import type { ScanResult } from '../model/scan-result.js';
import { AwsClientFactory, ApiCallCounter, callerAccount, credentialsFor } from '../observers/aws/client.js';
import type { ExecuteContext } from './aws/index.js';
import type { ObserveProgress } from '../observers/aws/observe.js';
import { runScan, type ScanOptions } from '../scan/run.js';
import { estateOf, observationOf } from '../scan/estate.js';
import { openStore, type Store } from '../store/index.js';
import { environmentLeaseNames, holdLeases, type LeaseWait } from './lease.js';
import { actOnItems, type ActContexts, type Checkpoint } from './execute.js';
import type { VimClient } from '../observers/vsphere/client/vim.js';
import { codifyItems } from './codify-run.js';
import type { ItemResult, PlanItem, ReconcilePlan } from '../model/reconcile.js';
import { buildPlan } from './plan.js';
import { recoverDangling, type RecoveryResult } from './recovery.js';
import { recordApproval, selectSavedPlan } from './saved-plan.js';
import { verifyItem } from './verify.js';

/**
 * What the run may act on. `none`: a dry run. `all`: every `act` item. `ids`: exactly these items
 * (the only way to act on `needs-approval` ones). `saved`: a saved plan's items, with the authority
 * its recorded approvals and `ids` (approved by name now) give (saved-plan.ts). `record`: act on
 * nothing, record the approval of `all` act items or of `ids` with the plan (`--save-plan`).
 */
export type Approval =
  | { readonly kind: 'none' }
  | { readonly kind: 'all' }
  | { readonly kind: 'ids'; readonly ids: ReadonlyArray<string> }
  | {
      readonly kind: 'saved';
      readonly plan: ReconcilePlan;
      readonly file: string;
      readonly ids: ReadonlyArray<string>;
    }
  | { readonly kind: 'record'; readonly ids: 'all' | ReadonlyArray<string> };

export interface ReconcileRunOptions {
  readonly scanOptions: ScanOptions;
  readonly config: DriftwardenConfig | undefined;
  /** A SQLite file or a postgres:// URL (src/store/index.ts). */
  readonly storeLocation: string;
  readonly approval: Approval;
  /** Only these environments may be acted on (the controller's enforce environments); all when undefined. */
  readonly actOnEnvironments?: ReadonlyArray<string>;
  readonly actor: string;
  /** The time of audit entries, session expiry and the plan (the system clock outside tests). */
  readonly clock: Clock;
  /** Test-only crash points (actions/execute.ts). */
  readonly checkpoint?: (point: Checkpoint) => void;
  readonly commit?: string;
  readonly progress: ObserveProgress;
  readonly stopping?: () => boolean;
  /**
   * The environments' leases: wait this long when another process holds one (reconcile), or skip
   * the run when `waitMs` is 0 (the controller): runReconcile then returns undefined.
   */
  readonly leaseWait: LeaseWait;
  /** Told about sessions refused because their audit entries were edited. */
  readonly warn?: (line: string) => void;
}

export interface ReconcileRunResult {
  readonly scan: ScanResult;
  readonly plan: ReconcilePlan;
  readonly results: ReadonlyArray<ItemResult>;
  readonly recovery: ReadonlyArray<RecoveryResult>;
  /** Items that could act but were not approved (dry run). */
  readonly pending: ReadonlyArray<PlanItem>;
}

export const silentProgress: ObserveProgress = { start: () => {}, advance: () => {}, fail: () => {}, finish: () => {} };

/** The shared database (scan history, audit log, break-glass sessions, leases) and its sessions. */
export interface OpenStore {
  readonly store: Store;
  readonly sessions: BreakglassSessions;
  close(): Promise<void>;
}

export async function openReconcileStore(location: string, clock: Clock): Promise<OpenStore> {
  const store = await openStore(location, { clock });
  return { store, sessions: openBreakglassSessions(store), close: () => store.close() };
}

/** The environments a run may act on, as lease names. */
function leaseNames(options: ReconcileRunOptions): string[] {
  const configured = Object.keys(options.config?.environments ?? {});
  const scanned = options.scanOptions.environments ?? (configured.length > 0 ? configured : ['default']);
  return environmentLeaseNames(options.actOnEnvironments ?? scanned);
}

/**
 * Clients for acting, with the same credentials and endpoints as the scan: the AWS SDK clients when
 * AWS is observed, a logged-in vim25 client when vSphere is. A run that observes neither cannot act.
 */
export async function executeContext(
  options: ScanOptions,
): Promise<{ contexts: ActContexts; homeRegion: string; counter: ApiCallCounter; destroy(): Promise<void> }> {
  const { aws, vsphere } = options;
  if (!aws && !vsphere) {
    throw new DriftwardenError(
      'usage',
      'reconcile acts on live AWS or vSphere: a plan file or states alone cannot be reconciled',
      {
        nextStep: 'observe AWS live (--region, or `aws:` in driftwarden.yaml) or vSphere (--vsphere, or `vsphere:`)',
      },
    );
  }
  const counter = new ApiCallCounter();
  let awsContext: ExecuteContext | undefined;
  let clients: AwsClientFactory | undefined;
  if (aws) {
    const spec = aws.accounts[0] ?? {};
    const homeRegion = aws.regions[0] ?? 'us-east-1';
    // Bounded like the scan's calls. A stop request does not abort an act in flight: it finishes
    // (within its deadline) and is recorded; the loop then acts no further.
    const clientOptions = {
      counter,
      ...(aws.callTimeoutMs !== undefined ? { callTimeoutMs: aws.callTimeoutMs } : {}),
    };
    clients = new AwsClientFactory(credentialsFor(spec, clientOptions, homeRegion), clientOptions);
    const account = spec.account ?? (await callerAccount(clients, homeRegion));
    awsContext = { clients, homeRegion, account };
  }
  let vim: VimClient | undefined;
  if (vsphere) {
    // Loaded only when vSphere is observed (the XML parser stays out of AWS-only runs).
    const { VimClient } = await import('../observers/vsphere/client/vim.js');
    vim = new VimClient({
      server: vsphere.server,
      insecure: vsphere.insecure,
      ...(vsphere.caFile !== undefined ? { caFile: vsphere.caFile } : {}),
      ...(vsphere.timeoutMs !== undefined ? { timeoutMs: vsphere.timeoutMs } : {}),
    });
    try {
      await vim.login(vsphere.user, vsphere.password);
    } catch (err) {
      vim.close();
      clients?.destroy();
      const reason = (err as { reason?: string }).reason ?? (err instanceof Error ? err.message : String(err));
      throw new DriftwardenError('vsphere.error', `cannot log in to vSphere to act: ${reason}`, { cause: err });
    }
  }
  return {
    contexts: { ...(awsContext ? { aws: awsContext } : {}), ...(vim ? { vsphere: { client: vim } } : {}) },
    homeRegion: awsContext?.homeRegion ?? '',
    counter,
    destroy: async () => {
      clients?.destroy();
      if (vim) {
        // eslint-disable-next-line no-restricted-syntax -- logging out is a courtesy: the session expires on its own
        await vim.logout().catch(() => undefined);
        vim.close();
      }
    },
  };
}

/** A scan of only these types, without attribution (verification and recovery). */
export function observeTypes(options: ScanOptions): (types: ReadonlyArray<string>) => Promise<ScanResult> {
  return (types) => {
    // Verifying what was done (or recovering an act in flight) is not abandoned on a stop request:
    // an act is recorded with its verdict; the calls stay bounded by their deadlines.
    // Nor is it spread over workers: a few types, observed here, bounded by the call deadlines.
    const { signal: _signal, observer: _observer, aws, vsphere, ...rest } = options;
    const awsTypes = types.filter((t) => !t.startsWith('vsphere_'));
    const vsphereTypes = types.filter((t) => t.startsWith('vsphere_'));
    // Each platform is observed only for its own types: an empty type list would mean "every type".
    let liveAws: ScanOptions['aws'];
    if (aws && awsTypes.length > 0) {
      const { attribution: _attribution, ...rest } = aws;
      liveAws = { ...rest, types: awsTypes };
    }
    const liveVsphere = vsphere && vsphereTypes.length > 0 ? { ...vsphere, types: vsphereTypes } : undefined;
    return runScan(
      { ...rest, ...(liveAws ? { aws: liveAws } : {}), ...(liveVsphere ? { vsphere: liveVsphere } : {}) },
      silentProgress,
    );
  };
}

function selectApproved(plan: ReconcilePlan, approval: Approval, actOn: ReadonlyArray<string> | undefined): PlanItem[] {
  const allowed = (item: PlanItem) => actOn === undefined || actOn.includes(item.environment);
  switch (approval.kind) {
    case 'none':
      return [];
    case 'all':
      return plan.items.filter((item) => item.status === 'act' && allowed(item));
    case 'ids': {
      const known = new Map(plan.items.map((item) => [item.findingId, item]));
      const unknown = approval.ids.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new DriftwardenError('usage', `--approve names finding(s) not in the plan: ${unknown.join(', ')}`, {
          key: '--approve',
          nextStep:
            'take the ids from the plan `driftwarden reconcile` prints (the drift may have been resolved meanwhile)',
        });
      }
      const notActionable = approval.ids
        .map((id) => known.get(id)!)
        .filter((item) => item.status !== 'act' && item.status !== 'needs-approval');
      if (notActionable.length > 0) {
        throw new DriftwardenError(
          'usage',
          `--approve names finding(s) that cannot be acted on: ${notActionable.map((i) => `${i.findingId} (${i.reason ?? i.status})`).join(', ')}`,
          {
            key: '--approve',
            nextStep: 'approve only items the plan marks to act',
          },
        );
      }
      return plan.items.filter((item) => approval.ids.includes(item.findingId));
    }
    case 'saved':
    case 'record':
      return [];
  }
}

/**
 * Returns undefined when the environments' leases are held by another process and
 * `leaseWait.waitMs` is 0 (nothing was scanned, recorded or done).
 */
export async function runReconcile(options: ReconcileRunOptions): Promise<ReconcileRunResult | undefined> {
  const aws = await executeContext(options.scanOptions);
  let opened: OpenStore | undefined;
  try {
    opened = await openReconcileStore(options.storeLocation, options.clock);
    const lease = await holdLeases(opened.store, leaseNames(options), options.leaseWait);
    if (lease === undefined) return undefined;
    try {
      return await reconcileHoldingLease(options, opened, aws, () => lease.lost());
    } finally {
      await lease.release();
    }
  } finally {
    await opened?.close();
    await aws.destroy();
  }
}

async function reconcileHoldingLease(
  options: ReconcileRunOptions,
  opened: OpenStore,
  aws: Awaited<ReturnType<typeof executeContext>>,
  leaseLost: () => boolean,
): Promise<ReconcileRunResult> {
  const { config } = options;
  const { store, sessions } = opened;
  const log = store.audit;
  await store.transaction(async (tx) => {
    if (config) await recordConfigIfChanged(tx, config.file);
    await openBreakglassSessions(tx).expireSessions(tx.now());
  });
  for (const refused of await sessions.tampered())
    options.warn?.(`break-glass session ${refused.id} is refused and not honoured: ${refused.tampered}`);
  const observe = observeTypes(options.scanOptions);
  const recovery = await recoverDangling(log, observe, aws.contexts, options.actor);

  let observed: Snapshot | undefined;
  const scan = await runScan(
    { ...options.scanOptions, onObserved: (snapshot) => (observed = snapshot) },
    options.progress,
  );
  await store.transaction(async (tx) => {
    const history = await tx.history.recordScan(scan, {
      estate: estateOf(options.scanOptions),
      observation: observationOf(observed),
    });
    await recordScanInAudit(tx, scan, history, {});
  });
  const now = store.now();
  const active = await sessions.active(now);
  const plan = buildPlan({
    scan,
    config,
    defaultRegion: aws.homeRegion,
    now,
    sessionCovering: (f) => sessionsCovering(active, f.resource.address, f.environment, f.resource.type)[0]?.id,
    ...(options.commit !== undefined ? { commit: options.commit } : {}),
  });
  let approved: PlanItem[];
  let acting = plan;
  let planned = plan;
  if (options.approval.kind === 'saved') {
    const saved = options.approval.plan;
    approved = (await selectSavedPlan(saved, plan, options.approval.file, log, options.approval.ids)).approved;
    if (approved.length > 0) await recordApproval(log, saved, approved, options.actor, 'apply');
    acting = { ...saved, items: approved };
  } else if (options.approval.kind === 'record') {
    const ids = options.approval.ids;
    const items = selectApproved(plan, ids === 'all' ? { kind: 'all' } : { kind: 'ids', ids }, undefined);
    if (items.length > 0)
      planned = { ...plan, approvals: [await recordApproval(log, plan, items, options.actor, 'save')] };
    approved = [];
  } else {
    approved = selectApproved(plan, options.approval, options.actOnEnvironments);
  }
  if (plan.items.length > 0) {
    await log.append({
      actor: options.actor,
      action: 'action.plan',
      subject: plan.id,
      details: {
        scanId: scan.scan.id,
        ...(plan.commit !== undefined ? { commit: plan.commit } : {}),
        approval: options.approval.kind,
        items: plan.items.map((i) => ({
          findingId: i.findingId,
          address: i.address,
          strategy: i.strategy,
          status: i.status,
          reason: i.reason ?? null,
          calls: i.calls.length,
        })),
      },
    });
  }
  const observedByAddress = new Map((observed?.resources ?? []).map((r) => [r.address, r]));
  const codified = await codifyItems(
    acting,
    approved.filter((i) => i.strategy === 'codify'),
    scan.findings,
    options.scanOptions.codeDir,
    log,
    options.actor,
    observedByAddress,
  );
  const acted = await actOnItems(
    acting,
    approved.filter((i) => i.strategy !== 'codify'),
    {
      log,
      contexts: aws.contexts,
      actor: options.actor,
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
      stopping: () => leaseLost() || (options.stopping?.() ?? false),
    },
  );
  const results: ItemResult[] = [...codified];
  const succeeded = acted.filter((a) => a.ok);
  const rescan = succeeded.length > 0 ? await observe([...new Set(succeeded.map((a) => a.item.type))]) : undefined;
  for (const act of acted) {
    const verdict =
      act.ok && rescan ? verifyItem(act.item, rescan) : { outcome: 'failed' as const, reason: act.reason ?? 'failed' };
    const result: ItemResult = {
      findingId: act.item.findingId,
      address: act.item.address,
      strategy: act.item.strategy,
      outcome: verdict.outcome,
      ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}),
      idempotencyKey: act.item.idempotencyKey,
    };
    results.push(result);
    await log.append({
      actor: options.actor,
      action: 'action.verified',
      subject: act.item.address,
      details: {
        key: act.item.idempotencyKey,
        findingId: act.item.findingId,
        environment: act.item.environment,
        outcome: result.outcome,
        reason: result.reason ?? null,
      },
    });
  }
  const notified = plan.items.filter(
    (i) =>
      i.status === 'notify' &&
      (options.actOnEnvironments === undefined || options.actOnEnvironments.includes(i.environment)),
  );
  for (const item of notified) {
    results.push({
      findingId: item.findingId,
      address: item.address,
      strategy: item.strategy,
      outcome: 'notified',
      idempotencyKey: item.idempotencyKey,
    });
    await log.append({
      actor: options.actor,
      action: 'action.notified',
      subject: item.address,
      details: { findingId: item.findingId, environment: item.environment, kind: item.kind },
    });
  }
  const actedKeys = new Set(approved.map((i) => i.findingId));
  const pending = plan.items.filter(
    (i) => (i.status === 'act' || i.status === 'needs-approval') && !actedKeys.has(i.findingId),
  );
  return { scan, plan: planned, results, recovery, pending };
}
