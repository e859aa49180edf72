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
import Database from 'better-sqlite3';
import { openAuditLog } from '../src/audit/log.js';
import { canonicalJson } from '../src/audit/canonical.js';
import { entryHash } from '../src/audit/chain.js';
import { runCli } from './support/cli.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-audit-'));
  dirs.push(dir);
  return dir;
}

/** A log of five entries in a new database; returns its path. */
function fiveEntryLog(): string {
  const path = join(freshDir(), '.driftwarden', 'history.db');
  const log = openAuditLog(path);
  try {
    for (let i = 1; i <= 5; i++) {
      log.append({
        actor: 'alice',
        action: 'finding.opened',
        subject: `aws_instance.web${i}`,
        details: { findingId: `dw-${i}`, kind: 'configuration' },
      });
    }
  } finally {
    log.close();
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

/** Opens the file as an attacker would: raw SQL, triggers dropped. */
function tamper(path: string, sql: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    for (const trigger of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
    sql(db);
  } finally {
    db.close();
  }
}

function verifyFile(path: string) {
  const log = openAuditLog(path, { mustExist: true });
  try {
    return log.verify();
  } finally {
    log.close();
  }
}

async function expectCliDetects(path: string, firstBadSeq: number): Promise<void> {
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /the audit log was tampered with/);
  assert.match(run.stderr, new RegExp(`first bad entry: ${firstBadSeq}\\b`));
}

test('an untouched log verifies, through the API and the CLI (exit 0, head hash printed)', async () => {
  const path = fiveEntryLog();
  const result = verifyFile(path);
  assert.equal(result.ok, true);
  assert.equal(result.entries, 5);
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /audit log ok: 5 entries verified/);
  assert.match(run.stdout, new RegExp(`head hash: ${result.headHash}`));
});

test('triggers refuse a plain UPDATE, DELETE, head rewind or out-of-chain INSERT', () => {
  const path = fiveEntryLog();
  const db = new Database(path);
  try {
    assert.throws(() => db.prepare("UPDATE audit_entries SET details = '{}' WHERE seq = 2").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM audit_entries WHERE seq = 5').run(), /append-only/);
    assert.throws(() => db.prepare('UPDATE audit_head SET seq = 3, count = 3').run(), /only moves forward/);
    assert.throws(
      () => db.prepare("INSERT INTO audit_entries VALUES (9, 't', 'a', 'x', 's', '{}', 'p', 'h')").run(),
      /must extend the head/,
    );
  } finally {
    db.close();
  }
  assert.equal(verifyFile(path).ok, true);
});

test('an edited entry is detected', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) =>
    db.prepare(`UPDATE audit_entries SET details = '{"findingId":"dw-3","kind":"policy"}' WHERE seq = 3`).run(),
  );
  const result = verifyFile(path);
  assert.equal(result.ok, false);
  assert.equal(result.firstBadSeq, 3);
  assert.match(result.problem!, /entry 3 was edited/);
  await expectCliDetects(path, 3);
});

test('an edited actor or time is detected too', () => {
  const path = fiveEntryLog();
  tamper(path, (db) => db.prepare("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 4").run());
  assert.equal(verifyFile(path).firstBadSeq, 4);
});

test('a deleted middle entry is detected', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) => db.prepare('DELETE FROM audit_entries WHERE seq = 2').run());
  const result = verifyFile(path);
  assert.equal(result.firstBadSeq, 2);
  assert.match(result.problem!, /entry 2 is missing/);
  await expectCliDetects(path, 2);
});

test('a deleted last entry (truncated tail) is detected through the head', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) => db.prepare('DELETE FROM audit_entries WHERE seq = 5').run());
  const result = verifyFile(path);
  assert.equal(result.firstBadSeq, 5);
  assert.match(result.problem!, /entry 5 was deleted/);
  await expectCliDetects(path, 5);
});

