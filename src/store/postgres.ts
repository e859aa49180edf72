/**
 * The shared PostgreSQL backend (`pg`). Write transactions take one transaction-scoped advisory
 * lock first, so every writer of the same database queues exactly as SQLite's BEGIN IMMEDIATE
 * queues them: the audit chain's head, a scan's "new" and "resolved" and a lease are read and
 * written by one process at a time. Reads run in REPEATABLE READ READ ONLY transactions (one
 * consistent snapshot while others append).
 *
 * The password is never printed: `location` is the URL without it, and connection errors name
 * that location, never the connection string.
 */
import pg from 'pg';
import { DriftwardenError } from '../model/errors.js';
import { redactDatabaseUrl } from './location.js';
import type { Database, SqlExecutor, SqlValue } from './sql.js';

/** pg_advisory_xact_lock key of the store's write lock: 0x44575354, "DWST" in ASCII, fixed forever. */
const WRITE_LOCK_KEY = 0x44575354;

const INT8_OID = 20;

/** `?` placeholders (outside quoted literals) to `$1, $2, ...`. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quoted = false;
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

function postgresError(location: string, err: unknown, doing: string): DriftwardenError {
  if (err instanceof DriftwardenError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  const connection = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', '28P01', '28000', '3D000', '57P03'];
  if (connection.includes(code) || /connect|terminat/i.test(message)) {
    return new DriftwardenError('store.unavailable', `cannot reach the PostgreSQL store (${code || message})`, {
      file: location,
      nextStep: 'check the host, port, database name and credentials of DRIFTWARDEN_DATABASE_URL or `store:`',
      cause: err,
    });
  }
  return new DriftwardenError('store.error', `database error (${doing}): ${code ? `${code}: ` : ''}${message}`, {
    file: location,
    nextStep: '`driftwarden db status` shows the schema; check the database server log',
    cause: err,
  });
}

class PostgresExecutor implements SqlExecutor {
  constructor(
    protected readonly pool: pg.Pool,
    protected readonly client: pg.PoolClient | undefined,
    readonly location: string,
  ) {}

  async #query<T>(sql: string, params: ReadonlyArray<SqlValue>): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    try {
      return await (this.client ?? this.pool).query<T & pg.QueryResultRow>(numberPlaceholders(sql), [...params]);
    } catch (err) {
      throw postgresError(this.location, err, 'query');
    }
  }

  async all<T>(sql: string, params: ReadonlyArray<SqlValue> = []): Promise<T[]> {
    return (await this.#query<T>(sql, params)).rows;
  }

  async get<T>(sql: string, params: ReadonlyArray<SqlValue> = []): Promise<T | undefined> {
    return (await this.#query<T>(sql, params)).rows[0];
  }

  async run(sql: string, params: ReadonlyArray<SqlValue> = []): Promise<number> {
    return (await this.#query(sql, params)).rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    try {
      await (this.client ?? this.pool).query(sql);
    } catch (err) {
      throw postgresError(this.location, err, 'statement');
    }
  }

  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    return this.#transaction(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`, fn);
  }

  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
  }

  async #transaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw postgresError(this.location, err, 'connect');
    }
    try {
      await client.query(begin);
      const result = await fn(new PostgresExecutor(this.pool, client, this.location));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // eslint-disable-next-line no-restricted-syntax -- the transaction's own error is the one reported; a failed ROLLBACK ends with the connection
      await client.query('ROLLBACK').catch(() => undefined);
      throw postgresError(this.location, err, 'transaction');
    } finally {
      client.release();
    }
  }
}

class PostgresDatabase extends PostgresExecutor implements Database {
  readonly backend = 'postgres' as const;

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openPostgresDatabase(url: string): Promise<Database> {
  const location = redactDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 15_000,
    // COUNT(*) and BIGSERIAL come back as int8; every count and seq here fits a JS number.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const database = new PostgresDatabase(pool, undefined, location);
  try {
    await database.get('SELECT 1 AS ok');
  } catch (err) {
    // eslint-disable-next-line no-restricted-syntax -- closing the pool after a failed first query; that query's error is the one reported
    await pool.end().catch(() => undefined);
    throw err;
  }
  return database;
}
