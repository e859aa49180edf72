/**
 * A worker: takes scan units from the queue, observes each (observe-unit.ts) and stores the
 * observation in the unit's row, once. Any number of workers may run, on any machine that reaches
 * the database and has credentials for the accounts (a role to assume, as configured).
 *
 * What a worker guarantees:
 *   - a unit's observation is stored at most once: the first attempt to finish wins (a worker that
 *     stalled past the job's expiry and finishes after its replacement stores nothing);
 *   - a unit of a run that is no longer running (recorded, abandoned) is acknowledged, not observed;
 *   - a unit that throws on its last attempt is marked failed with the reason (it becomes unchecked
 *     scopes in the merged result, never `missing`); a worker killed on the last attempt leaves the
 *     job to expire, and the scheduler marks the unit failed from the dead-letter queue;
 *   - a unit observes under the run's deadline (the scan's, as `scan` observes: later scopes fail as
 *     `timeout`) and the scan's call deadline (in its spec);
 *   - a worker that is stopped (`signal`) abandons the units in flight and stores none of them: each
 *     attempt fails at once and the unit goes to another worker (or, on its last attempt, is failed
 *     with the reason), never stored half-observed.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/index.js';
import type { JobQueue, QueueJob } from '../../store/queue.js';
import { observeUnit } from './observe-unit.js';
import type { UnitJob } from './plan.js';

export interface WorkerOptions {
  readonly store: Store;
  readonly queue: JobQueue;
  /** Units observed at once by this process. */
  readonly concurrency: number;
  /** One line per unit taken, stored or dropped. */
  readonly log: (line: string) => void;
  /** Aborted when the worker must stop: units in flight are abandoned (and retried elsewhere). */
  readonly signal?: AbortSignal;
}

/** The worker stopped in the middle of a unit: this attempt fails, the unit is retried elsewhere. */
export class WorkerStoppedError extends Error {
  constructor() {
    super('the worker was stopped before the unit was finished');
    this.name = 'WorkerStopped';
  }
}

export interface Worker {
  readonly id: string;
  /** Units whose observation this worker stored. */
  stored(): number;
}

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const id = workerId();
  let stored = 0;
  const handle = async (job: QueueJob<UnitJob>): Promise<void> => {
    const { runId, unitId, spec } = job.data;
    const run = await options.store.scanRuns.get(runId);
    if (run === undefined || run.state !== 'running') {
      options.log(`unit ${unitId} of run ${runId}: the run is ${run?.state ?? 'unknown'}, nothing to observe`);
      return;
    }
    const started = Date.now();
    options.log(`unit ${unitId} of run ${runId}: observing (attempt ${job.attempt} of ${job.attempts})`);
    let observation;
    try {
      // The run's deadline, as this machine's clock reads it: past it, the scheduler no longer waits.
      const scanTimeoutMs = Math.max(1, Date.parse(run.deadline) - Date.now());
      observation = await observeUnit(spec, run.salt, {
        scanTimeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (options.signal?.aborted) throw new WorkerStoppedError();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (job.attempt >= job.attempts) {
        await options.store.scanRuns.fail(runId, unitId, {
          worker: id,
          attempt: job.attempt,
          finishedAt: new Date().toISOString(),
          reason,
        });
      }
      options.log(`unit ${unitId} of run ${runId} failed (attempt ${job.attempt} of ${job.attempts}): ${reason}`);
      throw err;
    }
    const won = await options.store.scanRuns.complete(runId, unitId, {
      worker: id,
      attempt: job.attempt,
      finishedAt: new Date().toISOString(),
      resources: observation.resources.length,
      result: observation,
    });
    if (won) stored += 1;
    options.log(
      won
        ? `unit ${unitId} of run ${runId}: ${observation.resources.length} resource(s) in ${Date.now() - started} ms (attempt ${job.attempt})`
        : `unit ${unitId} of run ${runId}: already finished by another attempt, this one dropped`,
    );
  };
  await options.queue.work<UnitJob>(options.concurrency, handle);
  return { id, stored: () => stored };
}
