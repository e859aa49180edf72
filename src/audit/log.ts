/**
 * The tamper-evident audit log: append-only, hash-chained entries in the shared SQLite database
 * (chain rules in chain.ts, tables in schema.ts).
 *
 * Atomicity: `append` runs in a transaction and, called inside `transaction(fn)` (or any
 * better-sqlite3 transaction on `database`), joins it as a savepoint, so a module can write its
 * own rows and the entry that records them all-or-nothing (break-glass does). A crash leaves either
 * both or neither (safety invariant 5).
 *
 * Secrets: details pass through redactDetails before hashing and storing (safety invariant 4).
 */
import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { canonicalJson } from './canonical.js';
import {
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEntry,
  type ChainHead,
  type StoredEntryRow,
  type VerifyResult,
} from './chain.js';
import { systemClock, type Clock } from './clock.js';
import { openSharedDatabase, type OpenDatabaseOptions } from './database.js';
import { migrateModule } from './migrate.js';
import { redactDetailsObject, redactText } from './redact.js';
import { AUDIT_MIGRATIONS, AUDIT_MIGRATIONS_TABLE } from './schema.js';

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
  | `action.${string}`;

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

export interface OpenAuditLogOptions extends OpenDatabaseOptions {
  readonly clock?: Clock;
}

type EntryRow = StoredEntryRow;

const ENTRY_COLUMNS = 'seq, time, actor, action, subject, details, prev_hash AS prevHash, hash';

/** Opens (creating when needed, unless mustExist) the shared database at `path` and its audit tables. */
export function openAuditLog(path: string, options: OpenAuditLogOptions = {}): AuditLog {
  const file = resolve(path);
  const db = openSharedDatabase(file, options);
  try {
    return auditLogOn(db, file, options.clock);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The audit log on an already open connection (to share transactions with other writes on it). */
export function auditLogOn(db: Database.Database, file: string, clock: Clock = systemClock): AuditLog {
  migrateModule(db, AUDIT_MIGRATIONS_TABLE, AUDIT_MIGRATIONS, file);
  return new AuditLog(db, file, clock);
}

function toEntry(row: EntryRow): AuditEntry {
  return { ...row, details: JSON.parse(row.details) as AuditEntry['details'] };
}

export class AuditLog {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  /** Absolute path of the database file, for messages. */
  readonly file: string;

  constructor(db: Database.Database, file: string, clock: Clock) {
    this.#db = db;
    this.file = file;
    this.#clock = clock;
  }

  /** The connection, for modules that write their own tables in the same transaction as an append. */
  get database(): Database.Database {
    return this.#db;
  }

  now(): Date {
    return this.#clock();
  }

  /** Runs fn in one transaction (a savepoint when already inside one); appends inside it join it. */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  append(entry: AuditAppend): AuditEntry {
    return this.transaction(() => {
      const head = this.#head();
      const content = {
        seq: head.seq + 1,
        time: this.#clock().toISOString(),
        actor: redactText(entry.actor),
        action: entry.action,
        subject: redactText(entry.subject),
        details: redactDetailsObject(entry.details),
      };
      const hash = entryHash(content, head.hash);
      this.#db
        .prepare(
          `INSERT INTO audit_entries (seq, time, actor, action, subject, details, prev_hash, hash)
           VALUES (@seq, @time, @actor, @action, @subject, @details, @prevHash, @hash)`,
        )
        .run({ ...content, details: canonicalJson(content.details), prevHash: head.hash, hash });
      this.#db
        .prepare('UPDATE audit_head SET seq = ?, hash = ?, count = count + 1 WHERE id = 1')
        .run(content.seq, hash);
      return { ...content, prevHash: head.hash, hash };
    });
  }

  /**
   * Checks every entry against the chain and the head, in one read transaction (a consistent
   * snapshot even while another process appends). Never throws for a damaged log: a missing table
   * or an unreadable row is reported as a problem.
   */
  verify(): VerifyResult {
    try {
      return this.#db.transaction(() => {
        const head = this.#db.prepare('SELECT seq, hash, count FROM audit_head WHERE id = 1').get() as
          ChainHead | undefined;
        const rows = this.#db
          .prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_entries ORDER BY seq`)
          .iterate() as IterableIterator<EntryRow>;
        return verifyChain(rows, head);
      })();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        entries: 0,
        firstBadSeq: 1,
        problem: `the audit tables cannot be read (${message}): they were altered`,
      };
    }
  }

  /** Entries in seq order, optionally filtered. Throws on a row whose details are not JSON: verify first. */
  entries(query: AuditQuery = {}): AuditEntry[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (query.from !== undefined) {
      where.push('time >= @from');
      params['from'] = query.from;
    }
    if (query.to !== undefined) {
      where.push('time <= @to');
      params['to'] = query.to;
    }
    if (query.subject !== undefined) {
      where.push('subject = @subject');
      params['subject'] = query.subject;
    }
    if (query.actions !== undefined) {
      if (query.actions.length === 0) return [];
      where.push(`action IN (${query.actions.map((_, i) => `@action${i}`).join(', ')})`);
      query.actions.forEach((action, i) => (params[`action${i}`] = action));
    }
    const sql = `SELECT ${ENTRY_COLUMNS} FROM audit_entries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    return (this.#db.prepare(sql).all(params) as EntryRow[]).map(toEntry);
  }

  /** The newest entry with this action (and subject, when given). */
  lastEntry(action: AuditAction, subject?: string): AuditEntry | undefined {
    const row = (
      subject === undefined
        ? this.#db
            .prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE action = ? ORDER BY seq DESC LIMIT 1`)
            .get(action)
        : this.#db
            .prepare(
              `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE action = ? AND subject = ? ORDER BY seq DESC LIMIT 1`,
            )
            .get(action, subject)
    ) as EntryRow | undefined;
    return row === undefined ? undefined : toEntry(row);
  }

  /**
   * Writes every entry as one JSON object per line, in seq order, exactly as stored (details
   * parsed; a row whose details are not JSON is exported as the raw text so that export never
   * hides damage). Returns the number of lines.
   */
  async exportJsonLines(sink: LineSink): Promise<number> {
    const rows = this.#db.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_entries ORDER BY seq`).all() as EntryRow[];
    for (const row of rows) {
      let details: unknown;
      try {
        details = JSON.parse(row.details);
      } catch {
        details = row.details;
      }
      const line = `${JSON.stringify({ seq: row.seq, time: row.time, actor: row.actor, action: row.action, subject: row.subject, details, prevHash: row.prevHash, hash: row.hash })}\n`;
      if (sink.write(line) === false && sink.once) await new Promise<void>((done) => sink.once!('drain', done));
    }
    return rows.length;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #head(): ChainHead {
    const head = this.#db.prepare('SELECT seq, hash, count FROM audit_head WHERE id = 1').get() as
      ChainHead | undefined;
    // A missing head only happens after tampering (a trigger forbids deleting it); appending goes
    // on from the last entry so recording never stops, and verify keeps reporting the damage.
    if (head) return head;
    const last = this.#db.prepare('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, count: last?.seq ?? 0 };
  }
}
