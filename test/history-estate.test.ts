/**
 * History belongs to an estate, end to end with the built CLI (issue 15; issue 10, item 3):
 * scanning an unrelated project from the same folder never resolves the first one's findings, and
 * a scan whose STS GetCallerIdentity failed (so every scope is labelled with the wrong account)
 * resolves nothing: its findings stay open, reported as not re-checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyClickOps } from '../demo/clickops.js';
import { runCli } from './support/cli.js';
import { fixture, ownFixture } from './support/paths.js';
import { useMoto } from './aws-support.js';
import { workspace } from './reconcile-support.js';

interface History {
  estate: { key: string; label: string };
  previousScanId: string | null;
  newFindingIds: string[];
  resolved: Array<{ id: string; address: string }>;
  notRechecked: Array<{ id: string; address: string; reason: string }>;
}

async function scanHistory(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const run = await runCli(['scan', '-o', 'json', ...args], { ...options, timeoutMs: 180_000 });
  assert.ok([0, 2, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    history: History;
    findings: Array<{ id: string; resource: { address: string } }>;
  };
  return { run, history: report.history, findings: report.findings };
}

test('an unrelated project scanned from the same folder neither compares with nor resolves the first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-estates-'));
  const projectA = ownFixture('cli/plan-policy.json');
  const projectB = fixture('hashicorp-terraform/show-json/drift/output.json');
  const a1 = await scanHistory(['--plan', projectA], { cwd: dir });
  assert.ok(a1.findings.length > 0);
  const b1 = await scanHistory(['--plan', projectB], { cwd: dir });
  assert.notEqual(b1.history.estate.key, a1.history.estate.key);
  assert.equal(b1.history.previousScanId, null, "B's first scan");
  assert.deepEqual(b1.history.resolved, [], "A's findings are not B's to resolve");
  const a2 = await scanHistory(['--plan', projectA], { cwd: dir });
  assert.equal(a2.history.estate.key, a1.history.estate.key, 'the same plan is the same estate');
  assert.deepEqual(a2.history.newFindingIds, [], 'still open since the first scan of A: nothing new');
  assert.deepEqual(a2.history.resolved, []);
});

const env = useMoto();

test('STS GetCallerIdentity fails: nothing is resolved, the open finding is reported as not re-checked', async () => {
  const ws = await workspace(env.moto);
  await applyClickOps(env.moto.clientConfig(), ws.estate.ids, ['asg-scaled']);
  const base = ['--config', ws.config, '--no-attribution'];
  const first = await scanHistory(base, { cwd: ws.dir, env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }) });
  const asg = first.findings.find((f) => f.resource.address === 'aws_autoscaling_group.app');
  assert.ok(asg, 'the scaled ASG is a finding');

  // STS unreachable: the account cannot be named, every scope fails under the label "default".
  const broken = await scanHistory(base, {
    cwd: ws.dir,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }),
  });
  assert.equal(broken.history.estate.key, first.history.estate.key, 'the same estate: STS does not change it');
  assert.notEqual(broken.history.previousScanId, null, 'compared with the first scan of the estate');
  assert.deepEqual(broken.history.resolved, [], 'nothing resolved while nothing was observed');
  assert.ok(
    broken.history.notRechecked.some((f) => f.id === asg.id),
    `the ASG finding stays open, not re-checked: ${JSON.stringify(broken.history.notRechecked)}`,
  );
  const table = await runCli(['scan', ...base], {
    cwd: ws.dir,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }),
    timeoutMs: 180_000,
  });
  assert.match(table.stdout, /Still open, not re-checked by this scan \(\d+\)/);
  assert.match(table.stdout, /aws_autoscaling_group\.app \(configuration\): /);

  // A complete scan of the same estate re-checks it: still drifted, so still open, not new.
  const again = await scanHistory(base, { cwd: ws.dir, env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }) });
  assert.ok(!again.history.newFindingIds.includes(asg.id));
  assert.deepEqual(again.history.resolved, []);
});
