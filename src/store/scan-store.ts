/**
 * The scan-history store: what each scan found, so a report can say what is new, what was resolved
 * and since when a finding has been open. The queries live in history.ts, written once for both
 * backends (SQLite embedded, PostgreSQL shared).
 *
 * Lifecycle of a finding (keyed by its fingerprint, Finding.id):
 * - open: seen in a scan and not resolved since. `firstSeen` is when the CURRENT open episode
 *   began. A finding that was resolved and comes back is new drift (someone did it again): it is
 *   reported as new and its `firstSeen` restarts; every earlier sighting stays in `scans`.
 * - resolved: open before, absent from a later scan that could have seen it. A finding is NOT
 *   resolved when its type + account + region falls in one of the scan's incomplete scopes (an
 *   unknown account or region counts as inside, to stay on the safe side), nor when the scan was
 *   limited to other environments. It then stays open until a scan that could see it records it
 *   absent, so an incomplete scan never hides a resolution for good.
 */
import type { DriftKind, Finding, Severity } from '../model/finding.js';
import type { IncompleteScope } from '../model/resource.js';
import type { ScanResult, ScanSummary } from '../model/scan-result.js';

/** What recordScan needs: a scan result before the store has computed its history. */
export type ScanToRecord = Omit<ScanResult, 'history'>;

export interface RecordScanOptions {
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
