/**
 * `driftwarden breakglass open|close|list|report`: flags and help (the implementation is src/cli/breakglass.ts,
 * loaded when it runs).
 */
import type { Command } from 'commander';
import type {
  BreakglassCloseFlags,
  BreakglassListFlags,
  BreakglassOpenFlags,
  BreakglassReportFlags,
} from '../breakglass.js';
import type { RunCommand } from './run.js';
import { STORE_HELP } from './source-options.js';

const CONFIG_HELP =
  'configuration file (default: ./driftwarden.yaml when it exists); its breakglass.max_ttl caps --ttl';

export function registerBreakglass(program: Command, run: RunCommand): void {
  const breakglass = program
    .command('breakglass')
    .description("Time-bound, audited exceptions: drift inside an open session's scope is recorded but not reconciled");
  breakglass
    .command('open')
    .description('Open a session over a scope for a limited time')
    .option('--scope <pattern>', '[ENVIRONMENT:]ADDRESS_GLOB, e.g. "prod:module.payments.**" (ignore-rule glob syntax)')
    .option('--reason <text>', 'why (required; kept in the audit log)')
    .option('--ttl <duration>', 'how long, e.g. 30m, 4h; capped by breakglass.max_ttl for the tier')
    .option('--by <who>', 'who opens it (required)')
    .option('--env <name>', 'limit the session to this environment (same as the ENVIRONMENT: prefix)')
    .option(
      '--whole-environment',
      'required for a scope of wildcards only (ENV:** or **): it holds back every resource of the environment (of every environment without ENV:)',
    )
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (flags: BreakglassOpenFlags) => {
      await run(async (io) => (await import('../breakglass.js')).breakglassOpenCommand(flags, io));
    });
  breakglass
    .command('close')
    .description('Close an open session before its time is up')
    .argument('<id>', 'session id, as printed by open and list')
    .option('--by <who>', 'who closes it (default: the operating-system user)')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (id: string, flags: BreakglassCloseFlags) => {
      await run(async (io) => (await import('../breakglass.js')).breakglassCloseCommand(id, flags, io));
    });
  breakglass
    .command('list')
    .description('List open sessions (every session with --all)')
    .option('--all', 'include closed and expired sessions')
    .option('-o, --output <format>', 'table or json', 'table')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (flags: BreakglassListFlags) => {
      await run(async (io) => (await import('../breakglass.js')).breakglassListCommand(flags, io));
    });
  breakglass
    .command('report')
    .description('Incident report skeleton (JSON): every audit entry and finding in the scope during the window')
    .argument('<id>', 'session id')
    .option('--out <file>', 'write to this file (atomically) instead of standard output')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (id: string, flags: BreakglassReportFlags) => {
      await run(async (io) => (await import('../breakglass.js')).breakglassReportCommand(id, flags, io));
    });
}
