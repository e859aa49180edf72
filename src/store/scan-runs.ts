/**
 * Scan runs: one scan of an estate spread over workers (src/scan/distributed). The store keeps
 * what the queue cannot: which units a run has, which are finished, and each finished unit's
 * observation until the run is merged into one scan result.
 *
 * Invariants:
 *   - a unit goes pending -> done or pending -> failed, exactly once: the first worker to store a
 *     result wins (a conditional UPDATE), so a unit retried after its worker died, or finished
 *     twice by a stalled worker and its replacement, is counted once;
 *   - a run goes running -> recorded or running -> abandoned, exactly once; results stored after
 *     that are refused, and closing clears the payloads (observations) but keeps the counts;
 *   - nothing here holds credentials: a unit's spec names accounts and roles, never keys.
 */
import type { SqlExecutor, SqlValue } from './sql.js';

export type RunState = 'running' | 'recorded' | 'abandoned';
export type UnitState = 'pending' | 'done' | 'failed';

export interface ScanRun {
  readonly id: string;
  readonly estate: string;
  readonly estateLabel: string;
  readonly plannedAt: string;
  readonly plannedBy: string;
  readonly deadline: string;
  readonly salt: string;
  readonly unitCount: number;
  readonly state: RunState;
  readonly finishedAt?: string;
}

export interface NewScanUnit {
  readonly id: string;
  /** What to observe, as JSON-able data (the scan layer's ScanUnitSpec). */
  readonly spec: unknown;
  /** Set when the unit failed already while it was planned (its accounts could not be listed). */
  readonly failed?: string;
}

export interface ScanUnitRow {
  readonly runId: string;
  readonly unitId: string;
  readonly spec: unknown;
  readonly state: UnitState;
  readonly attempt?: number;
  readonly worker?: string;
  readonly finishedAt?: string;
  readonly reason?: string;
  readonly resources?: number;
  /** The stored observation (JSON-parsed); undefined once the run is closed. */
  readonly result?: unknown;
}

export interface RunProgress {
  readonly state: RunState;
  readonly total: number;
  readonly pending: number;
  readonly done: number;
  readonly failed: number;
}

export interface UnitOutcome {
  readonly worker: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly finishedAt: string;
}

interface RunRow {
  id: string;
  estate: string;
  estate_label: string;
  planned_at: string;
  planned_by: string;
  deadline: string;
  salt: string;
  unit_count: number;
  state: RunState;
  finished_at: string | null;
}

interface UnitRow {
  run_id: string;
  unit_id: string;
  spec: string;
  state: UnitState;
  attempt: number | null;
  worker: string | null;
  finished_at: string | null;
  reason: string | null;
  resources: number | null;
  result: string | null;
}

const toRun = (row: RunRow): ScanRun => ({
  id: row.id,
  estate: row.estate,
  estateLabel: row.estate_label,
  plannedAt: row.planned_at,
  plannedBy: row.planned_by,
  deadline: row.deadline,
  salt: row.salt,
  unitCount: Number(row.unit_count),
  state: row.state,
  ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
});

const toUnit = (row: UnitRow): ScanUnitRow => ({
  runId: row.run_id,
  unitId: row.unit_id,
  spec: JSON.parse(row.spec) as unknown,
  state: row.state,
  ...(row.attempt !== null ? { attempt: Number(row.attempt) } : {}),
  ...(row.worker !== null ? { worker: row.worker } : {}),
  ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
  ...(row.reason !== null ? { reason: row.reason } : {}),
  ...(row.resources !== null ? { resources: Number(row.resources) } : {}),
  ...(row.result !== null ? { result: JSON.parse(row.result) as unknown } : {}),
});

/** Rows per INSERT statement: well under both backends' parameter limits. */
const INSERT_CHUNK = 200;

