/**
 * The one forward-only migration runner, for both backends. `schema_migrations` records which
 * versions a database has. Each migration runs in its own write transaction, which re-reads the
 * applied versions first: two processes opening a fresh database at once apply each version once.
 * A database with a version this build does not know was written by a newer Driftwarden and is
 * refused rather than guessed at.
 */
import { DriftwardenError } from '../model/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './schema.js';
import type { Database, SqlExecutor } from './sql.js';

export interface MigrationStatus {
  readonly version: number;
  readonly name: string;
  /** ISO 8601; undefined while pending. */
  readonly appliedAt?: string;
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

async function tableExists(tx: SqlExecutor, db: Database, table: string): Promise<boolean> {
  const row =
    db.backend === 'sqlite'
      ? await tx.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
      : await tx.get(
          'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?',
          [table],
        );
  return row !== undefined;
}

async function applied(tx: SqlExecutor, db: Database): Promise<Map<number, string>> {
  if (!(await tableExists(tx, db, 'schema_migrations'))) return new Map();
  const rows = await tx.all<{ version: number; applied_at: string }>(
    'SELECT version, applied_at FROM schema_migrations ORDER BY version',
  );
  return new Map(rows.map((row) => [Number(row.version), row.applied_at]));
}

function refuseNewer(db: Database, versions: Map<number, string>): void {
  const newest = Math.max(0, ...versions.keys());
  if (newest > LATEST_SCHEMA_VERSION) {
    throw new DriftwardenError(
      'input.unsupported-version',
      `the Driftwarden database has schema version ${newest}; this Driftwarden understands up to ${LATEST_SCHEMA_VERSION}`,
      { file: db.location, nextStep: 'upgrade Driftwarden, or point --store / store.path at another database' },
    );
  }
}

/** Every migration with the time it was applied (undefined: pending). Changes nothing. */
export async function migrationStatus(db: Database): Promise<MigrationStatus[]> {
  const done = await db.read((tx) => applied(tx, db));
  return MIGRATIONS.map((m) => ({
    version: m.version,
    name: m.name,
    ...(done.has(m.version) ? { appliedAt: done.get(m.version)! } : {}),
  }));
}

/** Applies every pending migration, each in its own write transaction. Returns the versions applied. */
export async function migrate(db: Database, now: () => string = () => new Date().toISOString()): Promise<number[]> {
  refuseNewer(db, await db.read((tx) => applied(tx, db)));
  const done: number[] = [];
  for (const migration of MIGRATIONS) {
    const ran = await db.write(async (tx) => {
      await tx.exec(BOOKKEEPING);
      const versions = await applied(tx, db);
      refuseNewer(db, versions);
      if (versions.has(migration.version)) return false;
      if (!(await adoptedFromLegacy(tx, db, migration))) {
        await tx.exec(db.backend === 'sqlite' ? migration.sqlite : migration.postgres);
      }
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      return true;
    });
    if (ran) done.push(migration.version);
  }
  return done;
}

/** True when the first release's own runner already created this migration's tables. */
async function adoptedFromLegacy(tx: SqlExecutor, db: Database, migration: Migration): Promise<boolean> {
  if (migration.legacyTable === undefined || !(await tableExists(tx, db, migration.legacyTable))) return false;
  const row = await tx.get<{ version: number }>(`SELECT MAX(version) AS version FROM ${migration.legacyTable}`);
  return Number(row?.version ?? 0) >= 1;
}
