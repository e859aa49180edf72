/**
 * Loads `driftwarden.yaml`: parse (yaml, keeping node ranges for line numbers), validate (zod,
 * strict: unknown keys are errors), then resolve (defaults, paths against the config's directory,
 * ignore rules with their lines). Every user mistake becomes one DriftwardenError('config.invalid')
 * that names the file, the line and the key; all problems are listed, one per line.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DriftwardenError } from '../model/errors.js';
import { excerpt } from '../model/text.js';
import { forbiddenKeyPath, PROTOTYPE_KEYS } from '../model/untrusted.js';
import { MAX_CONFIG_BYTES, readBoundedText } from '../sources/files.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../sources/terraform/limits.js';
import { DRIFT_KINDS } from '../model/finding.js';
import { compileAddressGlob, GlobSyntaxError } from './address-glob.js';
import { loadIgnoreFile, parseIgnoreRule, type IgnoreRule } from './ignore.js';
import { resolveServerConfig } from './server.js';
import { resolveNotifications } from './notifications.js';
import { formatKeyPath, lineOf, problemsFromIssues, type ConfigProblem } from './issues.js';
import {
  DEFAULT_BREAKGLASS_TTL_MS,
  DEFAULT_RECONCILE,
  DEFAULT_STORE_PATH,
  parseDuration,
  rawConfigSchema,
  type DriftwardenConfig,
  type EnvironmentConfig,
  type RawConfig,
  type ReconcileConfig,
  type StateRef,
  type Tier,
} from './schema.js';

import { CONFIG_FILE_NAME, IGNORE_FILE_NAME } from './file-names.js';

export { CONFIG_FILE_NAME, IGNORE_FILE_NAME };

const NEXT_STEP = 'fix the file; every key is documented in docs/driftwarden.example.yaml';

function invalid(file: string, problems: ReadonlyArray<ConfigProblem>): DriftwardenError {
  const first = problems[0]!;
  const message =
    problems.length === 1
      ? first.message
      : `${problems.length} problems:\n${problems
          .map(
            (p) => `  ${p.line !== undefined ? `line ${p.line}` : 'file'}${p.key ? ` (${p.key})` : ''}: ${p.message}`,
          )
          .join('\n')}`;
  return new DriftwardenError('config.invalid', message, {
    file,
    ...(first.line !== undefined ? { line: first.line } : {}),
    // With several problems each line names its own key; one key on the whole would mislead.
    ...(first.key && problems.length === 1 ? { key: first.key } : {}),
    nextStep: NEXT_STEP,
  });
}

/** Reads and validates a config file; `path` may be relative to the working directory. */
export function loadConfig(path: string): DriftwardenConfig {
  const file = resolve(path);
  // Bounded and regular only: a FIFO or device as --config would block forever, and YAML parsing
  // of tens of MB takes minutes.
  const text = readBoundedText(file, {
    what: 'configuration file',
    maxBytes: MAX_CONFIG_BYTES,
    missingNextStep: `create ${CONFIG_FILE_NAME} (see docs/driftwarden.example.yaml) or pass --config PATH`,
  });
  return parseConfig(text, file);
}

