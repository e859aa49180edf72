/**
 * What the reconciler may do to a resource type, declared per type beside the catalogue: which
 * attributes a `revert` can put back, and how an unmanaged resource is pruned. Planning is pure
 * (finding in, API calls out); execute.ts sends the calls through the SDK.
 */
import type { Finding } from '../../model/finding.js';
import type { AwsServiceName } from '../../observers/aws/client.js';

/** One API call of a plan, exactly as it will be sent (`input` is the SDK command input). */
export interface ApiCall {
  readonly service: AwsServiceName;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The region to call; `global` for IAM. */
  readonly region: string;
  /** What the executor does around the call (a wait, a merge), shown in the plan. */
  readonly note?: string;
}

export interface PlanContext {
  /** Region for resources whose finding carries none (S3 buckets): the first scanned region. */
  readonly defaultRegion: string;
  /** Ids of managed resources of a type (from the dependency graph), to tell a managed role. */
  managedIds(type: string): ReadonlySet<string> | undefined;
  /** `reconcile.revert_instance_type` for the finding's environment. */
  readonly instanceTypeRevert: boolean;
}

/** Calls to make, or why this finding cannot be handled. */
export type PlannedCalls = { readonly calls: ReadonlyArray<ApiCall> } | { readonly unsupported: string };

export interface TypeActions {
  readonly type: string;
  readonly revert?: {
    /** Attribute paths (or prefixes: `tags`, `versioning_configuration`) it can put back. */
    readonly attributes: ReadonlyArray<string>;
    /** True when an `unmanaged` finding of this type is reverted (an attachment on a managed role). */
    readonly unmanaged?: boolean;
    plan(finding: Finding, ctx: PlanContext): PlannedCalls;
  };
  readonly prune?: { plan(finding: Finding, ctx: PlanContext): PlannedCalls };
}

export function regionOf(finding: Finding, ctx: PlanContext): string {
  const region = finding.resource.region;
  return region === undefined || region === '' ? ctx.defaultRegion : region;
}

/** True when `path` is one of `attributes` or lies under one (`tags.Name` under `tags`). */
export function coveredPath(path: string, attributes: ReadonlyArray<string>): boolean {
  return attributes.some((a) => path === a || path.startsWith(`${a}.`) || path.startsWith(`${a}[`));
}
