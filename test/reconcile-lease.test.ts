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
  const args = ['reconcile', '--config', ws.config, '--no-attribution', '-o', 'json'];
  const options = { cwd: ws.dir, env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }), timeoutMs: 240_000 };
  const [first, second] = await Promise.all([
    runCli(args, options),
    new Promise((done) => setTimeout(done, 1500)).then(() => runCli([...args, '--lease-wait', '0s'], options)),
  ]);
  assert.ok(first.code === 0 || first.code === 2, first.stderr);
  // The second started while the first held env:demo (a scan takes seconds here): it skipped.
  assert.equal(second.code, 1, second.stderr);
  assert.match(second.stderr, /reconcile skipped: another reconcile or the controller is acting/);
});
