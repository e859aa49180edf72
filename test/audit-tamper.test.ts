/**
 * The audit log against real SQLite files: appends, transactions, export, and tampering done
 * directly on the database (triggers dropped first, as an attacker with the file would), each
 * detected by verify() and by `driftwarden audit verify` (exit 1, naming the first bad entry).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { canonicalJson } from '../src/audit/canonical.js';
import { entryHash, GENESIS_HASH } from '../src/audit/chain.js';
import { runCli } from './support/cli.js';
import { rawAll, rawExec } from './support/raw-database.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-audit-'));
  dirs.push(dir);
  return dir;
}

/** A log of five entries in a new database; returns its path. */
async function fiveEntryLog(): Promise<string> {
  const path = join(freshDir(), '.driftwarden', 'history.db');
  const store = await openStore(path);
  try {
    for (let i = 1; i <= 5; i++) {
      await store.audit.append({
        actor: 'alice',
        action: 'finding.opened',
        subject: `aws_instance.web${i}`,
        details: { findingId: `dw-${i}`, kind: 'configuration' },
      });
    }
  } finally {
    await store.close();
  }
  return path;
}

const TRIGGERS = [
  'audit_entries_append_only_update',
  'audit_entries_append_only_delete',
  'audit_entries_extend_head',
  'audit_head_keep',
  'audit_head_forward_only',
];

