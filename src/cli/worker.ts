/**
 * `driftwarden worker`: takes scan units from the queue on the PostgreSQL store and observes them
 * (src/scan/distributed/worker.ts) until SIGTERM / SIGINT, which let the units in flight finish
 * (up to --grace); units still in flight then are abandoned (their AWS calls aborted, nothing
 * stored) and go back to the queue for another worker; then it exits 0. Any number may run, on any machine reaching the database, each
 * with AWS credentials that may assume the configured roles.
 */
import { DriftwardenError } from '../model/errors.js';
import { EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { isPostgresUrl, resolveStoreLocation } from '../store/location.js';
import type { Io } from './io.js';
import { countFlag, durationFlag } from './schedule.js';
import { resolveSourceConfig } from './source-options.js';

/** How long abandoned units have to give their jobs back after the grace. */
const ABANDON_MS = 5_000;

export interface WorkerFlags {
  readonly config?: string;
  readonly store?: string;
  readonly concurrency: string;
  readonly maintenance: string;
  readonly grace: string;
}

export async function workerCommand(flags: WorkerFlags, io: Io): Promise<ExitCode> {
  const concurrency = countFlag(flags.concurrency, '--concurrency', 64);
  const maintenanceMs = durationFlag(flags.maintenance, '--maintenance');
  const graceMs = durationFlag(flags.grace, '--grace');
  const config = await resolveSourceConfig(flags);
  const location = resolveStoreLocation(flags.store, config, io.env);
  if (!isPostgresUrl(location)) {
    throw new DriftwardenError('usage', 'worker needs a PostgreSQL store: the queue of scan units lives there', {
      key: '--store',
      nextStep: 'pass --store postgres://…, set DRIFTWARDEN_DATABASE_URL, or `store:` in driftwarden.yaml',
    });
  }
  const [{ openStore }, { openJobQueue }, { startWorker }] = await Promise.all([
    import('../store/index.js'),
    import('../store/queue.js'),
    import('../scan/distributed/worker.js'),
  ]);
  const store = await openStore(location, { clock: io.clock });
  const log = (line: string) => io.stderr.write(`driftwarden: worker: ${line}\n`);
  let queue;
  try {
    queue = await openJobQueue(location, {
      maintenanceSeconds: Math.max(1, Math.round(maintenanceMs / 1000)),
      connections: Math.min(10, concurrency + 2),
      onError: (e) => log(`queue: ${e.message}`),
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  let stopped: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (stopped = resolve));
  process.on('SIGTERM', stopped);
  process.on('SIGINT', stopped);
  const abandon = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  try {
    const worker = await startWorker({ store, queue, concurrency, log, signal: abandon.signal });
    const start = queue.stats();
    log(
      `${worker.id} taking units from ${store.location} (${concurrency} at once); ` +
        `queue start: ${start.roundTrips} round trip(s), ${Math.round(start.ms)} ms`,
    );
    await stopping;
    // Past the grace, the units in flight are abandoned: their attempts fail at once (and are retried
    // elsewhere) while the queue still waits for their handlers to give the jobs back.
    graceTimer = setTimeout(() => abandon.abort(), graceMs);
    await queue.stop(graceMs + ABANDON_MS);
    const stats = queue.stats();
    log(
      `stopped: ${worker.stored()} unit(s) stored; queue: ${stats.roundTrips} round trip(s), ${Math.round(stats.ms)} ms`,
    );
  } finally {
    clearTimeout(graceTimer);
    process.off('SIGTERM', stopped);
    process.off('SIGINT', stopped);
    await store.close();
  }
  return EXIT_NO_DRIFT;
}
