/**
 * `driftwarden controller` end to end against moto: the built CLI as a child process.
 * The canonical case (an ASG the state says has 3, scaled to 10 by hand, set back within one
 * interval), audit mode, SIGTERM, a crash mid-reconciliation (a crash point injected through the
 * test-only launcher, test/support/cli-launcher.ts) and break-glass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyClickOps } from '../demo/clickops.js';
import { cliPath } from './support/paths.js';
import { runCli } from './support/cli.js';
import { useMoto } from './aws-support.js';
import { auditEntries, desiredCapacity, workspace, type Workspace } from './reconcile-support.js';

const env = useMoto();

function gitRepo(): { path: string; commit: string } {
  const path = mkdtempSync(join(tmpdir(), 'driftwarden-code-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', path, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  writeFileSync(join(path, 'README.md'), 'infrastructure code\n');
  git('add', 'README.md');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'initial');
  return { path, commit: git('rev-parse', 'HEAD') };
}

async function controllerOnce(ws: Workspace, inject: { now?: string; crashAfter?: 'planned' | 'call' } = {}) {
  return runCli(['controller', '--config', ws.config, '--no-attribution', '--once'], {
    cwd: ws.dir,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '2' }),
    timeoutMs: 180_000,
    ...inject,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('enforce: an ASG scaled from 3 to 10 by hand is set back to 3 within one interval; the commit is recorded; SIGTERM exits 0; test settings in its environment change nothing', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  const repo = gitRepo();
  const child = spawn(
    process.execPath,
    [
      cliPath,
      'controller',
      '--config',
      ws.config,
      '--no-attribution',
      '--interval',
      '2s',
      '--repo',
      repo.path,
      '--ref',
      'HEAD',
    ],
    {
      cwd: ws.dir,
      env: {
        ...process.env,
        ...env.moto.env({ AWS_MAX_ATTEMPTS: '2' }),
        NO_COLOR: '1',
        // The executable reads no test settings: neither a crash point nor a clock from its environment.
        DRIFTWARDEN_TEST_CRASH_AFTER: 'planned',
        DRIFTWARDEN_NOW: '2099-01-01T00:00:00Z',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const startedAt = Date.now();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  try {
    for (let i = 0; i < 600 && !/cycle 1:/.test(stdout); i += 1) await sleep(100);
    assert.match(stdout, /cycle 1:/, `the first cycle ran: ${stdout}\n${stderr}`);
    await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
    const changedAt = Date.now();
    let capacity = await desiredCapacity(env.moto, 'app');
    while (capacity !== 3 && Date.now() - changedAt < 60_000) {
      await sleep(100);
      capacity = await desiredCapacity(env.moto, 'app');
    }
    const elapsed = Date.now() - changedAt;
    process.stdout.write(`# canonical case: ASG 10 -> 3 reverted ${elapsed} ms after the hand change (interval 2 s)\n`);
    assert.equal(capacity, 3, `reverted within 60 s: ${stdout}\n${stderr}`);
  } finally {
    child.kill('SIGTERM');
  }
  const exit = await exited;
  assert.equal(exit.code, 0, `SIGTERM exits 0 (${exit.signal ?? ''}): ${stderr}`);
  assert.match(stdout, /controller stopped/);
  assert.match(stdout, new RegExp(`commit ${repo.commit}`));
  const started = auditEntries(ws.store, ['action.controller-started']);
  assert.equal(started[0]?.details['commit'], repo.commit);
  const planned = auditEntries(ws.store, ['action.planned']).filter((e) => e.subject === 'aws_autoscaling_group.app');
  assert.equal(planned.length, 1, 'acted once');
  assert.equal(planned[0]?.details['commit'], repo.commit, 'the act records the commit it enforced');
  assert.ok(Math.abs(Date.parse(planned[0]!.time) - startedAt) < 120_000, `real time: ${planned[0]!.time}`);
  assert.doesNotMatch(stdout, /2099/);
  assert.equal(auditEntries(ws.store, ['action.verified']).at(-1)?.details['outcome'], 'reverted');
});

test('audit mode records and reports, never acts', async () => {
  const ws = await workspace(env.moto, { mode: 'audit' });
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  const run = await controllerOnce(ws);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /audit demo: configuration aws_autoscaling_group\.app \(dw-[0-9a-f]+\): recorded, not acted on/,
  );
  assert.equal(await desiredCapacity(env.moto, 'app'), 10);
  assert.equal(auditEntries(ws.store, ['action.planned']).length, 0);
  assert.ok(
    auditEntries(ws.store, ['finding.opened']).some((e) => e.subject === 'aws_autoscaling_group.app'),
    'the finding is recorded',
  );
});

test('crash after the call, before its result was recorded: the next run finds it done and records it, no second call', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  const crashed = await controllerOnce(ws, { crashAfter: 'call' });
  assert.notEqual(crashed.code, 0, 'killed with SIGKILL');
  assert.equal(await desiredCapacity(env.moto, 'app'), 3, 'the call was made before the crash');
  assert.equal(auditEntries(ws.store, ['action.planned']).length, 1);
  assert.equal(auditEntries(ws.store, ['action.applied']).length, 0, 'its result was never recorded');
  const next = await controllerOnce(ws);
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stdout, /recovered aws_autoscaling_group\.app .*already-applied/);
  const planned = auditEntries(ws.store, ['action.planned']);
  const applied = auditEntries(ws.store, ['action.applied']);
  assert.equal(planned.length, 1, 'nothing planned (or done) twice');
  assert.equal(applied.length, 1, 'nothing lost');
  assert.equal(applied[0]?.details['key'], planned[0]?.details['key']);
  assert.equal(applied[0]?.details['callsDone'], null, 'recovery made no call');
  assert.equal((await runCli(['audit', 'verify', '--store', ws.store])).code, 0);
});

test('crash after action.planned, before the call: the next run makes the call once and records it', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  const crashed = await controllerOnce(ws, { crashAfter: 'planned' });
  assert.notEqual(crashed.code, 0);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'no call before the crash');
  const next = await controllerOnce(ws);
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stdout, /recovered aws_autoscaling_group\.app .*redone/);
  assert.equal(await desiredCapacity(env.moto, 'app'), 3);
  const planned = auditEntries(ws.store, ['action.planned']);
  const applied = auditEntries(ws.store, ['action.applied']);
  assert.equal(planned.length, 1);
  assert.equal(applied.length, 1);
  assert.equal(applied[0]?.details['callsDone'], 1, 'the one call, made once');
});

test('break-glass: drift inside an open session is left alone; after close the next cycle reverts it and writes the incident report', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  const opened = await runCli(
    [
      'breakglass',
      'open',
      '--config',
      ws.config,
      '--scope',
      'demo:aws_autoscaling_group.*',
      '--reason',
      'INC-1: scale out',
      '--ttl',
      '1h',
      '--by',
      'alice',
    ],
    { cwd: ws.dir },
  );
  assert.equal(opened.code, 0, opened.stderr);
  const list = JSON.parse(
    (await runCli(['breakglass', 'list', '--config', ws.config, '-o', 'json'], { cwd: ws.dir })).stdout,
  ) as { id: string }[];
  const id = list[0]!.id;
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  const during = await controllerOnce(ws);
  assert.equal(during.code, 0, during.stderr);
  assert.match(during.stdout, new RegExp(`skipped aws_autoscaling_group\\.app .*break-glass session ${id} is open`));
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'left alone while the session is open');

  assert.equal(
    (await runCli(['breakglass', 'close', id, '--config', ws.config, '--by', 'alice'], { cwd: ws.dir })).code,
    0,
  );
  const after = await controllerOnce(ws);
  assert.equal(after.code, 0, after.stderr);
  assert.equal(await desiredCapacity(env.moto, 'app'), 3, 'reconciled after close');
  const file = join(ws.dir, '.driftwarden', 'incidents', `${id}.json`);
  assert.ok(existsSync(file), `${after.stdout}\n${after.stderr}`);
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    changes: {
      address: string;
      outcome: string;
      what: { path: string; recorded: unknown; observed: unknown }[];
      who: string;
      when: string;
    }[];
  };
  const change = report.changes.find((c) => c.address === 'aws_autoscaling_group.app');
  assert.equal(change?.outcome, 'reverted');
  assert.deepEqual(change?.what, [{ path: 'desired_capacity', recorded: 3, observed: 10 }]);
  assert.ok(change?.when);
  assert.equal(auditEntries(ws.store, ['action.incident-report']).length, 1);
  assert.equal(auditEntries(ws.store, ['action.breakglass-reconciled']).length, 1);
  const again = await controllerOnce(ws);
  assert.equal(again.code, 0);
  assert.equal(auditEntries(ws.store, ['action.incident-report']).length, 1, 'reported once');
});

test('break-glass expiry: a session whose TTL passed while nothing ran is expired by the next cycle, which reconciles its scope', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  const opened = await runCli(
    [
      'breakglass',
      'open',
      '--config',
      ws.config,
      '--scope',
      'demo:aws_autoscaling_group.*',
      '--reason',
      'INC-2: traffic spike',
      '--ttl',
      '30m',
      '--by',
      'bob',
    ],
    { cwd: ws.dir },
  );
  assert.equal(opened.code, 0, opened.stderr);
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  // The controller comes back two hours later (its clock injected through the test-only launcher).
  const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const run = await controllerOnce(ws, { now: later });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(await desiredCapacity(env.moto, 'app'), 3, 'reconciled after expiry');
  assert.equal(auditEntries(ws.store, ['breakglass.expired']).length, 1);
  assert.equal(auditEntries(ws.store, ['action.incident-report']).length, 1);
  const verify = await runCli(['audit', 'verify', '--store', ws.store], { cwd: ws.dir });
  assert.equal(verify.code, 0, verify.stderr);
});

test('the code is read from the enforced commit, not from uncommitted edits in the checkout', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  const repo = gitRepo();
  const git = (...args: string[]) => execFileSync('git', ['-C', repo.path, ...args], { encoding: 'utf8' }).trim();
  // Committed: the group's capacity belongs to the autoscaler (lifecycle ignore_changes).
  writeFileSync(
    join(repo.path, 'main.tf'),
    'resource "aws_autoscaling_group" "app" {\n  lifecycle {\n    ignore_changes = [desired_capacity]\n  }\n}\n',
  );
  git('add', 'main.tf');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', "capacity is the autoscaler's");
  // Uncommitted, in the working tree: someone deleted the rule but did not commit it.
  writeFileSync(join(repo.path, 'main.tf'), 'resource "aws_autoscaling_group" "app" {\n}\n');
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  const run = await runCli(
    ['controller', '--config', ws.config, '--no-attribution', '--once', '--repo', repo.path, '--ref', 'HEAD'],
    {
      cwd: ws.dir,
      env: env.moto.env({ AWS_MAX_ATTEMPTS: '2' }),
      timeoutMs: 180_000,
    },
  );
  assert.equal(run.code, 0, run.stderr);
  assert.equal(await desiredCapacity(env.moto, 'app'), 10, 'the committed ignore_changes decided: nothing reverted');
  assert.equal(
    git('worktree', 'list', '--porcelain')
      .split('\n')
      .filter((l) => l.startsWith('worktree ')).length,
    1,
    'no worktree left behind',
  );
  assert.match(
    readFileSync(join(repo.path, 'main.tf'), 'utf8'),
    /^resource "aws_autoscaling_group" "app" \{\n\}\n$/,
    'the checkout is untouched',
  );
});

test('a failed cycle (the state cannot be read) is recorded and the loop goes on; the next cycle enforces', async () => {
  const ws = await workspace(env.moto, { mode: 'enforce' });
  renameSync(ws.estate.statePath, `${ws.estate.statePath}.away`);
  const child = spawn(
    process.execPath,
    [cliPath, 'controller', '--config', ws.config, '--no-attribution', '--interval', '1s'],
    {
      cwd: ws.dir,
      env: { ...process.env, ...env.moto.env({ AWS_MAX_ATTEMPTS: '2' }), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    for (let i = 0; i < 600 && !/cycle 1 failed/.test(stderr); i += 1) await sleep(100);
    assert.match(stderr, /cycle 1 failed: .*state file not found/, stderr);
    renameSync(`${ws.estate.statePath}.away`, ws.estate.statePath);
    await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
    const since = Date.now();
    let capacity = await desiredCapacity(env.moto, 'app');
    while (capacity !== 3 && Date.now() - since < 60_000) {
      await sleep(100);
      capacity = await desiredCapacity(env.moto, 'app');
    }
    assert.equal(capacity, 3, `a later cycle enforced: ${stdout}\n${stderr}`);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
  assert.ok(auditEntries(ws.store, ['action.cycle-failed']).length >= 1);
});
