/**
 * Resources as every layer sees them. A resource is keyed by its Terraform address
 * (`module.net.aws_subnet.a["eu-west-1a"]`, `aws_instance.web[2]`); observed resources that no
 * state manages get a synthetic address `<type>."<cloud id>"` (liveAddress: never a Terraform
 * address) and `managed: false` is decided by the
 * engine, never by the observer.
 */

/** A path into a resource's attributes, as in plan JSON masks: keys and list indices. */
export type AttributePath = ReadonlyArray<string | number>;

export type ResourceMode = 'managed' | 'data';

export interface Resource {
  /** Terraform address, unique within its snapshot (state prefixes are added when states are merged). */
  readonly address: string;
  readonly mode: ResourceMode;
  /** Terraform resource type, for example `aws_security_group`. */
  readonly type: string;
  /** Provider configuration address, for example `provider["registry.terraform.io/hashicorp/aws"].euw1`. */
  readonly provider: string;
  /** The cloud identity the provider uses (the `id` attribute), when known. */
  readonly id?: string;
  /** Account and region scope; undefined when the source cannot tell. */
  readonly account?: string;
  readonly region?: string;
  /**
   * Observed resources only: `existence` when a generic listing (the tagging API tier) saw it: its
   * identity is known, its attributes are not comparable. Absent: full fidelity.
   */
  readonly fidelity?: 'existence';
  /** Attribute values with the provider's names and shapes. May contain secrets: never print it. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /**
   * Observed resources only: paths (formatPath) where the API returned no value and the provider
   * keeps the recorded one (src/observers/aws/catalogue/omitted.ts). Their attributes hold
   * `undefined`; the engine does not compare them and records a `not-returned:<path>` suppression.
   */
  readonly notReturned?: ReadonlyArray<NotReturnedPath>;
  /**
   * Paths whose values are sensitive (state `sensitive_attributes`, plan `*_sensitive` masks).
   * Values under these paths never leave the engine: findings carry `(sensitive)` instead.
   */
  readonly sensitivePaths: ReadonlyArray<AttributePath>;
  /** Addresses this resource depends on (state `dependencies`). */
  readonly dependencies: ReadonlyArray<string>;
  /** Environment name from the config (or the state's workspace); `default` when unknown. */
  readonly environment: string;
  /** Where the record came from (state location or plan file), for messages and reports. */
  readonly source?: string;
}

/** A value the API did not return, with why it is therefore not compared. */
export interface NotReturnedPath {
  readonly path: AttributePath;
  readonly why: string;
}

/** The scope an observation covers: one resource type in one account and region. */
export interface Scope {
  readonly type: string;
  readonly account: string;
  readonly region: string;
}

export function scopeKey(scope: Scope): string {
  return `${scope.type}/${scope.account}/${scope.region}`;
}

/**
 * A scope that could not be fully observed, and why. Nothing in it may become `missing`. `account`
 * is the account the scope was meant to observe (from the config, the role ARN, STS or the
 * record's ARNs); UNKNOWN_ACCOUNT only when nothing tells it, and then the scope stands for every
 * account (nothing of its type may be concluded anywhere).
 */
export interface IncompleteScope extends Scope {
  readonly reason: string;
  /** Machine-readable cause: `access-denied`, `throttled`, `unsupported`, `endpoint`, `timeout`, `unattributable`, `error`. */
  readonly code: string;
  /** What the user can do about it. */
  readonly nextStep?: string;
}

/** The account of an incomplete scope whose account nothing could tell: it matches every account. */
export const UNKNOWN_ACCOUNT = 'unknown';

export type Layer = 'desired' | 'recorded' | 'observed';

/**
 * One layer's view. `completeScopes` (observed layer only) lists the scopes that were listed
 * completely with full fidelity; `existenceScopes` the scopes a generic listing (the tagging API
 * tier) covered completely; `incompleteScopes` carries the reason for each scope that failed. A
 * recorded resource in no complete scope is never missing.
 */
export interface Snapshot {
  readonly layer: Layer;
  readonly resources: ReadonlyArray<Resource>;
  readonly completeScopes: ReadonlyArray<Scope>;
  readonly incompleteScopes: ReadonlyArray<IncompleteScope>;
  readonly existenceScopes?: ReadonlyArray<Scope>;
  /**
   * True only for a plan's refresh: Terraform read each managed resource of the record, keyed by
   * its address, so observed pairs with recorded BY ADDRESS (the one place that may), every
   * recorded resource counts as checked, and one absent from `resources` is missing. A live
   * listing never sets it: there, pairing is by cloud identity only.
   */
  readonly refreshOfRecord?: boolean;
}

export function formatPath(path: AttributePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
