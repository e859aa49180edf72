/**
 * `driftwarden worker`: its flags and help (the implementation is src/cli/worker.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { WorkerFlags } from '../worker.js';
import type { RunCommand } from './run.js';
import { STORE_HELP } from './source-options.js';

export function registerWorker(program: Command, run: RunCommand): void {
  program
    .command('worker')
    .description('Observe scan units planned by `driftwarden schedule` (PostgreSQL store); runs until stopped')
    .option('-c, --config <file>', 'driftwarden.yaml (only its `store:` is read)')
    .option('--store <url>', STORE_HELP)
    .option('--concurrency <n>', 'units observed at once by this process', '1')
    .option('--maintenance <duration>', 'how often expired units are put back on the queue', '30s')
    .option(
      '--grace <duration>',
      'on SIGTERM, how long units in flight may take to finish (then they are abandoned and retried elsewhere)',
      '30s',
    )
    .action((flags: WorkerFlags) => run(async (io) => (await import('../worker.js')).workerCommand(flags, io)));
}
