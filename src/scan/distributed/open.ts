/**
 * A distributed observer for a process that is not the scheduler (`driftwarden controller
 * --workers`): its own store handle and queue connection on the PostgreSQL store, open for the
 * process's life. The scan it observes is planned into units for `driftwarden worker` processes,
 * as `schedule` plans it (observer.ts), and merged into one observation; the caller records it.
 *
 * No scheduler lease is taken: the caller holds its own (the controller, its environments'). An
 * estate must be planned by one kind of process: a `schedule` and a `controller --workers` on the
 * same estate would adopt each other's runs, and the second to merge fails its cycle.
 */
import { DriftwardenError } from '../../model/errors.js';
import type { Clock } from '../../audit/clock.js';
import type { LiveObserver, ScanOptions } from '../run.js';
import { estateOf } from '../estate.js';
import { distributedObserver } from './observer.js';
import { workerId } from './worker.js';

export interface OpenedObserver {
  readonly observer: LiveObserver;
  close(): Promise<void>;
}

export interface OpenObserverOptions {
  readonly unitTimeoutMs: number;
  readonly attempts: number;
  readonly maintenanceSeconds: number;
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

export async function openDistributedObserver(
  location: string,
  scanOptions: ScanOptions,
  options: OpenObserverOptions,
): Promise<OpenedObserver> {
  if (scanOptions.aws === undefined) {
    throw new DriftwardenError('usage', '--workers spreads AWS observation over workers: no AWS scope is configured', {
      key: '--workers',
      nextStep: 'give the environments an `aws:` block in driftwarden.yaml, or drop --workers',
    });
  }
  const [{ openStore }, { openJobQueue }] = await Promise.all([
    import('../../store/index.js'),
    import('../../store/queue.js'),
  ]);
  const store = await openStore(location, { clock: options.clock });
  let queue;
  try {
    queue = await openJobQueue(location, {
      maintenanceSeconds: options.maintenanceSeconds,
      onError: (e) => options.log(`queue: ${e.message}`),
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const observer = distributedObserver({
    store,
    queue,
    estate: estateOf(scanOptions),
    owner: workerId(),
    unitTimeoutMs: options.unitTimeoutMs,
    attempts: options.attempts,
    pollMs: 1000,
    log: options.log,
  });
  return {
    observer,
    async close() {
      try {
        await queue.stop(2000);
      } finally {
        await store.close();
      }
    },
  };
}
