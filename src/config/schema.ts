/**
 * The `driftwarden.yaml` schema (zod v4) and the typed configuration the rest of the code reads.
 * The raw schema mirrors the file (snake_case keys, every object strict so a typo like
 * `enviroments` is an error, never silently ignored); `DriftwardenConfig` is the resolved form
 * (camelCase, defaults applied, paths absolute, durations in milliseconds). docs/driftwarden.example.yaml
 * documents every key.
 */
import { z } from 'zod';
import { DURATION, parseDuration } from './duration.js';
import { DRIFT_KINDS, SEVERITIES, type DriftKind, type Severity } from '../model/finding.js';
import type { IgnoreRule } from './ignore.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../sources/terraform/limits.js';
import type { ServerConfig } from './server.js';
import type { NotificationsConfig } from './notifications.js';

export const TIERS = ['development', 'staging', 'production', 'shared'] as const;
export type Tier = (typeof TIERS)[number];

export const MODES = ['audit', 'enforce'] as const;
export type Mode = (typeof MODES)[number];

/** `90m`, `4h`, `1d12h`: a positive duration made of s, m, h, d parts. */
export { parseDuration };

const duration = z
  .string()
  .regex(DURATION, { error: 'expected a duration such as 30m, 4h or 1d' })
  .refine((s) => parseDuration(s) > 0, { error: 'a duration must be longer than zero' });

/** `256MiB`, `64 MB`, `1048576`: a size; binary (KiB, MiB, GiB) or decimal (KB, MB, GB) units. */
const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/;
const SIZE_UNIT: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

export function parseSize(text: string): number {
  const match = SIZE.exec(text.trim());
  return match ? Math.floor(Number(match[1]) * SIZE_UNIT[match[2] ?? 'B']!) : Number.NaN;
}

/** A V8 string holds at most about 512 M characters: a larger state cannot be read as text at all. */
export const MAX_STATE_SIZE_LIMIT = 512 * 1024 ** 2;

const size = z
  .union([z.number().int(), z.string().regex(SIZE, { error: 'expected a size such as 256MiB or 64MB' })])
  .transform((value) => (typeof value === 'number' ? value : parseSize(value)))
  .refine((bytes) => bytes > 0 && bytes <= MAX_STATE_SIZE_LIMIT, {
    error: 'expected a size above zero and at most 512MiB (a larger state cannot be read as text)',
  });

const nonEmpty = z.string().min(1);

const stateEntry = z.union([
  nonEmpty,
  z.strictObject({ location: nonEmpty, name: nonEmpty.optional(), workspace: nonEmpty.optional() }),
]);

const resourceType = z.string().regex(/^[a-z][a-z0-9]*_[a-z0-9_]+\*?$/, {
  error: 'expected a Terraform resource type such as aws_instance (a trailing * matches a prefix)',
});

const awsScope = z.strictObject({
  accounts: z.array(z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' })).optional(),
  regions: z
    .array(z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, { error: 'expected an AWS region such as eu-west-1' }))
    .optional(),
  profile: nonEmpty.optional(),
  assume_role: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, {
      error: 'expected an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)',
    })
    .optional(),
  /** Types whose per-resource attributes (no bulk API) are read in this environment's scopes (`--deep` reads all). */
  deep: z.array(resourceType).optional(),
  /** Passed as ExternalId to every AssumeRole of this environment (`assume_role`, organization members). */
  external_id: z
    .string()
    .regex(/^[\w+=,.@:/-]{2,1224}$/, { error: 'expected an external id: 2 to 1224 of letters, digits and +=,.@:/-' })
    .optional(),
  /** Also every ACTIVE account AWS Organizations lists, each entered through `assume_role`. */
  organization: z.boolean().optional(),
});

/** An organization's members can only be entered through a role: `assume_role` names it. */
const awsScopeChecked = awsScope.superRefine((aws, ctx) => {
  if (aws.organization === true && aws.assume_role === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['organization'],
      message: 'organization: true needs assume_role (the role to enter each member account through)',
    });
});

/** Which vSphere objects belong to an environment: any listed datacenter, cluster, folder glob or `category/tag`. */
const vsphereScope = z.strictObject({
  datacenters: z.array(nonEmpty).optional(),
  clusters: z.array(nonEmpty).optional(),
  folders: z.array(nonEmpty).optional(),
  tags: z
    .array(z.string().regex(/^[^/]+\/[^/]+$/, { error: 'expected CATEGORY/TAG, for example env/prod' }))
    .optional(),
  /** Reverts that need the VM powered off (CPU or memory without hot-add) may power it off here. */
  allow_power_off: z.boolean().optional(),
});

