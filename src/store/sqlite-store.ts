/**
 * The SQLite scan-history store (better-sqlite3): WAL journal so a reader never blocks the writer,
 * foreign keys on, schema versioned by migrations.ts. recordScan runs in ONE transaction: a crash
 * or an error at any point leaves the database as it was before the call (safety invariant 5).
 * Only finding JSON is stored, never resource attributes; sensitive change values are masked again
 * here as a second line of defence (safety invariant 4).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DriftwardenError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { IncompleteScope } from '../model/resource.js';
import type { ScanHistory } from '../model/scan-result.js';
import { appliedVersions, LATEST_SCHEMA_VERSION, migrate } from './migrations.js';
import { redactFinding, redactSource } from './redact.js';
import type { FindingHistory, RecordScanOptions, ScanStore, ScanToRecord, StoredScan } from './scan-store.js';

interface ScanRow {
  id: string;
  started_at: string;
  finished_at: string;
  complete: number;
  incomplete_scopes: string;
  summary: string;
  sources: string;
  environments: string | null;
  finding_count: number;
}

interface FindingRow {
  id: string;
  kind: string;
  severity: string;
  environment: string;
  address: string;
  type: string;
  resource_id: string | null;
  account: string | null;
  region: string | null;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  last_scan_id: string;
  finding: string;
}

const SCAN_COLUMNS = `s.id, s.started_at, s.finished_at, s.complete, s.incomplete_scopes, s.summary, s.sources,
  s.environments, (SELECT COUNT(*) FROM scan_findings sf WHERE sf.scan_id = s.id) AS finding_count`;

/** Opens (creating the folder and file when needed) and migrates the store at `path`. */
export function openSqliteStore(path: string): SqliteScanStore {
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new DriftwardenError(
      'input.invalid',
      `cannot create the folder of the history store (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      {
        file,
        nextStep: 'set store.path in driftwarden.yaml to a writable location',
        cause: err,
      },
    );
  }
  const existed = existsSync(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    checkIsOurs(db, file, existed);
    migrate(db);
    return new SqliteScanStore(db);
  } catch (err) {
    db?.close();
    if (err instanceof DriftwardenError) throw err;
    throw openError(file, err);
  }
}

function openError(file: string, err: unknown): DriftwardenError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DriftwardenError('input.invalid', 'the history store is not a SQLite database, or it is corrupted', {
      file,
      nextStep: 'move the file away (history starts afresh) or point store.path in driftwarden.yaml elsewhere',
      cause: err,
    });
  }
  return new DriftwardenError('input.invalid', `cannot open the history store (${code || String(err)})`, {
    file,
    nextStep: 'check that the file and its folder are readable and writable, or set store.path in driftwarden.yaml',
    cause: err,
  });
}

/** Refuses a SQLite file that some other program owns, and one written by a newer Driftwarden. */
function checkIsOurs(db: Database.Database, file: string, existed: boolean): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
  ).map((r) => r.name);
  if (existed && tables.length > 0 && !tables.includes('schema_migrations')) {
    throw new DriftwardenError('input.invalid', 'this SQLite database is not a Driftwarden history store', {
      file,
      nextStep: 'point store.path in driftwarden.yaml at a new file',
    });
  }
  if (!tables.includes('schema_migrations')) return;
  const newest = Math.max(0, ...appliedVersions(db));
  if (newest > LATEST_SCHEMA_VERSION) {
    throw new DriftwardenError(
      'input.unsupported-version',
      `the history store has schema version ${newest}; this Driftwarden understands up to ${LATEST_SCHEMA_VERSION}`,
      { file, nextStep: 'upgrade Driftwarden, or point store.path at another file' },
    );
  }
}

/** Inside an incomplete scope: same type, and account and region equal or unknown on either side. */
function inIncompleteScope(row: FindingRow, scopes: ReadonlyArray<IncompleteScope>): boolean {
  const fits = (scope: string, value: string | null) =>
    value === null || value === '' || scope === '' || scope === '*' || scope === value;
  return scopes.some((s) => s.type === row.type && fits(s.account, row.account) && fits(s.region, row.region));
}

function environmentsKey(environments: ReadonlyArray<string> | undefined): string | null {
  return environments === undefined ? null : JSON.stringify([...new Set(environments)].sort());
}

export class SqliteScanStore implements ScanStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The connection, so the audit log can append in the same transaction as a scan. */
  get database(): Database.Database {
    return this.#db;
  }

  async recordScan(result: ScanToRecord, options: RecordScanOptions = {}): Promise<ScanHistory> {
    return this.recordScanSync(result, options);
  }

  /** The synchronous core, one transaction; exposed for callers that cannot await. */
  recordScanSync(result: ScanToRecord, options: RecordScanOptions = {}): ScanHistory {
    const db = this.#db;
    const scan = result.scan;
    const envKey = environmentsKey(options.environments);
    const inScope = (environment: string) =>
      options.environments === undefined || options.environments.includes(environment);
    const seenAt = scan.startedAt;
    return db.transaction((): ScanHistory => {
      if (db.prepare('SELECT 1 FROM scans WHERE id = ?').get(scan.id) !== undefined) {
        throw new DriftwardenError('input.invalid', `scan ${scan.id} is already recorded`, {
          nextStep: 'give every scan a new id',
        });
      }
      const previous = db
        .prepare('SELECT id FROM scans WHERE environments IS ? ORDER BY seq DESC LIMIT 1')
        .get(envKey) as { id: string } | undefined;
      db.prepare(
        `INSERT INTO scans (id, started_at, finished_at, complete, incomplete_scopes, summary, sources, environments)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        scan.id,
        scan.startedAt,
        scan.finishedAt,
        scan.complete ? 1 : 0,
        JSON.stringify(scan.incompleteScopes),
        JSON.stringify(result.summary),
        JSON.stringify(scan.sources.map(redactSource)),
        envKey,
      );

      const selectFinding = db.prepare('SELECT first_seen, resolved_at FROM findings WHERE id = ?');
      const insertFinding = db.prepare(
        `INSERT INTO findings (id, kind, severity, environment, address, type, resource_id, account, region,
           first_seen, last_seen, resolved_at, resolved_scan_id, last_scan_id, finding)
         VALUES (@id, @kind, @severity, @environment, @address, @type, @resource_id, @account, @region,
           @seen, @seen, NULL, NULL, @scan_id, @finding)
         ON CONFLICT (id) DO UPDATE SET kind = @kind, severity = @severity, environment = @environment,
           address = @address, type = @type, resource_id = @resource_id, account = @account, region = @region,
           first_seen = CASE WHEN findings.resolved_at IS NULL THEN findings.first_seen ELSE @seen END,
           last_seen = @seen, resolved_at = NULL, resolved_scan_id = NULL, last_scan_id = @scan_id, finding = @finding`,
      );
      const link = db.prepare('INSERT INTO scan_findings (scan_id, finding_id) VALUES (?, ?)');

      const newFindingIds: string[] = [];
      const firstSeen: Record<string, string> = {};
      const current = new Set<string>();
      for (const finding of result.findings) {
        const before = selectFinding.get(finding.id) as { first_seen: string; resolved_at: string | null } | undefined;
        // New: never seen, or resolved before and back again (a new episode, so first_seen restarts).
        const isNew = before === undefined || before.resolved_at !== null;
        insertFinding.run(findingParams(finding, seenAt, scan.id));
        link.run(scan.id, finding.id);
        if (isNew) newFindingIds.push(finding.id);
        firstSeen[finding.id] = isNew ? seenAt : before.first_seen;
        current.add(finding.id);
      }

      const open = db.prepare('SELECT * FROM findings WHERE resolved_at IS NULL').all() as FindingRow[];
      const resolve = db.prepare('UPDATE findings SET resolved_at = ?, resolved_scan_id = ? WHERE id = ?');
      const resolved: Array<ScanHistory['resolved'][number]> = [];
      for (const row of open) {
        if (current.has(row.id) || !inScope(row.environment) || inIncompleteScope(row, scan.incompleteScopes)) continue;
        resolve.run(seenAt, scan.id, row.id);
        resolved.push({ id: row.id, address: row.address, kind: row.kind as Finding['kind'] });
      }
      return { previousScanId: previous?.id ?? null, newFindingIds, resolved, firstSeen };
    })();
  }

  async previousScan(): Promise<StoredScan | undefined> {
    return (await this.listScans(1))[0];
  }

  async listScans(limit = 20): Promise<ReadonlyArray<StoredScan>> {
    const rows = this.#db
      .prepare(`SELECT ${SCAN_COLUMNS} FROM scans s ORDER BY s.seq DESC LIMIT ?`)
      .all(limit) as ScanRow[];
    return rows.map(toStoredScan);
  }

  async findingHistory(id: string): Promise<FindingHistory | undefined> {
    const row = this.#db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
    if (!row) return undefined;
    const sightings = this.#db
      .prepare(
        `SELECT s.id AS scanId, s.started_at AS startedAt FROM scan_findings sf JOIN scans s ON s.id = sf.scan_id
         WHERE sf.finding_id = ? ORDER BY s.seq`,
      )
      .all(id) as Array<{ scanId: string; startedAt: string }>;
    return {
      id: row.id,
      kind: row.kind as FindingHistory['kind'],
      severity: row.severity as FindingHistory['severity'],
      environment: row.environment,
      address: row.address,
      type: row.type,
      ...(row.resource_id !== null ? { resourceId: row.resource_id } : {}),
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
      lastScanId: row.last_scan_id,
      finding: JSON.parse(row.finding) as Finding,
      sightings,
    };
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function findingParams(finding: Finding, seen: string, scanId: string): Record<string, string | null> {
  return {
    id: finding.id,
    kind: finding.kind,
    severity: finding.severity,
    environment: finding.environment,
    address: finding.resource.address,
    type: finding.resource.type,
    resource_id: finding.resource.id ?? null,
    account: finding.resource.account ?? null,
    region: finding.resource.region ?? null,
    seen,
    scan_id: scanId,
    finding: JSON.stringify(redactFinding(finding)),
  };
}

function toStoredScan(row: ScanRow): StoredScan {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    complete: row.complete === 1,
    incompleteScopes: JSON.parse(row.incomplete_scopes) as IncompleteScope[],
    summary: JSON.parse(row.summary) as StoredScan['summary'],
    sources: JSON.parse(row.sources) as string[],
    ...(row.environments !== null ? { environments: JSON.parse(row.environments) as string[] } : {}),
    findingCount: row.finding_count,
  };
}
