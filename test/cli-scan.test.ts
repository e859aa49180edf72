/**
 * `driftwarden scan` as a user runs it: the built CLI in a child process, real Terraform plan
 * files (../shared/fixtures/terraform) and hand-written ones (test/fixtures/cli), real files out.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { fixture, ownFixture } from './support/paths.js';

const tf = (rel: string) => fixture(`hashicorp-terraform/${rel}`);
const cli = (rel: string) => ownFixture(`cli/${rel}`);
const tempDir = () => mkdtempSync(join(tmpdir(), 'dw-cli-'));

interface JsonReport {
  schemaVersion: string;
  scan: { complete: boolean; incompleteScopes: unknown[] };
  summary: { managed: number; unmanaged: number | null; missing: number; changed: number; coverage: number | null };
  findings: Array<{
    id: string;
    kind: string;
    severity: string;
    environment: string;
    resource: { address: string; type: string; id?: string };
    changes: Array<{ path: string; recorded: unknown; observed: unknown; sensitive: boolean; added?: unknown[] }>;
    impact?: { action: string; replacePaths: string[]; source: string };
  }>;
  history?: { newFindingIds: string[]; resolved: Array<{ id: string }>; previousScanId: string | null };
}

async function scanJson(
  args: string[],
  options: { cwd?: string } = {},
): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const run = await runCli(['scan', '-o', 'json', ...args], options);
  assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

describe('scan with only a Terraform plan (no cloud access)', () => {
  test('resource_drift becomes a finding with recorded and observed values; exit code 2', async () => {
    const { code, report } = await scanJson(['--plan', tf('show-json/drift/output.json'), '--no-history']);
    assert.equal(code, 2);
    assert.equal(report.schemaVersion, '2.0');
    assert.equal(report.scan.complete, true);
    // Terraform's refresh read every recorded resource: all checked, coverage complete.
    assert.equal(report.summary.coverage, 1);
    assert.deepEqual(
      report.findings.map((f) => [f.kind, f.resource.address, f.changes.map((c) => [c.path, c.recorded, c.observed])]),
      [['configuration', 'test_instance.should_refresh', [['ami', 'refresh-me', 'refreshed']]]],
    );
    assert.equal(report.summary.changed, 1);
    assert.equal(report.summary.unmanaged, null, 'a plan cannot see unmanaged resources');
  });

  test('an update the apply makes to a resource that did not drift is not drift (drift_relevant_attributes)', async () => {
    const { report } = await scanJson([
      '--plan',
      tf('equivalence-tests/drift_relevant_attributes/plan.json'),
      '--no-history',
    ]);
    assert.deepEqual(
      report.findings.map((f) => f.resource.address),
      ['tfcoremock_simple_resource.base'],
    );
  });

  test('a move is not drift, and a scan with no drift exits 0', async () => {
    const run = await runCli([
      'scan',
      '--plan',
      tf('equivalence-tests/moved_with_refresh_only/plan.json'),
      '--no-history',
    ]);
    assert.equal(run.code, 0, run.stderr);
  });

  test('a refresh-only plan (no resource_changes) still reports its drift', async () => {
    const { code, report } = await scanJson([
      '--plan',
      tf('equivalence-tests/drift_refresh_only/plan.json'),
      '--no-history',
    ]);
    assert.equal(code, 2);
    assert.equal(report.findings.length, 1);
  });

  test('kinds, severities and apply impacts: world-open SSH is critical policy drift; a deleted volume is missing', async () => {
    const { report } = await scanJson(['--plan', cli('plan-policy.json'), '--no-history']);
    const byAddress = Object.fromEntries(report.findings.map((f) => [f.resource.address, f]));
    assert.deepEqual(
      [byAddress['aws_security_group.web']!.kind, byAddress['aws_security_group.web']!.severity],
      ['policy', 'critical'],
    );
    assert.deepEqual(byAddress['aws_security_group.web']!.changes.find((c) => c.path === 'ingress')!.added!.length, 1);
    assert.deepEqual(
      [byAddress['aws_ebs_volume.data']!.kind, byAddress['aws_ebs_volume.data']!.impact!.action],
      ['missing', 'create'],
    );
    assert.deepEqual(byAddress['aws_instance.app']!.impact, { action: 'update', replacePaths: [], source: 'plan' });
    assert.equal(report.findings[0]!.severity, 'critical', 'findings are sorted worst first');
  });

  test('--fail-on chooses what counts: only configuration drift at high or above -> exit 0 here', async () => {
    const run = await runCli([
      'scan',
      '--plan',
      tf('show-json/drift/output.json'),
      '--no-history',
      '--fail-on',
      'configuration,high',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const policy = await runCli(['scan', '--plan', cli('plan-policy.json'), '--no-history', '--fail-on', 'policy']);
    assert.equal(policy.code, 2);
    const none = await runCli(['scan', '--plan', cli('plan-policy.json'), '--no-history', '--fail-on', 'none']);
    assert.equal(none.code, 0);
  });

  test('secrets never reach any report format, and a changed secret is reported as changed', async () => {
    for (const format of ['table', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const run = await runCli(['scan', '--plan', cli('plan-sensitive.json'), '--no-history', '-o', format]);
      assert.equal(run.code, 2, run.stderr);
      for (const secret of ['hunter2', 'hunter3', 'old-note', 'new-note']) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${format} leaks ${secret}`);
      }
      assert.ok(run.stdout.includes('(sensitive)') || format === 'junit', `${format} shows the masked change`);
    }
    const { report } = await scanJson(['--plan', cli('plan-sensitive.json'), '--no-history']);
    const password = report.findings[0]!.changes.find((c) => c.path === 'password')!;
    assert.deepEqual([password.recorded, password.observed, password.sensitive], ['(sensitive)', '(sensitive)', true]);
  });

  test('ignore rules from --ignore and lifecycle ignore_changes from --code suppress drift', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'rules'), '# noise we accept\naws_instance.app:instance_type\n');
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "aws_security_group" "web" {\n  lifecycle {\n    ignore_changes = [ingress, tags]\n  }\n}\n',
    );
    const { report } = await scanJson([
      '--plan',
      cli('plan-policy.json'),
      '--no-history',
      '--ignore',
      join(dir, 'rules'),
      '--code',
      dir,
    ]);
    assert.deepEqual(
      report.findings.map((f) => f.resource.address),
      ['aws_ebs_volume.data'],
    );
  });
});

describe('configuration', () => {
  test('an environment with no state is named in a warning; the rest of the scan runs', async () => {
    const dir = tempDir();
    const config = join(dir, 'driftwarden.yaml');
    writeFileSync(config, 'environments:\n  prod:\n    tier: production\n  staging:\n    tier: staging\n');
    const run = await runCli([
      'scan',
      '--config',
      config,
      '--plan',
      tf('show-json/drift/output.json'),
      '--no-history',
      '-o',
      'json',
    ]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /environment prod has no state \(.*driftwarden\.yaml, environments\.prod\.states\)/);
    assert.match(run.stderr, /environment staging has no state/);
    assert.equal((JSON.parse(run.stdout) as JsonReport).findings.length, 1);
  });
});

describe('reports on disk and scan history', () => {
  test('--out writes the report atomically; every format is produced', async () => {
    const dir = tempDir();
    for (const format of ['json', 'sarif', 'junit', 'markdown', 'html', 'table']) {
      const out = join(dir, `report.${format}`);
      const run = await runCli(['scan', '--plan', cli('plan-policy.json'), '--no-history', '-o', format, '--out', out]);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '', 'nothing on stdout when writing a file');
      assert.ok(readFileSync(out, 'utf8').includes('aws_security_group.web'), format);
    }
  });

  test('history: the second scan of the same drift shows nothing new; a fixed drift is resolved', async () => {
    const dir = tempDir();
    const store = join(dir, 'history.db');
    const first = await scanJson(['--plan', cli('plan-policy.json'), '--store', store]);
    assert.equal(first.report.history!.previousScanId, null);
    assert.equal(first.report.history!.newFindingIds.length, 3);
    const second = await scanJson(['--plan', cli('plan-policy.json'), '--store', store]);
    assert.deepEqual(second.report.history!.newFindingIds, []);
    assert.deepEqual(
      second.report.findings.map((f) => f.id).sort(),
      first.report.findings.map((f) => f.id).sort(),
      'stable ids',
    );
    // The same plan file, re-planned after the policy drift was fixed: the same estate, so its
    // refresh re-checks and resolves. (A different plan is another estate: see history-estate.test.ts.)
    const plan = join(dir, 'plan.json');
    copyFileSync(cli('plan-policy.json'), plan);
    await scanJson(['--plan', plan, '--store', store]);
    copyFileSync(tf('show-json/drift/output.json'), plan);
    const table = await runCli(['scan', '--plan', plan, '--store', store]);
    assert.equal(table.code, 2);
    assert.match(table.stdout, /Resolved since the last scan \(3\)/);
  });

  test('every recorded scan is in the hash-chained audit log, in the same store', async () => {
    const dir = tempDir();
    const store = join(dir, 'history.db');
    const plan = join(dir, 'plan.json');
    copyFileSync(cli('plan-policy.json'), plan);
    await scanJson(['--plan', plan, '--store', store]);
    copyFileSync(tf('show-json/drift/output.json'), plan);
    await scanJson(['--plan', plan, '--store', store]);
    const verify = await runCli(['audit', 'verify', '--store', store]);
    assert.equal(verify.code, 0, verify.stderr);
    const exported = await runCli(['audit', 'export', '--store', store]);
    const actions = exported.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { action: string }).action);
    assert.equal(actions.filter((a) => a === 'scan.recorded').length, 2);
    assert.equal(actions.filter((a) => a === 'finding.opened').length, 4);
    assert.equal(actions.filter((a) => a === 'finding.resolved').length, 3);
  });

  test('the default store lives in .driftwarden/ beside the working directory', async () => {
    const dir = tempDir();
    const run = await runCli(['scan', '--plan', tf('show-json/drift/output.json')], { cwd: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.ok(existsSync(join(dir, '.driftwarden', 'history.db')));
  });
});

describe('bad input: one clear message naming the file, exit 1, no partial report', () => {
  const cases: Array<{ name: string; args: () => string[]; expect: RegExp }> = [
    {
      name: 'a missing file',
      args: () => ['--plan', '/nonexistent/plan.json'],
      expect: /\/nonexistent\/plan\.json.*(not found|no such)/i,
    },
    {
      name: 'a corrupt state (not JSON)',
      args: () => ['--state', tf('show-corrupt-statefile/terraform.tfstate'), '--aws', '--region', 'eu-west-1'],
      expect: /show-corrupt-statefile\/terraform\.tfstate:1:1/,
    },
    {
      name: 'a truncated state',
      args: () => ['--state', fixture('driftctl/v4/invalid.tfstate'), '--aws', '--region', 'eu-west-1'],
      expect: /invalid\.tfstate:16:7/,
    },
    {
      name: 'a state of version 3',
      args: () => ['--state', tf('statefile-roundtrip/v3-simple.in.tfstate'), '--aws', '--region', 'eu-west-1'],
      expect: /v3-simple\.in\.tfstate.*state v3.*0\.12/i,
    },
    {
      name: 'a state of an unknown version',
      args: () => ['--state', cli('state-v5.tfstate'), '--aws', '--region', 'eu-west-1'],
      expect: /state-v5\.tfstate.*state v5/i,
    },
    {
      name: 'a plan of an unknown format version',
      args: () => ['--plan', cli('plan-future.json')],
      expect: /plan-future\.json.*2\.0/,
    },
    {
      name: 'an unreachable HTTP backend',
      args: () => ['--state', 'http://127.0.0.1:9/state', '--aws', '--region', 'eu-west-1'],
      expect: /http:\/\/127\.0\.0\.1:9\/state/,
    },
    {
      name: 'an HCL syntax error',
      args: () => ['--plan', tf('show-json/drift/output.json'), '--code', ownFixture('terraform/code-syntax-error')],
      expect: /code-syntax-error\/main\.tf:\d+/,
    },
    {
      name: 'an invalid config',
      args: () => ['--plan', tf('show-json/drift/output.json'), '--config', cli('bad-config.yaml')],
      expect: /bad-config\.yaml:4.*environments\.prod\.tier/,
    },
    {
      name: 'an invalid ignore rule',
      args: () => ['--plan', tf('show-json/drift/output.json'), '--ignore', cli('bad.driftignore')],
      expect: /bad\.driftignore:2/,
    },
    {
      name: 'an unknown output format',
      args: () => ['--plan', tf('show-json/drift/output.json'), '-o', 'pdf'],
      expect: /pdf[\s\S]*table, json/,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const dir = tempDir();
      const out = join(dir, 'report.json');
      writeFileSync(out, 'previous report');
      const run = await runCli(['scan', '--no-history', '-o', 'json', '--out', out, ...c.args()], {
        env: {
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          AWS_MAX_ATTEMPTS: '1',
        },
      });
      assert.equal(run.code, 1, `exit code, stderr: ${run.stderr}`);
      assert.match(run.stderr, c.expect);
      assert.equal(run.stdout, '');
      assert.doesNotMatch(run.stderr, /\n\s+at .*\.js:\d+/, 'no stack trace');
      assert.match(run.stderr, /^driftwarden: error: /);
      assert.equal(readFileSync(out, 'utf8'), 'previous report', 'the previous report is untouched');
    });
  }
});
