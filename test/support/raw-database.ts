/**
 * Raw SQL on a Driftwarden database, for tests that play the attacker (editing rows behind the
 * store's back) or build a database as an older release wrote it. The only test file that imports
 * the database drivers (eslint.config.mjs); everything else goes through src/store.
 */
import BetterSqlite3 from 'better-sqlite3';

/** The native module the store uses (src/store/sqlite.ts: DRIFTWARDEN_SQLITE_NATIVE on Node 22/24 runs). */
const native: BetterSqlite3.Options = process.env['DRIFTWARDEN_SQLITE_NATIVE']
  ? { nativeBinding: process.env['DRIFTWARDEN_SQLITE_NATIVE'] }
  : {};
import pg from 'pg';

const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);

export async function rawExec(location: string, sql: string): Promise<void> {
  if (isPostgres(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new BetterSqlite3(location, native);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Rows of one query; `?` placeholders on SQLite, `$1` on PostgreSQL. */
export async function rawAll<T>(
  location: string,
  sql: string,
  params: ReadonlyArray<string | number> = [],
): Promise<T[]> {
  if (isPostgres(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query(sql, [...params])).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(location, { readonly: true, ...native });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** SQLite's journal mode (the store opens files in WAL). */
export function sqliteJournalMode(file: string): unknown {
  const db = new BetterSqlite3(file, { readonly: true, ...native });
  try {
    return db.pragma('journal_mode', { simple: true });
  } finally {
    db.close();
  }
}

/** Audit entries of a SQLite store, read synchronously (tests that count what a run recorded). */
export function sqliteAuditEntries(
  file: string,
  actions?: ReadonlyArray<string>,
): Array<{
  seq: number;
  time: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  hash: string;
}> {
  const db = new BetterSqlite3(file, { readonly: true, ...native });
  try {
    const filter = actions ? `WHERE action IN (${actions.map(() => '?').join(', ')})` : '';
    const rows = db
      .prepare(`SELECT seq, time, actor, action, subject, details, hash FROM audit_entries ${filter} ORDER BY seq`)
      .all(...(actions ?? [])) as Array<{
      seq: number;
      time: string;
      actor: string;
      action: string;
      subject: string;
      details: string;
      hash: string;
    }>;
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}
