/**
 * The store: the one way Driftwarden reads and writes its database (scan history, findings, the
 * audit log, break-glass sessions through their chained entries, controller state and action
 * idempotency keys in the audit log, leases). Nothing outside src/store imports a database
 * driver (an ESLint rule keeps it so). `transaction` runs several writes all-or-nothing under the
 * store's write lock; the Store it hands over is bound to that transaction.
 */
import type { Clock } from '../audit/clock.js';
import { AccessStore } from './access.js';
import { AuditLog } from './audit-log.js';
import { ServerQueries } from './server-queries.js';
import { NotificationStore } from './notifications.js';
import { ScanHistoryStore } from './history.js';
import { Leases } from './leases.js';
import { migrate, migrationStatus, type MigrationStatus } from './migrate.js';
import { ScanRuns } from './scan-runs.js';
import type { Backend, Database, SqlExecutor } from './sql.js';

export class Store {
  readonly #db: Database;
  readonly #sql: SqlExecutor;
  readonly #clock: Clock;
  readonly history: ScanHistoryStore;
  readonly audit: AuditLog;
  readonly leases: Leases;
  /** Scans spread over workers: runs, their units and the units' observations until merged. */
  readonly scanRuns: ScanRuns;
  /** Finding pages, counts and scan lookups (the server). */
  readonly queries: ServerQueries;
  /** API tokens, browser sessions, logins in progress (the server). */
  readonly access: AccessStore;
  /** Notification cursors and dead letters (the server's sender). */
  readonly notifications: NotificationStore;

  constructor(db: Database, sql: SqlExecutor, clock: Clock) {
    this.#db = db;
    this.#sql = sql;
    this.#clock = clock;
    this.history = new ScanHistoryStore(sql);
    this.audit = new AuditLog(sql, clock, db.location);
    this.leases = new Leases(sql);
    this.scanRuns = new ScanRuns(sql);
    this.queries = new ServerQueries(sql, db.backend);
    this.access = new AccessStore(sql);
    this.notifications = new NotificationStore(sql);
  }

  get backend(): Backend {
    return this.#db.backend;
  }

  /** A file path, or a PostgreSQL URL without its password: safe to print. */
  get location(): string {
    return this.#db.location;
  }

  now(): Date {
    return this.#clock();
  }

  /** One write transaction (joined when already inside one): all or nothing. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.#sql.write((tx) => fn(tx === this.#sql ? this : new Store(this.#db, tx, this.#clock)));
  }

  /** One read transaction: a consistent view while other processes write. */
  snapshot<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.#sql.read((tx) => fn(tx === this.#sql ? this : new Store(this.#db, tx, this.#clock)));
  }

  /** Every migration and when it was applied (`driftwarden db status`). Changes nothing. */
  schemaStatus(): Promise<MigrationStatus[]> {
    return migrationStatus(this.#db);
  }

  /** Applies pending migrations (`driftwarden db migrate`); returns the versions applied. */
  migrate(): Promise<number[]> {
    return migrate(this.#db);
  }

  /**
   * Transactions the whole PostgreSQL database committed or rolled back so far, by every process
   * (pg_stat_database; the server publishes it within about a second). Each statement outside a
   * transaction is one. The benchmark's round trips per scan unit; undefined on SQLite.
   */
  async transactionCount(): Promise<number | undefined> {
    if (this.#db.backend !== 'postgres') return undefined;
    const row = await this.#sql.get<{ n: string | number }>(
      'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return row === undefined ? undefined : Number(row.n);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
