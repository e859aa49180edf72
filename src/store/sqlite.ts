/**
 * The embedded SQLite backend (better-sqlite3): WAL journal so readers never block the writer,
 * foreign keys on, and write transactions that take the write lock up front (BEGIN IMMEDIATE) and
 * wait for it up to the busy timeout. A deferred transaction that reads first and writes later
 * cannot wait in WAL mode (SQLite answers SQLITE_BUSY at once to avoid a deadlock): that is how six
 * concurrent scans used to fail with `database is locked`. Taking the lock first makes them queue.
 *
 * better-sqlite3 is synchronous and one connection serves the whole process, so transactions of
 * the same process are queued behind an in-process mutex: a statement outside a transaction can
 * never slip into another caller's open transaction.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DriftwardenError } from '../model/errors.js';
import type { Database, SqlExecutor, SqlValue } from './sql.js';

/** How long a write waits for another process's write transaction before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 60_000;

export interface OpenSqliteOptions {
  /** Refuse to create the file (read-only commands such as `audit verify`). */
  readonly mustExist?: boolean;
  readonly busyTimeoutMs?: number;
}

export function openSqliteDatabase(path: string, options: OpenSqliteOptions = {}): Database {
  const file = resolve(path);
  if (options.mustExist && !existsSync(file)) {
    throw new DriftwardenError('input.missing-file', 'no Driftwarden database here: nothing has been recorded yet', {
      file,
      nextStep: 'pass --store FILE (or --config) pointing at the database scans and break-glass sessions write to',
    });
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new DriftwardenError(
      'store.unavailable',
      `cannot create the folder of the Driftwarden database (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      { file, nextStep: 'set store.path in driftwarden.yaml to a writable location', cause: err },
    );
  }
  const existed = existsSync(file);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, nativeOptions());
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    checkIsOurs(db, file, existed);
    return new SqliteDatabase(db, file);
  } catch (err) {
    db?.close();
    if (err instanceof DriftwardenError) throw err;
    if (!nativeModuleLoads()) throw nativeModuleError(file, err);
    throw sqliteError(file, err, 'open');
  }
}

/**
 * DRIFTWARDEN_SQLITE_NATIVE names a better_sqlite3.node built for the running Node.js, when it is
 * not the one in node_modules (scripts/node-version.sh builds one per Node.js version for the CI
 * runs on Node 22 and 24; node_modules keeps the machine's Node build).
 */
function nativeOptions(): BetterSqlite3.Options {
  const binding = process.env['DRIFTWARDEN_SQLITE_NATIVE'];
  return binding ? { nativeBinding: binding } : {};
}

/**
 * Whether better-sqlite3's native module loads at all: an in-memory database touches no file, so
 * when it fails too the problem is the build (install scripts skipped, another Node.js version's
 * ABI), never the database file or its permissions.
 */
function nativeModuleLoads(): boolean {
  try {
    new BetterSqlite3(':memory:', nativeOptions()).close();
    return true;
  } catch {
    return false;
  }
}

function nativeModuleError(file: string, err: unknown): DriftwardenError {
  return new DriftwardenError(
    'environment.native-module',
    `SQLite's native module (better-sqlite3) cannot be loaded by Node.js ${process.version}`,
    {
      file,
      nextStep:
        'rebuild it for this Node.js: `npm rebuild better-sqlite3` in the Driftwarden install (or `npm ci` again); or pass --no-history to scan without the store',
      cause: err,
    },
  );
}

/** Refuses a SQLite file that holds some other program's tables. */
function checkIsOurs(db: BetterSqlite3.Database, file: string, existed: boolean): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
  ).map((r) => r.name);
  if (existed && tables.length > 0 && !tables.includes('schema_migrations')) {
    throw new DriftwardenError('input.invalid', 'this SQLite database is not a Driftwarden history store', {
      file,
      nextStep: 'point store.path in driftwarden.yaml at a new file',
    });
  }
}

