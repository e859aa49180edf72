/**
 * The provider-neutral part of a catalogue entry: everything Driftwarden knows about one Terraform
 * resource type that does not depend on how the type is listed. Each provider's entry
 * (src/observers/aws/catalogue, src/observers/vsphere/catalogue) extends `CatalogueEntry` with its
 * listing and mapping; the engine, the reconciler and codify read only this part.
 *
 * Invariants:
 *   - a type string is defined by exactly one entry, in exactly one provider's catalogue;
 *   - `semanticsOf` gives the engine data only (no function, no provider field), so the engine stays
 *     pure and a new entry field never leaks into the compare rules by accident;
 *   - revert and prune plans are pure (finding in, calls out); the provider's executor sends them.
 */
import type { Finding } from './finding.js';
import type { SemanticsLookup, TypeSemantics } from './semantics.js';

/** One live object mapped to the provider's id and attribute names (each provider adds its own fields). */
export interface ObservedItemBase {
  /** The provider's `id` for this type (what `terraform import` takes, unless the entry says otherwise). */
  readonly id: string;
  readonly attributes: Record<string, unknown>;
  /**
   * Set when this item is expected to exist without any state managing it (the default VPC, a
   * service-linked role): why it is not `unmanaged`. The item is still observed, never dropped.
   */
  readonly noise?: string;
}

/**
 * One API call of a revert or prune plan, exactly as it will be sent: plain data, saved in plan files
 * and in the audit log. Each provider narrows `service` and types `input` (observers/aws/calls.ts).
 */
export interface ApiCall {
  readonly service: string;
  /** The operation as the provider's SDK names it (`RevokeSecurityGroupIngress`). */
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The region to call; `global` for account-wide services (IAM). */
  readonly region: string;
  /** What the executor does around the call (a wait, a merge), shown in the plan. */
  readonly note?: string;
  /** A step the type's entry declares, run before the call; it may complete the input (a merge). */
  readonly before?: string;
  /** A step the type's entry declares, run after the call (a wait). */
  readonly after?: string;
  /**
   * Puts back what an earlier call of the same item changed on the way (a VM powered on again
   * after the plan powered it off). Recovery makes such a call even when the drift is already
   * gone, since a run that died just before it left the object worse than it found it. Its
   * executor must be idempotent (it re-reads the object and skips what is already so).
   */
  readonly finishing?: true;
}

/** True when `path` is one of `attributes` or lies under one (`tags.Name` under `tags`). */
export function coveredPath(path: string, attributes: ReadonlyArray<string>): boolean {
  return attributes.some((a) => path === a || path.startsWith(`${a}.`) || path.startsWith(`${a}[`));
}

/** What a revert or prune plan may consult besides the finding. */
export interface PlanContext {
  /** Region for resources whose finding carries none (S3 buckets): the first scanned region. */
  readonly defaultRegion: string;
  /** Ids of managed resources of a type (from the dependency graph), to tell a managed role. */
  managedIds(type: string): ReadonlySet<string> | undefined;
  /** `reconcile.revert_instance_type` for the finding's environment. */
  readonly instanceTypeRevert: boolean;
  /** `environments.<env>.vsphere.allow_power_off` for the finding's environment (a revert may power a VM off). */
  readonly vspherePowerOff?: boolean;
}

/** Calls to make, or why this finding cannot be handled. */
export type PlannedCalls<Call> = { readonly calls: ReadonlyArray<Call> } | { readonly unsupported: string };

export interface RevertDeclaration<Call> {
  /** Attribute paths (or prefixes: `tags`, `versioning_configuration`) it can put back. */
  readonly attributes: ReadonlyArray<string>;
  /** True when an `unmanaged` finding of this type is reverted (an attachment on a managed role). */
  readonly unmanaged?: boolean;
  plan(finding: Finding, ctx: PlanContext): PlannedCalls<Call>;
}

export interface PruneDeclaration<Call> {
  plan(finding: Finding, ctx: PlanContext): PlannedCalls<Call>;
}

