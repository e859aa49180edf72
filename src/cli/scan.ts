/**
 * `driftwarden scan`: parses its flags, calls the scan, records history, writes the report and
 * returns the exit code (0 no drift, 2 drift, 1 error: see src/scan/fail-on.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, CONFIG_FILE_NAME, IGNORE_FILE_NAME } from '../config/load.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import type { ScanResult } from '../model/scan-result.js';
import { createProgress, parseReportFormat, renderReport, writeReportFile, type ReportFormat } from '../report/index.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { auditLogOn } from '../audit/log.js';
import { recordConfigIfChanged, recordScanInAudit } from '../audit/record.js';
import { clockFromEnv } from '../audit/clock.js';
import { openBreakglassSessions } from '../breakglass/sessions.js';
import { FAIL_ON_EVERYTHING, exitCodeFor, parseFailOn, type ExitCode, EXIT_ERROR } from '../scan/fail-on.js';
import { runScan, type LiveAwsOptions, type ScanOptions } from '../scan/run.js';
import type { StateInput } from '../sources/terraform/index.js';
import { useColor, type Io } from './io.js';
import { liveAwsOptions, type AwsFlags } from './aws-flags.js';

export interface ScanFlags extends AwsFlags {
  readonly state: string[];
  readonly plan?: string;
  readonly code?: string;
  readonly config?: string;
  readonly ignore: string[];
  readonly env: string[];
  readonly workspace?: string;
  readonly output: string;
  readonly out?: string;
  readonly failOn?: string;
  readonly requireComplete?: boolean;
  readonly history: boolean;
  readonly store?: string;
  readonly strict?: boolean;
  readonly verbose?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerScan(program: Command, run: (flags: ScanFlags) => Promise<ExitCode>): void {
  program
    .command('scan')
    .description('Compare the Terraform record with what runs and report every drift')
    .option('--state <location>', 'a Terraform state: local path, s3://bucket/key or http(s):// URL (repeatable)', collect, [])
    .option('--workspace <name>', 'workspace of the --state S3 locations (read from env:/<name>/<key>)')
    .option('--plan <file>', 'plan JSON from `terraform show -json` / `tofu show -json`: scan with no cloud access')
    .option('--code <dir>', 'Terraform configuration directory (for lifecycle ignore_changes and provider blocks)')
    .option('--config <file>', `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`)
    .option('--ignore <file>', `ignore rules file (default: ./${IGNORE_FILE_NAME} when it exists; repeatable)`, collect, [])
    .option('--env <name>', 'only this environment of the configuration (repeatable)', collect, [])
    .option('--aws', 'observe AWS live with the default credentials and region')
    .option('--region <region>', 'AWS region to observe (repeatable)', collect, [])
    .option('--account <spec>', 'AWS account to observe: an account id, profile:NAME or a role ARN to assume (repeatable)', collect, [])
    .option('--type <type>', 'only this Terraform resource type (repeatable)', collect, [])
    .option('--tag <key=value>', 'only live resources carrying this tag (repeatable)', collect, [])
    .option('--concurrency <n>', 'AWS listings in flight at once', (v) => Number.parseInt(v, 10))
    .option('--no-attribution', 'do not ask CloudTrail who made each change')
    .option('--trail-bucket <bucket>', 'S3 bucket a CloudTrail trail delivers log files to (attribution)')
    .option('--trail-prefix <prefix>', "the trail's S3 key prefix, if it has one")
    .option('--attribution-days <n>', 'how many days of CloudTrail to read (default 7)', (v) => Number(v))
    .option('-o, --output <format>', 'report format: table, json, sarif, junit, markdown, html', 'table')
    .option('--out <file>', 'write the report to this file (atomically) instead of standard output')
    .option('--fail-on <list>', 'which findings make the exit code 2: kinds and/or one minimum severity, or none (default: all)')
    .option('--require-complete', 'exit 1 when any scope could not be observed')
    .option('--no-history', 'do not record this scan in the history store')
    .option('--store <file>', 'history database (default: .driftwarden/history.db beside the config)')
    .option('--strict', 'report differences that known provider defaults would otherwise hide')
    .option('-v, --verbose', 'show suppressions that fired, API call counts and progress lines')
    .action(async (flags: ScanFlags) => {
      process.exitCode = await run(flags);
    });
}

function resolveConfig(flags: ScanFlags): DriftwardenConfig | undefined {
  if (flags.config !== undefined) return loadConfig(flags.config);
  return existsSync(CONFIG_FILE_NAME) ? loadConfig(CONFIG_FILE_NAME) : undefined;
}

function ignoreFiles(flags: ScanFlags, config: DriftwardenConfig | undefined): string[] {
  if (flags.ignore.length > 0) return flags.ignore.map((f) => resolve(f));
  // The config already folds in the .driftignore beside it; without a config, use the one here.
  return !config && existsSync(IGNORE_FILE_NAME) ? [resolve(IGNORE_FILE_NAME)] : [];
}

export async function scanCommand(flags: ScanFlags, io: Io): Promise<ExitCode> {
  // Validate everything the user typed before any work, so bad input costs nothing.
  const format: ReportFormat = parseReportFormat(flags.output, { key: '--output' });
  const config = resolveConfig(flags);
  const failOn = flags.failOn !== undefined ? parseFailOn(flags.failOn) : (config?.failOn ?? FAIL_ON_EVERYTHING);
  const states: StateInput[] = flags.state.map((location) => ({
    location: /^(s3|https?):\/\//.test(location) ? location : resolve(location),
    ...(flags.workspace !== undefined ? { workspace: flags.workspace } : {}),
  }));
  const unknownEnv = flags.env.filter((name) => !config?.environments[name]);
  if (unknownEnv.length > 0) {
    throw new DriftwardenError('usage', `unknown environment ${unknownEnv.join(', ')}`, {
      ...(config ? { file: config.file } : {}),
      key: '--env',
      nextStep: config ? `use one of: ${Object.keys(config.environments).join(', ')}` : 'environments come from driftwarden.yaml (--config)',
    });
  }
  const aws: LiveAwsOptions | undefined = await liveAwsOptions(flags, config, io.env);
  const options: ScanOptions = {
    ...(config ? { config } : {}),
    states,
    ...(flags.plan !== undefined ? { plan: resolve(flags.plan) } : {}),
    ...(flags.code !== undefined ? { codeDir: resolve(flags.code) } : {}),
    ignoreFiles: ignoreFiles(flags, config),
    ...(flags.env.length > 0 ? { environments: flags.env } : {}),
    ...(aws ? { aws } : {}),
    strict: flags.strict ?? false,
  };

  const progress = createProgress({ tty: Boolean(io.stderr.isTTY), stream: io.stderr, verbose: flags.verbose ?? false });
  let result: ScanResult;
  try {
    result = await runScan(options, progress);
  } finally {
    progress.stop();
  }

  if (flags.history) {
    const storePath = flags.store ?? (config ? config.storePath : join(resolve('.'), '.driftwarden', 'history.db'));
    const store = openSqliteStore(storePath);
    try {
      // History and audit entries in one transaction: a crash leaves both or neither.
      const log = auditLogOn(store.database, storePath, clockFromEnv(io.env));
      const scope = flags.env.length > 0 ? { environments: flags.env } : {};
      const scanned = result;
      const history = log.transaction(() => {
        if (config) recordConfigIfChanged(log, config.file);
        openBreakglassSessions(log).expireSessions(log.now());
        const recorded = store.recordScanSync(scanned, scope);
        recordScanInAudit(log, scanned, recorded, scope);
        return recorded;
      });
      result = { ...result, history };
    } finally {
      await store.close();
    }
  }

  const report = renderReport(result, format, { color: flags.out === undefined && useColor(io), verbose: flags.verbose ?? false });
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), report);
    io.stderr.write(`driftwarden: ${format} report written to ${flags.out}\n`);
  } else {
    io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
  }
  if (flags.requireComplete && !result.scan.complete) {
    io.stderr.write(`driftwarden: the scan is incomplete (${result.scan.incompleteScopes.length} scope(s) could not be observed)\n`);
    return EXIT_ERROR;
  }
  return exitCodeFor(result.findings, failOn);
}

