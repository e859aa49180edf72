/**
 * `driftwarden audit verify|export`: flags and help (the implementation is src/cli/audit.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import { CONFIG_FILE_NAME } from '../../config/file-names.js';
import type { AuditExportFlags, AuditVerifyFlags } from '../audit.js';
import type { RunCommand } from './run.js';
import { STORE_HELP } from './source-options.js';

const CONFIG_HELP = `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`;

export function registerAudit(program: Command, run: RunCommand): void {
  const audit = program.command('audit').description('Check and export the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'Check every audit entry against the hash chain; exit 1 naming the first bad entry when it was tampered with',
    )
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .option(
      '--expect-head <hash>',
      "also fail unless the chain ends at this head hash (one recorded earlier where the database's writers cannot change it)",
    )
    .action(async (flags: AuditVerifyFlags) => {
      await run(async (io) => (await import('../audit.js')).auditVerifyCommand(flags, io));
    });
  audit
    .command('export')
    .description('Write every audit entry as JSON lines, in order, with its hashes')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .option('--out <file>', 'write to this file (atomically) instead of standard output')
    .action(async (flags: AuditExportFlags) => {
      await run(async (io) => (await import('../audit.js')).auditExportCommand(flags, io));
    });
}
