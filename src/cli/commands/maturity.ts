/**
 * `driftwarden maturity`: its flags and help (the implementation is src/cli/maturity.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { MaturityFlags } from '../maturity.js';
import type { RunCommand } from './run.js';
import { STORE_HELP } from './source-options.js';
import { DEFAULT_WINDOW } from '../../maturity/window.js';

export function registerMaturity(program: Command, run: RunCommand): void {
  program
    .command('maturity')
    .description(
      'Assess drift maturity (level 0 ClickOps to 4 immutable production) from scan history, audit log, break-glass sessions and config',
    )
    .option(
      '--config <file>',
      'configuration file: environment tiers and modes (default: ./driftwarden.yaml when it exists)',
    )
    .option('--store <file|url>', STORE_HELP)
    .option('--window <duration>', 'how far back to look, e.g. 30d, 7d, 12h', DEFAULT_WINDOW)
    .option('-o, --output <format>', 'report format: table, json, sarif, junit, markdown, html', 'table')
    .option('--out <file>', 'write the report to this file (atomically) instead of standard output')
    .action((flags: MaturityFlags) => run(async (io) => (await import('../maturity.js')).maturityCommand(flags, io)));
}
