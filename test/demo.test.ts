/**
 * The built-in demo, run once as `npm run demo` runs it (after setup): its own emulator, estate,
 * hand changes, scan and reconcile dry run. The demo succeeds (exit 0) because the scan ran; its
 * output and reports list the drift the eight hand changes made, and the plan reverting it. Run
 * with `--serve`, it then prints the dashboard URL and a token; the dashboard answers with the
 * demo's findings, and SIGTERM stops server and emulator with exit 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './support/paths.js';
import { vcsimUnavailable } from './support/vcsim.js';

function runDemo(
  dir: string,
  whileServing: (url: string, token: string) => Promise<void>,
): Promise<{ code: number; stdout: string; stderr: string; served?: unknown }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/demo/main.js'), '--serve'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DRIFTWARDEN_DEMO_DIR: dir,
        DRIFTWARDEN_DEMO_LISTEN: '127.0.0.1:0',
        NO_COLOR: '1',
        NODE_NO_WARNINGS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let served: Promise<unknown> | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Dashboard: (\S+)\/ui\n.*token \(shown only now\): (\S+)\n/.exec(stdout);
      if (match && served === undefined) {
        served = whileServing(match[1]!, match[2]!).then(
          () => undefined,
          (err: unknown) => err,
        );
        void served.finally(() => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      void (served ?? Promise.resolve('the dashboard URL was never printed')).then((err) =>
        done({ code: code ?? -1, stdout, stderr, served: err }),
      );
    });
  });
}

test('the demo builds an estate, makes the hand changes, scans, writes the reports, serves the dashboard and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwarden-demo-'));
  const { code, stdout, stderr, served } = await runDemo(dir, async (url, token) => {
    const page = await fetch(`${url}/ui/findings`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /aws_security_group\.web/);
    const anonymous = await fetch(`${url}/ui/findings`);
    assert.equal(anonymous.status, 401, 'no token, no dashboard');
  });
  assert.equal(served, undefined, `the dashboard check failed: ${String(served)}`);
  assert.equal(code, 0, `demo failed: ${stderr}`);
  assert.match(stdout, /Dashboard: http:\/\/127\.0\.0\.1:\d+\/ui\n/);
  assert.doesNotMatch(stderr, /internal error|demo: /);

  // The vSphere part: on vcsim where it is installed, else skipped, saying why (the demo needs no Go).
  const noVcsim = vcsimUnavailable();
  if (noVcsim === undefined) {
    assert.match(stdout, /│ vsphere_virtual_machine\.app\s+│ num_cpus: 1 -> 16/);
    assert.match(stdout, /vsphere_virtual_machine_snapshot\.\s*│[^\n]*no state manages snapshot-/);
    assert.match(
      stdout,
      /skipped: the VM is poweredOn: CPU hot-remove is off \(16 -> 1 vCPUs\): the VM must be powered off/,
    );
  } else {
    assert.match(stdout, /vSphere part skipped: vcsim is not installed/);
  }

  // The table report, printed as the CLI prints it (160 columns without a terminal): one row per
  // finding, the address with its change on the first line and its kind on the next.
  const row = (address: string, change: string, kind: string) =>
    new RegExp(`│ ${address}\\s+│ ${change}[^\\n]*\\n│[^│\\n]*│ \\(${kind}\\)`);
  const rows: Array<[string, RegExp]> = [
    ['policy', row('aws_security_group\\.web', 'ingress:', 'policy')],
    ['missing', row('aws_security_group\\.bastion', 'recorded, but gone', 'missing')],
    ['policy', row('aws_iam_role\\.app', 'managed_policy_arns:', 'policy')],
    ['configuration', row('aws_instance\\.app\\[1\\]', 'instance_type: t3\\.micro -> t3\\.large', 'configuration')],
    ['configuration', row('aws_autoscaling_group\\.app', 'desired_capacity: 3 -> 10', 'configuration')],
    ['configuration', row('aws_lb\\.web', 'idle_timeout: 60 -> 300', 'configuration')],
    ['unmanaged', row('aws_ebs_snapshot\\."snap-[0-9a-f]+"', 'no state manages', 'unmanaged')],
    ['unmanaged', row('aws_ebs_volume\\."vol-[0-9a-f]+"', 'no state manages', 'unmanaged')],
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
