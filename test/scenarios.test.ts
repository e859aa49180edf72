/**
 * The seed scenarios, end to end: a fresh estate built in moto with the Terraform state an apply
 * would have written (demo/estate.ts), one change made through the API as a console user
 * would, then the built CLI (`driftwarden scan -o json`) against the emulator. Each test asserts the
 * kind, severity and attribute path, the exit code, and that nothing else was reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEstate, type BuiltEstate } from '../demo/estate.js';
import { applyClickOps, type ClickOpsResult, type Scenario } from '../demo/clickops.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { runCli } from './support/cli.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

interface JsonFinding {
  kind: string;
  severity: string;
  resource: { address: string; type: string; id?: string };
  changes: { path: string; recorded?: unknown; observed?: unknown; sensitive: boolean }[];
  reasons: string[];
  impact?: { action: string; replacePaths: string[]; cascade?: string[] };
  blastRadius?: { score: number; level: string; factors: { name: string; contribution: number }[] };
}
interface JsonReport {
  scan: {
    complete: boolean;
    incompleteScopes: { type: string; account: string; region: string; code: string; reason: string }[];
  };
  summary: { managed: number; unchecked: number; missing: number };
  findings: JsonFinding[];
}

async function freshEstate(): Promise<{ estate: BuiltEstate; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwarden-scenario-'));
  const estate = await buildEstate({ aws: env.moto.clientConfig(), dir, account: MOTO_ACCOUNT });
  return { estate, dir };
}

async function scenario(
  changes: ReadonlyArray<Scenario>,
): Promise<{ estate: BuiltEstate; made: ClickOpsResult; code: number; report: JsonReport; stdout: string }> {
  const { estate, dir } = await freshEstate();
  const made = await applyClickOps(env.moto.clientConfig(), estate.ids, changes);
  const { code, report, stdout } = await scan(estate.statePath, dir);
  return { estate, made, code, report, stdout };
}

async function scan(
  statePath: string,
  cwd: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; report: JsonReport; stdout: string }> {
  // The account comes from the credentials (STS GetCallerIdentity), as for a user with one account.
  const run = await runCli(['scan', '--state', statePath, '--region', 'eu-west-1', '-o', 'json', '--no-history'], {
    cwd,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '2', ...extraEnv }),
    timeoutMs: 120_000,
  });
  assert.ok(run.code === 0 || run.code === 2, `scan failed (${run.code}): ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/, 'no stack trace and no internal error');
  const report = JSON.parse(run.stdout) as JsonReport;
  // Every seed finding is explained: a blast radius from its six factors, and, for a changed
  // managed resource, what the next apply does.
  for (const finding of report.findings) {
    const radius = finding.blastRadius;
    assert.ok(radius && radius.score >= 0 && radius.score <= 100, `${finding.resource.address}: blast radius`);
    assert.deepEqual(radius.factors.map((f) => f.name).sort(), [
      'centrality',
      'impact',
      'kind',
      'severity',
      'shared',
      'tier',
    ]);
    // Contributions are rounded to one decimal: their sum is the score within a point.
    assert.ok(
      Math.abs(radius.factors.reduce((sum, f) => sum + f.contribution, 0) - radius.score) <= 1,
      `${finding.resource.address}: factors add up`,
    );
    if (finding.kind === 'configuration' || finding.kind === 'policy')
      assert.ok(finding.impact, `${finding.resource.address}: impact`);
  }
  return { code: run.code, report, stdout: run.stdout };
}

/** `kind address` of every finding, sorted: the whole answer, so noise cannot hide beside it. */
function summaryOf(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.kind} ${f.resource.address}`).sort();
}

function only(report: JsonReport, kind: string, address: string): JsonFinding {
  const found = report.findings.filter((f) => f.kind === kind && f.resource.address === address);
  assert.equal(found.length, 1, `one ${kind} finding on ${address}; got: ${summaryOf(report).join('; ')}`);
  return found[0]!;
}

const SEVERITY = ['low', 'medium', 'high', 'critical'];
const atLeast = (severity: string, floor: string) => SEVERITY.indexOf(severity) >= SEVERITY.indexOf(floor);

test('9. nothing changed: exit 0, no findings on a freshly matching estate (defaults AWS fills in included)', async () => {
  const { estate, dir } = await freshEstate();
  const { code, report } = await scan(estate.statePath, dir);
  assert.deepEqual(
    summaryOf(report),
    [],
    JSON.stringify(
      report.findings.map((f) => ({ address: f.resource.address, changes: f.changes })),
      null,
      1,
    ),
  );
  assert.equal(code, 0);
  assert.equal(report.scan.complete, true);
  assert.equal(report.summary.unchecked, 0, 'every recorded resource was checked');
  assert.ok(report.summary.managed >= 25, `the whole estate is managed (${report.summary.managed})`);
});

test('1. SSH opened to 0.0.0.0/0 on a managed security group: policy, at least high, on ingress', async () => {
  const { code, report } = await scenario(['ssh-open-to-world']);
  assert.deepEqual(summaryOf(report), ['policy aws_security_group.web']);
  const finding = only(report, 'policy', 'aws_security_group.web');
  assert.ok(atLeast(finding.severity, 'high'), finding.severity);
  assert.deepEqual(
    finding.changes.map((c) => c.path),
    ['ingress'],
  );
  assert.match(JSON.stringify(finding.changes[0]?.observed), /0\.0\.0\.0\/0/);
  assert.ok(
    finding.reasons.some((r) => /port 22/.test(r)),
    finding.reasons.join('; '),
  );
  assert.equal(finding.impact?.action, 'update', 'rules are changed in place');
  assert.equal(code, 2);
});

test('2. an EBS volume created outside Terraform: unmanaged', async () => {
  const { code, report, made } = await scenario(['orphan-volume']);
  assert.ok(made.volumeId);
  assert.deepEqual(summaryOf(report), [`unmanaged aws_ebs_volume."${made.volumeId}"`]);
  assert.equal(only(report, 'unmanaged', `aws_ebs_volume."${made.volumeId}"`).resource.id, made.volumeId);
  assert.equal(code, 2);
});

test('3. an instance type changed by hand: configuration on instance_type', async () => {
  const { code, report } = await scenario(['instance-type-changed']);
  assert.deepEqual(summaryOf(report), ['configuration aws_instance.app[1]']);
  const finding = only(report, 'configuration', 'aws_instance.app[1]');
  assert.deepEqual(
    finding.changes.map((c) => [c.path, c.recorded, c.observed]),
    [['instance_type', 't3.micro', 't3.large']],
  );
  assert.equal(code, 2);
});

test('4. an Auto Scaling group scaled from 3 to 10: configuration on desired_capacity, the launched instances are not unmanaged', async () => {
  const { code, report } = await scenario(['asg-scaled']);
  assert.deepEqual(summaryOf(report), ['configuration aws_autoscaling_group.app']);
  const finding = only(report, 'configuration', 'aws_autoscaling_group.app');
  assert.deepEqual(
    finding.changes.map((c) => [c.path, c.recorded, c.observed]),
    [['desired_capacity', 3, 10]],
  );
  assert.equal(code, 2);
});

test('5. an IAM policy attached by hand to a managed role: policy', async () => {
  const { code, report, made } = await scenario(['policy-attached-by-hand']);
  assert.ok(made.policyArn);
  const finding = only(report, 'policy', 'aws_iam_role.app');
  assert.ok(atLeast(finding.severity, 'high'), finding.severity);
  assert.deepEqual(
    finding.changes.map((c) => c.path),
    ['managed_policy_arns'],
  );
  assert.deepEqual((finding.changes[0] as { added?: unknown[] }).added, [made.policyArn]);
  // The hand-made policy and its attachment exist without a state: unmanaged access resources.
  assert.deepEqual(summaryOf(report), [
    'policy aws_iam_role.app',
    `unmanaged aws_iam_policy."${made.policyArn}"`,
    `unmanaged aws_iam_role_policy_attachment."app/${made.policyArn}"`,
  ]);
  assert.equal(code, 2);
});

test('6. a load balancer attribute changed (idle timeout): configuration on idle_timeout', async () => {
  const { code, report } = await scenario(['lb-idle-timeout-changed']);
  assert.deepEqual(summaryOf(report), ['configuration aws_lb.web']);
  const finding = only(report, 'configuration', 'aws_lb.web');
  assert.deepEqual(
    finding.changes.map((c) => [c.path, c.recorded, c.observed]),
    [['idle_timeout', 60, 300]],
  );
  assert.equal(code, 2);
});

test('7. a managed security group deleted by hand: missing', async () => {
  const { code, report } = await scenario(['security-group-deleted']);
  assert.deepEqual(summaryOf(report), ['missing aws_security_group.bastion']);
  assert.ok(atLeast(only(report, 'missing', 'aws_security_group.bastion').severity, 'high'));
  assert.equal(code, 2);
});

test('8. a leftover snapshot nobody manages: unmanaged', async () => {
  const { code, report, made } = await scenario(['leftover-snapshot']);
  assert.ok(made.snapshotId);
  assert.deepEqual(summaryOf(report), [`unmanaged aws_ebs_snapshot."${made.snapshotId}"`]);
  assert.equal(code, 2);
});

test('an incomplete scope (the ELBv2 endpoint is down) reports no missing there while the state holds such resources', async () => {
  const { estate, dir } = await freshEstate();
  // Reality changed too: had the scope been listed, this deletion would be `missing`.
  await applyClickOps(env.moto.clientConfig(), estate.ids, ['security-group-deleted']);
  const { report } = await scan(estate.statePath, dir, {
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://127.0.0.1:9',
    AWS_MAX_ATTEMPTS: '1',
  });
  assert.equal(report.scan.complete, false);
  const incomplete = report.scan.incompleteScopes.map((s) => s.type).sort();
  // Every type listed through ELBv2 (the target group attachments and listener rules too) is unchecked, nothing else.
  assert.deepEqual(incomplete, [
    'aws_lb',
    'aws_lb_listener',
    'aws_lb_listener_rule',
    'aws_lb_target_group',
    'aws_lb_target_group_attachment',
  ]);
  for (const scope of report.scan.incompleteScopes) {
    assert.equal(scope.account, MOTO_ACCOUNT);
    assert.equal(scope.region, 'eu-west-1');
    assert.ok(scope.reason.length > 0 && scope.code.length > 0);
  }
  assert.equal(
    report.summary.unchecked,
    3,
    'aws_lb.web, aws_lb_target_group.web and aws_lb_listener.http could not be checked',
  );
  assert.ok(
    !report.findings.some((f) => f.resource.type.startsWith('aws_lb')),
    'nothing in the failed scope is reported',
  );
  // The rest of the scan went on: the deletion elsewhere is still found.
  assert.deepEqual(summaryOf(report), ['missing aws_security_group.bastion']);
});

test('maturity on the seed estate: a live scan with history gives measured IaC coverage and level 1, with the next steps', async () => {
  const { estate, dir } = await freshEstate();
  await applyClickOps(env.moto.clientConfig(), estate.ids, ['orphan-volume', 'ssh-open-to-world']);
  const store = join(dir, 'history.db');
  const scanned = await runCli(
    ['scan', '--state', estate.statePath, '--region', 'eu-west-1', '--no-attribution', '--store', store],
    {
      cwd: dir,
      env: env.moto.env({ AWS_MAX_ATTEMPTS: '2' }),
      timeoutMs: 120_000,
    },
  );
  assert.equal(scanned.code, 2, scanned.stderr);
  const run = await runCli(['maturity', '--store', store, '-o', 'json'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    level: number;
    criteria: { id: string; status: string; measurements: Record<string, unknown> }[];
    nextSteps: string[];
  };
  const byId = Object.fromEntries(report.criteria.map((c) => [c.id, c]));
  assert.equal(byId['iac-exists']?.status, 'met');
  // One orphan volume among the estate's resources: coverage is measured, below 100%.
  const coverage = Number(JSON.stringify(byId['iac-coverage']?.measurements).match(/"coverage":([0-9.]+)/)?.[1]);
  assert.ok(coverage > 0.8 && coverage < 1, `coverage ${coverage}`);
  assert.equal(byId['scan-schedule']?.status, 'unmet', 'one scan is not a schedule');
  assert.equal(report.level, 1);
  assert.ok(report.nextSteps.length > 0);
});
