/**
 * Live AWS observation options from the command line and the configuration. Observation is live
 * when asked for (--aws, --region, --account) or when a selected environment has an `aws:` block.
 * Regions: --region, else the config's, else AWS_REGION / AWS_DEFAULT_REGION.
 * Accounts: --account (an id, `profile:NAME`, or a role ARN to assume), else the config's
 * (`assume_role` is applied to every listed account: its account id is replaced by each one, with
 * `external_id`); `organization: true` adds every ACTIVE member AWS Organizations lists at scan time.
 * Attribution (CloudTrail) is on unless --no-attribution: LookupEvents, plus the trail bucket from
 * --trail-bucket or the config's `attribution:`.
 */
import { DriftwardenError } from '../model/errors.js';
import { parseDuration } from '../config/duration.js';
import type { DriftwardenConfig } from '../config/schema.js';
import type { AwsAccountSpec } from '../observers/aws/client.js';
import type { DeepRule } from '../observers/aws/observe.js';
import { memberRoleArn, type OrganizationSpec } from '../observers/aws/member-role.js';
import type { AttributionOptions, LiveAwsOptions } from '../scan/run.js';

export interface AwsFlags {
  readonly aws?: boolean;
  readonly region: string[];
  readonly account: string[];
  readonly type: string[];
  readonly tag: string[];
  readonly concurrency?: number;
  /** Read every type's per-resource attributes (`--deep`), in every scope. */
  readonly deep?: boolean;
  readonly callTimeout?: string;
  readonly scanTimeout?: string;
  readonly env: string[];
  readonly attribution: boolean;
  readonly trailBucket?: string;
  readonly trailPrefix?: string;
  readonly attributionDays?: number;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/;

export function parseAccountSpec(spec: string): AwsAccountSpec {
  if (/^\d{12}$/.test(spec)) return { account: spec };
  if (spec.startsWith('profile:') && spec.length > 8) return { profile: spec.slice(8) };
  const role = ROLE_ARN.exec(spec);
  if (role) return { account: role[1]!, roleArn: spec };
  throw new DriftwardenError('usage', `--account "${spec}" is not an account id, profile:NAME or role ARN`, {
    key: '--account',
    nextStep:
      'for example --account 123456789012, --account profile:prod or --account arn:aws:iam::123456789012:role/drift-reader',
  });
}

/** `--call-timeout 30s`: a duration flag, or a usage error naming it. */
function durationFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(?:\d+[smhd])+$/.test(value) || parseDuration(value) <= 0) {
    throw new DriftwardenError('usage', `${flag} "${value}" is not a duration`, {
      key: flag,
      nextStep: `for example ${flag} 30s or ${flag} 10m`,
    });
  }
  return parseDuration(value);
}

function parseTags(tags: ReadonlyArray<string>): Record<string, string> | undefined {
  if (tags.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const tag of tags) {
    const eq = tag.indexOf('=');
    if (eq <= 0) throw new DriftwardenError('usage', `--tag "${tag}" must be KEY=VALUE`, { key: '--tag' });
    out[tag.slice(0, eq)] = tag.slice(eq + 1);
  }
  return out;
}

