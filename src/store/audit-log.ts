/**
 * The tamper-evident audit log's storage: append-only, hash-chained entries (the chain's rules are
 * pure code in src/audit/chain.ts; this module only reads and writes rows).
 *
 * Atomicity: `append` runs in a write transaction, and joins the caller's when the log was taken
 * from a transaction (`store.transaction(async (tx) => tx.audit.append(...))`), so a module can
 * write its own rows and the entry that records them all-or-nothing. The write transaction holds
 * the store's write lock from its start (sql.ts): appends from several processes are serialized,
 * so the chain never forks and never skips a seq.
 *
 * Secrets: details pass through redactDetails before hashing and storing (safety invariant 4).
 */
import { canonicalJson } from '../audit/canonical.js';
import {
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEntry,
  type ChainHead,
  type StoredEntryRow,
  type VerifyResult,
} from '../audit/chain.js';
import type { Clock } from '../audit/clock.js';
import { redactDetailsObject, redactText } from '../audit/redact.js';
import { DriftwardenError } from '../model/errors.js';
import { jsonText } from '../model/text.js';
import type { SqlExecutor, SqlValue } from './sql.js';

/**
 * What gets recorded. `action.*` is for the reconciler: `action.planned`, `action.applied`,
 * `action.failed`, `action.verified` (one entry per act and one per result).
 */
export type AuditAction =
  | 'scan.recorded'
  | 'finding.opened'
  | 'finding.resolved'
  | 'breakglass.opened'
  | 'breakglass.closed'
  | 'breakglass.expired'
  | 'config.changed'
  | `action.${string}`
  /** What people and tokens do through `driftwarden server` (tokens, approvals, every mutating call). */
  | `api.${string}`;

export interface AuditAppend {
  readonly actor: string;
  readonly action: AuditAction;
  readonly subject: string;
  /** Any JSON-like object; redacted before it is hashed and stored. */
  readonly details?: unknown;
}

export interface AuditQuery {
  /** Inclusive ISO 8601 bounds on the entry time. */
  readonly from?: string;
  readonly to?: string;
  readonly actions?: ReadonlyArray<string>;
  readonly subject?: string;
}

/** Where exportJsonLines writes: a Node stream, or anything with write() (backpressure honoured when it has once()). */
export interface LineSink {
  write(chunk: string): boolean | void;
  once?(event: 'drain', listener: () => void): unknown;
}

/** An entry, and whether its own hash and its link to the next entry (or the head) still hold. */
export interface CheckedEntry {
  readonly entry: AuditEntry;
  /** Undefined when intact; else one sentence saying what no longer matches. */
  readonly problem?: string;
}

const ENTRY_COLUMNS = 'seq, time, actor, action, subject, details, prev_hash AS "prevHash", hash';

function toEntry(row: StoredEntryRow): AuditEntry {
  return { ...row, seq: Number(row.seq), details: JSON.parse(row.details) as AuditEntry['details'] };
}

