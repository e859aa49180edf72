/**
 * Break-glass sessions: a time-bound, audited exception during which drift inside a scope is
 * recorded and attributed but not reconciled (safety invariant 3). A session IS its chained audit
 * entries (derive.ts): opening, closing, expiring and reconciling one each append one entry, and
 * reading a session checks those entries against the chain, so an edited session is refused.
 *
 * Expiry is lazy and idempotent: every command calls expireSessions(now) first, which records
 * `breakglass.expired` (ended at its expiry time, not at the time it was noticed) for every open
 * session whose time is up. Sessions therefore expire even when no controller was running then.
 */
import { randomBytes } from 'node:crypto';
import type { DriftwardenConfig } from '../../config/schema.js';
import { SYSTEM_ACTOR } from '../../audit/record.js';
import type { Store } from '../../store/index.js';
import { DriftwardenError } from '../../model/errors.js';
import { deriveSessions, SESSION_ACTIONS } from './derive.js';
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
  /** The glob is only wildcards: the session holds back its whole environment (scope.ts). */
  readonly wholeEnvironment: boolean;
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
  /** Seq of its `breakglass.opened` audit entry. */
  readonly openedSeq: number;
  /** Set when one of its audit entries fails its check: the session is refused (never honoured). */
  readonly tampered?: string;
}

