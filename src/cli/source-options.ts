/**
 * The inputs every command that scans shares (scan, reconcile, controller, graph): where the
 * record comes from, what to observe, which rules apply and where the store is. One declaration
 * of the flags, one translation into ScanOptions, so the commands cannot drift apart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME, IGNORE_FILE_NAME } from '../config/file-names.js';
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

/**
 * --config, else ./driftwarden.yaml when it exists, else none. The loader (YAML parser and schema
 * validator) is imported only when there is a file to load.
 */
export async function resolveSourceConfig(flags: { config?: string }): Promise<DriftwardenConfig | undefined> {
  const file = flags.config ?? (existsSync(CONFIG_FILE_NAME) ? CONFIG_FILE_NAME : undefined);
  if (file === undefined) return undefined;
  const { loadConfig } = await import('../config/load.js');
  return loadConfig(file);
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
