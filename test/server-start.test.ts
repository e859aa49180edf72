/**
 * `driftwarden server --config driftwarden.yaml`: the built executable, started from a directory
 * holding only its configuration, opens the embedded SQLite store the file names, serves the API
 * for the configured environments and stops cleanly on SIGTERM.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { api, spawnServer } from './support/server.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('driftwarden server --config driftwarden.yaml starts on the embedded store named in the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-server-start-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'driftwarden.yaml'),
    'store: ./data/history.db\nenvironments:\n  prod:\n    tier: production\n  dev:\n    tier: development\n',
  );
  const created = await runCli([
    'server',
    'token',
    'create',
    '--name',
    'ci',
    '--role',
    'viewer',
    '--config',
    join(dir, 'driftwarden.yaml'),
  ]);
  assert.equal(created.code, 0, created.stderr);
  const token = created.stdout.trim();
  assert.ok(existsSync(join(dir, 'data', 'history.db')), 'the store is the one the config names, relative to it');

  const server = await spawnServer(['--config', 'driftwarden.yaml'], { cwd: dir });
  try {
    assert.match(server.stderr(), /store .*history\.db/);
    assert.equal((await api(`${server.url}/readyz`)).status, 200);
    const environments = await api<{ items: Array<{ name: string; tier: string }> }>(
      `${server.url}/api/v1/environments`,
      { token },
    );
    assert.equal(environments.status, 200, environments.text);
    assert.deepEqual(environments.body.items.map((e) => [e.name, e.tier]).sort(), [
      ['dev', 'development'],
      ['prod', 'production'],
    ]);
    assert.equal((await api(`${server.url}/api/v1/environments`)).status, 401, 'no credentials, no data');
  } finally {
    assert.equal(await server.stop(), 0, server.stderr());
  }
});
