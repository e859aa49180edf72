/**
 * Honest accounting and exit codes under faults, end to end: the built CLI against moto, with the
 * project's fault-injecting proxy (test/support/fault-proxy.ts) between the AWS SDK and moto.
 *
 * One moto for the file, never reset: the estate (reconcile-support's workspace, the same one the
 * reconcile tests build) is made once, and the tests run in order, the ones that add live
 * resources last.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { startMoto, type Moto } from './support/moto.js';
import { startFaultProxy, type Fault, type FaultProxy, type FaultRule } from './support/fault-proxy.js';
import { runCli } from './support/cli.js';
import { cliPath, fixture, ownFixture } from './support/paths.js';
import { workspace, type Workspace } from './reconcile-support.js';

interface Report {
  scan: {
    complete: boolean;
    incompleteScopes: Array<{ type: string; account: string; region: string; code: string; nextStep?: string }>;
  };
  summary: {
    managed: number;
    checked: number;
    unchecked: number;
    existence: number;
    notCovered: number;
    missing: number;
    coverage: number | null;
  };
  accounting: {
    unchecked: Array<{ scope: { type: string; account: string; code: string }; count: number; addresses: string[] }>;
    notCovered: Array<{ provider: string; type: string; reason: string; count: number; addresses: string[] }>;
  };
  findings: Array<{ kind: string; resource: { address: string; type: string; id?: string } }>;
}

let moto: Moto;
let proxy: FaultProxy;
let ws: Workspace;

before(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto);
});

after(async () => {
  await proxy?.close();
  await moto?.stop();
});

const baseEnv = () => proxy.env({ AWS_MAX_ATTEMPTS: '2' });

async function scan(
  args: string[],
  rules: FaultRule[] = [],
  env: Record<string, string> = baseEnv(),
): Promise<{ code: number; report: Report; stdout: string; stderr: string; ms: number }> {
  proxy.setRules(rules);
  const started = Date.now();
  const run = await runCli(['scan', '--no-history', '--no-attribution', '-o', 'json', ...args], {
    env,
    timeoutMs: 120_000,
    ...(ws ? { cwd: ws.dir } : {}),
  });
  const ms = Date.now() - started;
  assert.ok(run.stdout.startsWith('{'), `a JSON report (exit ${run.code}): ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stdout: run.stdout, stderr: run.stderr, ms };
}

const MIXED = ownFixture('accounting/mixed.tfstate');

test('not covered: other providers and AWS types without an observer are listed by provider, data sources are in no count; exit 0 unless --fail-on not-covered', async () => {
  // Only security groups are observed; moto's default group is AWS-made noise. The two subnets
  // are outside the scan, the Client VPN endpoint has no observer, four providers are not observed.
  const args = ['--state', MIXED, '--region', 'eu-west-1', '--type', 'aws_security_group'];
  const { code, report } = await scan(args);
  assert.equal(code, 0, 'not-covered types never change the exit code on their own');
  assert.equal(report.scan.complete, true);
  assert.deepEqual(
    [report.summary.managed, report.summary.checked, report.summary.unchecked, report.summary.notCovered],
    [7, 0, 0, 7],
    'seven managed instances, the data source in no count',
  );
  assert.equal(report.summary.coverage, 0, 'nothing compared is 0%, never 100%');
  assert.deepEqual(
    report.accounting.notCovered.map((g) => [g.provider, g.type, g.reason, g.count]),
    [
      ['aws', 'aws_ec2_client_vpn_endpoint', 'no-observer', 1],
      ['aws', 'aws_subnet', 'outside-scan', 2],
      ['helm', 'helm_release', 'no-observer', 1],
      ['kubernetes', 'kubernetes_namespace', 'no-observer', 1],
      ['random', 'random_id', 'no-observer', 1],
      ['time', 'time_sleep', 'no-observer', 1],
    ],
  );
  const failOn = await scan([...args, '--fail-on', 'not-covered']);
  assert.equal(failOn.code, 2, '--fail-on not-covered counts resources no observer covers');

  // Every human format names them too; --verbose lists the addresses.
  proxy.setRules([]);
  const table = await runCli(['scan', '--no-history', '--no-attribution', ...args, '--verbose'], { env: baseEnv() });
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /Not covered \(7\)/);
  assert.match(table.stdout, /kubernetes: 1\n\s+kubernetes_namespace \(kubernetes\): 1 not covered, no observer/);
  assert.match(
    table.stdout,
    /aws_subnet \(aws\): 2 not covered, outside this scan: its type was not part of this scan/,
  );
  assert.match(table.stdout, /kubernetes_namespace\.team/);
  assert.doesNotMatch(table.stdout, /aws_caller_identity/);
  for (const format of ['markdown', 'html', 'sarif', 'junit']) {
    const out = await runCli(['scan', '--no-history', '--no-attribution', ...args, '-o', format], { env: baseEnv() });
    assert.equal(out.code, 0, `${format}: ${out.stderr}`);
    // Markdown escapes `_` (helm\_release renders as helm_release).
    assert.match(out.stdout, /helm\\?_release/, `${format} names the helm type`);
    assert.match(out.stdout, /kubernetes\\?_namespace/, `${format} names the kubernetes type`);
    assert.match(
      out.stdout,
      /aws\\?_ec2\\?_client\\?_vpn\\?_endpoint/,
      `${format} names the AWS type without an observer`,
    );
  }
});

test('the real-world states in ../shared/fixtures/terraform: every managed instance accounted for, not-covered providers listed', async () => {
  const states = [
    'driftctl/aws_lb_listener/terraform.tfstate',
    'terraform-json/110_sensitive_values/terraform.tfstate',
    'hashicorp-terraform/statefile-roundtrip/v4-modules.in.tfstate',
    'hashicorp-terraform/show-json/requires-replace/terraform.tfstate',
    'hashicorp-terraform/equivalence-tests/local_provider_update/terraform.tfstate',
    'hashicorp-terraform/show-json-state/sensitive-variables/terraform.tfstate',
  ];
  const { report } = await scan([...states.flatMap((s) => ['--state', fixture(s)]), '--region', 'eu-west-1']);
  // 6 AWS + 7 null + 4 null (legacy provider address) + 1 test + 1 local + 1 test; the azurerm data source is in no count.
  assert.equal(report.summary.managed, 20);
  const { checked, unchecked, existence, notCovered } = report.summary;
  assert.equal(checked + unchecked + existence + notCovered, 20, 'every instance in exactly one bucket');
  const byProvider = new Map<string, number>();
  for (const g of report.accounting.notCovered.filter((g) => g.reason === 'no-observer'))
    byProvider.set(`${g.provider} ${g.type}`, (byProvider.get(`${g.provider} ${g.type}`) ?? 0) + g.count);
  assert.deepEqual(Object.fromEntries(byProvider), {
    'local local_file': 1,
    'null null_resource': 11,
    'test test_instance': 2,
  });
  assert.ok(!JSON.stringify(report).includes('azurerm_resource_group"'), 'data sources stay out of every count');
});

test('endpoint unreachable: exit 3, every resource unchecked, coverage not 100%, scopes carry the account the state names', async () => {
  const closed = await closedPort();
  const { code, report, stderr } = await scan(
    ['--state', MIXED, '--region', 'eu-west-1'],
    [],
    proxy.env({ AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL: `http://127.0.0.1:${closed}` }),
  );
  assert.equal(code, 3, stderr);
  assert.match(stderr, /the scan is incomplete/);
  assert.equal(report.scan.complete, false);
  assert.equal(report.summary.unchecked, 2, 'both AWS subnets unchecked');
  assert.equal(report.summary.checked, 0);
  assert.equal(report.summary.missing, 0);
  assert.equal(report.summary.coverage, 0);
  assert.deepEqual([...new Set(report.scan.incompleteScopes.map((s) => s.account))], ['123456789012']);
  assert.ok(report.scan.incompleteScopes.every((s) => s.code === 'endpoint' && s.nextStep));
  const allowed = await scan(
    ['--state', MIXED, '--region', 'eu-west-1', '--allow-incomplete'],
    [],
    proxy.env({ AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL: `http://127.0.0.1:${closed}` }),
  );
  assert.equal(allowed.code, 0, '--allow-incomplete turns 3 into 0');
  const table = await runCli(['scan', '--no-history', '--no-attribution', '--state', MIXED, '--region', 'eu-west-1'], {
    env: proxy.env({ AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL: `http://127.0.0.1:${closed}` }),
  });
  assert.equal(table.code, 3);
  assert.match(table.stdout, /Scan INCOMPLETE/);
  assert.match(table.stdout, /No drift found in what could be observed; the scan is INCOMPLETE/);
  assert.doesNotMatch(table.stdout, /│ 100%/);
});

test('STS failing: every scope unchecked, labelled with the account the config or the state names, never "default"', async () => {
  const sts: FaultRule[] = [{ service: 'sts', operation: 'GetCallerIdentity', fault: 'access-denied' }];
  const fromState = await scan(['--state', MIXED, '--region', 'eu-west-1', '--type', 'aws_subnet'], sts);
  assert.equal(fromState.code, 3);
  assert.deepEqual(
    fromState.report.scan.incompleteScopes.map((s) => [s.type, s.account, s.code]),
    [['aws_subnet', '123456789012', 'access-denied']],
  );
  assert.equal(fromState.report.summary.unchecked, 2);
  const named = await scan(
    ['--state', MIXED, '--region', 'eu-west-1', '--type', 'aws_subnet', '--account', '210987654321'],
    sts,
  );
  assert.deepEqual(
    named.report.scan.incompleteScopes.map((s) => s.account),
    ['210987654321'],
  );
});

test('the estate scans clean: exit 0, every managed resource checked', async () => {
  ws = await workspace(moto);
  const { code, report } = await scan(['--config', ws.config]);
  assert.equal(code, 0, JSON.stringify(report.findings));
  assert.equal(report.scan.complete, true);
  assert.equal(report.summary.checked, report.summary.managed);
  assert.equal(report.summary.coverage, 1);
});

const SUBNET_FAULTS: Array<[Fault, string, string[]]> = [
  ['empty-200', 'unattributable', []],
  ['truncated', 'unattributable', []],
  ['access-denied', 'access-denied', []],
  ['server-error', 'error', []],
  ['throttle', 'throttled', []],
  ['hang', 'timeout', ['--call-timeout', '2s']],
];

for (const [fault, expected, extra] of SUBNET_FAULTS) {
  test(`DescribeSubnets answered with ${fault}: the subnets are unchecked (${expected}), never missing; exit 3`, async () => {
    const { code, report, ms } = await scan(
      ['--config', ws.config, ...extra],
      [{ service: 'ec2', operation: 'DescribeSubnets', fault }],
    );
    assert.equal(code, 3, JSON.stringify(report.scan.incompleteScopes));
    assert.equal(report.scan.complete, false);
    // One DescribeSubnets listing serves aws_subnet and aws_default_subnet: both are unchecked. Under
    // load, other calls may also pass a 2 s call deadline (hang case): those are timeouts, never more.
    const scopes = report.scan.incompleteScopes.map((s) => [s.type, s.code]);
    assert.deepEqual(
      scopes.filter(([type]) => type === 'aws_subnet' || type === 'aws_default_subnet'),
      [
        ['aws_default_subnet', expected],
        ['aws_subnet', expected],
      ],
    );
    const others = scopes.filter(([type]) => type !== 'aws_subnet' && type !== 'aws_default_subnet');
    assert.deepEqual(fault === 'hang' ? others.filter(([, c]) => c !== 'timeout') : others, [], 'no other scope');
    const subnets = report.accounting.unchecked.find((g) => g.scope.type === 'aws_subnet');
    assert.ok(subnets && subnets.count >= 2, 'every recorded subnet is unchecked');
    assert.ok(!report.findings.some((f) => f.kind === 'missing'), 'nothing is missing');
    assert.ok((report.summary.coverage ?? 1) < 1, 'coverage is not 100%');
    if (fault === 'hang') assert.ok(ms < 60_000, `a call that never answers ends at its deadline (${ms} ms)`);
  });
}

test('a throttled call that recovers within its retries leaves the scan complete', async () => {
  const { code, report } = await scan(
    ['--config', ws.config],
    [{ service: 'ec2', operation: 'DescribeSubnets', fault: 'throttle', times: 1 }],
  );
  assert.equal(code, 0, JSON.stringify(report.scan.incompleteScopes));
  assert.equal(proxy.faulted.get('ec2:DescribeSubnets') ?? 0, 1);
});

test('the scan deadline: a call that never answers is abandoned at --scan-timeout; its scope is unchecked', async () => {
  const { code, report, ms } = await scan(
    ['--config', ws.config, '--scan-timeout', '4s'],
    [{ service: 'ec2', operation: 'DescribeSubnets', fault: 'hang' }],
  );
  assert.equal(code, 3);
  assert.ok(ms < 40_000, `the scan ended near its deadline (${ms} ms)`);
  assert.deepEqual(
    report.scan.incompleteScopes.filter((s) => s.type === 'aws_subnet').map((s) => s.code),
    ['timeout'],
  );
});

test('the controller stops within seconds on SIGTERM while an AWS call hangs', async () => {
  proxy.setRules([{ service: 'ec2', operation: 'DescribeSubnets', fault: 'hang' }]);
  const child = spawn(
    process.execPath,
    [cliPath, 'controller', '--config', ws.config, '--no-attribution', '--interval', '30s'],
    {
      cwd: ws.dir,
      env: { ...process.env, ...baseEnv(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  try {
    const waitUntil = Date.now() + 60_000;
    while ((proxy.faulted.get('ec2:DescribeSubnets') ?? 0) === 0 && Date.now() < waitUntil)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(proxy.faulted.get('ec2:DescribeSubnets'), `the cycle reached the hanging call: ${output}`);
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 15_000))]);
    const took = Date.now() - signalled;
    assert.notEqual(code, 'late', `the controller did not stop within 15 s: ${output}`);
    assert.ok(took < 8_000, `stopped ${took} ms after SIGTERM`);
    assert.equal(code, 0, output);
    assert.match(output, /controller stopped/);
  } finally {
    child.kill('SIGKILL');
    proxy.setRules([]);
  }
});

test('a plan with a broken structure exits 1 naming the JSON path; --code with a missing local module is reported, not fatal', async () => {
  const real = fixture('hashicorp-terraform/show-json/drift/output.json');
  const doc = JSON.parse(readFileSync(real, 'utf8')) as { resource_changes: Array<{ change: { actions: unknown } }> };
  doc.resource_changes[0]!.change.actions = ['explode'];
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'dw-plan-'));
  const broken = join(dir, 'plan.json');
  writeFileSync(broken, JSON.stringify(doc));
  const bad = await runCli(['scan', '--plan', broken, '--no-history']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '', 'no partial report');
  assert.match(
    bad.stderr,
    /plan\.json: invalid plan JSON: unknown action "explode" \(at resource_changes\[0\]\.change\.actions\[0\]\)/,
  );
  assert.equal(
    bad.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('driftwarden:')).length,
    1,
    'one message',
  );

  const code = await runCli([
    'scan',
    '--plan',
    real,
    '--code',
    ownFixture('terraform/missing-module'),
    '--no-history',
    '-o',
    'json',
  ]);
  assert.equal(code.code, 2, code.stderr);
  assert.match(
    code.stderr,
    /module module\.gone \(source \.\/modules\/gone\) was not read: its source directory does not exist/,
  );
  const report = JSON.parse(code.stdout) as { scan: { modulesNotRead: Array<{ module: string }> } };
  assert.deepEqual(
    report.scan.modulesNotRead.map((m) => m.module),
    ['module.gone'],
  );
});

test('matching by identity: a live bucket named logs and a live role named deployer never pair with aws_s3_bucket.logs or aws_iam_role.deployer', async () => {
  const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
  const { IAMClient, CreateRoleCommand } = await import('@aws-sdk/client-iam');
  const s3 = new S3Client(moto.clientConfig('eu-west-1'));
  const iam = new IAMClient(moto.clientConfig('us-east-1'));
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  try {
    for (const bucket of ['acme-logs', 'logs'])
      await s3.send(
        new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
      );
    for (const role of ['acme-deployer', 'deployer'])
      await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
  } finally {
    s3.destroy();
    iam.destroy();
  }
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'dw-identity-'));
  const statePath = join(dir, 'terraform.tfstate');
  const aws = 'provider["registry.terraform.io/hashicorp/aws"]';
  writeFileSync(
    statePath,
    JSON.stringify({
      version: 4,
      terraform_version: '1.11.0',
      serial: 1,
      lineage: 'identity',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'aws_s3_bucket',
          name: 'logs',
          provider: aws,
          instances: [
            {
              schema_version: 0,
              attributes: { id: 'acme-logs', bucket: 'acme-logs', arn: 'arn:aws:s3:::acme-logs', region: 'eu-west-1' },
              sensitive_attributes: [],
            },
          ],
        },
        {
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'deployer',
          provider: aws,
          instances: [
            {
              schema_version: 0,
              attributes: {
                id: 'acme-deployer',
                name: 'acme-deployer',
                arn: 'arn:aws:iam::123456789012:role/acme-deployer',
                path: '/',
              },
              sensitive_attributes: [],
            },
          ],
        },
      ],
    }),
  );
  const { report } = await scan([
    '--state',
    statePath,
    '--region',
    'eu-west-1',
    '--type',
    'aws_s3_bucket',
    '--type',
    'aws_iam_role',
  ]);
  const unmanaged = report.findings
    .filter((f) => f.kind === 'unmanaged')
    .map((f) => [f.resource.type, f.resource.id, f.resource.address]);
  assert.ok(
    unmanaged.some(
      ([type, id, address]) => type === 'aws_s3_bucket' && id === 'logs' && address === 'aws_s3_bucket."logs"',
    ),
    `the unrelated bucket logs is unmanaged: ${JSON.stringify(unmanaged)}`,
  );
  assert.ok(
    unmanaged.some(([type, id]) => type === 'aws_iam_role' && id === 'deployer'),
    `the unrelated role deployer is unmanaged: ${JSON.stringify(unmanaged)}`,
  );
  assert.ok(!unmanaged.some(([, id]) => id === 'acme-logs' || id === 'acme-deployer'), 'the managed ones are paired');
  for (const address of ['aws_s3_bucket.logs', 'aws_iam_role.deployer'])
    assert.ok(
      !report.findings.some((f) => f.resource.address === address && f.kind === 'missing'),
      `${address} is paired with its own object`,
    );
  assert.equal(
    new Set(report.findings.map((f) => f.resource.address)).size,
    report.findings.length,
    'no two findings share an address',
  );
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
