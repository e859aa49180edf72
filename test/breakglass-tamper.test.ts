/**
 * Issue 10, item 9: a break-glass session edited in the database (its expiry moved to 2099) used
 * to be honoured while `audit verify` passed. A session is now its chained audit entries: the edit
 * is refused (never honoured), reported by `breakglass list`, and `audit verify` fails, even when
 * the attacker recomputed the edited entry's own hash.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryHash } from '../src/audit/chain.js';
import { canonicalJson } from '../src/audit/canonical.js';
import { runCli } from './support/cli.js';
import { rawAll, rawExec } from './support/raw-database.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GUARDS =
  'DROP TRIGGER IF EXISTS audit_entries_append_only_update; DROP TRIGGER IF EXISTS audit_head_forward_only;';

async function openSession(store: string): Promise<string> {
  const run = await runCli([
    'breakglass',
    'open',
    '--scope',
    'aws_autoscaling_group.app',
    '--reason',
    'INC-9: scale by hand',
    '--ttl',
    '1h',
    '--by',
    'alice',
    '--store',
    store,
  ]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.split('\n')[0]!;
}

for (const variant of ['edited', 'edited and re-hashed'] as const) {
  test(`an open session whose expiry was ${variant} in the database is refused and reported`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-bg-tamper-'));
    dirs.push(dir);
    const store = join(dir, 'history.db');
    const id = await openSession(store);
    const [row] = await rawAll<{
      seq: number;
      time: string;
      actor: string;
      action: string;
      subject: string;
      details: string;
      prev_hash: string;
    }>(
      store,
      "SELECT seq, time, actor, action, subject, details, prev_hash FROM audit_entries WHERE action = 'breakglass.opened' AND subject = ?",
      [id],
    );
    const details = JSON.parse(row!.details) as Record<string, string>;
    details['expiresAt'] = '2099-01-01T00:00:00.000Z';
    const text = canonicalJson(details);
    const rehash =
      variant === 'edited and re-hashed' ? `, hash = '${entryHash({ ...row!, details }, row!.prev_hash)}'` : '';
    await rawExec(store, `${GUARDS} UPDATE audit_entries SET details = '${text}'${rehash} WHERE seq = ${row!.seq}`);

    const list = await runCli(['breakglass', 'list', '--all', '--store', store]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${id}\\s+REFUSED \\(edited\\)`));
    assert.match(
      list.stderr,
      new RegExp(
        `break-glass session ${id} is refused and not honoured: audit entry \\d+ \\(breakglass.opened ${id}\\) was (edited|replaced)`,
      ),
    );
    const json = await runCli(['breakglass', 'list', '--store', store, '-o', 'json']);
    const sessions = JSON.parse(json.stdout) as Array<{ id: string; tampered?: string; expiresAt: string }>;
    assert.equal(sessions[0]?.id, id);
    assert.ok(sessions[0]?.tampered, 'the JSON says why');

    const close = await runCli(['breakglass', 'close', id, '--by', 'mallory', '--store', store]);
    assert.equal(close.code, 1);
    assert.match(close.stderr, /is refused/);

    const verify = await runCli(['audit', 'verify', '--store', store]);
    assert.equal(verify.code, 1, 'audit verify no longer passes');
    assert.match(verify.stderr, /the audit log was tampered with/);
  });
}
