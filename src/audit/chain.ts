/**
 * The hash chain of the audit log, as pure functions over rows (no database), so the rules a
 * verifier applies are readable in one place and testable without SQLite.
 *
 *   hash(entry) = sha256_hex( canonicalJson({seq, time, actor, action, subject, details}) + prev_hash )
 *
 * The first entry's prev_hash is GENESIS_HASH. The head (kept in its own row, updated in the same
 * transaction as every append) records the last seq, its hash and the entry count, so deleting the
 * newest entries, which leaves a chain that is internally valid, is still detected.
 *
 * What this does and does not prove: any edit, deletion, insertion or reordering made without
 * recomputing every later hash AND the head is detected. Someone who can write the database and
 * knows this scheme can rebuild a consistent chain; to detect that too, record the head hash that
 * `driftwarden audit verify` prints somewhere they cannot write (a ticket, a commit, a log bucket).
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical.js';

/** prev_hash of entry 1: sha256("driftwarden audit log genesis v1"), fixed forever. */
export const GENESIS_HASH = createHash('sha256').update('driftwarden audit log genesis v1').digest('hex');

/** What an entry says, before it is chained. */
export interface AuditEntryContent {
  readonly seq: number;
  /** ISO 8601 UTC, from the log's clock. */
  readonly time: string;
  /** Who did it: a person (`--by`), or `driftwarden` for what the tool does by itself. */
  readonly actor: string;
  readonly action: string;
  /** What it concerns: a resource address, a scan id, a session id, a file. */
  readonly subject: string;
  /** Redacted, JSON-only details. */
  readonly details: { readonly [key: string]: JsonValue };
}

export interface AuditEntry extends AuditEntryContent {
  readonly prevHash: string;
  readonly hash: string;
}

export function entryHash(content: AuditEntryContent, prevHash: string): string {
  const { seq, time, actor, action, subject, details } = content;
  return createHash('sha256')
    .update(canonicalJson({ seq, time, actor, action, subject, details }))
    .update(prevHash)
    .digest('hex');
}

/** An entry as read back from storage: details still as stored text, which may have been tampered with. */
export interface StoredEntryRow {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly count: number;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Entries read (valid or not). */
  readonly entries: number;
  /** The hash of the last entry when ok: record it elsewhere to detect a rebuilt chain later. */
  readonly headHash?: string;
  /** The first seq where the log stops being trustworthy. */
  readonly firstBadSeq?: number;
  /** One sentence: which entry and what is wrong with it. */
  readonly problem?: string;
}

/**
 * Checks rows (in seq order as stored) against the chain and the head. Reports the FIRST problem:
 * once the chain breaks, everything after it is unproven anyway.
 */
export function verifyChain(rows: Iterable<StoredEntryRow>, head: ChainHead | undefined): VerifyResult {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const bad = (firstBadSeq: number, problem: string): VerifyResult => ({
    ok: false,
    entries: count,
    firstBadSeq,
    problem,
  });

  for (const row of rows) {
    count++;
    if (row.seq > expectedSeq) {
      const missing =
        row.seq - 1 === expectedSeq ? `entry ${expectedSeq} is` : `entries ${expectedSeq} to ${row.seq - 1} are`;
      return bad(
        expectedSeq,
        `${missing} missing: the log jumps from entry ${expectedSeq - 1} to entry ${row.seq} (deleted)`,
      );
    }
    if (row.seq < expectedSeq || !Number.isInteger(row.seq)) {
      return bad(
        row.seq,
        `entry ${row.seq} appears out of sequence after entry ${expectedSeq - 1} (inserted or renumbered)`,
      );
    }
    if (row.prevHash !== prevHash) {
      return bad(
        row.seq,
        `entry ${row.seq} does not follow entry ${row.seq - 1}: its prev_hash is not the hash of the entry before it (entries reordered, inserted or replaced)`,
      );
    }
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      return bad(row.seq, `entry ${row.seq} was edited: its details are no longer valid JSON`);
    }
    if (details === null || typeof details !== 'object' || Array.isArray(details)) {
      return bad(row.seq, `entry ${row.seq} was edited: its details are not a JSON object`);
    }
    const content = { ...row, details: details as AuditEntryContent['details'] };
    if (entryHash(content, row.prevHash) !== row.hash) {
      return bad(
        row.seq,
        `entry ${row.seq} was edited: its content (${row.action} on ${row.subject}) no longer matches its hash`,
      );
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
  }

  const lastSeq = expectedSeq - 1;
  if (head === undefined) {
    return count === 0
      ? { ok: true, entries: 0, headHash: GENESIS_HASH }
      : bad(1, 'the head record is missing: the log cannot prove that it is complete');
  }
  if (head.seq > lastSeq || head.count > count) {
    const range = head.seq === lastSeq + 1 ? `entry ${head.seq} was` : `entries ${lastSeq + 1} to ${head.seq} were`;
    return bad(
      lastSeq + 1,
      `the log ends at entry ${lastSeq} but its head records ${head.count} entries: ${range} deleted`,
    );
  }
  if (head.seq < lastSeq || head.count < count || head.hash !== prevHash) {
    const firstBad = head.seq < lastSeq ? head.seq + 1 : lastSeq;
    return bad(
      firstBad,
      `entry ${firstBad} is not the head the log recorded (entries appended or replaced outside Driftwarden)`,
    );
  }
  return { ok: true, entries: count, headHash: prevHash };
}
