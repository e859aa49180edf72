/**
 * Finding queries for the server: filtered, sorted pages read by keyset (the sort key and the id of
 * the last row of the previous page), so page 1,000 of 100k findings costs what page 1 costs; the
 * indexes are migration 5's. Counts for the dashboard and the metrics group in SQL. Read-only: the
 * history store (history.ts) is the only writer of findings.
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
import type { SqlExecutor, SqlValue } from './sql.js';

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
  /** Findings matching the filters, over every page. */
  readonly total: number;
}

export interface FindingCount {
  readonly kind: DriftKind;
  readonly severity: Severity;
  readonly environment: string;
  readonly count: number;
}

interface ListRow extends FindingRow {
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

const LATEST_SCAN = '(SELECT id FROM scans ORDER BY seq DESC LIMIT 1)';

/** WHERE clause and parameters for the filters (not the cursor). */
function filters(query: FindingQuery): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const oneOf = (column: string, values: ReadonlyArray<string> | undefined) => {
    if (values === undefined || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  oneOf('kind', query.kinds);
  oneOf('severity', query.severities);
  oneOf('environment', query.environments);
  oneOf('type', query.types);
  const status = query.status ?? 'open';
  if (status === 'resolved') where.push('resolved_at IS NOT NULL');
  else where.push('resolved_at IS NULL');
  if (status === 'new') where.push(`first_seen = last_seen AND last_scan_id = ${LATEST_SCAN}`);
  if (query.text !== undefined && query.text !== '') {
    // LIKE with the wildcards of the text escaped: the text is matched literally.
    const pattern = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      "(LOWER(address) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(resource_id, '')) LIKE ? ESCAPE '\\' OR type LIKE ? ESCAPE '\\')",
    );
    params.push(pattern, pattern, pattern);
  }
  return { where, params };
}

function toItem(row: ListRow, latestScanId: string | undefined): FindingListItem {
  const finding = JSON.parse(row.finding) as Finding;
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
    summary: finding.summary,
    status,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
    ...(finding.blastRadius
      ? { blastRadius: { score: finding.blastRadius.score, level: finding.blastRadius.level } }
      : {}),
  };
}

export class ServerQueries {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** One page, in one read transaction (the page and its total agree). */
  page(query: FindingQuery): Promise<FindingPage> {
    const sort = query.sort ?? '-severity';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMN[descending ? sort.slice(1) : sort]!;
    const limit = query.limit ?? 100;
    const { where, params } = filters(query);
    const countWhere = [...where];
    const countParams = [...params];
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor, sort);
      // Row values compare lexicographically on both backends and walk the (column, id) index.
      where.push(`(${column}, id) ${descending ? '<' : '>'} (?, ?)`);
      params.push(after.key, after.id);
    }
    const direction = descending ? 'DESC' : 'ASC';
    const sql = `SELECT id, kind, severity, environment, address, type, resource_id, account, region, first_seen,
        last_seen, resolved_at, last_scan_id, finding, ${column} AS sort_key
      FROM findings WHERE ${where.join(' AND ')}
      ORDER BY ${column} ${direction}, id ${direction} LIMIT ?`;
    return this.#sql.read(async (tx) => {
      const rows = await tx.all<ListRow>(sql, [...params, limit + 1]);
      const total = await tx.get<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM findings WHERE ${countWhere.join(' AND ')}`,
        countParams,
      );
      const latest = await tx.get<{ id: string }>(`SELECT id FROM scans ORDER BY seq DESC LIMIT 1`);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => toItem(row, latest?.id)),
        ...(rows.length > limit && last ? { nextCursor: encodeCursor(sort, last.sort_key, last.id) } : {}),
        total: Number(total?.n ?? 0),
      };
    });
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
