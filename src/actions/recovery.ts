/**
 * Crash recovery (safety invariant 5). An `action.planned` entry without an `action.applied` or
 * `action.failed` for the same key means a run died mid-act. Before anything else, each one is
 * re-checked by observing: already in the desired state -> `action.applied` (recovered, no call);
 * still the same drift (same fingerprint) -> its recorded calls are made now, once; drift changed
 * since -> `action.failed` (superseded), and the normal plan handles the new drift.
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

export async function danglingActions(log: AuditLog): Promise<DanglingAction[]> {
  const finished = new Set(
    (await log.entries({ actions: ['action.applied', 'action.failed'] })).map((e) => String(e.details['key'] ?? '')),
  );
  const out: DanglingAction[] = [];
  for (const entry of await log.entries({ actions: ['action.planned'] })) {
    const key = String(entry.details['key'] ?? '');
    if (key === '' || finished.has(key)) continue;
    finished.add(key);
    const resource = (entry.details['resource'] ?? {}) as { type?: string };
    const paths = entry.details['paths'];
    out.push({
      entry,
      key,
      address: entry.subject,
      type: resource.type ?? '',
      kind: (entry.details['kind'] as DriftKind | undefined) ?? 'configuration',
      fingerprint: String(entry.details['fingerprint'] ?? ''),
      paths: Array.isArray(paths) ? paths.map(String) : [],
      calls: (entry.details['calls'] ?? []) as unknown as ApiCall[],
    });
  }
  return out;
}

export interface RecoveryResult {
  readonly key: string;
  readonly address: string;
  readonly result: 'already-applied' | 'redone' | 'failed' | 'superseded' | 'unobservable';
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
