/**
 * Finding queries for the server: filtered, sorted pages read by keyset (the sort key and the id of
 * the last row of the previous page), so page 1,000 of 100k findings costs what page 1 costs; the
 * indexes are migration 8's (one per sort and status, holding the filter columns) and migration 10's
 * (one environment; new findings). Counts for the
 * dashboard and the metrics group in SQL. Read-only: the history store (history.ts) is the only
 * writer of findings, and it writes them only while recording a scan.
 *
 * A page's total is exact: findings change only when a scan is recorded, so the count of one
 * filter is kept until the latest scan changes (read in the same transaction as the page). A
 * filter that cannot use an index (text, `new`) pays its count once per scan, not per page.
 *
 * Status, per finding:
 * - `resolved`: a later scan that could see it found it gone (resolved_at is set);
 * - `new`: open, and its current episode began with the latest recorded scan (first and last
 *   sighting are that scan), i.e. what the latest scan reported as new;
 * - `open`: every finding not resolved, new ones included.
 */
import { DRIFT_KINDS, SEVERITIES, type DriftKind, type Finding, type Severity } from '../model/finding.js';
import { DriftwardenError } from '../model/errors.js';
import { SCAN_COLUMNS, toStoredScan, type FindingRow, type ScanRow } from './history.js';
import type { StoredScan } from './scan-store.js';
import type { Backend, SqlExecutor, SqlValue } from './sql.js';

export const FINDING_STATUSES = ['new', 'open', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** `-` first: descending. Ties are broken by the finding id in the same direction. */
export const FINDING_SORTS = [
  '-severity',
  'severity',
  '-lastSeen',
  'lastSeen',
  '-firstSeen',
  'firstSeen',
  'address',
  '-address',
] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

const SORT_COLUMN: Record<string, string> = {
  severity: 'severity_rank',
  lastSeen: 'last_seen',
  firstSeen: 'first_seen',
  address: 'address',
};

export interface FindingQuery {
  readonly kinds?: ReadonlyArray<DriftKind>;
  readonly severities?: ReadonlyArray<Severity>;
  readonly environments?: ReadonlyArray<string>;
  readonly types?: ReadonlyArray<string>;
  /** Default `open`. */
  readonly status?: FindingStatus;
  /** Case-insensitive substring of the address, the resource id or the type. */
  readonly text?: string;
  /** Default `-severity`. */
  readonly sort?: FindingSort;
  /** 1..500, default 100. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One row of a page: what a list shows; the detail (changes, impact, history) is one more call. */
export interface FindingListItem {
  readonly id: string;
  readonly kind: DriftKind;
  readonly severity: Severity;
  readonly environment: string;
  readonly address: string;
  readonly type: string;
  readonly resourceId?: string;
  readonly account?: string;
  readonly region?: string;
  readonly summary: string;
  readonly status: FindingStatus;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt?: string;
  readonly blastRadius?: { readonly score: number; readonly level: string };
}

export interface FindingPage {
  readonly items: ReadonlyArray<FindingListItem>;
  /** Pass as `cursor` for the next page; undefined on the last page. */
  readonly nextCursor?: string;
  /** Findings matching the filters, over every page, as of `asOfScanId`. */
  readonly total: number;
  /** The latest recorded scan when the page was read (statuses and total are as of it); null before any scan. */
  readonly asOfScanId: string | null;
}

export interface FindingCount {
  readonly kind: DriftKind;
  readonly severity: Severity;
  readonly environment: string;
  readonly count: number;
}

/** A page's row: columns only (migration 10), never the finding's JSON. */
interface ListRow extends Omit<FindingRow, 'finding'> {
  summary: string | null;
  blast_score: number | null;
  blast_level: string | null;
  sort_key: string | number;
}

const badCursor = () =>
  new DriftwardenError('usage', 'the cursor is not one this server handed out', {
    key: 'cursor',
    nextStep: 'start again without a cursor, and pass the nextCursor of the previous page unchanged',
  });

/** Cursor: base64url JSON [sort, key, id]; it carries its sort so that it cannot be reused with another. */
function encodeCursor(sort: FindingSort, key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: FindingSort): { key: string | number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    (typeof parsed[1] !== 'string' && typeof parsed[1] !== 'number') ||
    typeof parsed[2] !== 'string'
  )
    throw badCursor();
  return { key: parsed[1] as string | number, id: parsed[2] as string };
}

/** As migration 7's generated column `severity_rank` computes it. */
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Totals kept per filter while the latest scan stays the same; bounded so odd filters cannot grow it. */
const TOTALS_KEPT = 256;

const LATEST_SCAN = '(SELECT id FROM scans ORDER BY seq DESC LIMIT 1)';

/**
 * The text filter: a case-insensitive substring of the address, the resource id or the type,
 * matched literally (no wildcard, operator or quote in it means anything). SQLite: three characters
 * or more are looked up in migration 11's trigram index as one quoted phrase (a trigram phrase is a
 * substring of one column; case folded by the tokenizer); fewer cannot be (a trigram index holds
 * no shorter strings) and are matched by LIKE on each row. PostgreSQL: LIKE on the lowered columns,
 * which migration 11's pg_trgm indexes serve from three characters on.
 */
function textFilter(text: string, backend: Backend, walk: boolean): { where: string; params: SqlValue[] } {
  const phrase = ftsPhrase(text, backend);
  if (phrase !== undefined) {
    // `walk`: the matches are many, so the page walks its sort index and tests each row against
    // them (the unary + keeps SQLite from fetching every match by key and sorting them all).
    return {
      where: `${walk ? '+' : ''}text_key IN (SELECT rowid FROM findings_text WHERE findings_text MATCH ?)`,
      params: [phrase],
    };
  }
  // LIKE with the wildcards of the text escaped: the text is matched literally.
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    where:
      "(LOWER(address) LIKE ? ESCAPE '\\' OR LOWER(resource_id) LIKE ? ESCAPE '\\' OR LOWER(type) LIKE ? ESCAPE '\\')",
    params: [pattern, pattern, pattern],
  };
}

