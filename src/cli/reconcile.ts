/**
 * `driftwarden reconcile`: scan, show the reconciliation plan, and act only on approval
 * (`--approve` for every item the plan marks to act, `--approve ID,ID` for exactly those, or
 * `--apply-plan FILE` for a saved plan that still matches reality). Dry run by default.
 * Exit codes: 0 nothing to do or everything acted on succeeded; 2 the plan has actions that were
 * not applied; 1 an error or a failed action.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig, CONFIG_FILE_NAME, IGNORE_FILE_NAME } from '../config/load.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import { createProgress } from '../report/index.js';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import type { ScanOptions } from '../scan/run.js';
import type { StateInput } from '../sources/terraform/index.js';
import { runReconcile, type Approval } from '../actions/reconcile.js';
import { loadPlan, savePlan } from '../actions/saved-plan.js';
import { renderPlan, renderResults } from '../actions/render.js';
import { liveAwsOptions, type AwsFlags } from './aws-flags.js';
import type { Io } from './io.js';

export interface SourceFlags extends AwsFlags {
  readonly state: string[];
  readonly code?: string;
  readonly config?: string;
  readonly ignore: string[];
  readonly workspace?: string;
  readonly store?: string;
  readonly strict?: boolean;
  readonly verbose?: boolean;
}

export interface ReconcileFlags extends SourceFlags {
  readonly approve?: string | boolean;
  readonly savePlan?: string;
  readonly applyPlan?: string;
  readonly output: string;
  readonly by?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The scan options shared by reconcile and the controller. */
export function addSourceOptions(command: Command): Command {
  return command
    .option('--state <location>', 'a Terraform state: local path, s3://bucket/key or http(s):// URL (repeatable)', collect, [])
    .option('--workspace <name>', 'workspace of the --state S3 locations')
    .option('--code <dir>', 'Terraform configuration directory (for lifecycle ignore_changes)')
    .option('--config <file>', `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`)
    .option('--ignore <file>', 'ignore rules file (repeatable)', collect, [])
    .option('--env <name>', 'only this environment of the configuration (repeatable)', collect, [])
    .option('--aws', 'observe AWS live with the default credentials and region')
    .option('--region <region>', 'AWS region to observe (repeatable)', collect, [])
    .option('--account <spec>', 'AWS account: an account id, profile:NAME or a role ARN to assume (repeatable)', collect, [])
    .option('--type <type>', 'only this Terraform resource type (repeatable)', collect, [])
    .option('--tag <key=value>', 'only live resources carrying this tag (repeatable)', collect, [])
    .option('--concurrency <n>', 'AWS listings in flight at once', (v) => Number.parseInt(v, 10))
    .option('--no-attribution', 'do not ask CloudTrail who made each change')
    .option('--trail-bucket <bucket>', 'S3 bucket a CloudTrail trail delivers log files to (attribution)')
    .option('--trail-prefix <prefix>', "the trail's S3 key prefix, if it has one")
    .option('--attribution-days <n>', 'how many days of CloudTrail to read (default 7)', (v) => Number(v))
    .option('--store <file>', 'the Driftwarden database (default: .driftwarden/history.db beside the config)')
    .option('--strict', 'report differences that known provider defaults would otherwise hide')
    .option('-v, --verbose', 'progress lines');
}

export function registerReconcile(program: Command, run: (flags: ReconcileFlags) => Promise<ExitCode>): void {
  addSourceOptions(
    program
      .command('reconcile')
      .description('Plan how to put reality back in line with the record (revert, prune, notify) and act on approval'),
  )
    .option('--approve [ids]', 'act: on every item the plan marks to act, or only on these finding ids (comma-separated)')
    .option('--save-plan <file>', 'write the plan (JSON, with finding fingerprints) to apply later with --apply-plan')
    .option('--apply-plan <file>', 'apply a saved plan, only if a fresh scan shows the same findings')
    .option('-o, --output <format>', 'text or json', 'text')
    .option('--by <who>', 'who approves (recorded in the audit log; default: the operating-system user)')
    .action(async (flags: ReconcileFlags) => {
      process.exitCode = await run(flags);
    });
}

export function resolveSourceConfig(flags: { config?: string }): DriftwardenConfig | undefined {
  if (flags.config !== undefined) return loadConfig(flags.config);
  return existsSync(CONFIG_FILE_NAME) ? loadConfig(CONFIG_FILE_NAME) : undefined;
}