/** `vsphere:`: the vCenter (or ESXi) to observe. The password comes from the environment only. */
const vsphereConnection = z.strictObject({
  server: nonEmpty.optional(),
  user: nonEmpty.optional(),
  password_env: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable' })
    .optional(),
  insecure: z.boolean().optional(),
  ca_file: nonEmpty.optional(),
  timeout_seconds: z.number().int().min(1).max(3600).optional(),
  datacenters: z.array(nonEmpty).optional(),
});

const environment = z.strictObject({
  tier: z.enum(TIERS),
  mode: z.enum(MODES).optional(),
  states: z.array(stateEntry).optional(),
  aws: awsScopeChecked.optional(),
  vsphere: vsphereScope.optional(),
  shared: z.array(nonEmpty).optional(),
  /** The environment's Terraform root directory (the server's version comparison reads it). */
  code: nonEmpty.optional(),
});

export const STRATEGIES = ['revert', 'prune', 'codify', 'notify'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** `reconcile:`: what the reconciler and the controller may do (src/actions). */
const reconcileSchema = z.strictObject({
  strategies: z
    .array(
      z.strictObject({
        environment: nonEmpty.optional(),
        type: resourceType.optional(),
        kind: z.enum(DRIFT_KINDS).optional(),
        strategy: z.enum(STRATEGIES),
      }),
    )
    .optional(),
  prune: z.array(z.strictObject({ environment: nonEmpty.optional(), types: z.array(resourceType).min(1) })).optional(),
  revert_instance_type: z.union([z.boolean(), z.array(nonEmpty)]).optional(),
  max_actions_per_run: z.number().int().min(1).optional(),
  approval_above: z.number().min(0).max(100).optional(),
  interval: duration.optional(),
});

const envVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable' });
const httpUrl = z.string().regex(/^https?:\/\/[^\s/]+/, { error: 'expected an http(s):// URL' });

/** `server:`: `driftwarden server` (resolved in server.ts). */
const serverSchema = z.strictObject({
  listen: z
    .string()
    .regex(/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
      error: 'expected HOST:PORT, for example 127.0.0.1:8080',
    })
    .optional(),
  /** Where people reach the server; the OIDC redirect URI is <public_url>/auth/callback. */
  public_url: httpUrl.optional(),
  tls: z.strictObject({ cert: nonEmpty, key: nonEmpty }).optional(),
  session_ttl: duration.optional(),
  oidc: z
    .strictObject({
      issuer: httpUrl,
      client_id: nonEmpty,
      client_secret_env: envVarName.optional(),
      scopes: z.array(nonEmpty).optional(),
      groups_claim: nonEmpty.optional(),
    })
    .optional(),
  roles: z
    .strictObject({
      admin: z.array(nonEmpty).optional(),
      operator: z.array(nonEmpty).optional(),
      viewer: z.array(nonEmpty).optional(),
    })
    .optional(),
});

/**
 * `notifications:` (resolved in notifications.ts). URLs and secrets may come from the environment
 * or a file, so that the file itself holds none (a Slack incoming-webhook URL is a secret).
 */
const webhookSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'webhook names use letters, digits, - and _' }),
    format: z.enum(['generic', 'slack']).optional(),
    url: httpUrl.optional(),
    url_env: envVarName.optional(),
    url_file: nonEmpty.optional(),
    secret_env: envVarName.optional(),
    secret_file: nonEmpty.optional(),
    events: z
      .array(z.enum(['finding', 'breakglass', 'reconcile', 'controller']))
      .min(1)
      .optional(),
    min_severity: z.enum(SEVERITIES).optional(),
  })
  .refine((w) => [w.url, w.url_env, w.url_file].filter((v) => v !== undefined).length === 1, {
    error: 'give exactly one of url, url_env and url_file',
  })
  .refine((w) => w.secret_env === undefined || w.secret_file === undefined, {
    error: 'give secret_env or secret_file, not both',
  })
  .refine((w) => (w.format ?? 'generic') !== 'generic' || w.secret_env !== undefined || w.secret_file !== undefined, {
    error: 'a generic webhook signs its body: give secret_env or secret_file',
  });