export function sqliteError(file: string, err: unknown, doing: string): DriftwardenError {
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DriftwardenError(
      'input.invalid',
      'the Driftwarden database is not a SQLite database, or it is corrupted',
      {
        file,
        nextStep: 'move the file away (history starts afresh) or point store.path in driftwarden.yaml elsewhere',
        cause: err,
      },
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new DriftwardenError(
      'store.unavailable',
      `the Driftwarden database is locked by another process (${code}, ${doing})`,
      { file, nextStep: 'wait for the other scan or reconcile to finish, then run again', cause: err },
    );
  }
  return new DriftwardenError('store.error', `database error (${doing}): ${code ? `${code}: ` : ''}${message}`, {
    file,
    nextStep: 'check that the file and its folder are readable and writable; `driftwarden db status` shows its schema',
    cause: err,
  });
}

/** The connection, its statement cache and the in-process queue, shared by every executor. */
class SqliteConnection {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  /** The tail of the in-process queue: every top-level statement and transaction waits for it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: BetterSqlite3.Database,
    readonly file: string,
  ) {}

  #serialize<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.#queue.then(work, work);
    // eslint-disable-next-line no-restricted-syntax -- the queue only orders work; each caller gets `next` and its failure
    this.#queue = next.catch(() => undefined);
    return next;
  }

  raw<T>(inTx: boolean, work: (db: BetterSqlite3.Database) => T): Promise<T> {
    const run = () => {
      try {
        return work(this.db);
      } catch (err) {
        throw sqliteError(this.file, err, 'query');
      }
    };
    return inTx ? Promise.resolve().then(run) : this.#serialize(run);
  }

  statement<T>(inTx: boolean, sql: string, use: (statement: BetterSqlite3.Statement) => T): Promise<T> {
    return this.raw(inTx, (db) => {
      let statement = this.#statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        this.#statements.set(sql, statement);
      }
      return use(statement);
    });
  }

  transaction<T>(begin: 'BEGIN' | 'BEGIN IMMEDIATE', fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#serialize(async () => {
      try {
        this.db.exec(begin);
      } catch (err) {
        throw sqliteError(this.file, err, begin === 'BEGIN' ? 'begin a read' : 'take the write lock');
      }
      try {
        const result = await fn(new SqliteExecutor(this, true));
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  close(): Promise<void> {
    return this.#serialize(() => {
      if (this.db.open) this.db.close();
    });
  }
}

/** Statements on the connection; `inTx` executors are handed to transaction bodies and skip the queue. */
class SqliteExecutor implements SqlExecutor {
  constructor(
    protected readonly connection: SqliteConnection,
    private readonly inTx: boolean,
  ) {}

  all<T>(sql: string, params: ReadonlyArray<SqlValue> = []): Promise<T[]> {
    return this.connection.statement(this.inTx, sql, (s) => s.all(...params) as T[]);
  }

  get<T>(sql: string, params: ReadonlyArray<SqlValue> = []): Promise<T | undefined> {
    return this.connection.statement(this.inTx, sql, (s) => s.get(...params) as T | undefined);
  }

  run(sql: string, params: ReadonlyArray<SqlValue> = []): Promise<number> {
    return this.connection.statement(this.inTx, sql, (s) => s.run(...params).changes);
  }

  async exec(sql: string): Promise<void> {
    await this.connection.raw(this.inTx, (db) => db.exec(sql));
  }

  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTx ? fn(this) : this.connection.transaction('BEGIN IMMEDIATE', fn);
  }

  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTx ? fn(this) : this.connection.transaction('BEGIN', fn);
  }
}

class SqliteDatabase extends SqliteExecutor implements Database {
  readonly backend = 'sqlite' as const;
  readonly location: string;

  constructor(db: BetterSqlite3.Database, file: string) {
    super(new SqliteConnection(db, file), false);
    this.location = file;
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
