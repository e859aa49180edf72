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
}

/** A suppression that fired, for `--verbose`: hidden noise stays auditable. */
export interface Suppression {
  readonly address: string;
  readonly path: string;
  readonly rule: string;
  readonly why: string;
}
