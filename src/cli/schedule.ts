/**
 * `driftwarden schedule`: plans every interval's scan of the configured estate into units for
 * `driftwarden worker` processes, merges them and records one history entry per scan
 * (src/actions/scheduler.ts). Needs a PostgreSQL store (the queue lives there). Any number may run:
 * one leads, the others stand by. With --once it records one scan, prints its report and exits
 * with the scan's code (0, 2 or 3, as `scan`); otherwise SIGTERM / SIGINT stop it and it exits 0.
 */
import { parseDuration } from '../config/duration.js';
import { DriftwardenError } from '../model/errors.js';
import { parseReportFormat, renderReport, type ReportFormat } from '../report/index.js';
import { EXIT_NO_DRIFT, FAIL_ON_EVERYTHING, parseFailOn, scanExitCode, type ExitCode } from '../scan/fail-on.js';
import { scanOutcome } from './scan.js';
import { isPostgresUrl } from '../store/location.js';
import { useColor, type Io } from './io.js';
import { resolveSourceConfig, scanOptionsFromFlags, storeLocationFor, type SourceFlags } from './source-options.js';

export interface ScheduleFlags extends SourceFlags {
  readonly interval: string;
  readonly unitTimeout: string;
  readonly attempts: string;
  readonly maintenance: string;
  readonly once?: boolean;
  readonly output: string;
  readonly failOn?: string;
}

/** A duration flag: 30s, 5m, 1h30m (the config's syntax), or milliseconds as 500ms. */
export function durationFlag(value: string, key: string): number {
  const ms = /^(\d+)ms$/.exec(value);
  const out = ms ? Number(ms[1]) : /^(?:\d+[smhd])+$/.test(value) ? parseDuration(value) : NaN;
  if (!(out > 0)) {
    throw new DriftwardenError('usage', `${key} "${value}" is not a duration above zero`, {
      key,
      nextStep: `for example ${key} 30s or ${key} 5m`,
    });
  }
  return out;
}

export function countFlag(value: string, key: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new DriftwardenError('usage', `${key} "${value}" must be a whole number from 1 to ${max}`, { key });
  return n;
}

export async function scheduleCommand(flags: ScheduleFlags, io: Io): Promise<ExitCode> {
  const format: ReportFormat = parseReportFormat(flags.output, { key: '--output' });
  const intervalMs = durationFlag(flags.interval, '--interval');
  const unitTimeoutMs = durationFlag(flags.unitTimeout, '--unit-timeout');
  const maintenanceMs = durationFlag(flags.maintenance, '--maintenance');
  const attempts = countFlag(flags.attempts, '--attempts', 20);
  const config = await resolveSourceConfig(flags);
  const failOn = flags.failOn !== undefined ? parseFailOn(flags.failOn) : (config?.failOn ?? FAIL_ON_EVERYTHING);
  const storeLocation = storeLocationFor(flags, config, io.env);
  if (!isPostgresUrl(storeLocation)) {
    throw new DriftwardenError('usage', 'schedule needs a PostgreSQL store: its workers share the queue there', {
      key: '--store',
      nextStep: 'pass --store postgres://…, set DRIFTWARDEN_DATABASE_URL, or `store:` in driftwarden.yaml',
    });
  }
  const scanOptions = await scanOptionsFromFlags(flags, config, io);
  const { createScheduler } = await import('../actions/scheduler.js');
  const scheduler = createScheduler({
    storeLocation,
    scanOptions,
    intervalMs,
    unitTimeoutMs,
    attempts,
    once: flags.once ?? false,
    maintenanceSeconds: Math.max(1, Math.round(maintenanceMs / 1000)),
    clock: io.clock,
    out: (line) => io.stderr.write(`driftwarden: schedule: ${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
  });
  const stop = () => scheduler.stop();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  let result;
  try {
    result = await scheduler.run();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  if (!flags.once || result === undefined) return EXIT_NO_DRIFT;
  const report = renderReport(result, format, { color: useColor(io), verbose: flags.verbose ?? false });
  io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
  return scanExitCode(scanOutcome(result), failOn);
}
