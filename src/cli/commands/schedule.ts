/**
 * `driftwarden schedule`: its flags and help (the implementation is src/cli/schedule.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { ScheduleFlags } from '../schedule.js';
import type { RunCommand } from './run.js';
import { addSourceOptions } from './source-options.js';

export function registerSchedule(program: Command, run: RunCommand): void {
  addSourceOptions(
    program
      .command('schedule')
      .description("Plan each interval's scan into units for `driftwarden worker` processes (PostgreSQL store)"),
  )
    .option('--interval <duration>', 'time between scans; a standby takes over within one interval', '15m')
    .option('--unit-timeout <duration>', 'a unit running longer is taken from its worker and retried', '10m')
    .option('--attempts <n>', 'attempts per unit before it is reported unchecked', '3')
    .option('--maintenance <duration>', 'how often expired units are put back on the queue', '30s')
    .option('--once', 'record one scan, print its report and exit with its code')
    .option('-o, --output <format>', 'report format with --once: table, json, sarif, junit, markdown, html', 'table')
    .option('--fail-on <list>', 'with --once: which findings make the exit code 2 (default: all)')
    .action((flags: ScheduleFlags) => run(async (io) => (await import('../schedule.js')).scheduleCommand(flags, io)));
}
