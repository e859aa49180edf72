/** The store contract on SQLite files, plus what only a file can get wrong. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { DriftwardenError } from '../src/model/errors.js';
import { finding, record, scan, storeContract, T1 } from './support/store-contract.js';
import { rawExec, sqliteJournalMode } from './support/raw-database.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh path in a folder that does not exist yet: the store must create it. */
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-store-'));
  dirs.push(dir);
  return join(dir, '.driftwarden', 'history.db');
}

storeContract('sqlite', async () => dbPath());

test('sqlite: the folder and file are created, in WAL mode', async () => {
  const path = dbPath();
  await (await openStore(path)).close();
  assert.ok(existsSync(path));
  assert.equal(sqliteJournalMode(path), 'wal');
});

test('sqlite: a corrupted or non-SQLite file gives a clear error naming the file, and is left untouched', async () => {
  const path = dbPath();
  await (await openStore(path)).close();
  const garbage = 'this is not a database, just a text file that happens to sit at the store path\n'.repeat(50);
  writeFileSync(path, garbage);
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  await assert.rejects(openStore(path), (err: unknown) => {
    assert.ok(err instanceof DriftwardenError);
    assert.equal(err.code, 'input.invalid');
    assert.equal(err.details.file, path);
    assert.match(err.message, /not a SQLite database, or it is corrupted/);
    assert.ok(err.details.nextStep);
    assert.doesNotMatch(err.describe(), /at .*\.js:\d+/, 'no stack trace in the description');
    return true;
  });
  assert.equal(readFileSync(path, 'utf8'), garbage);
});

test("sqlite: another program's SQLite file is refused", async () => {
  const other = dbPath();
  await (await openStore(other)).close();
  rmSync(other);
  await rawExec(other, 'CREATE TABLE customers (id INTEGER)');
  await assert.rejects(
    openStore(other),
    (err: unknown) =>
      err instanceof DriftwardenError &&
      /not a Driftwarden history store/.test(err.message) &&
      err.details.file === other,
  );
});

test('sqlite: a read-only command does not create a database', async () => {
  const path = dbPath();
  await assert.rejects(openStore(path, { mustExist: true }), /nothing has been recorded yet/);
  assert.equal(existsSync(path), false);
});

test('sqlite: no secret reaches the file', async () => {
  const path = dbPath();
  const store = await openStore(path);
  await record(
    store.history,
    scan(
      's1',
      T1,
      [
        finding('pw', {
          changes: [{ path: 'password', recorded: 'hunter2-old', observed: 'hunter2-new', sensitive: true }],
        }),
      ],
      [],
      ['https://ci:tok3n-secret@state.example.com/prod?access_token=abc123'],
    ),
  );
  await store.close();
  const bytes =
    readFileSync(path).toString('latin1') +
    (existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).toString('latin1') : '');
  for (const secret of ['hunter2', 'tok3n-secret', 'abc123'])
    assert.ok(!bytes.includes(secret), `${secret} was written`);
});
