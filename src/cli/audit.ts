/**
 * `driftwarden audit verify` and `driftwarden audit export`. Both are read-only: verifying must not
 * change what it verifies, so neither expires sessions nor records anything.
 * Exit codes: verify 0 when the log is intact, 1 when it was tampered with (or on an error).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openAuditLog } from '../audit/log.js';
import { loadConfig, CONFIG_FILE_NAME } from '../config/load.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { writeReportFile } from '../report/index.js';
import { EXIT_ERROR, EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import type { Io } from './io.js';

export interface StoreFlags {
  readonly config?: string;
  readonly store?: string;
}

export interface AuditExportFlags extends StoreFlags {
  readonly out?: string;
}

/** A command bound to its flags, run by main.ts with the process streams. */
export type BoundCommand = (io: Io) => Promise<ExitCode>;

/** `--config FILE`, else ./driftwarden.yaml when it exists, else none. */
export function resolveConfigFlag(flags: StoreFlags): DriftwardenConfig | undefined {
  if (flags.config !== undefined) return loadConfig(flags.config);
  return existsSync(CONFIG_FILE_NAME) ? loadConfig(CONFIG_FILE_NAME) : undefined;
}

/** The same database `scan` records into: --store, else the config's store.path, else ./.driftwarden/history.db. */
export function resolveStorePath(flags: StoreFlags, config: DriftwardenConfig | undefined): string {
  return flags.store !== undefined
    ? resolve(flags.store)
    : config
      ? config.storePath
      : join(resolve('.'), '.driftwarden', 'history.db');
}

const STORE_HELP = 'the Driftwarden database (default: .driftwarden/history.db beside the config)';
const CONFIG_HELP = `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`;

export function registerAudit(program: Command, run: (command: BoundCommand) => Promise<unknown>): void {
  const audit = program.command('audit').description('Check and export the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'Check every audit entry against the hash chain; exit 1 naming the first bad entry when it was tampered with',
    )
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file>', STORE_HELP)
    .action(async (flags: StoreFlags) => {
      await run((io) => auditVerifyCommand(flags, io));
    });
  audit
    .command('export')
    .description('Write every audit entry as JSON lines, in order, with its hashes')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file>', STORE_HELP)
    .option('--out <file>', 'write to this file (atomically) instead of standard output')
    .action(async (flags: AuditExportFlags) => {
      await run((io) => auditExportCommand(flags, io));
    });
}

export async function auditVerifyCommand(flags: StoreFlags, io: Io): Promise<ExitCode> {
  const config = resolveConfigFlag(flags);
  const log = openAuditLog(resolveStorePath(flags, config), { mustExist: true });
  try {
    const result = log.verify();
    if (result.ok) {
      io.stdout.write(
        `audit log ok: ${result.entries} entries verified (${log.file})\nhead hash: ${result.headHash}\n`,
      );
      return EXIT_NO_DRIFT;
    }
    io.stderr.write(
      `driftwarden: the audit log was tampered with: ${result.problem}\n` +
        `  first bad entry: ${result.firstBadSeq} (${log.file})\n` +
        '  next step: treat entries from that one on as untrusted; compare with an earlier `driftwarden audit export` or a head hash recorded elsewhere\n',
    );
    return EXIT_ERROR;
  } finally {
    log.close();
  }
}

export async function auditExportCommand(flags: AuditExportFlags, io: Io): Promise<ExitCode> {
  const config = resolveConfigFlag(flags);
  const log = openAuditLog(resolveStorePath(flags, config), { mustExist: true });
  try {
    if (flags.out === undefined) {
      await log.exportJsonLines(io.stdout);
      return EXIT_NO_DRIFT;
    }
    let text = '';
    const count = await log.exportJsonLines({ write: (chunk: string) => void (text += chunk) });
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(`driftwarden: ${count} audit entries written to ${flags.out}\n`);
    return EXIT_NO_DRIFT;
  } finally {
    log.close();
  }
}
