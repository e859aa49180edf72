/**
 * Findings: the engine's output, the input of reports, the store and actions. A finding holds
 * values only (never rendered strings) and never a secret: values under sensitive paths are
 * replaced by `SENSITIVE` before a finding is built.
 */

export const DRIFT_KINDS = ['configuration', 'unmanaged', 'missing', 'policy', 'version'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The placeholder every output shows instead of a secret value. */
export const SENSITIVE = '(sensitive)';

/** One attribute that differs. `path` is Terraform-style: `ingress`, `tags.Name`, `ebs_block_device[0].volume_size`. */
export interface AttributeChange {
  readonly path: string;
  /** Value in the record (state), or SENSITIVE. Undefined when the record has no value. */
  readonly recorded: unknown;
  /** Value observed, or SENSITIVE. Undefined when the observation has no value. */
  readonly observed: unknown;
  readonly sensitive: boolean;
  /** For unordered sets: elements present only in the observation / only in the record. */
  readonly added?: ReadonlyArray<unknown>;
  readonly removed?: ReadonlyArray<unknown>;
  /** True when this attribute is relevant to access or exposure (policy drift). */
  readonly policy?: boolean;
}

/** What the next `terraform apply` would do to put the resource back to the record. */
export type ApplyAction = 'no-op' | 'update' | 'replace' | 'delete' | 'create' | 'unknown';

export interface ApplyImpact {
  readonly action: ApplyAction;
  /** Attribute paths that force replacement (plan `replace_paths`, or the catalogue). */
  readonly replacePaths: ReadonlyArray<string>;
  /** Plan `action_reason`, when the plan gives one. */
  readonly reason?: string;
  /** Where the answer comes from: the plan's `resource_changes`, or Driftwarden's own rules. */
  readonly source: 'plan' | 'rules';
  /**
   * Resources a replacement forces changes on (transitive dependents across every state), nearest
   * first. Set only when `action` is `replace`; from the plan's resource_changes when a plan is given.
   */
  readonly cascade?: ReadonlyArray<string>;
  /** Why each `cascade` address is affected, by address ("uses sg-0abc in vpc_security_group_ids"). */
  readonly cascadeReasons?: Readonly<Record<string, string>>;
}

export const BLAST_RADIUS_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type BlastRadiusLevel = (typeof BLAST_RADIUS_LEVELS)[number];

/** One input of a blast-radius score: `contribution = value * weight * 100` points. */
export interface BlastRadiusFactor {
  /** `tier`, `shared`, `centrality`, `severity`, `kind` or `impact`. */
  readonly name: string;
  /** How strongly this factor applies, 0..1. */
  readonly value: number;
  /** Its share of the score, 0..1; the weights of one score sum to 1. */
  readonly weight: number;
  /** Points it adds to the score (0..100 in total), rounded to one decimal. */
  readonly contribution: number;
  /** Plain text: why the value is what it is. */
  readonly why: string;
}

/** How far the damage of a drift (and of putting it right) would spread; see docs/blast-radius.md. */
export interface BlastRadius {
  /** 0..100, the rounded sum of the factors' contributions. */
  readonly score: number;
  readonly level: BlastRadiusLevel;
  readonly factors: ReadonlyArray<BlastRadiusFactor>;
}

/** How a change was made: in the console ("ClickOps"), by a configured pipeline principal, or otherwise. */
export type ChangeVia = 'console' | 'pipeline' | 'other';

/** Who last changed a resource, when and how, from CloudTrail. */
export interface Attribution {
  /** userIdentity.arn (or the AWS service, or the principal id, when there is no ARN). */
  readonly principal: string;
  /** userIdentity.type: IAMUser, AssumedRole, Root, FederatedUser, AWSService, ... */
  readonly principalType: string;
  /** eventTime, ISO 8601 UTC. */
  readonly time: string;
  readonly sourceIp: string;
  readonly eventName: string;
  readonly userAgent: string;
  readonly via: ChangeVia;
  readonly eventId?: string;
  /** Trail log files delivered to S3, or the LookupEvents API. */
  readonly source: 'trail-s3' | 'lookup-events';
}

export interface FindingResource {
  readonly address: string;
  readonly type: string;
  readonly id?: string;
  readonly provider?: string;
  readonly account?: string;
  readonly region?: string;
  readonly source?: string;
}

export interface Finding {
  /** Stable fingerprint: the same drift seen in two scans has the same id. */
  readonly id: string;
  readonly kind: DriftKind;
  readonly severity: Severity;
  readonly environment: string;
  readonly resource: FindingResource;
  readonly changes: ReadonlyArray<AttributeChange>;
  /** One sentence, plain text, saying what drifted. */
  readonly summary: string;
  /** Why the severity is what it is (for example "0.0.0.0/0 ingress on port 22"). */
  readonly reasons: ReadonlyArray<string>;
  readonly impact?: ApplyImpact;
  /** Who made the change, when live observation could attribute it. */
  readonly attribution?: Attribution;
  /** How far the damage would spread (src/analysis), when the analysis ran. */
  readonly blastRadius?: BlastRadius;
  /**
   * Facts about an unmanaged resource that an operator or a cost model uses, as the API reported
   * them: a leftover snapshot's `age_days`, `size_bytes` and `memory`, an orphaned disk's
   * `size_bytes` and `datastore`. Absent when the observer reported none.
   */
  readonly facts?: Readonly<Record<string, string | number | boolean>>;
  /**
   * `existence` when the resource was seen only through a generic listing (the tagging API tier):
   * an `unmanaged` finding whose attributes were never read. Absent: full observation.
   */
  readonly coverage?: 'existence';
}

/** A suppression that fired, for `--verbose`: hidden noise stays auditable. */
export interface Suppression {
  readonly address: string;
  readonly path: string;
  readonly rule: string;
  readonly why: string;
}