export class ScanRuns {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Records a planned run and its pending units atomically; false when the run id exists already. */
  create(
    run: Omit<ScanRun, 'state' | 'finishedAt' | 'unitCount'>,
    units: ReadonlyArray<NewScanUnit>,
  ): Promise<boolean> {
    return this.#sql.write(async (tx) => {
      if ((await tx.get('SELECT 1 AS found FROM scan_runs WHERE id = ?', [run.id])) !== undefined) return false;
      await tx.run(
        `INSERT INTO scan_runs (id, estate, estate_label, planned_at, planned_by, deadline, salt, unit_count, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
        [run.id, run.estate, run.estateLabel, run.plannedAt, run.plannedBy, run.deadline, run.salt, units.length],
      );
      for (let i = 0; i < units.length; i += INSERT_CHUNK) {
        const chunk = units.slice(i, i + INSERT_CHUNK);
        const params: SqlValue[] = chunk.flatMap((u) => [
          run.id,
          u.id,
          JSON.stringify(u.spec),
          u.failed === undefined ? 'pending' : 'failed',
          u.failed === undefined ? null : 0,
          u.failed ?? null,
        ]);
        await tx.run(
          `INSERT INTO scan_units (run_id, unit_id, spec, state, attempt, reason)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          params,
        );
      }
      return true;
    });
  }

  async get(runId: string): Promise<ScanRun | undefined> {
    const row = await this.#sql.get<RunRow>('SELECT * FROM scan_runs WHERE id = ?', [runId]);
    return row === undefined ? undefined : toRun(row);
  }

  /** The estate's runs still running, oldest first (a scheduler adopts them after a failover). */
  async running(estate: string): Promise<ScanRun[]> {
    const rows = await this.#sql.all<RunRow>(
      "SELECT * FROM scan_runs WHERE estate = ? AND state = 'running' ORDER BY planned_at, id",
      [estate],
    );
    return rows.map(toRun);
  }

  /** The estate's most recently planned run, whatever its state (the schedule's last cycle). */
  async latest(estate: string): Promise<ScanRun | undefined> {
    const row = await this.#sql.get<RunRow>(
      'SELECT * FROM scan_runs WHERE estate = ? ORDER BY planned_at DESC, id DESC LIMIT 1',
      [estate],
    );
    return row === undefined ? undefined : toRun(row);
  }

  /**
   * Stores a finished unit's observation, once: true when this call did it, false when the unit
   * was already finished (by another attempt) or its run is no longer running. One statement.
   */
  async complete(
    runId: string,
    unitId: string,
    outcome: UnitOutcome & { readonly resources: number; readonly result: unknown },
  ): Promise<boolean> {
    const changed = await this.#sql.run(
      `UPDATE scan_units SET state = 'done', attempt = ?, worker = ?, finished_at = ?, resources = ?, result = ?
       WHERE run_id = ? AND unit_id = ? AND state = 'pending'
         AND EXISTS (SELECT 1 FROM scan_runs r WHERE r.id = ? AND r.state = 'running')`,
      [
        outcome.attempt,
        outcome.worker,
        outcome.finishedAt,
        outcome.resources,
        JSON.stringify(outcome.result),
        runId,
        unitId,
        runId,
      ],
    );
    return changed === 1;
  }

  /** Marks a unit that kept failing, once, with the reason; false when it was finished meanwhile. */
  async fail(runId: string, unitId: string, outcome: UnitOutcome & { readonly reason: string }): Promise<boolean> {
    const changed = await this.#sql.run(
      `UPDATE scan_units SET state = 'failed', attempt = ?, worker = ?, finished_at = ?, reason = ?
       WHERE run_id = ? AND unit_id = ? AND state = 'pending'`,
      [outcome.attempt, outcome.worker, outcome.finishedAt, outcome.reason, runId, unitId],
    );
    return changed === 1;
  }

  /** One query: the run's state and how many of its units are pending, done and failed. */
  async progress(runId: string): Promise<RunProgress | undefined> {
    const rows = await this.#sql.all<{ state: RunState; unit_state: UnitState | null; n: number }>(
      `SELECT r.state, u.state AS unit_state, COUNT(u.unit_id) AS n
       FROM scan_runs r LEFT JOIN scan_units u ON u.run_id = r.id
       WHERE r.id = ? GROUP BY r.state, u.state`,
      [runId],
    );
    if (rows.length === 0) return undefined;
    const count = (state: UnitState) => Number(rows.find((r) => r.unit_state === state)?.n ?? 0);
    const [pending, done, failed] = [count('pending'), count('done'), count('failed')];
    return { state: rows[0]!.state, total: pending + done + failed, pending, done, failed };
  }

  /** Every unit of the run with its spec, state and (until the run is closed) its observation. */
  async units(runId: string): Promise<ScanUnitRow[]> {
    const rows = await this.#sql.all<UnitRow>('SELECT * FROM scan_units WHERE run_id = ? ORDER BY unit_id', [runId]);
    return rows.map(toUnit);
  }

  /**
   * Closes a running run (recorded: merged into a scan; abandoned: never will be) and clears its
   * units' observations. Joins the caller's transaction, so a scan's history entry and its run's
   * closing commit together. False when the run was not running (another process closed it).
   */
  close(runId: string, state: Exclude<RunState, 'running'>, finishedAt: string): Promise<boolean> {
    return this.#sql.write(async (tx) => {
      const changed = await tx.run(
        "UPDATE scan_runs SET state = ?, finished_at = ? WHERE id = ? AND state = 'running'",
        [state, finishedAt, runId],
      );
      if (changed !== 1) return false;
      await tx.run('UPDATE scan_units SET result = NULL WHERE run_id = ?', [runId]);
      return true;
    });
  }
}
