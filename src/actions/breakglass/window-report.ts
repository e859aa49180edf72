/**
 * The skeleton of the incident report of one break-glass session: what happened inside its scope
 * during its window. The controller (reconcile after close/expiry) adds what it did to each item;
 * this gathers the facts already recorded:
 *
 * - the session's own audit entries (opened, closed/expired, reconciled),
 * - every audit entry about an address inside the scope during the window (findings opened and
 *   resolved, actions), and the scans that ran in the window,
 * - every finding in the scope that was open at some point during the window (from the scan history).
 */
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../audit/chain.js';
import type { AuditLog } from '../../audit/log.js';
import type { Finding } from '../../model/finding.js';
import { parseScope, scopeCovers } from './scope.js';
import type { BreakglassSession } from './sessions.js';

export interface WindowFinding {
  readonly id: string;
  readonly kind: string;
  readonly severity: string;
  readonly environment: string;
  readonly address: string;
  readonly type: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt?: string;
  /** As last seen (redacted by the engine and the store). */
  readonly finding: Finding;
}

export interface SessionWindowReport {
  readonly session: BreakglassSession;
  /** `to` is the end of the session, or `now` while it is open (`ongoing` true). */
  readonly window: { readonly from: string; readonly to: string; readonly ongoing: boolean };
  readonly sessionEntries: ReadonlyArray<AuditEntry>;
  /** Finding and action entries about addresses in the scope, inside the window, in seq order. */
  readonly scopeEntries: ReadonlyArray<AuditEntry>;
  /** Scans recorded during the window (what was looked at, and when). */
  readonly scans: ReadonlyArray<AuditEntry>;
  readonly findings: ReadonlyArray<WindowFinding>;
}

interface FindingRow {
  id: string;
  kind: string;
  severity: string;
  environment: string;
  address: string;
  type: string;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  finding: string;
}

function entryEnvironment(entry: AuditEntry): string | undefined {
  const env = entry.details['environment'];
  return typeof env === 'string' ? env : undefined;
}

export function buildSessionWindowReport(log: AuditLog, session: BreakglassSession, now: Date): SessionWindowReport {
  const scope = parseScope(session.addressGlob, session.environment);
  const from = session.openedAt;
  const to = session.endedAt ?? now.toISOString();
  const inScope = (address: string, environment: string | undefined, type?: string) =>
    environment === undefined
      ? scope.environment === undefined && scope.matches(address, type)
      : scopeCovers(scope, address, environment, type);

  const windowEntries = log.entries({ from, to });
  const scopeEntries = windowEntries.filter((entry) => {
    if (!entry.action.startsWith('finding.') && !entry.action.startsWith('action.')) return false;
    const resource = entry.details['resource'];
    const type =
      resource !== null &&
      typeof resource === 'object' &&
      !Array.isArray(resource) &&
      typeof resource['type'] === 'string'
        ? resource['type']
        : undefined;
    // A resolved finding's entry carries no environment: match on the address alone then.
    return entryEnvironment(entry) === undefined
      ? scope.matches(entry.subject, type)
      : inScope(entry.subject, entryEnvironment(entry), type);
  });
  return {
    session,
    window: { from, to, ongoing: session.endedAt === undefined },
    sessionEntries: log.entries({ subject: session.id }),
    scopeEntries,
    scans: windowEntries.filter((entry) => entry.action === 'scan.recorded'),
    findings: findingsInWindow(log.database, from, to).filter((f) => inScope(f.address, f.environment, f.type)),
  };
}

/** Findings open at some point in [from, to]; none when the scan history has no findings table yet. */
function findingsInWindow(db: Database.Database, from: string, to: string): WindowFinding[] {
  let rows: FindingRow[];
  try {
    rows = db
      .prepare(
        `SELECT id, kind, severity, environment, address, type, first_seen, last_seen, resolved_at, finding FROM findings
         WHERE first_seen <= @to AND (last_seen >= @from OR resolved_at IS NULL OR resolved_at >= @from)
         ORDER BY address, id`,
      )
      .all({ from, to }) as FindingRow[];
  } catch {
    return [];
  }
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    environment: row.environment,
    address: row.address,
    type: row.type,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
    finding: JSON.parse(row.finding) as Finding,
  }));
}
