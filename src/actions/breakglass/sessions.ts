/**
 * Break-glass sessions: a time-bound, audited exception during which drift inside a scope is
 * recorded and attributed but not reconciled (safety invariant 3). Every open, close and expiry is
 * written together with its audit entry in ONE transaction, so the sessions table and the audit
 * log never disagree.
 *
 * Expiry is lazy and idempotent: every command calls expireSessions(now) first, which closes (status
 * `expired`, ended at its expiry time, not at the time it was noticed) every open session whose
 * time is up. Sessions therefore expire even when no controller was running at that moment.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DriftwardenConfig } from '../../config/schema.js';
import { migrateModule } from '../../audit/migrate.js';
import { SYSTEM_ACTOR } from '../../audit/record.js';
import type { AuditLog } from '../../audit/log.js';
import { DriftwardenError } from '../../model/errors.js';
import { BREAKGLASS_MIGRATIONS, BREAKGLASS_MIGRATIONS_TABLE } from './schema.js';
import { parseScope, scopeCovers, type BreakglassScope } from './scope.js';
import { checkTtl, formatDuration, ttlCap } from './ttl.js';
import { buildSessionWindowReport, type SessionWindowReport } from './window-report.js';

export type SessionStatus = 'open' | 'closed' | 'expired';

export interface BreakglassSession {
  readonly id: string;
  /** `env:glob` or `glob`. */
  readonly scope: string;
  readonly environment?: string;
  readonly addressGlob: string;
  readonly reason: string;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly expiresAt: string;
  readonly ttlMs: number;
  readonly status: SessionStatus;
  /** When it was closed, or its expiry time when it expired. */
  readonly endedAt?: string;
  readonly closedBy?: string;
  readonly reconciledAt?: string;
  readonly reconcileOutcome?: string;
}

export interface OpenSessionRequest {
  /** `[ENV:]ADDRESS_GLOB` (scope.ts). */
  readonly scope: string;
  readonly environment?: string;
  readonly reason: string;
  readonly ttlMs: number;
  readonly by: string;
}

interface SessionRow {
  id: string;
  scope: string;
  environment: string | null;
  address_glob: string;
  reason: string;
  opened_by: string;
  opened_at: string;
  expires_at: string;
  ttl_ms: number;
  status: SessionStatus;
  ended_at: string | null;
  closed_by: string | null;
  reconciled_at: string | null;
  reconcile_outcome: string | null;
}

function toSession(row: SessionRow): BreakglassSession {
  return {
    id: row.id,
    scope: row.scope,
    ...(row.environment !== null ? { environment: row.environment } : {}),
    addressGlob: row.address_glob,
    reason: row.reason,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    expiresAt: row.expires_at,
    ttlMs: row.ttl_ms,
    status: row.status,
    ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
    ...(row.closed_by !== null ? { closedBy: row.closed_by } : {}),
    ...(row.reconciled_at !== null ? { reconciledAt: row.reconciled_at } : {}),
    ...(row.reconcile_outcome !== null ? { reconcileOutcome: row.reconcile_outcome } : {}),
  };
}

/** The scope of a stored session, compiled again (a stored scope was valid when it was opened). */
export function sessionScope(session: BreakglassSession): BreakglassScope {
  return parseScope(session.addressGlob, session.environment);
}

/** Validates a request without touching the database: reason, by, scope syntax, environment, TTL cap. */
export function validateOpenRequest(
  request: OpenSessionRequest,
  config: DriftwardenConfig | undefined,
): BreakglassScope {
  if (request.reason.trim() === '') {
    throw new DriftwardenError('usage', 'a break-glass session needs a reason', {
      key: '--reason',
      nextStep: 'say why, e.g. --reason "INC-4711: scale out payments during the outage"',
    });
  }
  if (request.by.trim() === '') {
    throw new DriftwardenError('usage', 'a break-glass session needs the name of who opens it', {
      key: '--by',
      nextStep: 'pass --by YOUR_NAME',
    });
  }
  const scope = parseScope(request.scope, request.environment);
  if (scope.environment !== undefined && !config?.environments[scope.environment]) {
    throw new DriftwardenError('usage', `unknown environment "${scope.environment}" in the break-glass scope`, {
      ...(config ? { file: config.file } : {}),
      key: '--scope',
      nextStep: config
        ? `use one of: ${Object.keys(config.environments).join(', ')}`
        : 'environments come from driftwarden.yaml (--config); without one, leave the environment out',
    });
  }
  checkTtl(request.ttlMs, ttlCap(config, scope.environment), config);
  return scope;
}

export function openBreakglassSessions(log: AuditLog): BreakglassSessions {
  migrateModule(log.database, BREAKGLASS_MIGRATIONS_TABLE, BREAKGLASS_MIGRATIONS, log.file);
  return new BreakglassSessions(log);
}

export class BreakglassSessions {
  readonly #log: AuditLog;
  readonly #db: Database.Database;

  constructor(log: AuditLog) {
    this.#log = log;
    this.#db = log.database;
  }

