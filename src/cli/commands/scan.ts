/**
 * `driftwarden scan`: its flags and help (the implementation is src/cli/scan.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { ScanFlags } from '../scan.js';
import type { RunCommand } from './run.js';
import { addSourceOptions } from './source-options.js';

/** The exit codes, for `scan --help` (the README's "Exit codes" says the same). */
export const SCAN_EXIT_CODES_HELP = `
Exit codes:
  0  no drift, and every scope the scan was meant to observe was observed
  1  error (bad input, unreachable state backend, ...): one message, no report
  2  drift found (--fail-on decides which findings count; not-covered adds resources no observer covers)
  3  incomplete: some scope could not be observed and no counted drift was found
     (--allow-incomplete turns this into 0; not-covered types never change the code on their own)`;

export function registerScan(program: Command, run: RunCommand): void {
  addSourceOptions(
    program.command('scan').description('Compare the Terraform record with what runs and report every drift'),
    { plan: true },
  )
    .option('-o, --output <format>', 'report format: table, json, sarif, junit, markdown, html', 'table')
    .option('--out <file>', 'write the report to this file (atomically) instead of standard output')
    .option(
      '--fail-on <list>',
      'which findings make the exit code 2: kinds, one minimum severity and/or not-covered, or none (default: every finding)',
    )
    .option('--allow-incomplete', 'exit 0 instead of 3 when some scope could not be observed and no drift counted')
    .option('--require-complete', 'deprecated: an incomplete scan now exits 3 by default')
    .option('--no-history', 'do not record this scan in the history store')
    .option('--width <columns>', "table format: fit this many columns (default: the terminal's width, else 100)", (v) =>
      Number.parseInt(v, 10),
    )
    .addHelpText('after', SCAN_EXIT_CODES_HELP)
    .action((flags: ScanFlags) => run(async (io) => (await import('../scan.js')).scanCommand(flags, io)));
}
