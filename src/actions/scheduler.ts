/**
 * The scheduler of scans spread over workers (`driftwarden schedule`): every interval it plans the
 * estate's scan into units on the queue, waits for the workers, merges and records ONE history
 * entry (src/scan/distributed/observer.ts does the planning, waiting and merging).
 *
 * Leader election through the store: only the holder of the `scheduler` lease plans. The leader
 * renews it on every tick (a fifth of the interval, at most 10 s), in the background while a cycle
 * runs; the lease lives 60% of the interval (at least three ticks), so when the leader dies a
 * standby, asking on every tick, takes over within one interval and adopts the run in flight. A leader that fails to renew (it stalled
 * past the lease, and another took over) stops waiting and leaves the run to the new leader.
 */
import type { Clock } from '../audit/clock.js';
import type { ScanResult } from '../model/scan-result.js';
import { estateOf, observationOf } from '../scan/estate.js';
import type { Snapshot } from '../model/resource.js';
import { runScan, type ScanOptions } from '../scan/run.js';
import { openStore } from '../store/index.js';
import { openJobQueue } from '../store/queue.js';
import { distributedObserver, LeadershipLostError } from '../scan/distributed/observer.js';
import { workerId } from '../scan/distributed/worker.js';
import { recordScanResult } from './record-scan.js';
import { ScanStoppedError } from '../observers/aws/deadline.js';
import { silentProgress } from './reconcile.js';

/** The one lease every scheduler of a database competes for. */
export const SCHEDULER_LEASE = 'scheduler';

export interface SchedulerOptions {
  /** A postgres:// URL: the store and the queue. */
  readonly storeLocation: string;
  readonly scanOptions: ScanOptions;
  readonly intervalMs: number;
  readonly unitTimeoutMs: number;
  readonly attempts: number;
  /** Plan one scan (or finish the one in flight), record it, and return. */
  readonly once: boolean;
  /** How often this process may run the queue's maintenance (expiring jobs of dead workers). */
  readonly maintenanceSeconds: number;
  readonly clock: Clock;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface Scheduler {
  readonly owner: string;
  /** Runs until stop() (or, with `once`, until one scan is recorded); returns the last scan recorded. */
  run(): Promise<ScanResult | undefined>;
  stop(): void;
}

export function tickMs(intervalMs: number): number {
  return Math.min(10_000, Math.max(200, Math.round(intervalMs / 5)));
}

export function leaseTtlMs(intervalMs: number): number {
  return Math.max(3 * tickMs(intervalMs), Math.round(0.6 * intervalMs));
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const owner = workerId();
  const tick = tickMs(options.intervalMs);
  const ttl = leaseTtlMs(options.intervalMs);
  const estate = estateOf(options.scanOptions);
  let stopping = false;
  // A stop ends the scan in flight at once, as the controller's does: the units not finished then
  // are unchecked (code `stopped`) in the scan recorded, and nothing is left running.
  const halt = new AbortController();
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    owner,
    stop() {
      stopping = true;
      if (!halt.signal.aborted) halt.abort(new ScanStoppedError());
      wake?.();
    },
    async run() {
      const store = await openStore(options.storeLocation, { clock: options.clock });
      let queue;
      try {
        queue = await openJobQueue(options.storeLocation, {
          maintenanceSeconds: options.maintenanceSeconds,
          onError: (e) => options.err(`driftwarden: queue: ${e.message}`),
        });
      } catch (err) {
        await store.close();
        throw err;
      }
      // While a cycle runs (reading states, waiting, comparing, recording), the lease is renewed on
      // every tick in the background; one failed renewal means another scheduler may lead now.
      let lost = false;
      const renew = async () => {
        if (!lost && !(await store.leases.renew([SCHEDULER_LEASE], owner, ttl, store.now()))) lost = true;
      };
      const observer = distributedObserver({
        store,
        queue,
        estate,
        owner,
        unitTimeoutMs: options.unitTimeoutMs,
        attempts: options.attempts,
        pollMs: tick,
        stillLeading: () => Promise.resolve(!lost),
        log: options.out,
      });
      /** A run in flight is adopted at once; otherwise a new one is due an interval after the last. */
      const due = async (): Promise<boolean> => {
        if ((await store.scanRuns.running(estate.key)).length > 0) return true;
        const latest = await store.scanRuns.latest(estate.key);
        return latest === undefined || Date.parse(latest.plannedAt) + options.intervalMs <= store.now().getTime();
      };
      let leading = false;
      let standingBy = false;
      let last: ScanResult | undefined;
      try {
        while (!stopping) {
          const attempt = await store.leases.acquire([SCHEDULER_LEASE], owner, ttl, store.now());
          if (!attempt.acquired) {
            if (!standingBy)
              options.out(
                `standing by: the scheduler lease is held by ${attempt.heldBy.owner} until ${attempt.heldBy.expiresAt}`,
              );
            leading = false;
            standingBy = true;
            await sleep(tick);
            continue;
          }
          if (!leading) options.out(`leading: ${owner} holds the scheduler lease of ${store.location}`);
          leading = true;
          standingBy = false;
          if (options.once || (await due())) {
            lost = false;
            const heartbeat = setInterval(() => {
              renew().catch((e: unknown) => {
                lost = true;
                options.err(
                  `driftwarden: renewing the scheduler lease failed: ${e instanceof Error ? e.message : String(e)}`,
                );
              });
            }, tick);
            try {
              let observed: Snapshot | undefined;
              const result = await runScan(
                {
                  ...options.scanOptions,
                  observer,
                  signal: halt.signal,
                  onObserved: (snapshot) => (observed = snapshot),
                },
                silentProgress,
              );
              const history = await recordScanResult(store, result, {
                ...(options.scanOptions.config ? { configFile: options.scanOptions.config.file } : {}),
                ...(options.scanOptions.environments ? { environments: options.scanOptions.environments } : {}),
                estate,
                observation: observationOf(observed),
              });
              last = { ...result, history };
              options.out(
                `recorded scan ${result.scan.id}: ${result.findings.length} finding(s), ` +
                  `${result.scan.complete ? 'complete' : `${result.scan.incompleteScopes.length} scope(s) unchecked`}`,
              );
              if (options.once) break;
            } catch (err) {
              if (err instanceof LeadershipLostError) {
                options.err(`driftwarden: ${err.message}`);
                leading = false;
              } else if (options.once) {
                throw err;
              } else {
                options.err(`driftwarden: this cycle failed: ${err instanceof Error ? err.message : String(err)}`);
              }
            } finally {
              clearInterval(heartbeat);
            }
          }
          await sleep(tick);
        }
      } finally {
        // eslint-disable-next-line no-restricted-syntax -- best effort: an unreleased lease expires anyway
        await store.leases.release([SCHEDULER_LEASE], owner).catch(() => undefined);
        await queue.stop(2000);
        await store.close();
      }
      return last;
    },
  };
}
