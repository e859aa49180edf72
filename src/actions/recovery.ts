/**
 * Crash recovery (safety invariant 5). An `action.planned` entry without an `action.applied` or
 * `action.failed` for the same key means a run died mid-act. Before anything else, each one is
 * re-checked by observing: already in the desired state -> `action.applied` (recovered, no call);
 * still the same drift (same fingerprint) -> its recorded calls are made now, once; drift changed
 * since -> `action.failed` (superseded), and the normal plan handles the new drift.
 *
 * An act found in the desired state may still owe its finishing calls (ApiCall.finishing: a VM
 * the plan powered off and did not live to power on again). Those are made, once, before the act
 * is recorded as applied; a finishing call that fails records the act as failed with the reason.
 */
import type { AuditEntry } from '../audit/chain.js';
import type { AuditLog } from '../store/index.js';
import type { ScanResult } from '../model/scan-result.js';
import type { ApiCall } from '../model/catalogue.js';
import { runCalls, type ActContexts } from './execute.js';
import { findingFingerprint } from './plan.js';
import { remainingDrift, unobservable } from './verify.js';
import type { DriftKind } from '../model/finding.js';

export interface DanglingAction {
  readonly entry: AuditEntry;
  readonly key: string;
  readonly address: string;
  readonly type: string;
  readonly kind: DriftKind;
  readonly fingerprint: string;
  readonly paths: ReadonlyArray<string>;
  readonly calls: ReadonlyArray<ApiCall>;
}

/**
 * Acts whose `action.planned` entry has no `action.applied` or `action.failed` after it. A key
 * repeats when the same drift comes back after it was reverted (the key is the finding, its
 * values and the calls), so entries are paired in log order, never by key alone: an act that was
 * finished last week does not hide the same act interrupted today.
 */
export async function danglingActions(log: AuditLog): Promise<DanglingAction[]> {
  const open = new Map<string, AuditEntry>();
  for (const entry of await log.entries({ actions: ['action.planned', 'action.applied', 'action.failed'] })) {
    const key = String(entry.details['key'] ?? '');
    if (key === '') continue;
    if (entry.action === 'action.planned') open.set(key, entry);
    else open.delete(key);
  }
  return [...open].map(([key, entry]) => {
    const resource = (entry.details['resource'] ?? {}) as { type?: string };
    const paths = entry.details['paths'];
    return {
      entry,
      key,
      address: entry.subject,
      type: resource.type ?? '',
      kind: (entry.details['kind'] as DriftKind | undefined) ?? 'configuration',
      fingerprint: String(entry.details['fingerprint'] ?? ''),
      paths: Array.isArray(paths) ? paths.map(String) : [],
      calls: (entry.details['calls'] ?? []) as unknown as ApiCall[],
    };
  });
}

export interface RecoveryResult {
  readonly key: string;
  readonly address: string;
  readonly result: 'already-applied' | 'finished' | 'redone' | 'failed' | 'superseded' | 'unobservable';
  readonly reason?: string;
}

/** Re-checks every dangling action against a fresh observation of its types. */
export async function recoverDangling(
  log: AuditLog,
  observe: (types: ReadonlyArray<string>) => Promise<ScanResult>,
  contexts: ActContexts,
  actor: string,
): Promise<RecoveryResult[]> {
  const dangling = await danglingActions(log);
  if (dangling.length === 0) return [];
  const scan = await observe([...new Set(dangling.map((d) => d.type))]);
  const results: RecoveryResult[] = [];
  for (const action of dangling) {
    const base = { key: action.key, findingId: action.entry.details['findingId'] ?? null, recovered: true };
    if (unobservable(action, scan)) {
      // Leave it dangling: the next start tries again.
      results.push({ key: action.key, address: action.address, result: 'unobservable' });
      continue;
    }
    if (action.entry.details['strategy'] === 'codify') {
      // A codify run converges by itself (it finds its own branch again): plan it afresh.
      const reason = 'interrupted codify: planned again from the fresh scan';
      await log.append({ actor, action: 'action.failed', subject: action.address, details: { ...base, reason } });
      results.push({ key: action.key, address: action.address, result: 'superseded', reason });
      continue;
    }
    const left = remainingDrift(action, scan);
    if (!left) {
      const finishing = action.calls.filter((c) => c.finishing === true);
      if (finishing.length === 0) {
        await log.append({
          actor,
          action: 'action.applied',
          subject: action.address,
          details: {
            ...base,
            callsDone: null,
            reason: 'found in the desired state after an interrupted run: no call made',
          },
        });
        results.push({ key: action.key, address: action.address, result: 'already-applied' });
        continue;
      }
      const run = await runCalls(action.type, finishing, contexts);
      const done = finishing.slice(0, run.done).map((c) => `${c.service}:${c.operation}`);
      const reason = run.ok
        ? `found in the desired state after an interrupted run; its finishing calls made: ${done.join(', ')}`
        : `found in the desired state after an interrupted run, but a finishing call failed: ${run.reason}`;
      await log.append({
        actor,
        action: run.ok ? 'action.applied' : 'action.failed',
        subject: action.address,
        details: {
          ...base,
          callsDone: null,
          finishingDone: run.done,
          reason,
          ...(run.outputs.length > 0 ? { outputs: run.outputs } : {}),
        },
      });
      results.push({ key: action.key, address: action.address, result: run.ok ? 'finished' : 'failed', reason });
      continue;
    }
    if (findingFingerprint(left) !== action.fingerprint) {
      const reason = 'interrupted, and the drift changed since: planned again from the fresh scan';
      await log.append({ actor, action: 'action.failed', subject: action.address, details: { ...base, reason } });
      results.push({ key: action.key, address: action.address, result: 'superseded', reason });
      continue;
    }
    const run = await runCalls(action.type, action.calls, contexts);
    await log.append({
      actor,
      action: run.ok ? 'action.applied' : 'action.failed',
      subject: action.address,
      details: { ...base, callsDone: run.done, reason: run.ok ? 'redone after an interrupted run' : run.reason },
    });
    results.push({
      key: action.key,
      address: action.address,
      result: run.ok ? 'redone' : 'failed',
      ...(run.reason ? { reason: run.reason } : {}),
    });
  }
  return results;
}
