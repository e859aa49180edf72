/**
 * Forward-only schema migrations for the SQLite history store. A migration, once released, is never
 * edited or removed: a change is a new entry with the next version. `schema_migrations` records
 * which versions a database has; a database with a version this build does not know was written by
 * a newer Driftwarden and is refused rather than guessed at.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'scan history',
    sql: `
      CREATE TABLE scans (
        seq               INTEGER PRIMARY KEY AUTOINCREMENT,  -- recording order, immune to clock skew
        id                TEXT NOT NULL UNIQUE,
        started_at        TEXT NOT NULL,
        finished_at       TEXT NOT NULL,
        complete          INTEGER NOT NULL CHECK (complete IN (0, 1)),
        incomplete_scopes TEXT NOT NULL,                      -- JSON IncompleteScope[]
        summary           TEXT NOT NULL,                      -- JSON ScanSummary
        sources           TEXT NOT NULL,                      -- JSON string[]
        environments      TEXT                                -- JSON string[] (sorted), NULL = all
      );
      CREATE TABLE findings (
        id                TEXT PRIMARY KEY,                   -- the finding fingerprint
        kind              TEXT NOT NULL,
        severity          TEXT NOT NULL,
        environment       TEXT NOT NULL,
        address           TEXT NOT NULL,
        type              TEXT NOT NULL,
        resource_id       TEXT,
        account           TEXT,
        region            TEXT,
        first_seen        TEXT NOT NULL,
        last_seen         TEXT NOT NULL,
        resolved_at       TEXT,
        resolved_scan_id  TEXT REFERENCES scans(id),
        last_scan_id      TEXT NOT NULL REFERENCES scans(id),
        finding           TEXT NOT NULL                       -- JSON Finding, latest sighting
      );
      CREATE INDEX findings_open ON findings (resolved_at) WHERE resolved_at IS NULL;
      CREATE TABLE scan_findings (
        scan_id           TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        finding_id        TEXT NOT NULL REFERENCES findings(id),
        PRIMARY KEY (scan_id, finding_id)
      );
      CREATE INDEX scan_findings_finding ON scan_findings (finding_id);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Versions already applied, oldest first. Creates the bookkeeping table on a fresh database. */
export function appliedVersions(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map(
    (row) => row.version,
  );
}

/** Applies every pending migration, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database.Database, now: () => string = () => new Date().toISOString()): number[] {
  const applied = new Set(appliedVersions(db));
  const done: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    })();
    done.push(migration.version);
  }
  return done;
}