/** The FTS5 query of a text served by SQLite's trigram index: one quoted phrase (its quotes doubled). */
function ftsPhrase(text: string, backend: Backend): string | undefined {
  if (backend !== 'sqlite' || [...text].length < 3) return undefined;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Up to this many trigram matches, a page fetches the matches by key and sorts them; beyond it, it
 * walks the sort index and keeps the rows that match. Measured at 100k findings: sorting 100k
 * matches took 0.9 s and walking for 11 matches 1.5 s; both ways cost about the same near 4,000.
 */
const TEXT_SORT_LIMIT = 5000;

/** WHERE clause and parameters for the filters (not the cursor). */
function filters(query: FindingQuery, backend: Backend, walkText = false): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  // SQLite's way to keep a term from choosing the index; PostgreSQL plans by cost (and would
  // misestimate the expression), so there the column stays bare.
  const noSeek = backend === 'sqlite' ? '+' : '';
  const oneOf = (column: string, values: ReadonlyArray<string> | undefined) => {
    if (values === undefined || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  oneOf('kind', query.kinds);
  // By rank: the sort indexes hold severity_rank (migration 7's generated column), not severity.
  // Under another sort, the unary + keeps SQLite from seeking the severity index for the IN and
  // then sorting every match: the page's own sort index is walked and filtered instead.
  if (query.severities !== undefined && query.severities.length > 0) {
    const rank = (query.sort ?? '-severity').endsWith('severity') ? 'severity_rank' : `${noSeek}severity_rank`;
    where.push(`${rank} IN (${query.severities.map(() => '?').join(', ')})`);
    params.push(...query.severities.map((severity) => SEVERITY_RANK[severity]));
  }
  // One environment seeks migration 10's index led by it; several walk the sort index (the
  // unary + keeps SQLite from seeking each and sorting their union).
  if (query.environments !== undefined && query.environments.length === 1) {
    where.push('environment = ?');
    params.push(query.environments[0]!);
  } else if (query.environments !== undefined && query.environments.length > 1) {
    where.push(`${noSeek}environment IN (${query.environments.map(() => '?').join(', ')})`);
    params.push(...query.environments);
  }
  oneOf('type', query.types);
  const status = query.status ?? 'open';
  if (status === 'resolved') where.push('resolved_at IS NOT NULL');
  else where.push('resolved_at IS NULL');
  // As migration 10's `findings_new_by_*` indexes are written (their WHERE), so that they serve it.
  if (status === 'new') where.push(`first_seen = last_seen AND last_scan_id = ${LATEST_SCAN}`);
  if (query.text !== undefined && query.text !== '') {
    const text = textFilter(query.text, backend, walkText);
    where.push(text.where);
    params.push(...text.params);
  }
  return { where, params };
}

function toItem(row: ListRow, latestScanId: string | undefined): FindingListItem {
  const status: FindingStatus =
    row.resolved_at !== null
      ? 'resolved'
      : row.first_seen === row.last_seen && row.last_scan_id === latestScanId
        ? 'new'
        : 'open';
  return {
    id: row.id,
    kind: row.kind as DriftKind,
    severity: row.severity as Severity,
    environment: row.environment,
    address: row.address,
    type: row.type,
    ...(row.resource_id !== null ? { resourceId: row.resource_id } : {}),
    ...(row.account !== null ? { account: row.account } : {}),
    ...(row.region !== null ? { region: row.region } : {}),
    summary: row.summary ?? '',
    status,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
    ...(row.blast_score !== null && row.blast_level !== null
      ? { blastRadius: { score: Number(row.blast_score), level: row.blast_level } }
      : {}),
  };
}

/**
 * The SQL of one page (its parameters end with the LIMIT, one more than the page to tell whether
 * another follows) and of its total. Exported for the test that reads the query plan of every
 * sort, status and filter: each must walk one index in order, never sort.
 */
export function findingPageSql(
  query: FindingQuery,
  backend: Backend,
  options: { readonly walkText?: boolean } = {},
): {
  sql: string;
  params: SqlValue[];
  countWhere: string[];
  countParams: SqlValue[];
} {
  const sort = query.sort ?? '-severity';
  const descending = sort.startsWith('-');
  const column = SORT_COLUMN[descending ? sort.slice(1) : sort]!;
  const { where, params } = filters(query, backend, options.walkText);
  // The total never walks: it counts the matches, fetched by key.
  const { where: countWhere, params: countParams } = filters(query, backend);
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor, sort);
    // Row values compare lexicographically on both backends and continue the (column, id) index walk.
    where.push(`(${column}, id) ${descending ? '<' : '>'} (?, ?)`);
    params.push(after.key, after.id);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const sql = `SELECT id, kind, severity, environment, address, type, resource_id, account, region, first_seen,
      last_seen, resolved_at, last_scan_id, summary, blast_score, blast_level, ${column} AS sort_key
    FROM findings WHERE ${where.join(' AND ')}
    ORDER BY ${column} ${direction}, id ${direction} LIMIT ?`;
  return { sql, params: [...params, (query.limit ?? 100) + 1], countWhere, countParams };
}

export class ServerQueries {
  readonly #sql: SqlExecutor;
  readonly #backend: Backend;
  /** Totals of the scan `#totalsSeq`, by filter (SQL and parameters). */
  readonly #totals = new Map<string, number>();
  #totalsSeq: number | undefined;

  constructor(sql: SqlExecutor, backend: Backend) {
    this.#sql = sql;
    this.#backend = backend;
  }

  /** One page, in one read transaction (the page and its total agree). */
  page(query: FindingQuery): Promise<FindingPage> {
    const sort = query.sort ?? '-severity';
    const limit = query.limit ?? 100;
    return this.#sql.read(async (tx) => {
      const phrase = query.text !== undefined ? ftsPhrase(query.text, this.#backend) : undefined;
      const walkText =
        phrase !== undefined &&
        Number(
          (
            await tx.get<{ n: number }>(
              'SELECT COUNT(*) AS n FROM (SELECT 1 FROM findings_text WHERE findings_text MATCH ? LIMIT ?)',
              [phrase, TEXT_SORT_LIMIT + 1],
            )
          )?.n,
        ) > TEXT_SORT_LIMIT;
      const { sql, params, countWhere, countParams } = findingPageSql(query, this.#backend, { walkText });
      const latest = await tx.get<{ id: string; seq: number | string }>(
        'SELECT id, seq FROM scans ORDER BY seq DESC LIMIT 1',
      );
      const rows = await tx.all<ListRow>(sql, params);
      const total = await this.#total(tx, latest === undefined ? 0 : Number(latest.seq), countWhere, countParams);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => toItem(row, latest?.id)),
        ...(rows.length > limit && last ? { nextCursor: encodeCursor(sort, last.sort_key, last.id) } : {}),
        total,
        asOfScanId: latest?.id ?? null,
      };
    });
  }

  /**
   * The count of one filter as of the scan `seq`: counted once, then kept until a newer scan. A
   * read that began before a newer scan was seen (concurrent requests) counts and keeps nothing.
   */
  async #total(tx: SqlExecutor, seq: number, where: string[], params: SqlValue[]): Promise<number> {
    if (this.#totalsSeq === undefined || seq > this.#totalsSeq) {
      this.#totals.clear();
      this.#totalsSeq = seq;
    }
    const sql = `SELECT COUNT(*) AS n FROM findings WHERE ${where.join(' AND ')}`;
    const key = `${sql}\n${JSON.stringify(params)}`;
    const kept = seq === this.#totalsSeq ? this.#totals.get(key) : undefined;
    if (kept !== undefined) return kept;
    const n = Number((await tx.get<{ n: number | string }>(sql, params))?.n ?? 0);
    if (seq !== this.#totalsSeq) return n;
    if (this.#totals.size >= TOTALS_KEPT) this.#totals.delete(this.#totals.keys().next().value!);
    this.#totals.set(key, n);
    return n;
  }

  /** The status of one finding (new / open / resolved), or undefined when it is unknown. */
  async status(id: string): Promise<FindingStatus | undefined> {
    const row = await this.#sql.get<{
      first_seen: string;
      last_seen: string;
      resolved_at: string | null;
      latest: number;
    }>(
      `SELECT first_seen, last_seen, resolved_at, CASE WHEN last_scan_id = ${LATEST_SCAN} THEN 1 ELSE 0 END AS latest
       FROM findings WHERE id = ?`,
      [id],
    );
    if (row === undefined) return undefined;
    if (row.resolved_at !== null) return 'resolved';
    return row.first_seen === row.last_seen && Number(row.latest) === 1 ? 'new' : 'open';
  }

  /** Open findings by kind, severity and environment (the metrics and the overview). */
  async openCounts(): Promise<FindingCount[]> {
    const rows = await this.#sql.all<{ kind: string; severity: string; environment: string; n: number | string }>(
      `SELECT kind, severity, environment, COUNT(*) AS n FROM findings WHERE resolved_at IS NULL
       GROUP BY kind, severity, environment ORDER BY environment, kind, severity`,
    );
    return rows.map((row) => ({
      kind: row.kind as DriftKind,
      severity: row.severity as Severity,
      environment: row.environment,
      count: Number(row.n),
    }));
  }

  /** One recorded scan with its finding count, or undefined. */
  async scan(id: string): Promise<StoredScan | undefined> {
    return (await this.scans({ id, limit: 1 }))[0];
  }

  /** Recorded scans, newest first: before the scan `before` (its id) when given. */
  async scans(query: {
    readonly limit: number;
    readonly before?: string;
    readonly id?: string;
  }): Promise<StoredScan[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.id !== undefined) {
      where.push('s.id = ?');
      params.push(query.id);
    }
    if (query.before !== undefined) {
      where.push('s.seq < (SELECT seq FROM scans WHERE id = ?)');
      params.push(query.before);
    }
    const rows = await this.#sql.all<ScanRow>(
      `SELECT ${SCAN_COLUMNS} FROM scans s ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.seq DESC LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map(toStoredScan);
  }

  /** The open findings (of these environments, when given), as last seen. */
  async openFindings(environments?: ReadonlyArray<string>): Promise<Finding[]> {
    const filter =
      environments !== undefined && environments.length > 0
        ? ` AND environment IN (${environments.map(() => '?').join(', ')})`
        : '';
    const rows = await this.#sql.all<{ finding: string }>(
      `SELECT finding FROM findings WHERE resolved_at IS NULL${filter} ORDER BY id`,
      environments ?? [],
    );
    return rows.map((row) => JSON.parse(row.finding) as Finding);
  }

  /**
   * Findings each of these scans saw, per environment (the dashboard's drift over time). A scan
   * that saw none in an environment has no row for it: the caller decides whether the scan covered
   * that environment (a zero) or not (no point).
   */
  async findingsPerScan(
    scanIds: ReadonlyArray<string>,
  ): Promise<Array<{ scanId: string; environment: string; count: number }>> {
    if (scanIds.length === 0) return [];
    const rows = await this.#sql.all<{ scan_id: string; environment: string; n: number | string }>(
      `SELECT sf.scan_id, f.environment, COUNT(*) AS n FROM scan_findings sf JOIN findings f ON f.id = sf.finding_id
       WHERE sf.scan_id IN (${scanIds.map(() => '?').join(', ')}) GROUP BY sf.scan_id, f.environment`,
      scanIds,
    );
    return rows.map((row) => ({ scanId: row.scan_id, environment: row.environment, count: Number(row.n) }));
  }

  /** Every environment a finding was ever recorded in, sorted. */
  async environments(): Promise<string[]> {
    const rows = await this.#sql.all<{ environment: string }>(
      'SELECT DISTINCT environment FROM findings ORDER BY environment',
    );
    return rows.map((row) => row.environment);
  }
}

/** The filter vocabulary, for validation at the edges (the API's JSON schema uses the same lists). */
export const FINDING_FILTER_VALUES = { kinds: DRIFT_KINDS, severities: SEVERITIES, statuses: FINDING_STATUSES };
