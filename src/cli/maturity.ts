/**
 * `driftwarden maturity`: assesses the organisation on the five drift-maturity levels from what
 * the store holds (scan history, audit log, break-glass sessions) and the configuration. Read-only:
 * it never records, expires or reconciles anything. Exit codes: 0 whenever the assessment was
 * made, whatever the level (a low level is not drift); 1 on an error (no store, invalid config,
 * bad flags).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { assessMaturity } from '../maturity/assess.js';
import { gatherEvidence } from '../maturity/evidence.js';
import { renderMaturityReport } from '../report/maturity/index.js';
import { DEFAULT_WINDOW, parseWindow } from '../maturity/window.js';
import { parseReportFormat, writeReportFile } from '../report/index.js';
import { EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { STORE_HELP } from './source-options.js';
import { openExistingStore, resolveConfigFlag, type StoreFlags } from './audit.js';
import { useColor, type Io } from './io.js';

export interface MaturityFlags extends StoreFlags {
  readonly window: string;
  readonly output: string;
  readonly out?: string;
}

export function registerMaturity(program: Command, run: (flags: MaturityFlags) => Promise<ExitCode>): void {
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
    .action(async (flags: MaturityFlags) => {
      process.exitCode = await run(flags);
    });
}

export async function maturityCommand(flags: MaturityFlags, io: Io, toolVersion: string): Promise<ExitCode> {
  // Everything the user typed is validated before the store is opened.
  const format = parseReportFormat(flags.output, { key: '--output' });
  const window = parseWindow(flags.window);
  const clock = io.clock;
  const config = resolveConfigFlag(flags);
  const store = await openExistingStore(flags, config, io);
  let text: string;
  try {
    const evidence = await gatherEvidence({ store, ...(config ? { config } : {}), now: clock(), window });
    text = renderMaturityReport(assessMaturity(evidence, toolVersion), format, {
      color: flags.out === undefined && useColor(io),
    });
  } finally {
    await store.close();
  }
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(`driftwarden: ${format} maturity report written to ${flags.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return EXIT_NO_DRIFT;
}