export async function liveAwsOptions(
  flags: AwsFlags,
  config: DriftwardenConfig | undefined,
  env: NodeJS.ProcessEnv,
): Promise<LiveAwsOptions | undefined> {
  const environments = Object.values(config?.environments ?? {}).filter(
    (e) => e.aws !== undefined && (flags.env.length === 0 || flags.env.includes(e.name)),
  );
  const asked = Boolean(flags.aws) || flags.region.length > 0 || flags.account.length > 0;
  if (!asked && environments.length === 0) return undefined;

  let regions = flags.region;
  if (regions.length === 0) regions = [...new Set(environments.flatMap((e) => e.aws!.regions))];
  if (regions.length === 0) {
    const fromEnv = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
    if (fromEnv) regions = [fromEnv];
  }
  if (regions.length === 0) {
    throw new DriftwardenError('usage', 'no AWS region to observe', {
      nextStep: 'pass --region, set AWS_REGION, or list regions under aws: in driftwarden.yaml',
    });
  }

  let accounts: AwsAccountSpec[] = flags.account.map(parseAccountSpec);
  let organization: OrganizationSpec | undefined;
  if (accounts.length === 0) {
    for (const e of environments) {
      const aws = e.aws!;
      const externalId = aws.assumeRole && aws.externalId ? { externalId: aws.externalId } : {};
      // The first organization environment names the organization (one per scan): its members are
      // listed when the scan runs, and the accounts it names by id are scanned whatever the listing says.
      if (aws.organization && aws.assumeRole && organization === undefined)
        organization = {
          roleArn: aws.assumeRole,
          ...externalId,
          ...(aws.profile ? { profile: aws.profile } : {}),
        };
      if (aws.accounts.length === 0) {
        if (aws.organization) continue;
        accounts.push({
          ...(aws.profile ? { profile: aws.profile } : {}),
          ...(aws.assumeRole ? { roleArn: aws.assumeRole } : {}),
          ...externalId,
        });
        continue;
      }
      for (const account of aws.accounts) {
        accounts.push({
          account,
          ...(aws.profile ? { profile: aws.profile } : {}),
          ...(aws.assumeRole ? { roleArn: memberRoleArn(aws.assumeRole, account) } : {}),
          ...externalId,
        });
      }
    }
  }
  // The same account listed by two environments is observed once.
  const seen = new Set<string>();
  accounts = accounts.filter((a) => {
    const key = JSON.stringify([a.account, a.profile, a.roleArn]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const tagFilters = parseTags(flags.tag);
  const callTimeoutMs = durationFlag(flags.callTimeout, '--call-timeout');
  const scanTimeoutMs = durationFlag(flags.scanTimeout, '--scan-timeout');
  const configured = config?.attribution;
  const days = flags.attributionDays ?? configured?.days ?? 7;
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw new DriftwardenError('usage', `--attribution-days must be a whole number from 1 to 90`, {
      key: '--attribution-days',
    });
  }
  const trailBucket = flags.trailBucket ?? configured?.trailBucket;
  const trailPrefix = flags.trailPrefix ?? configured?.trailPrefix;
  const attribution: AttributionOptions | undefined = flags.attribution
    ? {
        days,
        lookupEvents: configured?.lookupEvents ?? true,
        pipelinePrincipals: config?.pipelinePrincipals ?? [],
        ...(trailBucket !== undefined ? { trailBucket } : {}),
        ...(trailPrefix !== undefined ? { trailPrefix } : {}),
        ...(configured?.trailBucketRegion !== undefined ? { trailBucketRegion: configured.trailBucketRegion } : {}),
      }
    : undefined;
  // --deep reads every type everywhere; otherwise each environment's `aws.deep` types, in its scopes.
  const deep: DeepRule[] = flags.deep
    ? [{ types: ['*'], accounts: [], regions: [] }]
    : environments
        .filter((e) => (e.aws!.deep ?? []).length > 0)
        .map((e) => ({ types: e.aws!.deep!, accounts: e.aws!.accounts, regions: e.aws!.regions }));
  return {
    ...(attribution ? { attribution } : {}),
    ...(deep.length > 0 ? { deep } : {}),
    regions,
    accounts,
    ...(organization ? { organization } : {}),
    ...(flags.type.length > 0 ? { types: flags.type } : {}),
    ...(tagFilters ? { tagFilters } : {}),
    ...(flags.concurrency !== undefined && Number.isFinite(flags.concurrency)
      ? { concurrency: flags.concurrency }
      : {}),
    ...(callTimeoutMs !== undefined ? { callTimeoutMs } : {}),
    ...(scanTimeoutMs !== undefined ? { scanTimeoutMs } : {}),
  };
}
