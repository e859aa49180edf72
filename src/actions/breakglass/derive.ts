/**
 * Break-glass sessions as their chained audit entries say, and nothing else: there is no session
 * row anyone could edit. A session is the fold of its entries (all with the session id as subject):
 *
 *   breakglass.opened              scope, environment, reason, openedAt, expiresAt (actor: who)
 *   breakglass.closed              closedAt (actor: who closed it)
 *   breakglass.expired             expiredAt
 *   action.breakglass-reconciled   outcome, reconciledAt (first releases: the entry's time)
 *
 * Every entry is checked on its own as it is read (its hash, and the next entry's link to it; see
 * AuditLog.checkedEntries). A session with an entry that fails the check is `tampered`: it is
 * listed with the reason and never honoured (it holds nothing back from reconciliation). A chain
 * rebuilt from scratch passes these checks; `audit verify --expect-head` catches that.
 */
import type { CheckedEntry } from '../../store/index.js';
import { isWholeEnvironmentGlob } from './scope.js';
import type { BreakglassSession } from './sessions.js';

export const SESSION_ACTIONS = [
  'breakglass.opened',
  'breakglass.closed',
  'breakglass.expired',
  'action.breakglass-reconciled',
] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Sessions in the order they were opened; entries of an unknown session (no opened entry) are reported as such. */
export function deriveSessions(entries: ReadonlyArray<CheckedEntry>): BreakglassSession[] {
  const sessions = new Map<string, BreakglassSession>();
  const orphans = new Map<string, string>();
  const taint = (id: string, problem: string) => {
    const session = sessions.get(id);
    if (session !== undefined && session.tampered === undefined) sessions.set(id, { ...session, tampered: problem });
  };
  for (const { entry, problem } of entries) {
    const id = entry.subject;
    const d = entry.details;
    if (entry.action === 'breakglass.opened') {
      const scope = text(d['scope']) ?? '';
      const environment = text(d['environment']);
      const openedAt = text(d['openedAt']) ?? entry.time;
      const expiresAt = text(d['expiresAt']) ?? openedAt;
      const addressGlob =
        environment !== undefined && scope.startsWith(`${environment}:`) ? scope.slice(environment.length + 1) : scope;
      sessions.set(id, {
        id,
        scope,
        ...(environment !== undefined ? { environment } : {}),
        addressGlob,
        wholeEnvironment: isWholeEnvironmentGlob(addressGlob),
        reason: text(d['reason']) ?? '',
        openedBy: entry.actor,
        openedAt,
        expiresAt,
        ttlMs: Date.parse(expiresAt) - Date.parse(openedAt),
        status: 'open',
        openedSeq: entry.seq,
        ...(orphans.has(id) ? { tampered: orphans.get(id)! } : {}),
      });
      if (problem !== undefined) taint(id, problem);
      continue;
    }
    const session = sessions.get(id);
    if (session === undefined) {
      // An entry about a session opened nowhere in the chain: the opened entry was removed or renamed.
      orphans.set(
        id,
        problem ?? `audit entry ${entry.seq} (${entry.action}) concerns a session the chain never opened`,
      );
      continue;
    }
    if (entry.action === 'breakglass.closed' && session.status === 'open') {
      sessions.set(id, {
        ...session,
        status: 'closed',
        endedAt: text(d['closedAt']) ?? entry.time,
        closedBy: entry.actor,
      });
    } else if (entry.action === 'breakglass.expired' && session.status === 'open') {
      sessions.set(id, { ...session, status: 'expired', endedAt: text(d['expiredAt']) ?? session.expiresAt });
    } else if (entry.action === 'action.breakglass-reconciled' && session.reconciledAt === undefined) {
      const outcome = text(d['outcome']);
      const reconciledAt = text(d['reconciledAt']) ?? entry.time;
      sessions.set(id, { ...session, reconciledAt, ...(outcome !== undefined ? { reconcileOutcome: outcome } : {}) });
    }
    if (problem !== undefined) taint(id, problem);
  }
  return [...sessions.values()];
}