export interface OpenSessionRequest {
  /** `[ENV:]ADDRESS_GLOB` (scope.ts). */
  readonly scope: string;
  readonly environment?: string;
  readonly reason: string;
  readonly ttlMs: number;
  readonly by: string;
  /** Required, and only allowed, for a scope of wildcards only (`*`, `**`): `--whole-environment`. */
  readonly wholeEnvironment?: boolean;
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
  const where = scope.environment !== undefined ? `environment ${scope.environment}` : 'every environment';
  if (scope.wholeEnvironment && request.wholeEnvironment !== true) {
    throw new DriftwardenError(
      'usage',
      `the scope ${scope.text} holds back every resource of ${where}: opening it needs --whole-environment`,
      {
        key: '--scope',
        nextStep: 'narrow the scope (e.g. "prod:module.payments.**"), or pass --whole-environment if that is meant',
      },
    );
  }
  if (!scope.wholeEnvironment && request.wholeEnvironment === true) {
    throw new DriftwardenError(
      'usage',
      `--whole-environment is only for a scope of wildcards (*, **), not ${scope.text}`,
      {
        key: '--whole-environment',
        nextStep: 'drop --whole-environment, or give the scope as ENVIRONMENT:**',
      },
    );
  }
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

export function openBreakglassSessions(store: Store): BreakglassSessions {
  return new BreakglassSessions(store);
}

const unknownSession = (id: string) =>
  new DriftwardenError('usage', `there is no break-glass session ${id}`, {
    nextStep: 'run `driftwarden breakglass list --all` to see the session ids',
  });

/** Sessions that hold this resource back at `now`: open, intact and not past their expiry. */
export function sessionsCovering(
  active: ReadonlyArray<BreakglassSession>,
  address: string,
  environment: string,
  type?: string,
): BreakglassSession[] {
  return active.filter((session) => scopeCovers(sessionScope(session), address, environment, type));
}

export class BreakglassSessions {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Every session, in the order they were opened, each checked against the chain. */
  async all(): Promise<BreakglassSession[]> {
    return deriveSessions(await this.#store.audit.checkedEntries({ actions: SESSION_ACTIONS }));
  }

  /** Opens a session after validateOpenRequest; one `breakglass.opened` entry is the session. */
  async open(
    request: OpenSessionRequest,
    config: DriftwardenConfig | undefined,
    now: Date = this.#store.now(),
  ): Promise<BreakglassSession> {
    const scope = validateOpenRequest(request, config);
    const openedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + request.ttlMs).toISOString();
    const id = `bg-${randomBytes(4).toString('hex')}`;
    await this.#store.audit.append({
      actor: request.by.trim(),
      action: 'breakglass.opened',
      subject: id,
      details: {
        scope: scope.text,
        environment: scope.environment ?? null,
        ...(scope.wholeEnvironment ? { wholeEnvironment: true } : {}),
        reason: request.reason.trim(),
        ttl: formatDuration(request.ttlMs),
        openedAt,
        expiresAt,
      },
    });
    return (await this.get(id))!;
  }

  /** Closes an open session. Unknown, already closed, expired or tampered: DriftwardenError, nothing written. */
  close(id: string, by: string, now: Date = this.#store.now()): Promise<BreakglassSession> {
    return this.#store.transaction(async (tx) => {
      const sessions = new BreakglassSessions(tx);
      const session = await sessions.get(id);
      if (session === undefined) throw unknownSession(id);
      if (session.tampered !== undefined) {
        throw new DriftwardenError('input.invalid', `break-glass session ${id} is refused: ${session.tampered}`, {
          nextStep: 'run `driftwarden audit verify`; treat the session as never opened',
        });
      }
      if (session.status !== 'open') {
        throw new DriftwardenError(
          'usage',
          `break-glass session ${id} is already ${session.status} (since ${session.endedAt ?? '?'})`,
          { nextStep: 'nothing to do; `driftwarden breakglass list --all` shows every session' },
        );
      }
      await tx.audit.append({
        actor: by,
        action: 'breakglass.closed',
        subject: id,
        details: {
          scope: session.scope,
          environment: session.environment ?? null,
          openedBy: session.openedBy,
          openedAt: session.openedAt,
          closedAt: now.toISOString(),
        },
      });
      return (await sessions.get(id))!;
    });
  }

  /** Expires every open session whose time is up at `now`. Idempotent; returns the sessions it expired. */
  expireSessions(now: Date = this.#store.now()): Promise<BreakglassSession[]> {
    return this.#store.transaction(async (tx) => {
      const sessions = new BreakglassSessions(tx);
      const due = (await sessions.all())
        .filter((s) => s.status === 'open' && s.tampered === undefined && s.expiresAt <= now.toISOString())
        .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.id.localeCompare(b.id));
      for (const session of due) {
        await tx.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'breakglass.expired',
          subject: session.id,
          details: {
            scope: session.scope,
            environment: session.environment ?? null,
            openedBy: session.openedBy,
            openedAt: session.openedAt,
            expiredAt: session.expiresAt,
          },
        });
      }
      const after = await sessions.all();
      return due.map((session) => after.find((s) => s.id === session.id)!);
    });
  }

  async get(id: string): Promise<BreakglassSession | undefined> {
    return (await this.all()).find((session) => session.id === id);
  }

  /** Open sessions (or every session with `all`), newest first (opened at the same instant: the later opening first); tampered ones are always listed. */
  async list(options: { all?: boolean } = {}): Promise<BreakglassSession[]> {
    return (await this.all())
      .filter((session) => options.all || session.status === 'open' || session.tampered !== undefined)
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.openedSeq - a.openedSeq);
  }

  /** Sessions whose entries fail their check (reported by list, reconcile and the controller). */
  async tampered(): Promise<BreakglassSession[]> {
    return (await this.all()).filter((session) => session.tampered !== undefined);
  }

  /**
   * Sessions that hold resources back from reconciliation at `now`: open, intact, and not yet past
   * their expiry (a session past its expiry covers nothing, even before expireSessions ran).
   */
  async active(now: Date = this.#store.now()): Promise<BreakglassSession[]> {
    return (await this.all())
      .filter((s) => s.status === 'open' && s.tampered === undefined && s.expiresAt > now.toISOString())
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.openedSeq - b.openedSeq);
  }

  async activeSessionsCovering(
    address: string,
    environment: string,
    now: Date = this.#store.now(),
    type?: string,
  ): Promise<BreakglassSession[]> {
    return sessionsCovering(await this.active(now), address, environment, type);
  }

  /** The incident report skeleton of a session (window-report.ts). Unknown id: DriftwardenError. */
  async sessionWindowReport(id: string, now: Date = this.#store.now()): Promise<SessionWindowReport> {
    const session = await this.get(id);
    if (session === undefined) throw unknownSession(id);
    return buildSessionWindowReport(this.#store, session, now);
  }

  /** Closed or expired intact sessions whose scope the controller has not reconciled yet, oldest first. */
  async awaitingReconciliation(): Promise<BreakglassSession[]> {
    return (await this.all())
      .filter((s) => s.status !== 'open' && s.reconciledAt === undefined && s.tampered === undefined)
      .sort((a, b) => (a.endedAt ?? '').localeCompare(b.endedAt ?? '') || a.id.localeCompare(b.id));
  }

  /**
   * Marks a session's scope reconciled (the controller, after reverting or codifying it). The
   * controller records each action itself (`action.*` entries); this only closes the loop.
   */
  async markReconciled(id: string, outcome: string, now: Date = this.#store.now()): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const session = await new BreakglassSessions(tx).get(id);
      if (session === undefined || session.status === 'open' || session.reconciledAt !== undefined) return;
      await tx.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'action.breakglass-reconciled',
        subject: id,
        details: { outcome, reconciledAt: now.toISOString() },
      });
    });
  }
}
