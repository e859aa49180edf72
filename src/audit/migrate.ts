/**
 * Forward-only migrations for a module that keeps its own tables in the shared Driftwarden database
 * (the audit log, break-glass sessions). Same rules as src/store/migrations.ts, but each module has
 * its own bookkeeping table (`audit_migrations`, `breakglass_migrations`), so modules evolve their
 * schemas independently and never renumber each other's versions.
 */
import type Database from 'better-sqlite3';
import { DriftwardenError } from '../model/errors.js';

export interface ModuleMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Applies the pending migrations of one module, each in its own transaction. Refuses a database
 * whose module schema is newer than this build knows (written by a newer Driftwarden).
 */
export function migrateModule(
  db: Database.Database,
  table: string,
  migrations: ReadonlyArray<ModuleMigration>,
  file: string,
  now: () => string = () => new Date().toISOString(),
): void {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`invalid migrations table name ${table}`);
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const applied = new Set(
    (db.prepare(`SELECT version FROM ${table}`).all() as Array<{ version: number }>).map((row) => row.version),
  );
  const known = migrations[migrations.length - 1]?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new DriftwardenError(
      'input.unsupported-version',
      `the database has ${table} version ${newest}; this Driftwarden understands up to ${known}`,
      { file, nextStep: 'upgrade Driftwarden, or point --store / store.path at another file' },
    );
  }
  const record = db.prepare(`INSERT INTO ${table} (version, name, applied_at) VALUES (?, ?, ?)`);
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    })();
  }
}