/** One provider argument written into a resource block by codify. */
export interface ArgumentSpec {
  readonly name: string;
  /** Written even when empty. */
  readonly required?: boolean;
  /** The provider's default: a value equal to it is not written. */
  readonly default?: unknown;
  /** A JSON document (IAM policy): written as `jsonencode(...)`. */
  readonly json?: boolean;
  /** A list of objects written as repeated nested blocks (`ingress { ... }`), with these fields. */
  readonly block?: ReadonlyArray<ArgumentSpec>;
  /** Written only when this holds for the resource's attributes (`iops` only for io1/io2/gp3). */
  readonly when?: (attributes: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * How the type is written as code: the arguments a resource block needs so that `terraform plan`
 * after the import shows no change (required and meaningful optional ones, in the order a person
 * writes them). Computed-only attributes (arn, id, ...) and secrets are never listed; values equal
 * to the provider's default are left out.
 */
export interface CodifyDeclaration {
  readonly arguments: ReadonlyArray<ArgumentSpec>;
  /**
   * The id `terraform import` takes, when it is not the provider's id (a vSphere VM is imported by
   * its inventory path `/DC/vm/folder/name`, though its id is the BIOS uuid).
   */
  importId?(observed: CodifySubject): string;
  /**
   * The attributes as the resource block needs them, when they differ from the observed ones (the
   * provider's importer labels a VM's disks `disk0`, `disk1`, ... in bus order, and the block must
   * use the same labels). Pure; the observed attributes are never changed.
   */
  prepare?(attributes: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>;
}

/** What codify knows of an observed resource: its id, its region (a vSphere datacenter) and attributes. */
export interface CodifySubject {
  readonly id: string;
  readonly region?: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface CatalogueEntry<Call extends ApiCall = ApiCall> extends TypeSemantics {
  readonly type: string;
  /** Audit-trail event names that change this type (CloudTrail for AWS), for attribution. */
  readonly trailEvents?: ReadonlyArray<string>;
  /** Why this type is supported only partly (an emulator gap, an API limit), for the README table. */
  readonly limitations?: string;
  /** What a revert can put back; absent: findings of this type are never reverted. */
  readonly revert?: RevertDeclaration<Call>;
  /** How an unmanaged resource of this type is deleted; absent: never pruned. */
  readonly prune?: PruneDeclaration<Call>;
  /** How the type is written as code; absent: codify skips it (`unsupported-type`). */
  readonly codify?: CodifyDeclaration;
}

/** The keys of TypeSemantics: the only fields the engine ever sees (a new key fails to compile until listed). */
const SEMANTIC_KEY_SET: Readonly<Record<keyof TypeSemantics, true>> = {
  type: true,
  sets: true,
  json: true,
  orderedJson: true,
  arnOrName: true,
  caseInsensitive: true,
  computed: true,
  unread: true,
  defaults: true,
  policy: true,
  forcesReplacement: true,
  policyType: true,
  identityAttributes: true,
  recordedKeysOnly: true,
  secretAttributes: true,
};
const SEMANTIC_KEYS = Object.keys(SEMANTIC_KEY_SET) as ReadonlyArray<keyof TypeSemantics>;

/** The compare semantics of an entry as plain data (the engine's view). */
export function semanticsOf(entry: TypeSemantics): TypeSemantics {
  const out: Record<string, unknown> = {};
  for (const key of SEMANTIC_KEYS) if (entry[key] !== undefined) out[key] = entry[key];
  return out as unknown as TypeSemantics;
}

/**
 * One semantics lookup over the catalogues of every provider. Built once: the engine asks for every
 * resource and caches by object identity. Throws when two catalogues define the same type.
 */
export function semanticsLookup(...catalogues: ReadonlyArray<ReadonlyArray<TypeSemantics>>): SemanticsLookup {
  const byType = new Map<string, TypeSemantics>();
  for (const entry of catalogues.flat()) {
    if (byType.has(entry.type)) throw new Error(`catalogue type ${entry.type} is defined twice`);
    byType.set(entry.type, semanticsOf(entry));
  }
  return (type) => byType.get(type);
}
