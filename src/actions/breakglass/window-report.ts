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
import type { AuditEntry } from '../../audit/chain.js';
import type { Store } from '../../store/index.js';
import type { WindowFindingRow } from '../../store/scan-store.js';
import { parseScope, scopeCovers } from './scope.js';
import type { BreakglassSession } from './sessions.js';

/** A finding open during the window, as last seen (redacted by the engine and the store). */
export type WindowFinding = WindowFindingRow;

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

function entryEnvironment(entry: AuditEntry): string | undefined {
  const env = entry.details['environment'];
  return typeof env === 'string' ? env : undefined;
}

export async function buildSessionWindowReport(
  store: Store,
  session: BreakglassSession,
  now: Date,
): Promise<SessionWindowReport> {
  const scope = parseScope(session.addressGlob, session.environment);
  const from = session.openedAt;
  const to = session.endedAt ?? now.toISOString();
  const inScope = (address: string, environment: string | undefined, type?: string) =>
    environment === undefined
      ? scope.environment === undefined && scope.matches(address, type)
      : scopeCovers(scope, address, environment, type);

  const windowEntries = await store.audit.entries({ from, to });
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
    sessionEntries: await store.audit.entries({ subject: session.id }),
    scopeEntries,
    scans: windowEntries.filter((entry) => entry.action === 'scan.recorded'),
    findings: (await store.history.findingsInWindow(from, to)).filter((f) => inScope(f.address, f.environment, f.type)),
  };
}