/** Edits the file as an attacker would: raw SQL, triggers dropped. */
async function tamper(path: string, sql: string): Promise<void> {
  await rawExec(path, `${TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS ${t};`).join(' ')} ${sql}`);
}

async function verifyFile(path: string) {
  const store = await openStore(path, { mustExist: true });
  try {
    return await store.audit.verify();
  } finally {
    await store.close();
  }
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The INSERT of a forged entry whose hash is computed correctly. */
function forgedInsert(seq: number, prevHash: string, actor: string, action: string, subject: string): string {
  const content = { seq, time: '2025-01-01T00:00:00.000Z', actor, action, subject, details: {} };
  return `INSERT INTO audit_entries VALUES (${seq}, ${quote(content.time)}, ${quote(actor)}, ${quote(action)}, ${quote(subject)}, ${quote(canonicalJson(content.details))}, ${quote(prevHash)}, ${quote(entryHash(content, prevHash))});`;
}

async function hashOf(path: string, seq: number): Promise<string> {
  return (await rawAll<{ hash: string }>(path, 'SELECT hash FROM audit_entries WHERE seq = ?', [seq]))[0]!.hash;
}

async function expectCliDetects(path: string, firstBadSeq: number): Promise<void> {
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /the audit log was tampered with/);
  assert.match(run.stderr, new RegExp(`first bad entry: ${firstBadSeq}\\b`));
}

test('an untouched log verifies, through the API and the CLI (exit 0, head hash printed)', async () => {
  const path = await fiveEntryLog();
  const result = await verifyFile(path);
  assert.equal(result.ok, true);
  assert.equal(result.entries, 5);
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /audit log ok: 5 entries verified/);
  assert.match(run.stdout, new RegExp(`head hash: ${result.headHash}`));
});

test('triggers refuse a plain UPDATE, DELETE, head rewind or out-of-chain INSERT', async () => {
  const path = await fiveEntryLog();
  await assert.rejects(rawExec(path, "UPDATE audit_entries SET details = '{}' WHERE seq = 2"), /append-only/);
  await assert.rejects(rawExec(path, 'DELETE FROM audit_entries WHERE seq = 5'), /append-only/);
  await assert.rejects(rawExec(path, 'UPDATE audit_head SET seq = 3, count = 3'), /only moves forward/);
  await assert.rejects(
    rawExec(path, "INSERT INTO audit_entries VALUES (9, 't', 'a', 'x', 's', '{}', 'p', 'h')"),
    /must extend the head/,
  );
  assert.equal((await verifyFile(path)).ok, true);
});

test('an edited entry is detected', async () => {
  const path = await fiveEntryLog();
  await tamper(path, `UPDATE audit_entries SET details = '{"findingId":"dw-3","kind":"policy"}' WHERE seq = 3`);
  const result = await verifyFile(path);
  assert.equal(result.ok, false);
  assert.equal(result.firstBadSeq, 3);
  assert.match(result.problem!, /entry 3 was edited/);
  await expectCliDetects(path, 3);
});

test('an edited actor or time is detected too', async () => {
  const path = await fiveEntryLog();
  await tamper(path, "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 4");
  assert.equal((await verifyFile(path)).firstBadSeq, 4);
});

test('a deleted middle entry is detected', async () => {
  const path = await fiveEntryLog();
  await tamper(path, 'DELETE FROM audit_entries WHERE seq = 2');
  const result = await verifyFile(path);
  assert.equal(result.firstBadSeq, 2);
  assert.match(result.problem!, /entry 2 is missing/);
  await expectCliDetects(path, 2);
});

test('a deleted last entry (truncated tail) is detected through the head', async () => {
  const path = await fiveEntryLog();
  await tamper(path, 'DELETE FROM audit_entries WHERE seq = 5');
  const result = await verifyFile(path);
  assert.equal(result.firstBadSeq, 5);
  assert.match(result.problem!, /entry 5 was deleted/);
  await expectCliDetects(path, 5);
});

test('two entries swapped (their seq exchanged) are detected', async () => {
  const path = await fiveEntryLog();
  await tamper(
    path,
    'UPDATE audit_entries SET seq = -2 WHERE seq = 2; UPDATE audit_entries SET seq = 2 WHERE seq = 3; UPDATE audit_entries SET seq = 3 WHERE seq = -2;',
  );
  const result = await verifyFile(path);
  assert.equal(result.firstBadSeq, 2);
  assert.match(result.problem!, /does not follow entry 1/);
  await expectCliDetects(path, 2);
});

test('a forged entry appended with a correctly computed hash is detected (the head did not move)', async () => {
  const path = await fiveEntryLog();
  await tamper(path, forgedInsert(6, await hashOf(path, 5), 'mallory', 'breakglass.closed', 'bg-x'));
  const result = await verifyFile(path);
  assert.equal(result.firstBadSeq, 6);
  assert.match(result.problem!, /not the head/);
  await expectCliDetects(path, 6);
});

test('a forged entry inserted in the middle (later entries renumbered) breaks the chain right after it', async () => {
  const path = await fiveEntryLog();
  const before = await hashOf(path, 2);
  await tamper(
    path,
    `${[5, 4, 3].map((seq) => `UPDATE audit_entries SET seq = ${seq + 1} WHERE seq = ${seq};`).join(' ')} ${forgedInsert(3, before, 'mallory', 'finding.resolved', 'aws_instance.web')}`,
  );
  const result = await verifyFile(path);
  assert.equal(result.ok, false);
  assert.equal(
    result.firstBadSeq,
    4,
    'the forged entry 3 is self-consistent; the original entry, now 4, no longer chains to it',
  );
  await expectCliDetects(path, 4);
});

test('a dropped entries table is reported, not thrown', async () => {
  const path = await fiveEntryLog();
  await tamper(path, 'DROP TABLE audit_entries');
  const result = await verifyFile(path);
  assert.equal(result.ok, false);
  assert.match(result.problem!, /cannot be read/);
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 1);
});

test('appends inside a failed transaction leave nothing behind; a later append chains on', async () => {
  const path = await fiveEntryLog();
  const store = await openStore(path);
  const log = store.audit;
  try {
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.audit.append({ actor: 'alice', action: 'action.applied', subject: 'aws_instance.web1' });
        throw new Error('the API call failed');
      }),
    );
    assert.equal((await log.entries()).length, 5);
    const entry = await log.append({
      actor: 'alice',
      action: 'action.failed',
      subject: 'aws_instance.web1',
      details: { error: 'throttled' },
    });
    assert.equal(entry.seq, 6);
    assert.deepEqual((await log.verify()).ok, true);
  } finally {
    await store.close();
  }
});

test('secrets in details never reach the database file', async () => {
  const path = join(freshDir(), 'history.db');
  const store = await openStore(path);
  try {
    await store.audit.append({
      actor: 'alice',
      action: 'action.applied',
      subject: 'aws_db_instance.main',
      details: {
        password: 'hunter2-very-secret',
        url: 'https://bob:tok3n-s3cr3t@git.example.com/x.git',
        master_password: 'pw-42-secret',
      },
    });
    assert.equal((await store.audit.verify()).ok, true);
  } finally {
    await store.close();
  }
  // WAL may hold the pages; check the database and its WAL files byte for byte.
  const bytes = ['', '-wal']
    .map((suffix) => {
      try {
        return readFileSync(path + suffix).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');
  for (const secret of ['hunter2-very-secret', 'tok3n-s3cr3t', 'pw-42-secret'])
    assert.equal(bytes.includes(secret), false, secret);
});

test('export writes one JSON line per entry with its hashes, to stdout and atomically to --out', async () => {
  const path = await fiveEntryLog();
  const run = await runCli(['audit', 'export', '--store', path]);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { seq: number; subject: string; hash: string; prevHash: string });
  assert.deepEqual(
    lines.map((l) => l.seq),
    [1, 2, 3, 4, 5],
  );
  assert.equal(lines[2]!.subject, 'aws_instance.web3');
  for (let i = 1; i < lines.length; i++) assert.equal(lines[i]!.prevHash, lines[i - 1]!.hash);

  const out = join(freshDir(), 'audit.jsonl');
  const toFile = await runCli(['audit', 'export', '--store', path, '--out', out]);
  assert.equal(toFile.code, 0, toFile.stderr);
  assert.equal(readFileSync(out, 'utf8'), run.stdout);
});

test('verify on a database that does not exist is an error, and creates nothing', async () => {
  const path = join(freshDir(), 'none', 'history.db');
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /no Driftwarden database here/);
  assert.throws(() => readFileSync(path));
});

test('a chain rebuilt from scratch verifies on its own, and --expect-head catches it', async () => {
  const path = await fiveEntryLog();
  const published = await verifyFile(path);
  assert.equal(published.ok, true);
  // Later entries extend the chain: the published head stays inside it.
  const store = await openStore(path);
  await store.audit.append({ actor: 'bob', action: 'config.changed', subject: 'driftwarden.yaml' });
  await store.close();
  const extended = await runCli(['audit', 'verify', '--store', path, '--expect-head', published.headHash!]);
  assert.equal(extended.code, 0, extended.stderr);
  assert.match(extended.stdout, /expected head .* is in the chain/);

  // The attacker edits entry 2 and recomputes every hash after it and the head.
  const rows = await rawAll<{
    seq: number;
    time: string;
    actor: string;
    action: string;
    subject: string;
    details: string;
  }>(path, 'SELECT seq, time, actor, action, subject, details FROM audit_entries ORDER BY seq');
  let prev = GENESIS_HASH;
  const rewrite: string[] = [];
  for (const row of rows) {
    const actor = row.seq === 2 ? 'mallory' : row.actor;
    const content = { ...row, actor, details: JSON.parse(row.details) as Record<string, never> };
    const hash = entryHash(content, prev);
    rewrite.push(
      `UPDATE audit_entries SET actor = ${quote(actor)}, prev_hash = ${quote(prev)}, hash = ${quote(hash)} WHERE seq = ${row.seq};`,
    );
    prev = hash;
  }
  rewrite.push(`UPDATE audit_head SET hash = ${quote(prev)};`);
  await tamper(path, rewrite.join(' '));
  assert.equal((await verifyFile(path)).ok, true, 'a rebuilt chain is consistent on its own');
  const caught = await runCli(['audit', 'verify', '--store', path, '--expect-head', published.headHash!]);
  assert.equal(caught.code, 1);
  assert.match(caught.stderr, /does not contain the expected head/);
  const bad = await runCli(['audit', 'verify', '--store', path, '--expect-head', 'abc']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--expect-head needs a head hash/);
});
