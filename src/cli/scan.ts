/**
 * `driftwarden scan`: parses its flags, calls the scan, records history, writes the report and
 * returns the exit code (0 no drift, 2 drift, 3 incomplete, 1 error: see src/scan/fail-on.ts).
 */
import { resolve } from 'node:path';
import type { ScanResult } from '../model/scan-result.js';
import {
  createProgress,
  parseReportFormat,
  renderReport,
  writeReportFile,
  type ReportFormat,
} from '../report/index.js';
import {
  EXIT_INCOMPLETE,
  FAIL_ON_EVERYTHING,
  parseFailOn,
  scanExitCode,
  type ExitCode,
  type ScanOutcome,
} from '../scan/fail-on.js';
import { DriftwardenError } from '../model/errors.js';
import { runScan } from '../scan/run.js';
import { estateOf, observationOf } from '../scan/estate.js';
import type { Snapshot } from '../model/resource.js';
import { useColor, type Io } from './io.js';
import { resolveSourceConfig, scanOptionsFromFlags, storeLocationFor, type SourceFlags } from './source-options.js';
import { human } from '../model/text.js';
import { DEFAULT_WIDTH } from '../report/scan/table.js';

export interface ScanFlags extends SourceFlags {
  readonly output: string;
  readonly out?: string;
  readonly failOn?: string;
  readonly requireComplete?: boolean;
  readonly allowIncomplete?: boolean;
  readonly history: boolean;
  readonly width?: number;
}

/** The table's width: --width, else the terminal's columns, else DEFAULT_WIDTH (a pipe, a CI log, --out). */
function tableWidth(flags: ScanFlags, io: Io): number {
  if (flags.width !== undefined) {
    if (!Number.isInteger(flags.width) || flags.width < 40 || flags.width > 1000) {
      throw new DriftwardenError(
        'usage',
        `--width needs a number of columns from 40 to 1000, got ${String(flags.width)}`,
        {
          key: '--width',
          nextStep: 'give the terminal width, e.g. --width 120',
        },
      );
    }
    return flags.width;
  }
  const columns = (io.stdout as { columns?: number }).columns;
  return flags.out === undefined && io.stdout.isTTY && columns !== undefined && columns > 0 ? columns : DEFAULT_WIDTH;
}

/** What the exit code of a scan depends on. */
export function scanOutcome(result: ScanResult): ScanOutcome {
  return {
    findings: result.findings,
    complete: result.scan.complete,
    notCoveredByObserver: result.accounting.notCovered
      .filter((group) => group.reason === 'no-observer')
      .reduce((sum, group) => sum + group.count, 0),
  };
}

export async function scanCommand(flags: ScanFlags, io: Io): Promise<ExitCode> {
  // Validate everything the user typed before any work, so bad input costs nothing.
  const format: ReportFormat = parseReportFormat(flags.output, { key: '--output' });
  const config = await resolveSourceConfig(flags);
  const failOn = flags.failOn !== undefined ? parseFailOn(flags.failOn) : (config?.failOn ?? FAIL_ON_EVERYTHING);
  if (flags.requireComplete && flags.allowIncomplete) {
    throw new DriftwardenError('usage', '--require-complete and --allow-incomplete contradict each other', {
      nextStep: 'drop --require-complete: an incomplete scan exits 3 unless --allow-incomplete is given',
    });
  }
  if (flags.requireComplete) {
    io.stderr.write(
      'driftwarden: warning: --require-complete is deprecated and has no effect: an incomplete scan exits 3 by default (--allow-incomplete turns that off)\n',
    );
  }
  const options = await scanOptionsFromFlags(flags, config, io);
  for (const env of Object.values(config?.environments ?? {})) {
    if (env.states.length > 0 || (flags.env.length > 0 && !flags.env.includes(env.name))) continue;
    // Not an error (the other environments are still scanned), but nothing there can be compared.
    io.stderr.write(
      human`driftwarden: warning: environment ${env.name} has no state (${config!.file}, environments.${env.name}.states): ` +
        'its managed resources cannot be checked, and everything observed there counts as unmanaged\n',
    );
  }

  const progress = createProgress({
    tty: Boolean(io.stderr.isTTY),
    stream: io.stderr,
    verbose: flags.verbose ?? false,
  });
  let result: ScanResult;
  let observed: Snapshot | undefined;
  try {
    result = await runScan({ ...options, onObserved: (snapshot) => (observed = snapshot) }, progress);
  } finally {
    progress.stop();
  }
  for (const item of result.scan.modulesNotRead ?? [])
    io.stderr.write(
      human`driftwarden: warning: ${item.file}: module ${item.module} (source ${item.source}) was not read: ${item.reason}; its lifecycle ignore_changes are not applied\n`,
    );

  if (flags.history) {
    // The store, the audit log and the database driver are loaded only when history is recorded.
    const [{ openStore }, { recordScanResult }] = await Promise.all([
      import('../store/index.js'),
      import('../actions/record-scan.js'),
    ]);
    const store = await openStore(storeLocationFor(flags, config, io.env), { clock: io.clock });
    try {
      // History and audit entries in one transaction: a crash leaves both or neither.
      const history = await recordScanResult(store, result, {
        ...(config ? { configFile: config.file } : {}),
        ...(flags.env.length > 0 ? { environments: flags.env } : {}),
        estate: estateOf(options),
        observation: observationOf(observed),
      });
      result = { ...result, history };
    } finally {
      await store.close();
    }
  }

  const report = renderReport(result, format, {
    color: flags.out === undefined && useColor(io),
    verbose: flags.verbose ?? false,
    width: tableWidth(flags, io),
    ...(format === 'sarif'
      ? {
          locations: await (
            await import('./sarif-locations.js')
          ).sarifLocations({
            cwd: process.cwd(),
            ...(options.codeDir !== undefined ? { codeDir: options.codeDir } : {}),
            ...(config ? { configFile: config.file } : {}),
            states: [...new Set(result.findings.map((f) => f.resource.source).filter((s) => s !== undefined))],
          }),
        }
      : {}),
  });
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), report);
    io.stderr.write(human`driftwarden: ${format} report written to ${flags.out}\n`);
  } else {
    io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
  }
  const code = scanExitCode(scanOutcome(result), failOn, { allowIncomplete: flags.allowIncomplete === true });
  if (code === EXIT_INCOMPLETE) {
    io.stderr.write(
      `driftwarden: the scan is incomplete: ${result.scan.incompleteScopes.length} scope(s) could not be observed ` +
        `(${result.summary.unchecked} managed resource(s) unchecked); exit code 3 (--allow-incomplete makes it 0)\n`,
    );
  }
  return code;
}
