/**
 * The scan-history store: what each scan found, so a report can say what is new, what was resolved
 * and since when a finding has been open. The queries live in history.ts, written once for both
 * backends (SQLite embedded, PostgreSQL shared).
 *
 * Lifecycle of a finding (keyed by its fingerprint, Finding.id):
 * - open: seen in a scan and not resolved since. `firstSeen` is when the CURRENT open episode
 *   began. A finding that was resolved and comes back is new drift (someone did it again): it is
 *   reported as new and its `firstSeen` restarts; every earlier sighting stays in `scans`.
 * - resolved: open before, absent from a later scan OF THE SAME ESTATE that observed its scope
 *   completely: its type, account and region were listed without failure (or the scan was a plan
 *   whose refresh read every managed resource). A finding of an unknown account or region, of a
 *   scope that was not listed or failed, or of an environment the scan did not cover is NOT
 *   resolved: it stays open and the scan reports it as not re-checked. So an incomplete scan never
 *   resolves anything, even when its account label is wrong (STS failed).
 * - estates: "new" and "resolved" compare only with the estate's own history; a scan of another
 *   estate never touches them. A finding recorded by 0.1.0 (no estate) is adopted by the first
 *   estate that sees it again.
 */
import type { DriftKind, Finding, Severity } from '../model/finding.js';
import type { IncompleteScope, Scope } from '../model/resource.js';
import type { ScanResult, ScanSummary } from '../model/scan-result.js';

/** What recordScan needs: a scan result before the store has computed its history. */
export type ScanToRecord = Omit<ScanResult, 'history'>;

/** What a scan observed completely: the only scopes in which it may resolve a finding. */
export type Observation =
  /** A live listing: these scopes (type, account, region) were listed without failure. */
  | { readonly kind: 'scopes'; readonly complete: ReadonlyArray<Scope> }
  /** A plan: Terraform's refresh read every managed resource of the record (no unmanaged ones). */
  | { readonly kind: 'refresh-of-record' }
  /** Nothing was observed (state or code only). */
  | { readonly kind: 'none' };

export interface RecordScanOptions {
  /** The estate scanned (src/scan/estate.ts). */
  readonly estate: { readonly key: string; readonly label: string };
  readonly observation: Observation;
  /**
   * The environments this scan covered (`scan --env prod`). Undefined: all of them. Findings of
   * other environments are never resolved by this scan, and the previous scan is the latest one
   * that covered the same environments.
   */
  readonly environments?: ReadonlyArray<string>;
}

export interface StoredScan {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly complete: boolean;
  readonly incompleteScopes: ReadonlyArray<IncompleteScope>;
  readonly summary: ScanSummary;
  /** State locations and plan files read (credentials in URLs removed). */
  readonly sources: ReadonlyArray<string>;
  /** Undefined when the scan covered every environment. */
  readonly environments?: ReadonlyArray<string>;
  /** Undefined for scans recorded by 0.1.0. */
  readonly estate?: { readonly key: string; readonly label: string };
  readonly findingCount: number;
}

export interface FindingHistory {
  readonly id: string;
  readonly kind: DriftKind;
  readonly severity: Severity;
  readonly environment: string;
  readonly address: string;
  readonly type: string;
  readonly resourceId?: string;
  /** Start of the current (or last) open episode, ISO 8601. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** When a scan last found it gone; undefined while it is open. */
  readonly resolvedAt?: string;
  readonly lastScanId: string;
  /** The finding as last seen (already redacted by the engine; sensitive values re-masked). */
  readonly finding: Finding;
  /** Every scan that saw it, oldest first. */
  readonly sightings: ReadonlyArray<{ readonly scanId: string; readonly startedAt: string }>;
}

/** A finding row as the break-glass incident report needs it. */
export interface WindowFindingRow {
  readonly id: string;
  readonly kind: string;
  readonly severity: string;
  readonly environment: string;
  readonly address: string;
  readonly type: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt?: string;
  readonly finding: Finding;
}