  /** Opens a session after validateOpenRequest; the row and its `breakglass.opened` entry commit together. */
  open(
    request: OpenSessionRequest,
    config: DriftwardenConfig | undefined,
    now: Date = this.#log.now(),
  ): BreakglassSession {
    const scope = validateOpenRequest(request, config);
    const openedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + request.ttlMs).toISOString();
    const id = `bg-${randomBytes(4).toString('hex')}`;
    return this.#log.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO breakglass_sessions (id, scope, environment, address_glob, reason, opened_by, opened_at, expires_at, ttl_ms, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
        )
        .run(
          id,
          scope.text,
          scope.environment ?? null,
          scope.addressGlob,
          request.reason.trim(),
          request.by.trim(),
          openedAt,
          expiresAt,
          request.ttlMs,
        );
      this.#log.append({
        actor: request.by.trim(),
        action: 'breakglass.opened',
        subject: id,
        details: {
          scope: scope.text,
          environment: scope.environment ?? null,
          reason: request.reason.trim(),
          ttl: formatDuration(request.ttlMs),
          openedAt,
          expiresAt,
        },
      });
      return this.get(id)!;
    });
  }

  /** Closes an open session. Unknown, already closed or expired: DriftwardenError, nothing written. */
  close(id: string, by: string, now: Date = this.#log.now()): BreakglassSession {
    return this.#log.transaction(() => {
      const session = this.get(id);
      if (session === undefined) {
        throw new DriftwardenError('usage', `there is no break-glass session ${id}`, {
          nextStep: 'run `driftwarden breakglass list --all` to see the session ids',
        });
      }
      if (session.status !== 'open') {
        throw new DriftwardenError(
          'usage',
          `break-glass session ${id} is already ${session.status} (since ${session.endedAt ?? '?'})`,
          {
            nextStep: 'nothing to do; `driftwarden breakglass list --all` shows every session',
          },
        );
      }
      const endedAt = now.toISOString();
      this.#db
        .prepare(
          "UPDATE breakglass_sessions SET status = 'closed', ended_at = ?, closed_by = ? WHERE id = ? AND status = 'open'",
        )
        .run(endedAt, by, id);
      this.#log.append({
        actor: by,
        action: 'breakglass.closed',
        subject: id,
        details: {
          scope: session.scope,
          environment: session.environment ?? null,
          openedBy: session.openedBy,
          openedAt: session.openedAt,
          closedAt: endedAt,
        },
      });
      return this.get(id)!;
    });
  }

  /** Expires every open session whose time is up at `now`. Idempotent; returns the sessions it expired. */
  expireSessions(now: Date = this.#log.now()): BreakglassSession[] {
    return this.#log.transaction(() => {
      const due = this.#db
        .prepare("SELECT * FROM breakglass_sessions WHERE status = 'open' AND expires_at <= ? ORDER BY expires_at, id")
        .all(now.toISOString()) as SessionRow[];
      const expire = this.#db.prepare(
        "UPDATE breakglass_sessions SET status = 'expired', ended_at = expires_at WHERE id = ? AND status = 'open'",
      );
      for (const row of due) {
        expire.run(row.id);
        this.#log.append({
          actor: SYSTEM_ACTOR,
          action: 'breakglass.expired',
          subject: row.id,
          details: {
            scope: row.scope,
            environment: row.environment,
            openedBy: row.opened_by,
            openedAt: row.opened_at,
            expiredAt: row.expires_at,
          },
        });
      }
      return due.map((row) => this.get(row.id)!);
    });
  }

  get(id: string): BreakglassSession | undefined {
    const row = this.#db.prepare('SELECT * FROM breakglass_sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row === undefined ? undefined : toSession(row);
  }

  /** Open sessions (or every session with `all`), newest first. */
  list(options: { all?: boolean } = {}): BreakglassSession[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM breakglass_sessions ${options.all ? '' : "WHERE status = 'open'"} ORDER BY opened_at DESC, id`,
      )
      .all() as SessionRow[];
    return rows.map(toSession);
  }

  /**
   * Sessions that hold this resource back from reconciliation at `now`: open and not yet past
   * their expiry (a session past its expiry covers nothing, even before expireSessions ran).
   */
  activeSessionsCovering(
    address: string,
    environment: string,
    now: Date = this.#log.now(),
    type?: string,
  ): BreakglassSession[] {
    const rows = this.#db
      .prepare("SELECT * FROM breakglass_sessions WHERE status = 'open' AND expires_at > ? ORDER BY opened_at, id")
      .all(now.toISOString()) as SessionRow[];
    return rows.map(toSession).filter((session) => scopeCovers(sessionScope(session), address, environment, type));
  }

  /** The incident report skeleton of a session (window-report.ts). Unknown id: DriftwardenError. */
  sessionWindowReport(id: string, now: Date = this.#log.now()): SessionWindowReport {
    const session = this.get(id);
    if (session === undefined) {
      throw new DriftwardenError('usage', `there is no break-glass session ${id}`, {
        nextStep: 'run `driftwarden breakglass list --all` to see the session ids',
      });
    }
    return buildSessionWindowReport(this.#log, session, now);
  }

  /** Closed or expired sessions whose scope the controller has not reconciled yet, oldest first. */
  awaitingReconciliation(): BreakglassSession[] {
    const rows = this.#db
      .prepare(
        "SELECT * FROM breakglass_sessions WHERE status <> 'open' AND reconciled_at IS NULL ORDER BY ended_at, id",
      )
      .all() as SessionRow[];
    return rows.map(toSession);
  }

  /**
   * Marks a session's scope reconciled (the controller, after reverting or codifying it). The
   * controller records each action itself (`action.*` entries); this only closes the loop.
   */
  markReconciled(id: string, outcome: string, now: Date = this.#log.now()): void {
    this.#log.transaction(() => {
      const changed = this.#db
        .prepare(
          'UPDATE breakglass_sessions SET reconciled_at = ?, reconcile_outcome = ? WHERE id = ? AND status <> ? AND reconciled_at IS NULL',
        )
        .run(now.toISOString(), outcome, id, 'open').changes;
      if (changed === 0) return;
      this.#log.append({
        actor: SYSTEM_ACTOR,
        action: 'action.breakglass-reconciled',
        subject: id,
        details: { outcome },
      });
    });
  }
}