/** Parses config text; `file` (absolute) names the source and anchors relative paths. */
export function parseConfig(text: string, file: string): DriftwardenConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = lineCounter.linePos(err.pos[0]);
    throw new DriftwardenError('input.parse', `YAML syntax error: ${err.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
      nextStep: 'fix the YAML syntax (indentation, quotes, duplicate keys)',
    });
  }
  const data: unknown = doc.toJS() ?? {};
  // Environment and tier names are looked up by name: `__proto__`, `constructor` and `prototype`
  // would find Object's own members (or replace a prototype), so they are refused as any key.
  const forbidden = forbiddenKeyPath(data, PROTOTYPE_KEYS);
  if (forbidden !== undefined) {
    throw new DriftwardenError('config.invalid', `the key "${forbidden.split('.').pop()}" is not allowed here`, {
      file,
      key: forbidden,
      nextStep: 'rename it: __proto__, constructor and prototype are never valid names in driftwarden.yaml',
    });
  }
  const parsed = rawConfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw invalid(file, problemsFromIssues(parsed.error.issues, rawConfigSchema, doc, lineCounter));
  return resolveConfig(parsed.data, file, doc, lineCounter);
}

function lineAt(doc: Document, lineCounter: LineCounter, path: ReadonlyArray<string | number>): number | undefined {
  return lineOf(lineCounter, doc.getIn(path as unknown[], true) as Node | undefined);
}

const URL_LOCATION = /^[a-z][a-z0-9+.-]*:\/\//i;

type RawStateEntry = NonNullable<RawConfig['environments'][string]['states']>[number];

function resolveState(entry: RawStateEntry, baseDir: string): StateRef {
  const raw = typeof entry === 'string' ? { location: entry } : entry;
  const location =
    URL_LOCATION.test(raw.location) || isAbsolute(raw.location) ? raw.location : resolve(baseDir, raw.location);
  const lastPart = basename(location.replace(/[?#].*$/, '').replace(/\/+$/, ''));
  const name = raw.name ?? (lastPart.replace(/\.tfstate$/, '') || location);
  return raw.workspace === undefined ? { location, name } : { location, name, workspace: raw.workspace };
}

function resolveConfig(raw: RawConfig, file: string, doc: Document, lineCounter: LineCounter): DriftwardenConfig {
  const baseDir = dirname(file);
  const problems: ConfigProblem[] = [];
  const environments: Record<string, EnvironmentConfig> = {};

  for (const [name, env] of Object.entries(raw.environments)) {
    const states = (env.states ?? []).map((s) => resolveState(s, baseDir));
    const seen = new Map<string, number>();
    states.forEach((state, index) => {
      const earlier = seen.get(state.name);
      if (earlier !== undefined) {
        const path = ['environments', name, 'states', index];
        problems.push({
          message: `duplicate state name "${excerpt(state.name, 200)}" (also states[${earlier}]): give one a distinct name`,
          key: formatKeyPath(path),
          ...lineProp(lineAt(doc, lineCounter, path)),
        });
      }
      seen.set(state.name, index);
    });
    (env.shared ?? []).forEach((pattern, index) => {
      try {
        compileAddressGlob(pattern);
      } catch (err) {
        if (!(err instanceof GlobSyntaxError)) throw err;
        const path = ['environments', name, 'shared', index];
        problems.push({
          message: `invalid address pattern "${excerpt(pattern, 200)}": ${err.message}`,
          key: formatKeyPath(path),
          ...lineProp(lineAt(doc, lineCounter, path)),
        });
      }
    });
    environments[name] = {
      name,
      tier: env.tier,
      mode: env.mode ?? 'audit',
      states,
      shared: env.shared ?? [],
      ...(env.code !== undefined ? { code: resolve(baseDir, env.code) } : {}),
      ...(env.aws
        ? {
            aws: {
              accounts: env.aws.accounts ?? [],
              regions: env.aws.regions ?? [],
              ...(env.aws.profile ? { profile: env.aws.profile } : {}),
              ...(env.aws.assume_role ? { assumeRole: env.aws.assume_role } : {}),
              ...(env.aws.deep ? { deep: env.aws.deep } : {}),
              ...(env.aws.external_id ? { externalId: env.aws.external_id } : {}),
              ...(env.aws.organization ? { organization: true } : {}),
            },
          }
        : {}),
      ...(env.vsphere
        ? {
            vsphere: {
              datacenters: env.vsphere.datacenters ?? [],
              clusters: env.vsphere.clusters ?? [],
              folders: env.vsphere.folders ?? [],
              tags: env.vsphere.tags ?? [],
              allowPowerOff: env.vsphere.allow_power_off ?? false,
            },
          }
        : {}),
    };
  }

  const ignoreRules: IgnoreRule[] = [];
  (raw.ignore ?? []).forEach((text, index) => {
    const line = lineAt(doc, lineCounter, ['ignore', index]) ?? 0;
    try {
      ignoreRules.push(parseIgnoreRule(text, { file, line }));
    } catch (err) {
      if (!(err instanceof DriftwardenError)) throw err;
      problems.push({ message: err.message, key: `ignore[${index}]`, ...lineProp(line || undefined) });
    }
  });
  const reconcile = resolveReconcile(raw, environments, problems, (path) => lineAt(doc, lineCounter, path));
  if (problems.length > 0)
    throw invalid(
      file,
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    );

  // Rules in .driftignore come after the config's, so (last rule wins) the file overrides the list.
  const ignoreFile = resolve(baseDir, IGNORE_FILE_NAME);
  if (existsSync(ignoreFile)) ignoreRules.push(...loadIgnoreFile(ignoreFile));

  const maxTtl = raw.breakglass?.max_ttl ?? {};
  const maxTtlMs: Partial<Record<Tier, number>> & { default: number } = { default: DEFAULT_BREAKGLASS_TTL_MS };
  for (const [key, value] of Object.entries(maxTtl)) {
    if (value !== undefined) maxTtlMs[key as Tier | 'default'] = parseDuration(value);
  }

  return {
    file,
    baseDir,
    version: 1,
    storeLocation: storeLocationOf(raw.store, baseDir),
    environments,
    ignoreRules,
    failOn: {
      kinds: raw.fail_on?.kinds ?? [...DRIFT_KINDS],
      severity: raw.fail_on?.severity ?? 'low',
      ...(raw.fail_on?.not_covered ? { notCovered: true } : {}),
    },
    pipelinePrincipals: raw.pipeline_principals ?? [],
    attribution: {
      ...(raw.attribution?.trail_bucket !== undefined ? { trailBucket: raw.attribution.trail_bucket } : {}),
      ...(raw.attribution?.trail_prefix !== undefined ? { trailPrefix: raw.attribution.trail_prefix } : {}),
      ...(raw.attribution?.trail_bucket_region !== undefined
        ? { trailBucketRegion: raw.attribution.trail_bucket_region }
        : {}),
      days: raw.attribution?.days ?? 7,
      lookupEvents: raw.attribution?.lookup_events ?? true,
    },
    breakglass: { maxTtlMs },
    reconcile,
    limits: resolveLimits(raw),
    ...(raw.server ? { server: resolveServerConfig(raw.server, baseDir) } : {}),
    ...(raw.notifications ? { notifications: resolveNotifications(raw.notifications, baseDir) } : {}),
    ...(raw.vsphere
      ? {
          vsphere: {
            ...(raw.vsphere.server !== undefined ? { server: raw.vsphere.server } : {}),
            ...(raw.vsphere.user !== undefined ? { user: raw.vsphere.user } : {}),
            passwordEnv: raw.vsphere.password_env ?? 'VSPHERE_PASSWORD',
            insecure: raw.vsphere.insecure ?? false,
            ...(raw.vsphere.ca_file !== undefined ? { caFile: resolve(baseDir, raw.vsphere.ca_file) } : {}),
            ...(raw.vsphere.timeout_seconds !== undefined ? { timeoutSeconds: raw.vsphere.timeout_seconds } : {}),
            datacenters: raw.vsphere.datacenters ?? [],
          },
        }
      : {}),
  };
}

function resolveLimits(raw: RawConfig): ReadLimits {
  const section = raw.limits ?? {};
  const ms = (value: string | undefined, fallback: number) => (value === undefined ? fallback : parseDuration(value));
  return {
    maxBytes: section.max_state_size ?? DEFAULT_READ_LIMITS.maxBytes,
    connectTimeoutMs: ms(section.backend_connect_timeout, DEFAULT_READ_LIMITS.connectTimeoutMs),
    firstByteTimeoutMs: ms(section.backend_first_byte_timeout, DEFAULT_READ_LIMITS.firstByteTimeoutMs),
    transferTimeoutMs: ms(section.backend_transfer_timeout, DEFAULT_READ_LIMITS.transferTimeoutMs),
  };
}

/** `reconcile:` resolved; environment names must exist (each unknown one is a problem naming its key). */
function resolveReconcile(
  raw: RawConfig,
  environments: Readonly<Record<string, EnvironmentConfig>>,
  problems: ConfigProblem[],
  lineAtPath: (path: ReadonlyArray<string | number>) => number | undefined,
): ReconcileConfig {
  const section = raw.reconcile;
  const checkEnv = (name: string | undefined, path: ReadonlyArray<string | number>) => {
    if (name === undefined || environments[name]) return;
    problems.push({
      message: `unknown environment "${excerpt(name, 200)}" (environments: ${excerpt(Object.keys(environments).join(', '), 400)})`,
      key: formatKeyPath(path),
      ...lineProp(lineAtPath(path)),
    });
  };
  (section?.strategies ?? []).forEach((rule, i) =>
    checkEnv(rule.environment, ['reconcile', 'strategies', i, 'environment']),
  );
  (section?.prune ?? []).forEach((rule, i) => checkEnv(rule.environment, ['reconcile', 'prune', i, 'environment']));
  const instance = section?.revert_instance_type;
  if (Array.isArray(instance)) instance.forEach((name, i) => checkEnv(name, ['reconcile', 'revert_instance_type', i]));
  return {
    strategies: (section?.strategies ?? []).map((rule) => ({
      strategy: rule.strategy,
      ...(rule.environment !== undefined ? { environment: rule.environment } : {}),
      ...(rule.type !== undefined ? { type: rule.type } : {}),
      ...(rule.kind !== undefined ? { kind: rule.kind } : {}),
    })),
    prune: (section?.prune ?? []).map((rule) => ({
      types: rule.types,
      ...(rule.environment !== undefined ? { environment: rule.environment } : {}),
    })),
    revertInstanceType: instance ?? DEFAULT_RECONCILE.revertInstanceType,
    maxActionsPerRun: section?.max_actions_per_run ?? DEFAULT_RECONCILE.maxActionsPerRun,
    approvalAbove: section?.approval_above ?? DEFAULT_RECONCILE.approvalAbove,
    intervalMs: section?.interval !== undefined ? parseDuration(section.interval) : DEFAULT_RECONCILE.intervalMs,
  };
}

function lineProp(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** `store:` as a file (relative to the config) or a postgres:// URL, kept as written. */
function storeLocationOf(store: RawConfig['store'], baseDir: string): string {
  const text = typeof store === 'string' ? store : (store?.url ?? store?.path ?? DEFAULT_STORE_PATH);
  return /^postgres(ql)?:\/\//i.test(text) ? text : resolve(baseDir, text);
}
