/**
 * The built-in demo, run once as `npm run demo` runs it (after setup): its own emulator, estate,
 * hand changes, scan and reconcile dry run. The demo succeeds (exit 0) because the scan ran; its
 * output and reports list the drift the eight hand changes made, and the plan reverting it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './support/paths.js';

function runDemo(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/demo/main.js')], {
      cwd: repoRoot,
      env: { ...process.env, DRIFTWARDEN_DEMO_DIR: dir, NO_COLOR: '1', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}

test('the demo builds an estate, makes the hand changes, scans, writes the reports and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwarden-demo-'));
  const { code, stdout, stderr } = await runDemo(dir);
  assert.equal(code, 0, `demo failed: ${stderr}`);
  assert.doesNotMatch(stderr, /internal error|demo: /);

  // The table report, printed as the CLI prints it: one row per finding.
  const rows: Array<[string, RegExp]> = [
    ['policy', /│ policy\s+│ aws_security_group\.web\s+│ ingress:/],
    ['missing', /│ missing\s+│ aws_security_group\.bastion\s+│/],
    ['policy', /│ policy\s+│ aws_iam_role\.app\s+│ managed_policy_arns:/],
    ['configuration', /│ configuration │ aws_instance\.app\[1\]\s+│ instance_type: t3\.micro -> t3\.large/],
    ['configuration', /│ configuration │ aws_autoscaling_group\.app\s+│ desired_capacity: 3 -> 10/],
    ['configuration', /│ configuration │ aws_lb\.web\s+│ idle_timeout: 60 -> 300/],
    // A live address quotes its id; a long one may wrap in the address column, so the closing quote is not required here.
    ['unmanaged', /│ unmanaged\s+│ aws_ebs_snapshot\."snap-[0-9a-f]+/],
    ['unmanaged', /│ unmanaged\s+│ aws_ebs_volume\."vol-[0-9a-f]+/],
  ];
  for (const [, row] of rows) assert.match(stdout, row);
  // The reconcile dry run: the demo's config opts into revert (the default is notify); the world-open
  // SSH rule's blast radius is above the demo's threshold, so it waits for an explicit approval.
  assert.match(
    stdout,
    /strategy: revert, act\n\s+autoscaling:UpdateAutoScalingGroup \{AutoScalingGroupName: app, DesiredCapacity: 3\}/,
  );
  assert.match(stdout, /policy aws_security_group\.web \[demo\]\s+strategy: revert, needs-approval/);
  assert.match(stdout, /Plan: \d+ to act, 1 need approval, \d+ skipped, 0 notify only\./);
  assert.match(stdout, /Dry run: nothing was changed\./);
  assert.match(stdout, /The demo succeeded\./);
  assert.match(stdout, /exit code was 2/);

  // The reports it says it wrote exist and carry the same findings.
  for (const file of ['report.html', 'report.json', 'report.sarif', 'terraform.tfstate', 'driftwarden.yaml']) {
    assert.ok(existsSync(join(dir, file)), `${file} written`);
  }
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
    findings: { kind: string; resource: { address: string } }[];
  };
  const found = new Set(report.findings.map((f) => `${f.kind} ${f.resource.address}`));
  for (const expected of [
    'policy aws_security_group.web',
    'missing aws_security_group.bastion',
    'policy aws_iam_role.app',
    'configuration aws_instance.app[1]',
    'configuration aws_autoscaling_group.app',
    'configuration aws_lb.web',
  ]) {
    assert.ok(found.has(expected), `${expected} in report.json`);
  }
  const sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')) as {
    version: string;
    runs: { results: unknown[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]?.results.length, report.findings.length);
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /aws_security_group\.bastion/);
});
