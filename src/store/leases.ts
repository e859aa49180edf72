/**
 * Leases: who may act on a scope right now. A lease has a name (`env:prod`, or a resource), an
 * owner (unique per process) and an expiry; it is taken atomically (one write transaction, under
 * the store's write lock), renewed while its holder works, and released when the work is done. A
 * holder that dies leaves a lease that anyone may take over once it expired, so a crash never
 * blocks a scope for longer than the lease's time to live.
 *
 * Expiry compares ISO 8601 times from the callers' clocks: hosts sharing a PostgreSQL store must
 * keep their clocks roughly in step (seconds, against leases of minutes).
 */
import type { SqlExecutor } from './sql.js';

export interface Lease {
  readonly name: string;
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

export type LeaseAttempt = { readonly acquired: true } | { readonly acquired: false; readonly heldBy: Lease };

interface LeaseRow {
  name: string;
  owner: string;
  acquired_at: string;
  expires_at: string;
}

const toLease = (row: LeaseRow): Lease => ({
  name: row.name,
  owner: row.owner,
  acquiredAt: row.acquired_at,
  expiresAt: row.expires_at,
});

export class Leases {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /**
   * Takes every named lease, or none: when another owner holds one that has not expired, nothing
   * changes and that lease is returned. Taking a lease the owner already holds renews it.
   */
  acquire(names: ReadonlyArray<string>, owner: string, ttlMs: number, now: Date): Promise<LeaseAttempt> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + ttlMs).toISOString();
    return this.#sql.write(async (tx): Promise<LeaseAttempt> => {
      for (const name of names) {
        const row = await tx.get<LeaseRow>('SELECT * FROM leases WHERE name = ?', [name]);
        if (row !== undefined && row.owner !== owner && row.expires_at > at)
          return { acquired: false, heldBy: toLease(row) };
      }
      for (const name of names) {
        await tx.run(
          `INSERT INTO leases (name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,
             acquired_at = CASE WHEN leases.owner = excluded.owner THEN leases.acquired_at ELSE excluded.acquired_at END,
             expires_at = excluded.expires_at`,
          [name, owner, at, until],
        );
      }
      return { acquired: true };
    });
  }

  /** Extends the owner's leases; false when one of them was lost (expired and taken by another). */
  renew(names: ReadonlyArray<string>, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs).toISOString();
    return this.#sql.write(async (tx) => {
      let held = 0;
      for (const name of names) {
        held += await tx.run('UPDATE leases SET expires_at = ? WHERE name = ? AND owner = ?', [until, name, owner]);
      }
      return held === names.length;
    });
  }

  /** Removes one lease of this owner only (its holder is known to be dead); false when it changed hands. */
  async breakLease(name: string, deadOwner: string): Promise<boolean> {
    return (await this.#sql.run('DELETE FROM leases WHERE name = ? AND owner = ?', [name, deadOwner])) > 0;
  }

  /** Gives back the owner's leases (another owner's are left alone). */
  async release(names: ReadonlyArray<string>, owner: string): Promise<void> {
    await this.#sql.write(async (tx) => {
      for (const name of names) await tx.run('DELETE FROM leases WHERE name = ? AND owner = ?', [name, owner]);
    });
  }

  async list(): Promise<Lease[]> {
    return (await this.#sql.all<LeaseRow>('SELECT * FROM leases ORDER BY name')).map(toLease);
  }
}
