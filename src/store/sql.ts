/**
 * The SQL executor every store module writes against: a few async calls, `?` placeholders,
 * positional parameters. SQLite (sqlite.ts) and PostgreSQL (postgres.ts) implement it; the queries
 * in history.ts, audit-log.ts and leases.ts are written once in the SQL both understand, and the
 * few places where the dialects differ (DDL, locking) live in the drivers and migrations.
 *
 * Transactions: `write(fn)` runs fn in ONE write transaction that holds the store's write lock from
 * its first statement (SQLite: BEGIN IMMEDIATE, waiting up to the busy timeout for another
 * process; PostgreSQL: a transaction-scoped advisory lock), so read-modify-write sequences (the
 * audit chain's head, a scan's "new" and "resolved", a lease) never interleave between processes.
 * Calling write() on the executor a transaction hands to fn joins that transaction. A database
 * error always propagates as a StoreError: never an empty result.
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  all<T>(sql: string, params?: ReadonlyArray<SqlValue>): Promise<T[]>;
  get<T>(sql: string, params?: ReadonlyArray<SqlValue>): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: ReadonlyArray<SqlValue>): Promise<number>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** One write transaction (joins the current one when called inside it). */
  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** One read-only transaction: a consistent snapshot while other processes write. */
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export type Backend = 'sqlite' | 'postgres';

export interface Database extends SqlExecutor {
  readonly backend: Backend;
  /** Where the data lives, safe to print: a file path, or a URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}
