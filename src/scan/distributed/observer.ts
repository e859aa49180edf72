/**
 * The live observation of a scan, made by workers: the estate's running run is adopted (a
 * scheduler that took over from a dead one finishes its run) or a new one is planned and its units
 * queued; then this waits until every unit is finished (stored or failed) or the run's deadline has
 * passed, merges the units into one observation and closes the run. runScan then compares and the
 * caller records ONE history entry under the run's id.
 *
 * Invariants:
 *   - a run is merged once: closing is conditional (running -> recorded), and an observer that
 *     loses that race throws instead of returning a second observation of the same run;
 *   - a unit without a stored observation (failed on every attempt, dead-lettered, or not finished
 *     by the deadline) is unchecked scopes with the reason (merge.ts), never silence;
 *   - closing clears the units' observations (the secret digests among them); the counts stay;
 *   - it sees what a local observation sees (run.ts LiveContext): the record's accounts and
 *     resources go into the plan (scope labels, the existence tier), the scan's call deadline into
 *     every unit, the scan deadline (`--scan-timeout`) bounds the run, and the stop signal ends the
 *     wait at once: unfinished units are then unchecked scopes with code `stopped`, as in `scan`.
 * A crash after closing and before the caller recorded the scan loses that cycle's result (the
 * next cycle scans again); it never records half a scan or the same scan twice.
 */
import { DriftwardenError } from '../../model/errors.js';
import { DEFAULT_SCAN_TIMEOUT_MS, type ObserveProgress } from '../../observers/aws/observe.js';
import type { ScanRun, Store } from '../../store/index.js';
import type { JobQueue } from '../../store/queue.js';
import type { Estate } from '../estate.js';
import { observeLive, type LiveContext, type LiveObservation } from '../live.js';
import type { LiveObserver, ScanOptions } from '../run.js';
import { mergeUnits } from './merge.js';
import { jobIdOf, planRun, type UnitJob } from './plan.js';
import { digestSecrets } from './secrets.js';
import { secretAttributesOf } from './observe-unit.js';

export interface DistributedObserverOptions {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly estate: Estate;
  /** Who plans (host:pid:random), recorded with the run. */
  readonly owner: string;
  /** A job active longer than this is taken from its worker and retried. */
  readonly unitTimeoutMs: number;
  /** Attempts per unit, the first included. */
  readonly attempts: number;
  /** How often the run's progress is read while waiting. */
  readonly pollMs: number;
  /** Called on every poll; false means this process must stop (it lost the scheduler's lease). */
  readonly stillLeading?: () => Promise<boolean>;
  readonly log: (line: string) => void;
}

export class LeadershipLostError extends DriftwardenError {
  constructor(runId: string) {
    super(
      'store.lease-held',
      `this scheduler lost its lease while waiting for run ${runId}; the new leader finishes it`,
      {
        nextStep: 'nothing to do: the run is adopted by the scheduler that holds the lease now',
      },
    );
  }
}

/** Sleeps `ms`, or less when `signal` aborts. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Units that are still pending, re-queued (ids are stable: a job that exists is left alone). */
async function requeuePending(options: DistributedObserverOptions, run: ScanRun): Promise<void> {
  const pending = (await options.store.scanRuns.units(run.id)).filter((u) => u.state === 'pending');
  const jobs = pending.map((u) => ({
    id: jobIdOf(run.id, u.unitId),
    data: { runId: run.id, unitId: u.unitId, spec: u.spec } as UnitJob,
  }));
  await options.queue.enqueue(jobs, { attempts: options.attempts, timeoutSeconds: options.unitTimeoutMs / 1000 });
}

async function startRun(
  options: DistributedObserverOptions,
  scan: ScanOptions,
  context: LiveContext,
): Promise<ScanRun> {
  const adopted = (await options.store.scanRuns.running(options.estate.key))[0];
  if (adopted !== undefined) {
    options.log(`adopting run ${adopted.id} planned by ${adopted.plannedBy} at ${adopted.plannedAt}`);
    await requeuePending(options, adopted);
    return adopted;
  }
  const id = crypto.randomUUID();
  const planned = await planRun(id, scan, context);
  const now = options.store.now();
  // Every unit may use all its attempts, each up to its time-out, plus one more for the queue's
  // maintenance to notice an expired one; and never more than the scan's own deadline, as `scan`.
  const retries = (options.attempts + 1) * options.unitTimeoutMs + 60_000;
  const deadline = new Date(now.getTime() + Math.min(retries, scan.aws?.scanTimeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS));
  const run = {
    id,
    estate: options.estate.key,
    estateLabel: options.estate.label,
    plannedAt: now.toISOString(),
    plannedBy: options.owner,
    deadline: deadline.toISOString(),
    salt: planned.salt,
  };
  await options.store.scanRuns.create(run, planned.units);
  await options.queue.enqueue(planned.jobs, {
    attempts: options.attempts,
    timeoutSeconds: options.unitTimeoutMs / 1000,
  });
  options.log(`planned run ${id}: ${planned.units.length} unit(s) of ${options.estate.label}`);
  return { ...run, unitCount: planned.units.length, state: 'running' };
}

