/**
 * `driftwarden controller`: its flags and help (the implementation is src/cli/controller.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { ControllerFlags } from '../controller.js';
import type { RunCommand } from './run.js';
import { addSourceOptions } from './source-options.js';

export function registerController(program: Command, run: RunCommand): void {
  addSourceOptions(
    program
      .command('controller')
      .description(
        'Scan on an interval; enforce environments are reconciled automatically, audit environments recorded',
      ),
  )
    .option('--interval <duration>', 'time between cycles, e.g. 30s, 5m (default: reconcile.interval, else 60s)')
    .option('--once', 'run one cycle and exit')
    .option('--repo <path>', 'the Git checkout whose code is enforced (its commit is recorded with every act)')
    .option('--ref <ref>', 'the ref to enforce in --repo (default HEAD)')
    .option(
      '--workers',
      'observe through `driftwarden worker` processes on the queue (PostgreSQL store), as `schedule`',
    )
    .option('--unit-timeout <duration>', 'with --workers: a unit running longer is retried by another worker', '10m')
    .action((flags: ControllerFlags) =>
      run(async (io) => (await import('../controller.js')).controllerCommand(flags, io)),
    );
}
