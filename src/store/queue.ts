/**
 * The job queue of scans spread over workers: pg-boss (https://github.com/timgit/pg-boss), the
 * maintained PostgreSQL job queue for Node.js, on the same database as the store. pg-boss keeps its
 * own tables in the `pgboss` schema and migrates them itself (with its own advisory lock) when a
 * worker or scheduler starts; it is loaded only by the commands that use the queue.
 *
 * What pg-boss guarantees and Driftwarden relies on: a job is handed to one worker at a time
 * (SELECT ... FOR UPDATE SKIP LOCKED); a job whose worker died stays active until its expiry, then
 * the maintenance run (any connected process) puts it back for another attempt; a job that used
 * its last attempt is copied to the dead-letter queue with the reason. Job ids are chosen by the
 * caller, so enqueueing the same unit twice inserts it once.
 *
 * Every SQL statement pg-boss sends goes through one counting executor (`stats`): the benchmark
 * reports the queue's round trips and time per unit from it.
 */
import PgBoss from 'pg-boss';
import pg from 'pg';
import { DriftwardenError } from '../model/errors.js';
import { redactDatabaseUrl } from './location.js';

export const UNIT_QUEUE = 'driftwarden-scan-units';
export const FAILED_UNIT_QUEUE = 'driftwarden-scan-units-failed';

export interface QueueJob<T> {
  readonly id: string;
  readonly data: T;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Attempts the job may have in all. */
  readonly attempts: number;
}

export interface FailedJob<T> {
  readonly id: string;
  readonly data: T;
  /** Why its last attempt ended (the worker's error, or the queue's time-out). */
  readonly reason: string;
}

export interface QueueStats {
  /** SQL statements sent by pg-boss (one round trip each). */
  readonly roundTrips: number;
  /** Time spent waiting for them, in milliseconds. */
  readonly ms: number;
}

export interface EnqueueOptions {
  /** Attempts per job (the first included) before it is dead-lettered. */
  readonly attempts: number;
  /** A job active longer than this is taken from its worker and retried. */
  readonly timeoutSeconds: number;
}

export interface JobQueue {
  enqueue<T extends object>(
    jobs: ReadonlyArray<{ readonly id: string; readonly data: T }>,
    options: EnqueueOptions,
  ): Promise<void>;
  /** Runs `concurrency` loops taking one job at a time; a handler that throws fails the attempt. */
  work<T>(concurrency: number, handler: (job: QueueJob<T>) => Promise<void>): Promise<void>;
  /** Takes up to `max` dead-lettered jobs off their queue (each is handed out once). */
  takeFailed<T>(max: number): Promise<FailedJob<T>[]>;
  /** Cancels jobs that have not finished (a run closed without them). */
  cancel(ids: ReadonlyArray<string>): Promise<void>;
  stats(): QueueStats;
  /** Stops taking jobs, waits up to `graceMs` for the ones in flight, and closes the connections. */
  stop(graceMs?: number): Promise<void>;
}

export interface OpenQueueOptions {
  /** How often this process may run pg-boss maintenance (expiring jobs of dead workers). */
  readonly maintenanceSeconds: number;
  /** How often an idle worker loop asks for a job. */
  readonly pollingSeconds?: number;
  /** Connections in this process's pool. */
  readonly connections?: number;
  /** pg-boss background errors (maintenance, a lost connection); the queue goes on. */
  readonly onError?: (err: Error) => void;
}