test('two entries swapped (their seq exchanged) are detected', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) => {
    db.prepare('UPDATE audit_entries SET seq = -2 WHERE seq = 2').run();
    db.prepare('UPDATE audit_entries SET seq = 2 WHERE seq = 3').run();
    db.prepare('UPDATE audit_entries SET seq = 3 WHERE seq = -2').run();
  });
  const result = verifyFile(path);
  assert.equal(result.firstBadSeq, 2);
  assert.match(result.problem!, /does not follow entry 1/);
  await expectCliDetects(path, 2);
});

test('a forged entry appended with a correctly computed hash is detected (the head did not move)', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) => {
    const last = db.prepare('SELECT hash FROM audit_entries WHERE seq = 5').get() as { hash: string };
    const content = {
      seq: 6,
      time: '2025-01-01T00:00:00.000Z',
      actor: 'mallory',
      action: 'breakglass.closed',
      subject: 'bg-x',
      details: {},
    };
    db.prepare('INSERT INTO audit_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      6,
      content.time,
      content.actor,
      content.action,
      content.subject,
      canonicalJson(content.details),
      last.hash,
      entryHash(content, last.hash),
    );
  });
  const result = verifyFile(path);
  assert.equal(result.firstBadSeq, 6);
  assert.match(result.problem!, /not the head/);
  await expectCliDetects(path, 6);
});

test('a forged entry inserted in the middle (later entries renumbered) breaks the chain right after it', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) => {
    for (const seq of [5, 4, 3]) db.prepare('UPDATE audit_entries SET seq = ? WHERE seq = ?').run(seq + 1, seq);
    const before = db.prepare('SELECT hash FROM audit_entries WHERE seq = 2').get() as { hash: string };
    const content = {
      seq: 3,
      time: '2025-01-01T00:00:00.000Z',
      actor: 'mallory',
      action: 'finding.resolved',
      subject: 'aws_instance.web',
      details: {},
    };
    db.prepare('INSERT INTO audit_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      3,
      content.time,
      content.actor,
      content.action,
      content.subject,
      '{}',
      before.hash,
      entryHash(content, before.hash),
    );
  });
  const result = verifyFile(path);
  assert.equal(result.ok, false);
  assert.equal(
    result.firstBadSeq,
    4,
    'the forged entry 3 is self-consistent; the original entry, now 4, no longer chains to it',
  );
  await expectCliDetects(path, 4);
});

test('a dropped entries table is reported, not thrown', async () => {
  const path = fiveEntryLog();
  tamper(path, (db) => db.exec('DROP TABLE audit_entries'));
  const result = verifyFile(path);
  assert.equal(result.ok, false);
  assert.match(result.problem!, /cannot be read/);
  const run = await runCli(['audit', 'verify', '--store', path]);
  assert.equal(run.code, 1);
});

test('appends inside a failed transaction leave nothing behind; a later append chains on', () => {
  const path = fiveEntryLog();
  const log = openAuditLog(path);
  try {
    assert.throws(() =>
      log.transaction(() => {
        log.append({ actor: 'alice', action: 'action.applied', subject: 'aws_instance.web1' });
        throw new Error('the API call failed');
      }),
    );
    assert.equal(log.entries().length, 5);
    const entry = log.append({
      actor: 'alice',
      action: 'action.failed',
      subject: 'aws_instance.web1',
      details: { error: 'throttled' },
    });
    assert.equal(entry.seq, 6);
    assert.deepEqual(log.verify().ok, true);
  } finally {
    log.close();
  }
});

test('secrets in details never reach the database file', () => {
  const path = join(freshDir(), 'history.db');
  const log = openAuditLog(path);
  try {
    log.append({
      actor: 'alice',
      action: 'action.applied',
      subject: 'aws_db_instance.main',
      details: {
        password: 'hunter2-very-secret',
        url: 'https://bob:tok3n-s3cr3t@git.example.com/x.git',
        master_password: 'pw-42-secret',
      },
    });
    assert.equal(log.verify().ok, true);
  } finally {
    log.close();
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
  const path = fiveEntryLog();
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