/** Units whose jobs used every attempt (a worker died on the last one): failed, with the queue's reason. */
async function settleDeadLetters(options: DistributedObserverOptions): Promise<void> {
  for (;;) {
    const failed = await options.queue.takeFailed<UnitJob>(50);
    for (const job of failed)
      await options.store.scanRuns.fail(job.data.runId, job.data.unitId, {
        worker: 'queue',
        attempt: options.attempts,
        finishedAt: options.store.now().toISOString(),
        reason: job.reason,
      });
    if (failed.length < 50) return;
  }
}

export function distributedObserver(options: DistributedObserverOptions): LiveObserver {
  return {
    async observe(scan: ScanOptions, progress: ObserveProgress, context: LiveContext): Promise<LiveObservation> {
      const run = await startRun(options, scan, context);
      const task = `run ${run.id}`;
      progress.start(task, run.unitCount);
      let finished = 0;
      let late = false;
      let stopped = false;
      for (;;) {
        await settleDeadLetters(options);
        const state = await options.store.scanRuns.progress(run.id);
        if (state === undefined || state.state !== 'running')
          throw new DriftwardenError('store.lease-held', `run ${run.id} was closed by another scheduler`, {
            nextStep: 'nothing to do: its scan is recorded once, by the scheduler that closed it',
          });
        progress.advance(task, state.done + state.failed - finished);
        finished = state.done + state.failed;
        if (state.pending === 0) break;
        if (options.store.now().toISOString() >= run.deadline) {
          late = true;
          break;
        }
        if (context.signal?.aborted) {
          stopped = true;
          break;
        }
        if (options.stillLeading && !(await options.stillLeading())) throw new LeadershipLostError(run.id);
        await sleep(options.pollMs, context.signal);
      }
      const rows = await options.store.scanRuns.units(run.id);
      if (late || stopped) {
        const pending = rows.filter((u) => u.state === 'pending');
        await options.queue.cancel(pending.map((u) => jobIdOf(run.id, u.unitId)));
        options.log(
          `run ${run.id}: ${pending.length} unit(s) not finished ${stopped ? 'when stopped' : 'by the deadline'}, unchecked`,
        );
      }
      const merged = mergeUnits(rows, scan.config, {
        ...(context.recorded ? { recorded: context.recorded } : {}),
        stopped,
      });
      if (!(await options.store.scanRuns.close(run.id, 'recorded', options.store.now().toISOString())))
        throw new DriftwardenError('store.lease-held', `run ${run.id} was merged by another scheduler`, {
          nextStep: 'nothing to do: its scan is recorded once, by the scheduler that merged it',
        });
      progress.finish(task);
      options.log(`run ${run.id}: ${merged.done} unit(s) observed, ${merged.unfinished} unchecked; merged`);
      let observation = merged.observation;
      if (scan.vsphere) {
        // vSphere is observed here, by the scheduler: its inventory is one bulk read, not units.
        const local = await observeLive(undefined, scan.vsphere, scan.config, progress);
        observation = {
          snapshot: {
            ...observation.snapshot,
            resources: [...observation.snapshot.resources, ...local.snapshot.resources],
            completeScopes: [...observation.snapshot.completeScopes, ...local.snapshot.completeScopes],
            incompleteScopes: [...observation.snapshot.incompleteScopes, ...local.snapshot.incompleteScopes],
          },
          apiCalls: { ...observation.apiCalls, ...local.apiCalls },
          expectedUnmanaged: new Map([...observation.expectedUnmanaged, ...local.expectedUnmanaged]),
          facts: local.facts,
        };
      }
      return {
        ...observation,
        scanId: run.id,
        // Only AWS values went through the store as digests; vSphere's were observed here.
        prepareRecorded: (resource) =>
          resource.type.startsWith('aws_')
            ? digestSecrets(resource, run.salt, secretAttributesOf(resource.type))
            : resource,
      };
    },
  };
}