function queueError(location: string, err: unknown, doing: string): DriftwardenError {
  if (err instanceof DriftwardenError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new DriftwardenError('store.unavailable', `the job queue (pg-boss) failed to ${doing}: ${message}`, {
    file: location,
    nextStep: 'check that the PostgreSQL store is reachable and that its user may create the pgboss schema',
    cause: err,
  });
}

/** The reason pg-boss recorded for a failed job: the error message, or its time-out. */
function reasonOf(output: unknown): string {
  const value = (output as { value?: unknown } | null)?.value ?? output;
  const message = (value as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message !== '') return message;
  return 'no reason recorded';
}

export async function openJobQueue(url: string, options: OpenQueueOptions): Promise<JobQueue> {
  const location = redactDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.connections ?? 4,
    connectionTimeoutMillis: 15_000,
    application_name: 'driftwarden-queue',
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', (err) => options.onError?.(err));
  let roundTrips = 0;
  let ms = 0;
  const db: PgBoss.Db = {
    async executeSql(text: string, values: unknown[]) {
      const started = performance.now();
      try {
        return await pool.query(text, values);
      } finally {
        roundTrips += 1;
        ms += performance.now() - started;
      }
    },
  };
  const boss = new PgBoss({
    db,
    supervise: true,
    maintenanceIntervalSeconds: Math.max(1, Math.round(options.maintenanceSeconds)),
    schedule: false,
    migrate: true,
  });
  boss.on('error', (err) => options.onError?.(err));
  try {
    await boss.start();
    await boss.createQueue(FAILED_UNIT_QUEUE, { name: FAILED_UNIT_QUEUE, policy: 'standard' });
    await boss.createQueue(UNIT_QUEUE, { name: UNIT_QUEUE, policy: 'standard', deadLetter: FAILED_UNIT_QUEUE });
  } catch (err) {
    // eslint-disable-next-line no-restricted-syntax -- closing after a failed start: the start's error is the one to report
    await boss.stop({ graceful: false, close: false }).catch(() => undefined);
    // eslint-disable-next-line no-restricted-syntax -- as above
    await pool.end().catch(() => undefined);
    throw queueError(location, err, 'start');
  }
  const pollingIntervalSeconds = Math.max(0.5, options.pollingSeconds ?? 1);
  return {
    async enqueue(jobs, enqueueOptions) {
      if (jobs.length === 0) return;
      try {
        await boss.insert(
          jobs.map((job) => ({
            id: job.id,
            name: UNIT_QUEUE,
            data: job.data,
            retryLimit: Math.max(0, enqueueOptions.attempts - 1),
            retryDelay: 1,
            expireInSeconds: Math.max(1, Math.round(enqueueOptions.timeoutSeconds)),
            deadLetter: FAILED_UNIT_QUEUE,
          })),
        );
      } catch (err) {
        throw queueError(location, err, 'enqueue scan units');
      }
    },
    async work<T>(concurrency: number, handler: (job: QueueJob<T>) => Promise<void>) {
      for (let i = 0; i < concurrency; i++) {
        let workerId = '';
        workerId = await boss.work<T>(
          UNIT_QUEUE,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
          async ([job]) => {
            if (job === undefined) return;
            try {
              await handler({
                id: job.id,
                data: job.data,
                attempt: job.retryCount + 1,
                attempts: job.retryLimit + 1,
              });
            } finally {
              // Another job may be waiting: ask for it now rather than after the polling interval.
              boss.notifyWorker(workerId);
            }
          },
        );
      }
    },
    async takeFailed<T>(max: number) {
      const jobs = await boss.fetch<T>(FAILED_UNIT_QUEUE, { batchSize: max, includeMetadata: true });
      if (jobs.length === 0) return [];
      await boss.complete(
        FAILED_UNIT_QUEUE,
        jobs.map((job) => job.id),
      );
      return jobs.map((job) => ({ id: job.id, data: job.data, reason: reasonOf(job.output) }));
    },
    async cancel(ids) {
      if (ids.length === 0) return;
      await boss.cancel(UNIT_QUEUE, [...ids]);
    },
    stats: () => ({ roundTrips, ms }),
    async stop(graceMs = 10_000) {
      await boss.stop({ graceful: graceMs > 0, timeout: Math.max(1000, graceMs), wait: true, close: false });
      await pool.end();
    },
  };
}
