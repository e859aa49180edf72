/**
 * Two `driftwarden reconcile --approve` processes at once against moto (issue 10, item 7: the ASG
 * update used to be sent twice). Acting holds the environment's lease in the store: the second
 * process waits, then scans again and finds the drift already reverted. The calls are counted by
 * moto's own request recorder, not by the processes that made them.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { openStore } from '../src/store/index.js';
import { applyClickOps } from '../demo/clickops.js';
import { runCli } from './support/cli.js';
import { useMoto } from './aws-support.js';
import { auditEntries, desiredCapacity, workspace } from './reconcile-support.js';

// moto records requests to this file once recording is started (before useMoto starts moto).
const recordingDir = mkdtempSync(join(tmpdir(), 'dw-moto-recording-'));
process.env['MOTO_RECORDER_FILEPATH'] = join(recordingDir, 'requests.jsonl');
after(() => rmSync(recordingDir, { recursive: true, force: true }));

const env = useMoto();

async function motoApi(path: string, method = 'POST'): Promise<string> {
  const res = await fetch(`${env.moto.endpoint}/moto-api/recorder/${path}`, { method });
  assert.ok(res.ok, `moto recorder ${path}: ${res.status}`);
  return res.text();
}

/** UpdateAutoScalingGroup requests moto received while recording. */
function updateCalls(recording: string): number {
  return recording
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { body?: string; body_encoded?: boolean })
    .filter((entry) => {
      const body = entry.body_encoded ? Buffer.from(entry.body ?? '', 'base64').toString() : (entry.body ?? '');
      return /Action=UpdateAutoScalingGroup\b/.test(body);
    }).length;
}

test('two reconcile --approve at once send the ASG update once: the second waits for the lease, then finds nothing to do', async () => {
  const ws = await workspace(env.moto);
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10);

  await motoApi('reset-recording');
  await motoApi('start-recording');
  const reconcile = () =>
    runCli(['reconcile', '--config', ws.config, '--no-attribution', '--approve', '-o', 'json'], {
      cwd: ws.dir,
      env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }),
      timeoutMs: 240_000,
    });
  const runs = await Promise.all([reconcile(), reconcile()]);
  await motoApi('stop-recording');
  const recording = await motoApi('download-recording', 'GET');

  for (const run of runs) assert.equal(run.code, 0, `exit ${run.code}: ${run.stderr}`);
  assert.equal(updateCalls(recording), 1, 'moto received exactly one UpdateAutoScalingGroup');
  assert.equal(await desiredCapacity(env.moto, 'app'), 3);
  assert.equal(
    runs.filter((run) => /env:demo is held by .* waiting up to 10m/.test(run.stderr)).length,
    1,
    `one of them waited for the other: ${runs.map((r) => r.stderr).join('\n---\n')}`,
  );
  const planned = auditEntries(ws.store, ['action.planned']).filter((e) => e.subject === 'aws_autoscaling_group.app');
  assert.equal(planned.length, 1, 'one act planned and recorded');
  const verify = await runCli(['audit', 'verify', '--store', ws.store]);
  assert.equal(verify.code, 0, verify.stderr);
});

test('--lease-wait 0s skips with a message while another process holds the environment', async () => {
  const ws = await workspace(env.moto);
  // Another holder (this test process, alive, so its lease is not taken over as a dead one's).
  const store = await openStore(ws.store);
  const holder = `${hostname()}:${process.pid}:test`;
  try {
    assert.deepEqual(await store.leases.acquire(['env:demo'], holder, 600_000, new Date()), { acquired: true });
    const args = ['reconcile', '--config', ws.config, '--no-attribution', '-o', 'json', '--lease-wait', '0s'];
    const skipped = await runCli(args, {
      cwd: ws.dir,
      env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }),
      timeoutMs: 240_000,
    });
    assert.equal(skipped.code, 1, skipped.stderr);
    assert.match(skipped.stderr, /reconcile skipped: another reconcile or the controller is acting/);
    assert.match(skipped.stderr, new RegExp(holder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.deepEqual(
      (await store.leases.list()).map((lease) => lease.owner),
      [holder],
      'the skipped run left the lease alone',
    );
  } finally {
    await store.close();
  }
});
