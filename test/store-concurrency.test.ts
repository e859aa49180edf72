/**
 * Several processes writing one store at once, on both backends: the audit chain stays one chain
 * (no gap, no fork: every append lands on the head of its moment, serialized by the store's write
 * lock), and `driftwarden audit verify` passes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.js';
import { runCli } from './support/cli.js';
import { postgresUnavailable, startPostgres, type Postgres } from './support/postgres.js';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'support', 'append-worker.js');
const PROCESSES = 4;
const APPENDS = 40;

const dirs: string[] = [];
const unavailable = postgresUnavailable();
let pg: Postgres | undefined;
before(async () => {
  if (unavailable === undefined) pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function runWorker(location: string, worker: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WORKER, location, String(worker), String(APPENDS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

async function appendConcurrently(location: string): Promise<void> {
  // The schema first, so that the workers race on appends rather than on creating tables.
  await (await openStore(location)).close();
  const runs = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runWorker(location, i + 1)));
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  const seqs = runs.flatMap((run) =>
    run.stdout
      .trim()
      .split('\n')
      .map((line) => Number(line.split(' ')[0])),
  );
  assert.equal(seqs.length, PROCESSES * APPENDS);
  assert.deepEqual(
    [...seqs].sort((a, b) => a - b),
    Array.from({ length: PROCESSES * APPENDS }, (_, i) => i + 1),
    'every append got its own seq: no two on the same head (fork), none skipped (gap)',
  );
  const store = await openStore(location, { mustExist: true });
  try {
    const result = await store.audit.verify();
    assert.equal(result.ok, true, result.problem);
    assert.equal(result.entries, PROCESSES * APPENDS);
    const entries = await store.audit.entries({ actions: ['action.test-append'] });
    for (let worker = 1; worker <= PROCESSES; worker++) {
      const mine = entries.filter((e) => e.actor === `worker-${worker}`).map((e) => e.details['i']);
      assert.deepEqual(
        mine,
        Array.from({ length: APPENDS }, (_, i) => i + 1),
        `worker ${worker}'s appends are all there, in its order`,
      );
    }
  } finally {
    await store.close();
  }
  const cli = await runCli(['audit', 'verify', '--store', location]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, new RegExp(`audit log ok: ${PROCESSES * APPENDS} entries verified`));
}

test(`sqlite: ${PROCESSES} processes append ${APPENDS} entries each at once; the chain verifies with no gap and no fork`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-concurrent-'));
  dirs.push(dir);
  await appendConcurrently(join(dir, 'history.db'));
});

test(
  `postgres: ${PROCESSES} processes append ${APPENDS} entries each at once; the chain verifies with no gap and no fork`,
  { skip: unavailable },
  async () => {
    await appendConcurrently(await pg!.createDatabase());
  },
);
