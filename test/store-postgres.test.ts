/**
 * The store contract on a real PostgreSQL (a throwaway cluster on a free loopback port, removed
 * afterwards), plus what only a server can get wrong: its password never appears in messages.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../src/store/index.js';
import { DriftwardenError } from '../src/model/errors.js';
import { storeContract } from './support/store-contract.js';
import { POSTGRES_PASSWORD, postgresUnavailable, startPostgres, type Postgres } from './support/postgres.js';
import { runCli } from './support/cli.js';

const unavailable = postgresUnavailable();
let pg: Postgres | undefined;
before(async () => {
  if (unavailable === undefined) pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
});

if (unavailable !== undefined) {
  test(`PostgreSQL store contract (skipped: ${unavailable})`, { skip: unavailable }, () => {});
} else {
  storeContract('postgres', () => pg!.createDatabase());

  test('postgres: the password never appears in a location, an error or the CLI output', async () => {
    const url = await pg!.createDatabase();
    const store = await openStore(url);
    try {
      assert.equal(store.backend, 'postgres');
      assert.ok(!store.location.includes(POSTGRES_PASSWORD), store.location);
      assert.match(store.location, /^postgres:\/\/driftwarden@127\.0\.0\.1:\d+\//);
    } finally {
      await store.close();
    }
    const wrongDb = url.replace(/\/[^/]+$/, '/no_such_database');
    await assert.rejects(openStore(wrongDb), (err: unknown) => {
      assert.ok(err instanceof DriftwardenError);
      assert.equal(err.code, 'store.unavailable');
      assert.ok(!err.describe().includes(POSTGRES_PASSWORD), err.describe());
      return true;
    });
    const status = await runCli(['db', 'status'], { env: { DRIFTWARDEN_DATABASE_URL: url } });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /backend: postgres/);
    assert.match(status.stdout, /up to date/);
    const failed = await runCli(['db', 'status', '--store', wrongDb]);
    assert.equal(failed.code, 1);
    for (const out of [status.stdout, status.stderr, failed.stdout, failed.stderr])
      assert.ok(!out.includes(POSTGRES_PASSWORD), out);
  });
}