const notificationsSchema = z.strictObject({
  min_severity: z.enum(SEVERITIES).optional(),
  attempts: z.number().int().min(1).max(10).optional(),
  backoff: duration.optional(),
  max_backoff: duration.optional(),
  timeout: duration.optional(),
  webhooks: z.array(webhookSchema).min(1),
});

export const rawConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  // A file path or a postgres:// URL; or { path } (SQLite) or { url } (PostgreSQL).
  store: z
    .union([
      nonEmpty,
      z.strictObject({
        path: nonEmpty.optional(),
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//)
          .optional(),
      }),
    ])
    .optional(),
  environments: z
    .record(
      z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'environment names use letters, digits, - and _' }),
      environment,
    )
    .refine((envs) => Object.keys(envs).length > 0, { error: 'at least one environment is required' }),
  ignore: z.array(nonEmpty).optional(),
  fail_on: z
    .strictObject({
      kinds: z.array(z.enum(DRIFT_KINDS)).optional(),
      severity: z.enum(SEVERITIES).optional(),
      not_covered: z.boolean().optional(),
    })
    .optional(),
  pipeline_principals: z.array(nonEmpty).optional(),
  attribution: z
    .strictObject({
      trail_bucket: nonEmpty.optional(),
      trail_prefix: z.string().optional(),
      trail_bucket_region: nonEmpty.optional(),
      days: z.number().int().min(1).max(90).optional(),
      lookup_events: z.boolean().optional(),
    })
    .optional(),
  breakglass: z
    .strictObject({
      max_ttl: z.partialRecord(z.enum([...TIERS, 'default']), duration).optional(),
    })
    .optional(),
  reconcile: reconcileSchema.optional(),
  /** How much reading a state or plan may take (sources/terraform/limits.ts). */
  limits: z
    .strictObject({
      max_state_size: size.optional(),
      backend_connect_timeout: duration.optional(),
      backend_first_byte_timeout: duration.optional(),
      backend_transfer_timeout: duration.optional(),
    })
    .optional(),
  vsphere: vsphereConnection.optional(),
  server: serverSchema.optional(),
  notifications: notificationsSchema.optional(),
});

export type RawConfig = z.infer<typeof rawConfigSchema>;

/** One state to read. `location` is an s3:// or http(s):// URL, or an absolute local path. */
export interface StateRef {
  readonly location: string;
  /** Unique within the environment; defaults to the file name without `.tfstate`. */
  readonly name: string;
  readonly workspace?: string;
}

export interface AwsScopeConfig {
  /** Empty means: the account the credentials belong to. */
  readonly accounts: ReadonlyArray<string>;
  /** Empty means: the region the SDK resolves (AWS_REGION, profile). */
  readonly regions: ReadonlyArray<string>;
  readonly profile?: string;
  readonly assumeRole?: string;
  /** Types read deeply (per-resource calls) in these accounts and regions; a trailing `*` matches a prefix. */
  readonly deep?: ReadonlyArray<string>;
  /** ExternalId of every AssumeRole in this environment. */
  readonly externalId?: string;
  /** Every ACTIVE member of the AWS Organization is scanned too (through `assumeRole`). */
  readonly organization?: boolean;
}

export interface VsphereScopeConfig {
  readonly datacenters: ReadonlyArray<string>;
  readonly clusters: ReadonlyArray<string>;
  /** Folder globs relative to the datacenter's VM folder (`prod/**`). */
  readonly folders: ReadonlyArray<string>;
  /** `category/tag` names. */
  readonly tags: ReadonlyArray<string>;
  readonly allowPowerOff: boolean;
}

/** The vCenter connection (`vsphere:`); the password is never part of the config. */
export interface VsphereConnectionConfig {
  readonly server?: string;
  readonly user?: string;
  /** The environment variable holding the password (default VSPHERE_PASSWORD). */
  readonly passwordEnv: string;
  readonly insecure: boolean;
  /** Absolute path. */
  readonly caFile?: string;
  readonly timeoutSeconds?: number;
  readonly datacenters: ReadonlyArray<string>;
}

export interface EnvironmentConfig {
  readonly name: string;
  readonly tier: Tier;
  /** `audit` (default): report only. `enforce`: the controller may act without approval. */
  readonly mode: Mode;
  readonly states: ReadonlyArray<StateRef>;
  readonly aws?: AwsScopeConfig;
  readonly vsphere?: VsphereScopeConfig;
  /** Address globs (address-glob.ts syntax) counted as shared infrastructure. */
  readonly shared: ReadonlyArray<string>;
  /** Absolute path of the environment's Terraform root directory, when configured. */
  readonly code?: string;
}

