/**
 * The result of one scan: what every report format renders, what the store records and what the
 * JSON report serializes (its schema is documented in docs/report-schema.md and versioned by
 * SCHEMA_VERSION: a key is never renamed or removed without a major version change).
 */
import type { Accounting, BucketCounts } from './accounting.js';
import type { DriftKind, Finding, Severity, Suppression } from './finding.js';
import type { IncompleteScope } from './resource.js';

/** 2.0: the accounting buckets, `coverage` redefined (see docs/report-schema.md, "Changes"). */
export const SCHEMA_VERSION = '2.0';

/**
 * The counts. `managed` (every managed instance of every state read) splits into exactly one of
 * checked, unchecked, existence or notCovered (src/model/accounting.ts); `coverage` is the share
 * checked, `existenceCoverage` the share whose existence was confirmed.
 */
export interface ScanSummary extends BucketCounts {
  /** Observed resources no state manages. Null when nothing was observed by listing (plan only). */
  readonly unmanaged: number | null;
  readonly missing: number;
  /** Managed resources with configuration or policy drift. */
  readonly changed: number;
  /** Share of listed live resources that some state manages, 0..1 (schema 1.x called it coverage); null when nothing was listed. */
  readonly managedShare: number | null;
  readonly byKind: Readonly<Record<DriftKind, number>>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

/** What changed since the previous scan of the same estate (from the store). */
export interface ScanHistory {
  /** The estate the scan was recorded under (src/scan/estate.ts); absent in histories of 0.1.0. */
  readonly estate?: { readonly key: string; readonly label: string };
  readonly previousScanId: string | null;
  /** Ids of findings not seen in the previous scan. */
  readonly newFindingIds: ReadonlyArray<string>;
  /** Findings seen in the previous scan and gone now. */
  readonly resolved: ReadonlyArray<{ readonly id: string; readonly address: string; readonly kind: DriftKind }>;
  /**
   * Open findings of this estate that this scan did not see but could not re-check either (their
   * type, account and region were not observed completely): they stay open, never resolved.
   */
  readonly notRechecked?: ReadonlyArray<{
    readonly id: string;
    readonly address: string;
    readonly kind: DriftKind;
    readonly reason: string;
  }>;
  /** First time each current finding was seen (ISO 8601). */
  readonly firstSeen: Readonly<Record<string, string>>;
}

export interface ScanInfo {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** False when any scope could not be observed. */
  readonly complete: boolean;
  readonly incompleteScopes: ReadonlyArray<IncompleteScope>;
  /** State locations and plan files read. */
  readonly sources: ReadonlyArray<string>;
  /** API calls made per service:operation, when live observation ran. */
  readonly apiCalls?: Readonly<Record<string, number>>;
  readonly tool: { readonly name: 'driftwarden'; readonly version: string };
  /** The attribution sources asked and whether each could be read (live observation only). */
  readonly attributionSources?: ReadonlyArray<AttributionSourceStatus>;
  /** Local modules of `--code` that could not be read: their ignore_changes were not applied. */
  readonly modulesNotRead?: ReadonlyArray<ModuleNotReadInfo>;
}

export interface ModuleNotReadInfo {
  readonly module: string;
  readonly source: string;
  readonly file: string;
  readonly reason: string;
}

export interface AttributionSourceStatus {
  readonly source: 'trail-s3' | 'lookup-events';
  /** The region asked (LookupEvents) or the bucket read (trail-s3). */
  readonly where: string;
  readonly available: boolean;
  readonly records: number;
  readonly code?: string;
  /** Why it could not be read: error name and status, never a raw message. */
  readonly reason?: string;
}

export interface ScanResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly scan: ScanInfo;
  readonly summary: ScanSummary;
  /** Which instances were not covered, unchecked (by scope) or seen by existence only, with addresses. */
  readonly accounting: Accounting;
  readonly findings: ReadonlyArray<Finding>;
  readonly history?: ScanHistory;
  /** Suppressions that fired (ignore rules, ignore_changes, defaults), for audit. */
  readonly suppressions: ReadonlyArray<Suppression>;
  /** The dependency graph across every state, findings marked (src/analysis), when the analysis ran. */
  readonly graph?: DependencyGraph;
}

/** A resource in the dependency graph: every managed recorded resource, plus unmanaged live ones that touch it. */
export interface GraphNode {
  readonly address: string;
  readonly type: string;
  readonly environment: string;
  readonly id?: string;
  /** False for a live resource no state manages. */
  readonly managed: boolean;
  /** Ids of the findings on this resource (empty when it did not drift). */
  readonly findingIds: ReadonlyArray<string>;
  readonly worstSeverity?: Severity;
}

/** `from` depends on `to`: replacing `to` forces a change on `from`. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** `state`: the state's `dependencies`; `reference`: an attribute holds `to`'s id or ARN. */
  readonly source: 'state' | 'reference';
  /** Plain text: "depends_on in state", "vpc_security_group_ids = sg-0abc". */
  readonly reason: string;
}

export interface DependencyGraph {
  readonly nodes: ReadonlyArray<GraphNode>;
  readonly edges: ReadonlyArray<GraphEdge>;
}
