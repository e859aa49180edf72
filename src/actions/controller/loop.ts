/**
 * The controller: every interval, resolve the enforced commit, reconcile (enforce environments act
 * automatically, audit environments are recorded and reported), then reconcile and report the
 * break-glass sessions that closed or expired. A failed cycle (scan or action) is logged to stderr
 * and the audit log and the loop goes on. stop() makes the loop finish the item in flight and
 * return; it never leaves an act half-recorded (see actions/execute.ts).
 */
import type { DriftwardenConfig } from '../../config/schema.js';
import { SYSTEM_ACTOR } from '../../audit/record.js';
import type { Clock } from '../../audit/clock.js';
import { describeError, type Checkpoint } from '../execute.js';
import { openReconcileStore, runReconcile, silentProgress, type ReconcileRunResult } from '../reconcile.js';
import { renderResults } from '../../report/reconcile-plan.js';
import type { ScanOptions } from '../../scan/run.js';
import { resolveCommit, checkoutCommit } from './git.js';
import { reportSessions } from './incident.js';
import { join, relative } from 'node:path';
import { ScanStoppedError } from '../../observers/aws/deadline.js';

export interface ControllerOptions {
  readonly config: DriftwardenConfig;
  readonly scanOptions: ScanOptions;
  /** A SQLite file or a postgres:// URL. */
  readonly storeLocation: string;
  /** Where incident reports of break-glass sessions are written. */
  readonly incidentsDir: string;
  readonly intervalMs: number;
  readonly once: boolean;
  readonly repo?: { readonly path: string; readonly ref: string };
  readonly clock: Clock;
  /** Test-only crash points (actions/execute.ts). */
  readonly checkpoint?: (point: Checkpoint) => void;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface Controller {
  run(): Promise<void>;
  stop(): void;
}

export function createController(options: ControllerOptions): Controller {
  let stopping = false;
  // Aborted by stop(): every AWS call in flight rejects at once, so a cycle never outlives a SIGTERM.
  const halt = new AbortController();
  let wake: (() => void) | undefined;
  const enforce = Object.values(options.config.environments)
    .filter((e) => e.mode === 'enforce')
    .map((e) => e.name);
  const audit = Object.values(options.config.environments)
    .filter((e) => e.mode !== 'enforce')
    .map((e) => e.name);
  const stamp = () => options.clock().toISOString();

  async function cycle(n: number): Promise<void> {
    const commit = options.repo ? resolveCommit(options.repo.path, options.repo.ref) : undefined;
    // The code is read from the enforced commit, never from the checkout's working tree.
    const inRepo =
      options.repo && options.scanOptions.codeDir !== undefined
        ? relative(options.repo.path, options.scanOptions.codeDir)
        : undefined;
    const checkout =
      commit !== undefined && inRepo !== undefined && !inRepo.startsWith('..')
        ? checkoutCommit(options.repo!.path, commit)
        : undefined;
    let result: ReconcileRunResult | undefined;
    try {
      const scanOptions = { ...options.scanOptions, signal: halt.signal };
      result = await runReconcile({
        scanOptions: checkout ? { ...scanOptions, codeDir: join(checkout.dir, inRepo!) } : scanOptions,
        config: options.config,
        storeLocation: options.storeLocation,
        approval: enforce.length > 0 ? { kind: 'all' } : { kind: 'none' },
        actOnEnvironments: enforce,
        actor: SYSTEM_ACTOR,
        clock: options.clock,
        ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
        ...(commit !== undefined ? { commit } : {}),
        progress: silentProgress,
        stopping: () => stopping,
        // Another controller (or a reconcile) holds the environments: skip this cycle, try the next.
        leaseWait: {
          waitMs: 0,
          onWait: (held) =>
            options.out(`${stamp()} cycle ${n} skipped: ${held.name} is held by ${held.owner} until ${held.expiresAt}`),
        },
        warn: (line) => options.err(`driftwarden controller: warning: ${line}`),
      });
    } finally {
      checkout?.remove();
    }
    if (result === undefined) return;
    const { scan, plan } = result;
    options.out(
      `${stamp()} cycle ${n}: commit ${commit ?? '(no --repo)'}, scan ${scan.scan.id} ${scan.scan.complete ? 'complete' : `INCOMPLETE (${scan.scan.incompleteScopes.length} scope(s); nothing acted on there)`}, ${scan.findings.length} finding(s)`,
    );
    for (const item of plan.items) {
      if (audit.includes(item.environment))
        options.out(
          `${stamp()} audit ${item.environment}: ${item.kind} ${item.address} (${item.findingId}): recorded, not acted on`,
        );
      else if (item.status === 'needs-approval')
        options.out(`${stamp()} needs approval: ${item.address} (${item.findingId}): ${item.reason ?? ''}`);
      else if (item.status === 'skip')
        options.out(`${stamp()} skipped ${item.address} (${item.findingId}): ${item.reason ?? ''}`);
    }
    const rendered = renderResults(result.results, result.recovery);
    for (const line of rendered.split('\n').filter(Boolean)) options.out(`${stamp()} ${line}`);
    for (const failed of result.results.filter((r) => r.outcome === 'failed'))
      options.err(`driftwarden controller: ${failed.address}: ${failed.reason ?? 'failed'}`);

    const opened = await openReconcileStore(options.storeLocation, options.clock);
    try {
      const reports = await reportSessions(opened.store, opened.sessions, options.incidentsDir, plan, result.results);
      for (const r of reports)
        options.out(
          `${stamp()} break-glass session ${r.session.id} reconciled: ${r.outcome}; incident report ${r.file}`,
        );
    } finally {
      await opened.close();
    }
  }

  async function recordFailure(n: number, err: unknown): Promise<void> {
    const reason = describeError(err);
    options.err(`driftwarden controller: cycle ${n} failed: ${reason}`);
    try {
      const opened = await openReconcileStore(options.storeLocation, options.clock);
      try {
        await opened.store.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'action.cycle-failed',
          subject: `cycle-${n}`,
          details: { reason },
        });
      } finally {
        await opened.close();
      }
    } catch (logErr) {
      options.err(`driftwarden controller: cannot record the failure in the audit log: ${describeError(logErr)}`);
    }
  }

  return {
    stop() {
      stopping = true;
      if (!halt.signal.aborted) halt.abort(new ScanStoppedError());
      wake?.();
    },
    async run() {
      const opened = await openReconcileStore(options.storeLocation, options.clock);
      try {
        const commit = options.repo ? resolveCommit(options.repo.path, options.repo.ref) : undefined;
        await opened.store.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'action.controller-started',
          subject: options.repo?.path ?? options.config.file,
          details: {
            ref: options.repo?.ref ?? null,
            commit: commit ?? null,
            intervalMs: options.intervalMs,
            enforce,
            audit,
            pid: process.pid,
          },
        });
        options.out(
          `${stamp()} controller started: commit ${commit ?? '(no --repo)'}, interval ${options.intervalMs} ms, enforce [${enforce.join(', ')}], audit [${audit.join(', ')}]`,
        );
      } finally {
        await opened.close();
      }
      for (let n = 1; !stopping; n += 1) {
        try {
          await cycle(n);
        } catch (err) {
          await recordFailure(n, err);
        }
        if (options.once || stopping) break;
        await new Promise<void>((resolveSleep) => {
          const timer = setTimeout(resolveSleep, options.intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolveSleep();
          };
        });
      }
      options.out(`${stamp()} controller stopped`);
    },
  };
}