export interface DriftwardenConfig {
  /** Absolute path of the file this came from. */
  readonly file: string;
  /** Directory relative paths were resolved against. */
  readonly baseDir: string;
  readonly version: 1;
  /**
   * The Driftwarden database: an absolute SQLite file path, or a postgres:// URL (which may hold a
   * password: never print it; src/store redacts it for messages).
   */
  readonly storeLocation: string;
  /** In file order; keys are environment names. */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  /**
   * The config's `ignore:` list, then the rules of a `.driftignore` beside the config when one
   * exists (so the file's rules win over the config's). Each rule names its file and line.
   */
  readonly ignoreRules: ReadonlyArray<IgnoreRule>;
  readonly failOn: {
    readonly kinds: ReadonlyArray<DriftKind>;
    readonly severity: Severity;
    /** fail_on.not_covered: resources no observer covers make the scan exit 2. */
    readonly notCovered?: boolean;
  };
  readonly pipelinePrincipals: ReadonlyArray<string>;
  /** Where to look for who made each change (CloudTrail). */
  readonly attribution: AttributionConfig;
  /** Maximum break-glass duration per tier, in milliseconds; `default` covers the other tiers. */
  readonly breakglass: { readonly maxTtlMs: Readonly<Partial<Record<Tier, number>>> & { readonly default: number } };
  /** `vsphere:`, when vSphere is configured. */
  readonly vsphere?: VsphereConnectionConfig;
  /** `notifications:` (src/config/notifications.ts); absent when the file has none. */
  readonly notifications?: NotificationsConfig;
  /** `server:` (src/config/server.ts); absent when the file has none. */
  readonly server?: ServerConfig;
  /** `reconcile:`; absent in configs built by hand (tests): reconcileSettings() gives the defaults. */
  readonly reconcile?: ReconcileConfig;
  /** `limits:`; absent in configs built by hand (tests): readLimits() gives the defaults. */
  readonly limits?: ReadLimits;
}

/** One strategy rule; the first rule whose environment, type and kind all match wins. */
export interface StrategyRule {
  readonly environment?: string;
  /** Exact type, or a prefix ending in `*`. */
  readonly type?: string;
  readonly kind?: DriftKind;
  readonly strategy: Strategy;
}

export interface ReconcileConfig {
  readonly strategies: ReadonlyArray<StrategyRule>;
  /** Pruning is off unless a rule names the type (and the environment, when given). */
  readonly prune: ReadonlyArray<{ readonly environment?: string; readonly types: ReadonlyArray<string> }>;
  /** Instance type reverts stop and start the instance: true, or the environments allowed. */
  readonly revertInstanceType: boolean | ReadonlyArray<string>;
  /** Findings acted on per run at most; the rest wait for the next run. */
  readonly maxActionsPerRun: number;
  /** Blast-radius score (0..100) above which a finding needs an explicit approval. */
  readonly approvalAbove: number;
  /** The controller's default interval, in milliseconds. */
  readonly intervalMs: number;
}

export const DEFAULT_RECONCILE: ReconcileConfig = {
  strategies: [],
  prune: [],
  revertInstanceType: false,
  maxActionsPerRun: 20,
  approvalAbove: 75,
  intervalMs: 60_000,
};

export function reconcileSettings(config: DriftwardenConfig | undefined): ReconcileConfig {
  return config?.reconcile ?? DEFAULT_RECONCILE;
}

export function readLimits(config: DriftwardenConfig | undefined): ReadLimits {
  return config?.limits ?? DEFAULT_READ_LIMITS;
}

export interface AttributionConfig {
  /** The S3 bucket a CloudTrail trail delivers its log files to; unset: the S3 source is not read. */
  readonly trailBucket?: string;
  readonly trailPrefix?: string;
  readonly trailBucketRegion?: string;
  /** How many days back to look (default 7). */
  readonly days: number;
  /** Ask the LookupEvents API as well (default true). */
  readonly lookupEvents: boolean;
}

export const DEFAULT_STORE_PATH = '.driftwarden/history.db';
export { DEFAULT_BREAKGLASS_TTL_MS, maxBreakglassTtlMs } from './breakglass-limits.js';
