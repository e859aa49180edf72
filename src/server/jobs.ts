/**
 * Background work the API starts (a scan, a reconcile run): one job at a time per estate, so two
 * requests never scan or act on the same estate at once (the second is refused with 409 naming the
 * running job). Jobs live in this process's memory (the newest 200 are kept) and say how their work
 * went; what the work recorded (scan history, audit entries) is in the store and outlives them.
 */
import { randomBytes } from 'node:crypto';
import { isDriftwardenError } from '../model/errors.js';
import { HttpProblem } from './problems.js';

export type JobKind = 'scan' | 'reconcile';
export type JobStatus = 'running' | 'succeeded' | 'failed';

export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  /** What it works on (an estate key); one running job per estate. */
  readonly estate: string;
  readonly requestedBy: string;
  readonly startedAt: string;
  status: JobStatus;
  finishedAt?: string;
  /** What the work returned (a scan id and counts, a reconcile outcome). */
  result?: Record<string, unknown>;
  /** One line for a failed job: a DriftwardenError's message and next step; otherwise "internal error". */
  error?: string;
  /** Settles when the work is over (never rejects); not part of the API's view. */
  done?: Promise<void>;
}

/** A job as the API shows it. */
export function jobView(job: Job): Omit<Job, 'done'> {
  const { done: _done, ...view } = job;
  return view;
}

const KEPT = 200;

export class Jobs {
  readonly #jobs = new Map<string, Job>();
  readonly #running = new Map<string, Job>();
  readonly #now: () => Date;
  readonly #log: (err: unknown, job: Job) => void;

  constructor(now: () => Date, log: (err: unknown, job: Job) => void) {
    this.#now = now;
    this.#log = log;
  }

  /** 409 when a job of this estate is running. */
  assertIdle(estate: string): void {
    const busy = this.#running.get(estate);
    if (busy !== undefined) {
      throw new HttpProblem(
        409,
        'job-running',
        'Conflict',
        `a ${busy.kind} of this estate is running (job ${busy.id}, started ${busy.startedAt} by ${busy.requestedBy})`,
        { runningJob: busy.id },
      );
    }
  }

  /** Starts `work` in the background; 409 when a job of this estate is running. */
  start(kind: JobKind, estate: string, requestedBy: string, work: () => Promise<Record<string, unknown>>): Job {
    this.assertIdle(estate);
    const job: Job = {
      id: `job-${randomBytes(6).toString('hex')}`,
      kind,
      estate,
      requestedBy,
      startedAt: this.#now().toISOString(),
      status: 'running',
    };
    this.#running.set(estate, job);
    this.#jobs.set(job.id, job);
    while (this.#jobs.size > KEPT) this.#jobs.delete(this.#jobs.keys().next().value!);
    job.done = work()
      .then(
        (result) => {
          job.status = 'succeeded';
          job.result = result;
        },
        (err: unknown) => {
          job.status = 'failed';
          job.error = isDriftwardenError(err) ? err.describe() : 'internal error (see the server log)';
          this.#log(err, job);
        },
      )
      .finally(() => {
        job.finishedAt = this.#now().toISOString();
        this.#running.delete(estate);
      });
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Newest first. */
  list(): Job[] {
    return [...this.#jobs.values()].reverse();
  }

  /** Waits for every running job (shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.#running.values()].map((job) => job.done ?? Promise.resolve()));
  }
}