export async function scanOptionsFromFlags(flags: SourceFlags, config: DriftwardenConfig | undefined, io: Io): Promise<ScanOptions> {
  const unknownEnv = flags.env.filter((name) => !config?.environments[name]);
  if (unknownEnv.length > 0) {
    throw new DriftwardenError('usage', `unknown environment ${unknownEnv.join(', ')}`, {
      ...(config ? { file: config.file } : {}),
      key: '--env',
      nextStep: config ? `use one of: ${Object.keys(config.environments).join(', ')}` : 'environments come from driftwarden.yaml (--config)',
    });
  }
  const states: StateInput[] = flags.state.map((location) => ({
    location: /^(s3|https?):\/\//.test(location) ? location : resolve(location),
    ...(flags.workspace !== undefined ? { workspace: flags.workspace } : {}),
  }));
  const aws = await liveAwsOptions(flags, config, io.env);
  const ignoreFiles = flags.ignore.length > 0 ? flags.ignore.map((f) => resolve(f)) : !config && existsSync(IGNORE_FILE_NAME) ? [resolve(IGNORE_FILE_NAME)] : [];
  return {
    ...(config ? { config } : {}),
    states,
    ...(flags.code !== undefined ? { codeDir: resolve(flags.code) } : {}),
    ignoreFiles,
    ...(flags.env.length > 0 ? { environments: flags.env } : {}),
    ...(aws ? { aws } : {}),
    strict: flags.strict ?? false,
  };
}

export function storePathFor(flags: { store?: string }, config: DriftwardenConfig | undefined): string {
  return flags.store !== undefined ? resolve(flags.store) : config ? config.storePath : join(resolve('.'), '.driftwarden', 'history.db');
}

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function approvalOf(flags: ReconcileFlags): Approval {
  if (flags.applyPlan !== undefined) {
    if (flags.approve !== undefined) throw new DriftwardenError('usage', '--apply-plan applies what the saved plan approves: drop --approve', { key: '--approve' });
    const file = resolve(flags.applyPlan);
    return { kind: 'saved', plan: loadPlan(file), file };
  }
  if (flags.approve === undefined) return { kind: 'none' };
  if (flags.approve === true) return { kind: 'all' };
  const ids = String(flags.approve).split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new DriftwardenError('usage', '--approve needs finding ids, or no value to approve every item', { key: '--approve' });
  return { kind: 'ids', ids };
}

export async function reconcileCommand(flags: ReconcileFlags, io: Io): Promise<ExitCode> {
  if (flags.output !== 'text' && flags.output !== 'json') {
    throw new DriftwardenError('usage', `unknown output format "${flags.output}"`, { key: '--output', nextStep: 'use text or json' });
  }
  const config = resolveSourceConfig(flags);
  const approval = approvalOf(flags);
  const scanOptions = await scanOptionsFromFlags(flags, config, io);
  const progress = createProgress({ tty: Boolean(io.stderr.isTTY), stream: io.stderr, verbose: flags.verbose ?? false });
  let result;
  try {
    result = await runReconcile({
      scanOptions,
      config,
      storePath: storePathFor(flags, config),
      approval,
      actor: flags.by ?? osUser(),
      env: io.env,
      progress,
    });
  } finally {
    progress.stop();
  }
  if (flags.savePlan !== undefined) {
    await savePlan(resolve(flags.savePlan), result.plan);
    io.stderr.write(`driftwarden: plan written to ${flags.savePlan}\n`);
  }
  if (flags.output === 'json') {
    io.stdout.write(`${JSON.stringify({ plan: result.plan, results: result.results, recovery: result.recovery, pending: result.pending.map((i) => i.findingId) }, null, 2)}\n`);
  } else {
    io.stdout.write(renderPlan(result.plan));
    const outcome = renderResults(result.results, result.recovery);
    if (outcome) io.stdout.write(`\nOutcome:\n${outcome}`);
    if (approval.kind === 'none' && result.pending.length > 0) {
      io.stdout.write(`\nDry run: nothing was changed. Act with --approve, or --approve ${result.pending[0]!.findingId} for one item.\n`);
    }
  }
  for (const failed of result.results.filter((r) => r.outcome === 'failed')) {
    io.stderr.write(`driftwarden: ${failed.address}: ${failed.reason ?? 'failed'}\n`);
  }
  if (result.results.some((r) => r.outcome === 'failed') || result.recovery.some((r) => r.result === 'failed')) return EXIT_ERROR;
  if (result.pending.length > 0) return EXIT_DRIFT;
  return EXIT_NO_DRIFT;
}
