/**
 * Runs the approved items of a plan, crash-safe (safety invariant 5): before an item's first call
 * `action.planned` is appended with its idempotency key; after its last call `action.applied` (or
 * `action.failed` with the reason). A crash between the two leaves a planned entry without result,
 * which recovery.ts re-checks by observing on the next start. A failing call stops its item only;
 * the other items go on.
 *
 * `checkpoint` is called at the two points a crash matters (after the planned entry, after the
 * item's calls). Only tests pass one (test/support/cli-launcher.ts kills the process there to prove
 * the recovery path); the executable has none, and nothing in its environment can add one.
 */
import type { AuditLog } from '../store/index.js';
import { isDriftwardenError } from '../model/errors.js';
import type { ApiCall } from '../model/catalogue.js';
import { DriftwardenError } from '../model/errors.js';
import { executeCall, type ExecuteContext } from './aws/index.js';
import type { VsphereExecuteContext } from './vsphere/execute.js';
import type { PlanItem, ReconcilePlan } from '../model/reconcile.js';

/**
 * A named point of an act: after its `action.planned` entry, after its calls, or after its n-th
 * call of several (`step-1` is after the first call, before the second).
 */
export type Checkpoint = 'planned' | 'call' | `step-${number}`;

/** The live platforms a run may act on: each present only when that platform is observed. */
export interface ActContexts {
  readonly aws?: ExecuteContext;
  readonly vsphere?: VsphereExecuteContext;
}

export interface ExecuteOptions {
  readonly log: AuditLog;
  readonly contexts: ActContexts;
  readonly actor: string;
  /** Test-only observer of the crash points; absent in production. */
  readonly checkpoint?: (point: Checkpoint) => void;
  /** Stop starting new items (SIGTERM): the item in flight finishes. */
  readonly stopping?: () => boolean;
}

export interface ActResult {
  readonly item: PlanItem;
  readonly ok: boolean;
  readonly reason?: string;
  readonly outputs: ReadonlyArray<Record<string, unknown>>;
}

export function describeError(err: unknown): string {
  if (isDriftwardenError(err)) return err.describe().replace(/\n\s*/g, '; ');
  return err instanceof Error ? err.message : String(err);
}

async function sendCall(type: string, call: ApiCall, contexts: ActContexts): Promise<Record<string, unknown>> {
  if (call.service === 'vsphere') {
    // The vSphere executor (and its XML client) is loaded only when a plan acts on vSphere.
    const { executeVsphereCall } = await import('./vsphere/execute.js');
    return executeVsphereCall(type, call, contexts.vsphere);
  }
  if (!contexts.aws) {
    throw new DriftwardenError('usage', `${call.service}:${call.operation} needs live AWS access`, {
      nextStep: 'observe AWS live (--region, or `aws:` in driftwarden.yaml)',
    });
  }
  return executeCall(type, call, contexts.aws);
}

/** Sends an item's calls (of a resource of `type`) in order; the first failure stops the item. */
export async function runCalls(
  type: string,
  calls: ReadonlyArray<ApiCall>,
  contexts: ActContexts,
  checkpoint?: (point: Checkpoint) => void,
): Promise<{ ok: boolean; done: number; reason?: string; outputs: Record<string, unknown>[] }> {
  const outputs: Record<string, unknown>[] = [];
  for (const [index, call] of calls.entries()) {
    try {
      outputs.push(await sendCall(type, call, contexts));
    } catch (err) {
      return { ok: false, done: index, reason: describeError(err), outputs };
    }
    if (index < calls.length - 1) checkpoint?.(`step-${index + 1}`);
  }
  return { ok: true, done: calls.length, outputs };
}

export async function actOnItems(
  plan: ReconcilePlan,
  items: ReadonlyArray<PlanItem>,
  options: ExecuteOptions,
): Promise<ActResult[]> {
  const { log } = options;
  const results: ActResult[] = [];
  for (const item of items) {
    if (options.stopping?.()) break;
    const subject = item.address;
    await log.append({
      actor: options.actor,
      action: 'action.planned',
      subject,
      details: {
        key: item.idempotencyKey,
        planId: plan.id,
        findingId: item.findingId,
        fingerprint: item.fingerprint,
        strategy: item.strategy,
        kind: item.kind,
        environment: item.environment,
        resource: { type: item.type, id: item.resourceId ?? null },
        calls: item.calls,
        paths: item.paths,
        ...(plan.commit !== undefined ? { commit: plan.commit } : {}),
      },
    });
    options.checkpoint?.('planned');
    const run = await runCalls(item.type, item.calls, options.contexts, options.checkpoint);
    if (run.ok) options.checkpoint?.('call');
    await log.append({
      actor: options.actor,
      action: run.ok ? 'action.applied' : 'action.failed',
      subject,
      details: {
        key: item.idempotencyKey,
        findingId: item.findingId,
        environment: item.environment,
        callsDone: run.done,
        ...(run.reason ? { reason: run.reason } : {}),
        // What each call done observed (a VM's power state after powering it off): every step audited.
        ...(run.outputs.some((o) => Object.keys(o).length > 0) ? { outputs: run.outputs } : {}),
      },
    });
    results.push({ item, ok: run.ok, ...(run.reason ? { reason: run.reason } : {}), outputs: run.outputs });
  }
  return results;
}
