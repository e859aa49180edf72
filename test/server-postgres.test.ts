/**
 * `driftwarden server` on the PostgreSQL store (a throwaway cluster on a free loopback port): the
 * API's read contract (findings pages with filters, sorts and deep cursors, a finding's detail,
 * scans, the audit log), and an approval recorded with its principal, as on SQLite.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { postgresUnavailable, startPostgres, type Postgres } from './support/postgres.js';
import { seedHistory, serverContract } from './support/server-contract.js';
import { api, startTestServer } from './support/server.js';

const unavailable = postgresUnavailable();
let pg: Postgres | undefined;
const dir = mkdtempSync(join(tmpdir(), 'dw-server-pg-'));
before(async () => {
  if (unavailable === undefined) pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

if (unavailable !== undefined) {
  test(`server on PostgreSQL (skipped: ${unavailable})`, { skip: unavailable }, () => {});
} else {
  serverContract('postgres', () => pg!.createDatabase());

  test('postgres: an operator approves an open finding by id; the approval is in the audit log with the principal', async () => {
    const file = join(dir, 'driftwarden.yaml');
    writeFileSync(file, 'environments:\n  prod:\n    tier: production\n');
    const server = await startTestServer({ storeLocation: await pg!.createDatabase(), config: loadConfig(file) });
    try {
      await seedHistory(server);
      const refused = await api(`${server.url}/api/v1/reconcile/approvals`, {
        token: server.tokens.operator,
        method: 'POST',
        body: { findingIds: ['a'] },
      });
      assert.equal(refused.status, 409, 'a resolved finding is not approved');
      const viewer = await api(`${server.url}/api/v1/reconcile/approvals`, {
        token: server.tokens.viewer,
        method: 'POST',
        body: { findingIds: ['b'] },
      });
      assert.equal(viewer.status, 403);
      const approved = await api(`${server.url}/api/v1/reconcile/approvals`, {
        token: server.tokens.operator,
        method: 'POST',
        body: { findingIds: ['b'] },
      });
      assert.equal(approved.status, 202, approved.text);
      await server.context.jobs.settle();
      const entry = await server.store.audit.lastEntry('api.approved');
      assert.deepEqual(entry?.details['findingIds'], ['b']);
      assert.match(entry!.actor, /test-operator/);
    } finally {
      await server.close();
    }
  });
}