/** WHERE clause and parameters of an audit query (`beforeSeq` for pages read newest first). */
function auditFilter(query: AuditQuery & { readonly beforeSeq?: number }): { filter: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq);
  if (query.from !== undefined) add('time >= ?', query.from);
  if (query.to !== undefined) add('time <= ?', query.to);
  if (query.subject !== undefined) add('subject = ?', query.subject);
  if (query.actions !== undefined && query.actions.length > 0)
    add(`action IN (${query.actions.map(() => '?').join(', ')})`, ...query.actions);
  return { filter: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

function selectEntries(sql: SqlExecutor, query: AuditQuery): Promise<StoredEntryRow[]> {
  if (query.actions !== undefined && query.actions.length === 0) return Promise.resolve([]);
  const { filter, params } = auditFilter(query);
  return sql.all<StoredEntryRow>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries ${filter} ORDER BY seq`, params);
}

export class AuditLog {
  readonly #sql: SqlExecutor;
  readonly #clock: Clock;
  /** Where the database is, for messages (never a password). */
  readonly location: string;

  constructor(sql: SqlExecutor, clock: Clock, location: string) {
    this.#sql = sql;
    this.#clock = clock;
    this.location = location;
  }

  now(): Date {
    return this.#clock();
  }

  append(entry: AuditAppend): Promise<AuditEntry> {
    return this.#sql.write(async (tx) => {
      const head = await this.#head(tx);
      const content = {
        seq: head.seq + 1,
        time: this.#clock().toISOString(),
        actor: redactText(entry.actor),
        action: entry.action,
        subject: redactText(entry.subject),
        details: redactDetailsObject(entry.details),
      };
      const hash = entryHash(content, head.hash);
      await tx.run(
        `INSERT INTO audit_entries (seq, time, actor, action, subject, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          content.seq,
          content.time,
          content.actor,
          content.action,
          content.subject,
          canonicalJson(content.details),
          head.hash,
          hash,
        ],
      );
      await tx.run('UPDATE audit_head SET seq = ?, hash = ?, count = count + 1 WHERE id = 1', [content.seq, hash]);
      return { ...content, prevHash: head.hash, hash };
    });
  }

  /**
   * Checks every entry against the chain and the head, in one read transaction (a consistent
   * snapshot even while another process appends). Never throws for a damaged log: a missing table
   * or an unreadable row is reported as a problem.
   */
  async verify(): Promise<VerifyResult> {
    try {
      return await this.#sql.read(async (tx) => {
        const head = await tx.get<ChainHead>('SELECT seq, hash, count FROM audit_head WHERE id = 1');
        const rows = await tx.all<StoredEntryRow>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries ORDER BY seq`);
        return verifyChain(
          rows.map((row) => ({ ...row, seq: Number(row.seq) })),
          head && { seq: Number(head.seq), hash: head.hash, count: Number(head.count) },
        );
      });
    } catch (err) {
      const message = err instanceof DriftwardenError ? err.message : String(err);
      return {
        ok: false,
        entries: 0,
        firstBadSeq: 1,
        problem: `the audit tables cannot be read (${message}): they were altered`,
      };
    }
  }

  /** Entries in seq order, optionally filtered. Throws on a row whose details are not JSON: verify first. */
  async entries(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return (await selectEntries(this.#sql, query)).map(toEntry);
  }

  /**
   * Entries (filtered as by entries()), each checked on its own: its hash recomputed from its
   * content, and its hash being the prev_hash of the entry after it (or the head's hash when it is
   * the last). Catches an entry edited in the database, even one whose own hash was recomputed,
   * without reading the whole chain; `audit verify` still checks everything.
   */
  checkedEntries(query: AuditQuery): Promise<CheckedEntry[]> {
    return this.#sql.read(async (tx) => {
      const head = await tx.get<ChainHead>('SELECT seq, hash, count FROM audit_head WHERE id = 1');
      const out: CheckedEntry[] = [];
      for (const row of await selectEntries(tx, query)) {
        const seq = Number(row.seq);
        const what = `audit entry ${seq} (${row.action} ${row.subject})`;
        let details: AuditEntry['details'] | undefined;
        try {
          details = JSON.parse(row.details) as AuditEntry['details'];
        } catch {
          details = undefined;
        }
        const entry: AuditEntry = { ...row, seq, details: details ?? {} };
        const next = await tx.get<{ prevHash: string }>(
          'SELECT prev_hash AS "prevHash" FROM audit_entries WHERE seq = ?',
          [seq + 1],
        );
        const followedBy = next?.prevHash ?? (Number(head?.seq) === seq ? head?.hash : undefined);
        const problem =
          details === undefined || entryHash(entry, entry.prevHash) !== entry.hash
            ? `${what} was edited: its content no longer matches its hash`
            : followedBy !== entry.hash
              ? `${what} was replaced: the chain after it does not follow from it`
              : undefined;
        out.push(problem === undefined ? { entry } : { entry, problem });
      }
      return out;
    });
  }

  /** How many entries each of these actions has (entries of other actions are not counted). */
  async countByAction(actions: ReadonlyArray<string>): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.fromEntries(actions.map((a) => [a, 0]));
    if (actions.length === 0) return counts;
    const rows = await this.#sql.all<{ action: string; n: number | string }>(
      `SELECT action, COUNT(*) AS n FROM audit_entries WHERE action IN (${actions.map(() => '?').join(', ')}) GROUP BY action`,
      actions,
    );
    for (const row of rows) counts[row.action] = Number(row.n);
    return counts;
  }

  /**
   * A page of entries, newest first: entries with seq below `beforeSeq` (all when undefined),
   * filtered as by entries(). Details of a damaged row are returned as stored text.
   */
  async page(query: AuditQuery & { readonly beforeSeq?: number; readonly limit: number }): Promise<AuditEntry[]> {
    const { filter, params } = auditFilter(query);
    const rows = await this.#sql.all<StoredEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entries ${filter} ORDER BY seq DESC LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map((row) => {
      let details: AuditEntry['details'];
      try {
        details = JSON.parse(row.details) as AuditEntry['details'];
      } catch {
        details = { unreadable: row.details };
      }
      return { ...row, seq: Number(row.seq), details };
    });
  }

  /**
   * Up to `limit` entries after `afterSeq`, oldest first (what the notification sender follows).
   * Unreadable details as by page().
   */
  async after(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.#sql.all<StoredEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?`,
      [afterSeq, limit],
    );
    return rows.map((row) => {
      try {
        return toEntry(row);
      } catch {
        return { ...row, seq: Number(row.seq), details: { unreadable: row.details } };
      }
    });
  }

  /** The seq of the newest entry; 0 when the log is empty. */
  async headSeq(): Promise<number> {
    const row = await this.#sql.get<{ seq: number | string }>('SELECT MAX(seq) AS seq FROM audit_entries');
    return Number(row?.seq ?? 0);
  }

  /** The newest entry with this action (and subject, when given). */
  async lastEntry(action: AuditAction, subject?: string): Promise<AuditEntry | undefined> {
    const row =
      subject === undefined
        ? await this.#sql.get<StoredEntryRow>(
            `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE action = ? ORDER BY seq DESC LIMIT 1`,
            [action],
          )
        : await this.#sql.get<StoredEntryRow>(
            `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE action = ? AND subject = ? ORDER BY seq DESC LIMIT 1`,
            [action, subject],
          );
    return row === undefined ? undefined : toEntry(row);
  }

  /**
   * Writes every entry as one JSON object per line, in seq order, exactly as stored (details
   * parsed; a row whose details are not JSON is exported as the raw text so that export never
   * hides damage). Returns the number of lines.
   */
  async exportJsonLines(sink: LineSink): Promise<number> {
    const rows = await this.#sql.all<StoredEntryRow>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries ORDER BY seq`);
    for (const row of rows) {
      let details: unknown;
      try {
        details = JSON.parse(row.details);
      } catch {
        details = row.details;
      }
      // jsonText: the same values, with C1, separators and bidi controls written as \u escapes.
      const line = `${jsonText({ seq: Number(row.seq), time: row.time, actor: row.actor, action: row.action, subject: row.subject, details, prevHash: row.prevHash, hash: row.hash })}\n`;
      if (sink.write(line) === false && sink.once) await new Promise<void>((done) => sink.once!('drain', done));
    }
    return rows.length;
  }

  async #head(tx: SqlExecutor): Promise<ChainHead> {
    const head = await tx.get<ChainHead>('SELECT seq, hash, count FROM audit_head WHERE id = 1');
    // A missing head only happens after tampering (a trigger forbids deleting it); appending goes
    // on from the last entry so recording never stops, and verify keeps reporting the damage.
    if (head) return { seq: Number(head.seq), hash: head.hash, count: Number(head.count) };
    const last = await tx.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
    );
    return { seq: Number(last?.seq ?? 0), hash: last?.hash ?? GENESIS_HASH, count: Number(last?.seq ?? 0) };
  }
}
