/**
 * Scan history queries (lifecycle rules in scan-store.ts). recordScan runs in ONE write
 * transaction: a crash or an error at any point leaves the database as it was before the call
 * (safety invariant 5). Only finding JSON is stored, never resource attributes; sensitive change
 * values are masked again here as a second line of defence (safety invariant 4).
 */
import { DriftwardenError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import { UNKNOWN_ACCOUNT, type IncompleteScope } from '../model/resource.js';
import type { ScanHistory } from '../model/scan-result.js';
import { redactFinding, redactSource } from './redact.js';
import type {
  FindingHistory,
  Observation,
  RecordScanOptions,
  ScanToRecord,
  StoredScan,
  WindowFindingRow,
} from './scan-store.js';
import type { SqlExecutor, SqlValue } from './sql.js';

export interface ScanRow {
  id: string;
  started_at: string;
  finished_at: string;
  complete: number;
  incomplete_scopes: string;
  summary: string;
  sources: string;
  environments: string | null;
  estate: string | null;
  estate_label: string | null;
  finding_count: number;
}

export interface FindingRow {
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

export const SCAN_COLUMNS = `s.id, s.started_at, s.finished_at, s.complete, s.incomplete_scopes, s.summary, s.sources,
  s.environments, s.estate, s.estate_label, (SELECT COUNT(*) FROM scan_findings sf WHERE sf.scan_id = s.id) AS finding_count`;

const UPSERT_FINDING = `INSERT INTO findings (id, kind, severity, environment, address, type, resource_id, account, region,
    first_seen, last_seen, resolved_at, resolved_scan_id, last_scan_id, finding, estate, summary, blast_score, blast_level)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, severity = excluded.severity,
    environment = excluded.environment, address = excluded.address, type = excluded.type,
    resource_id = excluded.resource_id, account = excluded.account, region = excluded.region,
    first_seen = CASE WHEN findings.resolved_at IS NULL THEN findings.first_seen ELSE excluded.first_seen END,
    last_seen = excluded.last_seen, resolved_at = NULL, resolved_scan_id = NULL,
    last_scan_id = excluded.last_scan_id, finding = excluded.finding, estate = excluded.estate,
    summary = excluded.summary, blast_score = excluded.blast_score, blast_level = excluded.blast_level`;

/**
 * Inside an incomplete scope: same type, and account and region equal or unknown on either side
 * (a scope whose account nothing could tell is UNKNOWN_ACCOUNT, standing for every account).
 */
function inIncompleteScope(row: FindingRow, scopes: ReadonlyArray<IncompleteScope>): boolean {
  const fits = (scope: string, value: string | null) =>
    value === null || value === '' || scope === '' || scope === '*' || scope === UNKNOWN_ACCOUNT || scope === value;
  return scopes.some((s) => s.type === row.type && fits(s.account, row.account) && fits(s.region, row.region));
}

/**
 * Why this scan cannot conclude that the finding is gone, or undefined when it can: its exact
 * scope (type, known account, known region) was observed completely, and no failed scope could
 * hold it. A plan's refresh read every managed resource, so it re-checks all but unmanaged ones.
 */
function unobservedReason(
  row: FindingRow,
  observation: Observation,
  incomplete: ReadonlyArray<IncompleteScope>,
): string | undefined {
  if (inIncompleteScope(row, incomplete)) return 'its scope could not be observed in this scan';
  switch (observation.kind) {
    case 'none':
      return 'this scan observed nothing live';
    case 'refresh-of-record':
      return row.kind === 'unmanaged' ? 'a plan cannot see unmanaged resources' : undefined;
    case 'scopes': {
      if (row.account === null || row.account === '' || row.region === null || row.region === '')
        return 'its account or region is unknown';
      const seen = observation.complete.some(
        (s) => s.type === row.type && s.account === row.account && s.region === row.region,
      );
      return seen ? undefined : `${row.type} in ${row.account}/${row.region} was not observed completely`;
    }
  }
}

/** '' stands for "every environment" so that one comparison works on both backends. */
function environmentsKey(environments: ReadonlyArray<string> | undefined): string {
  return environments === undefined ? '' : JSON.stringify([...new Set(environments)].sort());
}

export class ScanHistoryStore {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Records a scan and its findings atomically (all or nothing) and returns its history. */
  recordScan(result: ScanToRecord, options: RecordScanOptions): Promise<ScanHistory> {
    const scan = result.scan;
    const estate = options.estate;
    const envKey = environmentsKey(options.environments);
    const inScope = (environment: string) =>
      options.environments === undefined || options.environments.includes(environment);
    const seenAt = scan.startedAt;
    return this.#sql.write(async (tx): Promise<ScanHistory> => {
      if ((await tx.get('SELECT 1 AS found FROM scans WHERE id = ?', [scan.id])) !== undefined) {
        throw new DriftwardenError('input.invalid', `scan ${scan.id} is already recorded`, {
          nextStep: 'give every scan a new id',
        });
      }
      const previous = await tx.get<{ id: string }>('SELECT id FROM scans WHERE estate = ? ORDER BY seq DESC LIMIT 1', [
        estate.key,
      ]);
      await tx.run(
        `INSERT INTO scans (id, started_at, finished_at, complete, incomplete_scopes, summary, sources, environments,
           estate, estate_label, observation)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          scan.id,
          scan.startedAt,
          scan.finishedAt,
          scan.complete ? 1 : 0,
          JSON.stringify(scan.incompleteScopes),
          JSON.stringify(result.summary),
          JSON.stringify(scan.sources.map(redactSource)),
          envKey === '' ? null : envKey,
          estate.key,
          estate.label,
          JSON.stringify(options.observation),
        ],
      );

      const newFindingIds: string[] = [];
      const firstSeen: Record<string, string> = {};
      const current = new Set<string>();
      for (const finding of result.findings) {
        const before = await tx.get<{ first_seen: string; resolved_at: string | null; estate: string | null }>(
          'SELECT first_seen, resolved_at, estate FROM findings WHERE id = ?',
          [finding.id],
        );
        // Open in this estate (or recorded before estates existed, adopted now): not new. Resolved
        // before and back again: a new episode, first_seen restarts. Open only in another estate:
        // new to this one, first seen when that one saw it.
        const open = before !== undefined && before.resolved_at === null;
        const isNew = !open || (before.estate !== null && before.estate !== estate.key);
        await tx.run(UPSERT_FINDING, findingParams(finding, seenAt, scan.id, estate.key));
        await tx.run('INSERT INTO scan_findings (scan_id, finding_id) VALUES (?, ?)', [scan.id, finding.id]);
        if (isNew) newFindingIds.push(finding.id);
        firstSeen[finding.id] = open ? before.first_seen : seenAt;
        current.add(finding.id);
      }

      const candidates = await tx.all<FindingRow>(
        'SELECT * FROM findings WHERE resolved_at IS NULL AND estate = ? ORDER BY id',
        [estate.key],
      );
      const resolved: Array<ScanHistory['resolved'][number]> = [];
      const notRechecked: Array<NonNullable<ScanHistory['notRechecked']>[number]> = [];
      for (const row of candidates) {
        if (current.has(row.id)) continue;
        const unobserved = inScope(row.environment)
          ? unobservedReason(row, options.observation, scan.incompleteScopes)
          : `environment ${row.environment} was not scanned`;
        const item = { id: row.id, address: row.address, kind: row.kind as Finding['kind'] };
        if (unobserved !== undefined) {
          notRechecked.push({ ...item, reason: unobserved });
          continue;
        }
        await tx.run('UPDATE findings SET resolved_at = ?, resolved_scan_id = ? WHERE id = ?', [
          seenAt,
          scan.id,
          row.id,
        ]);
        resolved.push(item);
      }
      return {
        estate: { key: estate.key, label: estate.label },
        previousScanId: previous?.id ?? null,
        newFindingIds,
        resolved,
        notRechecked,
        firstSeen,
      };
    });
  }

  /** The latest recorded scan, or undefined when there is none. */
  async previousScan(): Promise<StoredScan | undefined> {
    return (await this.listScans(1))[0];
  }

  /** Newest first. */
  async listScans(limit = 20): Promise<ReadonlyArray<StoredScan>> {
    const rows = await this.#sql.all<ScanRow>(`SELECT ${SCAN_COLUMNS} FROM scans s ORDER BY s.seq DESC LIMIT ?`, [
      limit,
    ]);
    return rows.map(toStoredScan);
  }

  async findingHistory(id: string): Promise<FindingHistory | undefined> {
    return this.#sql.read(async (tx) => {
      const row = await tx.get<FindingRow>('SELECT * FROM findings WHERE id = ?', [id]);
      if (!row) return undefined;
      const sightings = await tx.all<{ scanId: string; startedAt: string }>(
        `SELECT s.id AS "scanId", s.started_at AS "startedAt" FROM scan_findings sf JOIN scans s ON s.id = sf.scan_id
         WHERE sf.finding_id = ? ORDER BY s.seq`,
        [id],
      );
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
    });
  }

  /** Address, type and environment of every finding of the latest scan (break-glass scope check). */
  latestScanFindings(): Promise<Array<{ address: string; type: string; environment: string }>> {
    return this.#sql.all(
      `SELECT f.address, f.type, f.environment FROM scan_findings sf JOIN findings f ON f.id = sf.finding_id
       WHERE sf.scan_id = (SELECT id FROM scans ORDER BY seq DESC LIMIT 1) ORDER BY f.address`,
    );
  }

  /** Findings open at some point in [from, to] (ISO 8601), by address. */
  async findingsInWindow(from: string, to: string): Promise<WindowFindingRow[]> {
    const rows = await this.#sql.all<FindingRow>(
      `SELECT * FROM findings WHERE first_seen <= ? AND (last_seen >= ? OR resolved_at IS NULL OR resolved_at >= ?)
       ORDER BY address, id`,
      [to, from, from],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      severity: row.severity,
      environment: row.environment,
      address: row.address,
      type: row.type,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      ...(row.resolved_at !== null ? { resolvedAt: row.resolved_at } : {}),
      finding: JSON.parse(row.finding) as Finding,
    }));
  }
}

function findingParams(finding: Finding, seen: string, scanId: string, estate: string): SqlValue[] {
  return [
    finding.id,
    finding.kind,
    finding.severity,
    finding.environment,
    finding.resource.address,
    finding.resource.type,
    finding.resource.id ?? null,
    finding.resource.account ?? null,
    finding.resource.region ?? null,
    seen,
    seen,
    scanId,
    JSON.stringify(redactFinding(finding)),
    estate,
    // What a findings page shows, as columns (migration 10): a page reads no JSON.
    finding.summary,
    finding.blastRadius?.score ?? null,
    finding.blastRadius?.level ?? null,
  ];
}

export function toStoredScan(row: ScanRow): StoredScan {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    complete: Number(row.complete) === 1,
    incompleteScopes: JSON.parse(row.incomplete_scopes) as IncompleteScope[],
    summary: JSON.parse(row.summary) as StoredScan['summary'],
    sources: JSON.parse(row.sources) as string[],
    ...(row.environments !== null ? { environments: JSON.parse(row.environments) as string[] } : {}),
    ...(row.estate !== null ? { estate: { key: row.estate, label: row.estate_label ?? '' } } : {}),
    findingCount: Number(row.finding_count),
  };
}
