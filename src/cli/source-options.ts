/**
 * The inputs every command that scans shares (scan, reconcile, controller, graph): where the
 * record comes from, what to observe, which rules apply and where the store is. One declaration
 * of the flags, one translation into ScanOptions, so the commands cannot drift apart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, CONFIG_FILE_NAME, IGNORE_FILE_NAME } from '../config/load.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import type { ScanOptions } from '../scan/run.js';
import type { StateInput } from '../sources/terraform/index.js';
import { liveAwsOptions, type AwsFlags } from './aws-flags.js';
import { liveVsphereOptions, type VsphereFlags } from './vsphere-flags.js';
import { resolveStoreLocation } from '../store/location.js';
import type { Io } from './io.js';

export interface SourceFlags extends AwsFlags, VsphereFlags {
  readonly state: string[];
  readonly plan?: string;
  readonly code?: string;
  readonly config?: string;
  readonly ignore: string[];
  readonly workspace?: string;
  readonly store?: string;
  readonly strict?: boolean;
  readonly verbose?: boolean;
}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Declares the shared flags; `plan: true` adds --plan (scan and graph: observation through a plan). */
export function addSourceOptions(command: Command, options: { plan?: boolean } = {}): Command {
  command
    .option(
      '--state <location>',
      'a Terraform state: local path, s3://bucket/key or http(s):// URL (repeatable)',
      collect,
      [],
    )
    .option('--workspace <name>', 'workspace of the --state S3 locations (read from env:/<name>/<key>)');
  if (options.plan) {
    command.option('--plan <file>', 'plan JSON from `terraform show -json` / `tofu show -json`: no cloud access');
  }
  return command
    .option('--code <dir>', 'Terraform configuration directory (for lifecycle ignore_changes and provider blocks)')
    .option('--config <file>', `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`)
    .option(
      '--ignore <file>',
      `ignore rules file (default: ./${IGNORE_FILE_NAME} when it exists; repeatable)`,
      collect,
      [],
    )
    .option('--env <name>', 'only this environment of the configuration (repeatable)', collect, [])
    .option('--aws', 'observe AWS live with the default credentials and region')
    .option('--region <region>', 'AWS region to observe (repeatable)', collect, [])
    .option(
      '--account <spec>',
      'AWS account to observe: an account id, profile:NAME or a role ARN to assume (repeatable)',
      collect,
      [],
    )
    .option('--type <type>', 'only this Terraform resource type (repeatable)', collect, [])
    .option('--tag <key=value>', 'only live resources carrying this tag (repeatable)', collect, [])
    .option(
      '--vsphere',
      'observe vSphere live (VSPHERE_SERVER, VSPHERE_USER, VSPHERE_PASSWORD, or `vsphere:` in the configuration)',
    )
    .option(
      '--vsphere-server <host>',
      "the vCenter or ESXi to observe (default: the config's vsphere.server, else VSPHERE_SERVER)",
    )
    .option('--vsphere-insecure', 'accept any TLS certificate from the vSphere server (labs only)')
    .option('--vsphere-ca-file <file>', "PEM file with the CA that signs the vSphere server's certificate")
    .option('--concurrency <n>', 'AWS listings in flight at once', (v) => Number.parseInt(v, 10))
    .option(
      '--deep',
      'also read attributes that have no bulk API (VPC DNS settings, instance termination protection, ...), one call per resource; the config can ask per environment with aws.deep',
    )
    .option('--call-timeout <duration>', 'deadline of one AWS call, retries included (default 90s)')
    .option(
      '--scan-timeout <duration>',
      'deadline of the whole AWS observation; unfinished scopes are unchecked (default 30m)',
    )
    .option('--no-attribution', 'do not ask CloudTrail who made each change')
    .option('--trail-bucket <bucket>', 'S3 bucket a CloudTrail trail delivers log files to (attribution)')
    .option('--trail-prefix <prefix>', "the trail's S3 key prefix, if it has one")
    .option('--attribution-days <n>', 'how many days of CloudTrail to read (default 7)', (v) => Number(v))
    .option('--store <file|url>', STORE_HELP)
    .option('--strict', 'report differences that known provider defaults would otherwise hide')
    .option('-v, --verbose', 'show suppressions that fired, API call counts and progress lines');
}

export const STORE_HELP =
  'the Driftwarden database: a SQLite file or a postgres:// URL (default: DRIFTWARDEN_DATABASE_URL, else `store:` in the config, else .driftwarden/history.db)';

/** --config, else ./driftwarden.yaml when it exists, else none. */
export function resolveSourceConfig(flags: { config?: string }): DriftwardenConfig | undefined {
  if (flags.config !== undefined) return loadConfig(flags.config);
  return existsSync(CONFIG_FILE_NAME) ? loadConfig(CONFIG_FILE_NAME) : undefined;
}

/** --store, else DRIFTWARDEN_DATABASE_URL, else the config's `store:`, else ./.driftwarden/history.db. */
export function storeLocationFor(
  flags: { store?: string },
  config: DriftwardenConfig | undefined,
  env: NodeJS.ProcessEnv,
): string {
  return resolveStoreLocation(flags.store, config, env);
}

function ignoreFiles(flags: SourceFlags, config: DriftwardenConfig | undefined): string[] {
  if (flags.ignore.length > 0) return flags.ignore.map((f) => resolve(f));
  // The config already folds in the .driftignore beside it; without a config, use the one here.
  return !config && existsSync(IGNORE_FILE_NAME) ? [resolve(IGNORE_FILE_NAME)] : [];
}

/** Validates the flags against the config and builds the scan's options; nothing is read yet. */
export async function scanOptionsFromFlags(
  flags: SourceFlags,
  config: DriftwardenConfig | undefined,
  io: Io,
): Promise<ScanOptions> {
  const unknownEnv = flags.env.filter((name) => !config?.environments[name]);
  if (unknownEnv.length > 0) {
    throw new DriftwardenError('usage', `unknown environment ${unknownEnv.join(', ')}`, {
      ...(config ? { file: config.file } : {}),
      key: '--env',
      nextStep: config
        ? `use one of: ${Object.keys(config.environments).join(', ')}`
        : 'environments come from driftwarden.yaml (--config)',
    });
  }
  const states: StateInput[] = flags.state.map((location) => ({
    location: /^(s3|https?):\/\//.test(location) ? location : resolve(location),
    ...(flags.workspace !== undefined ? { workspace: flags.workspace } : {}),
  }));
  // An explicit plan is the observation; the config's AWS scopes apply only to live scans.
  const explicitAws = Boolean(flags.aws) || flags.region.length > 0 || flags.account.length > 0;
  const explicitVsphere = Boolean(flags.vsphere) || flags.vsphereServer !== undefined;
  const vsphere = flags.plan !== undefined && !explicitVsphere ? undefined : liveVsphereOptions(flags, config, io.env);
  const aws = flags.plan !== undefined && !explicitAws ? undefined : await liveAwsOptions(flags, config, io.env);
  return {
    ...(config ? { config } : {}),
    states,
    ...(flags.plan !== undefined ? { plan: resolve(flags.plan) } : {}),
    ...(flags.code !== undefined ? { codeDir: resolve(flags.code) } : {}),
    ignoreFiles: ignoreFiles(flags, config),
    ...(flags.env.length > 0 ? { environments: flags.env } : {}),
    ...(aws ? { aws } : {}),
    ...(vsphere ? { vsphere } : {}),
    strict: flags.strict ?? false,
  };
}
