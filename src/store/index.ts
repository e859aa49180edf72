/**
 * Opening the store (where it is: location.ts). A SQLite file is the embedded default; a
 * postgres:// URL selects the shared PostgreSQL store. The drivers are loaded only when a store is
 * opened, so commands that never touch the database do not pay for them.
 */
import { systemClock, type Clock } from '../audit/clock.js';
import { migrate } from './migrate.js';
import { isPostgresUrl } from './location.js';
import { Store } from './store.js';
import type { Database } from './sql.js';

export { Store } from './store.js';
export type { AuditAction, AuditAppend, AuditQuery, CheckedEntry, LineSink, AuditLog } from './audit-log.js';
export type { Lease, LeaseAttempt } from './leases.js';
export type { NewScanUnit, RunProgress, ScanRun, ScanUnitRow, UnitOutcome } from './scan-runs.js';
export { ROLES, type ApiToken, type OidcLogin, type Role, type WebSession } from './access.js';
export {
  FINDING_SORTS,
  FINDING_STATUSES,
  type FindingCount,
  type FindingListItem,
  type FindingPage,
  type FindingQuery,
  type FindingSort,
  type FindingStatus,
} from './server-queries.js';
export type { MigrationStatus } from './migrate.js';
export type { DeadLetter } from './notifications.js';
export type { Backend } from './sql.js';
export { LATEST_SCHEMA_VERSION } from './schema.js';
export {
  DATABASE_URL_ENV,
  isPostgresUrl,
  printableLocation,
  redactDatabaseUrl,
  resolveStoreLocation,
} from './location.js';

export interface OpenStoreOptions {
  readonly clock?: Clock;
  /** Refuse to create a SQLite file (read-only commands such as `audit verify`). */
  readonly mustExist?: boolean;
  /** Apply pending migrations on open (default true); `db status` opens without. */
  readonly migrate?: boolean;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  const db: Database = isPostgresUrl(location)
    ? await (await import('./postgres.js')).openPostgresDatabase(location)
    : (await import('./sqlite.js')).openSqliteDatabase(location, options.mustExist ? { mustExist: true } : {});
  try {
    if (options.migrate !== false) await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return new Store(db, db, options.clock ?? systemClock);
}
