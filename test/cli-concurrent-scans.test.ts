/**
 * Six `driftwarden scan` processes at once on one embedded store (issue 10, item 13: 8 of 18 used
 * to fail with `database is locked`). Write transactions take the lock up front and wait for it,
 * so the scans queue: every one is recorded, and the audit chain verifies.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { runCli } from './support/cli.js';
import { fixture } from './support/paths.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('six scans at once on one SQLite store all succeed and are all recorded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-six-scans-'));
  dirs.push(dir);
  const store = join(dir, '.driftwarden', 'history.db');
  const plan = fixture('hashicorp-terraform/show-json/drift/output.json');
  // No store exists yet: the six also race on creating it and applying the migrations.
  const runs = await Promise.all(
    Array.from({ length: 6 }, () =>
      runCli(['scan', '--plan', plan, '--store', store, '-o', 'json'], { timeoutMs: 120_000 }),
    ),
  );
  for (const run of runs) {
    assert.equal(run.code, 2, `a scan failed: exit ${run.code}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /locked|busy/i);
  }
  const opened = await openStore(store, { mustExist: true });
  try {
    assert.equal((await opened.history.listScans(10)).length, 6);
    assert.equal((await opened.audit.entries({ actions: ['scan.recorded'] })).length, 6);
    assert.equal((await opened.audit.verify()).ok, true);
  } finally {
    await opened.close();
  }
});
