/**
 * A scan spread over workers sees what one process sees. The same estate (one account through the
 * default credentials, two regions, the whole catalogue, a record with changed, missing, unmanaged,
 * existence-only, outside-the-scan and unobservable resources) is scanned by `driftwarden scan` and
 * by `driftwarden schedule --once` with two `driftwarden worker` processes, on a real PostgreSQL and
 * moto behind the project's fault proxy, with the same faults for both: IAM's ListRoles denied and
 * SQS's ListQueues never answering (bounded by --call-timeout). Both must give the same findings,
 * the same accounting buckets (checked / unchecked / existence / not covered, with their scopes),
 * the same unchecked scopes and the same exit code.
 *
 * Each difference this guards against was real: the workers ran no existence tier, ignored the
 * scan's call deadline (a hung listing then cost the whole unit), and labelled the scopes of an
 * account they could not enter `default` instead of the record's account (not covered, where the
 * local scan says unchecked).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateCustomerGatewayCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CATALOGUE } from '../src/observers/aws/catalogue/index.js';
import { openStore } from '../src/store/index.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from './support/fault-proxy.js';
import { runCli } from './support/cli.js';
import { cliPath } from './support/paths.js';
import { MOTO_ACCOUNT, startMoto, type Moto } from './support/moto.js';
import { postgresUnavailable, startPostgres, type Postgres } from './support/postgres.js';
import { spawnCli, type Proc } from './support/spawn-cli.js';

const unavailable = postgresUnavailable();
let pg: Postgres;
let moto: Moto;
let proxy: FaultProxy;
const children = new Set<ChildProcess>();

before(async () => {
  if (unavailable) return;
  [pg, moto] = await Promise.all([startPostgres(), startMoto()]);
  proxy = await startFaultProxy(moto);
});
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await proxy?.close();
  await moto?.stop();
  await pg?.stop();
});

const REGIONS = ['eu-west-1', 'us-east-1'];
const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
// A type the tagging API lists and the catalogue lacks: the existence tier accounts for it.
const EXISTENCE_TYPE = 'aws_vpn_connection';
const FAULTS: FaultRule[] = [
  { service: 'iam', operation: 'ListRoles', fault: 'access-denied' },
  { service: 'sqs', operation: 'ListQueues', fault: 'hang' },
];

interface Estate {
  readonly dir: string;
  readonly config: string;
  readonly store: string;
}

async function estate(): Promise<Estate> {
  assert.ok(!CATALOGUE.some((e) => e.type === EXISTENCE_TYPE), `${EXISTENCE_TYPE} gained an entry: pick another`);
  await moto.reset();
  const [west, east] = REGIONS as [string, string];
  const ec2 = new EC2Client(moto.clientConfig(west));
  const tags = (kind: 'vpn-connection' | 'vpc', name: string) => [
    { ResourceType: kind, Tags: [{ Key: 'Name', Value: name }] },
  ];
  const kept = (
    await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', TagSpecifications: tags('vpc', 'live') }))
  ).Vpc!.VpcId!;
  await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' })); // unmanaged
  const east1 = (await new EC2Client(moto.clientConfig(east)).send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' })))
    .Vpc!.VpcId!;
  const cgw = (
    await ec2.send(new CreateCustomerGatewayCommand({ Type: 'ipsec.1', BgpAsn: 65000, PublicIp: '203.0.113.10' }))
  ).CustomerGateway!.CustomerGatewayId!;
  const vpn = async (name: string) =>
    (
      await ec2.send(
        new CreateVpnConnectionCommand({
          Type: 'ipsec.1',
          CustomerGatewayId: cgw,
          TagSpecifications: tags('vpn-connection', name),
        }),
      )
    ).VpnConnection!.VpnConnectionId!;
  const office = await vpn('office');
  await vpn('stray'); // tagged, of an uncovered type, in no state: unmanaged, seen by existence only
  const role = (
    await new IAMClient(moto.clientConfig('us-east-1')).send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }),
    )
  ).Role!;
  const queue = (await new SQSClient(moto.clientConfig(west)).send(new CreateQueueCommand({ QueueName: 'jobs' })))
    .QueueUrl!;

  const arn = (region: string, kind: string, id: string) => `arn:aws:ec2:${region}:${MOTO_ACCOUNT}:${kind}/${id}`;
  const resource = (type: string, name: string, attributes: Record<string, unknown>, provider = AWS) => ({
    mode: 'managed',
    type,
    name,
    provider,
    instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
  });
  const vpc = (name: string, region: string, id: string, cidr: string, tag?: string) =>
    resource('aws_vpc', name, {
      id,
      arn: arn(region, 'vpc', id),
      cidr_block: cidr,
      ...(tag ? { tags: { Name: tag }, tags_all: { Name: tag } } : {}),
    });
  const resources = [
    vpc('kept', west, kept, '10.1.0.0/16', 'recorded'), // changed: its Name tag
    vpc('gone', west, 'vpc-0000000000000dead', '10.9.0.0/16'), // missing
    vpc('east', east, east1, '10.3.0.0/16'),
    vpc('far', 'ap-south-1', 'vpc-00000000000000far', '10.4.0.0/16'), // outside the scan's regions
    resource(EXISTENCE_TYPE, 'office', { id: office, arn: arn(west, 'vpn-connection', office) }), // existence, seen
    resource(EXISTENCE_TYPE, 'branch', {
      id: 'vpn-0000000000000dead',
      arn: arn(west, 'vpn-connection', 'vpn-0000000000000dead'),
    }), // existence unknown
    resource('aws_iam_role', 'app', { id: 'app', name: 'app', arn: role.Arn }), // unchecked: ListRoles denied
    resource('aws_sqs_queue', 'jobs', {
      id: queue,
      url: queue,
      name: 'jobs',
      arn: `arn:aws:sqs:${west}:${MOTO_ACCOUNT}:jobs`,
    }), // unchecked: ListQueues hangs
    resource('null_resource', 'x', { id: '1' }, 'provider["registry.terraform.io/hashicorp/null"]'), // no observer
  ];
  const dir = mkdtempSync(join(tmpdir(), 'dw-parity-'));
  const state = join(dir, 'estate.tfstate');
  writeFileSync(
    state,
    JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'p', outputs: {}, resources }),
  );
  const config = join(dir, 'driftwarden.yaml');
  const store = await pg.createDatabase();
  writeFileSync(
    config,
    [
      `store: "${store}"`,
      'environments:',
      '  prod:',
      '    tier: production',
      `    states: ["${state}"]`,
      '    aws:',
      `      regions: [${REGIONS.join(', ')}]`,
      '',
    ].join('\n'),
  );
  return { dir, config, store };
}

interface Report {
  scan: { complete: boolean; incompleteScopes: Array<{ type: string; account: string; region: string; code: string }> };
  summary: Record<string, unknown>;
  accounting: unknown;
  findings: Array<{
    kind: string;
    severity: string;
    coverage?: string;
    resource: { address: string };
    changes: Array<{ path: unknown }>;
  }>;
}

/** What must be equal: findings, buckets with their detail, unchecked scopes (a scan's id and times may differ). */
function comparable(stdout: string) {
  const report = JSON.parse(stdout) as Report;
  return {
    complete: report.scan.complete,
    incomplete: report.scan.incompleteScopes.map((s) => `${s.type} ${s.account} ${s.region} ${s.code}`).sort(),
    summary: report.summary,
    accounting: report.accounting,
    findings: report.findings
      .map((f) =>
        JSON.stringify([f.kind, f.severity, f.coverage ?? '', f.resource.address, f.changes.map((c) => c.path)]),
      )
      .sort(),
  };
}

// The call deadline is long enough for a loaded emulator and shorter than the unit time-out, which
// is shorter than the default call deadline (90s): a worker that ignored --call-timeout would see its
// hung unit expire and retried, again and again, instead of finishing with one `timeout` scope.
const COMMON = ['--no-attribution', '--call-timeout', '20s', '-o', 'json'];
const env = () => proxy.env({ AWS_MAX_ATTEMPTS: '2' });

async function bothWays(e: Estate, extra: string[]) {
  proxy.setRules(FAULTS);
  const local = await runCli(['scan', '--config', e.config, '--no-history', ...COMMON, ...extra], {
    env: env(),
    timeoutMs: 300_000,
  });
  const workers: Proc[] = [0, 1].map(() =>
    spawnCli(
      ['worker', '--store', e.store, '--concurrency', '2', '--maintenance', '1s', '--grace', '2s'],
      env(),
      children,
    ),
  );
  try {
    proxy.setRules(FAULTS);
    const spread = await runCli(
      ['schedule', '--once', '--config', e.config, '--unit-timeout', '75s', '--maintenance', '1s', ...COMMON, ...extra],
      { env: env(), timeoutMs: 300_000 },
    );
    return { local, spread, workers };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited()));
  }
}

test(
  'scan and schedule + workers: the same findings, buckets, unchecked scopes and exit code, with two scopes failing',
  { skip: unavailable },
  async () => {
    const e = await estate();
    try {
      const { local, spread, workers } = await bothWays(e, []);
      // Drift outranks the unchecked scopes (exit 2); the report says it is incomplete.
      assert.equal(local.code, 2, `scan: drift, with unchecked scopes (stderr: ${local.stderr})`);
      assert.equal(spread.code, local.code, `schedule exits as scan does (stderr: ${spread.stderr})`);
      const a = comparable(local.stdout);
      const b = comparable(spread.stdout);
      assert.equal(a.complete, false);
      assert.equal(b.complete, false);
      // The local scan is what it should be, so that equality means something.
      assert.ok(a.incomplete.includes(`aws_iam_role ${MOTO_ACCOUNT} global access-denied`), a.incomplete.join('\n'));
      assert.ok(a.incomplete.includes(`aws_sqs_queue ${MOTO_ACCOUNT} eu-west-1 timeout`), a.incomplete.join('\n'));
      const kinds = (r: typeof a) => r.findings.map((f) => (JSON.parse(f) as string[]).slice(0, 4).join(' '));
      for (const expected of [
        /^configuration .*aws_vpc\.kept$/,
        /^missing .* aws_vpc\.gone$/,
        /^unmanaged .*existence/,
      ])
        assert.ok(
          kinds(a).some((k) => expected.test(k)),
          `${expected} among:\n${kinds(a).join('\n')}`,
        );
      const summary = a.summary as Record<string, number>;
      assert.ok(
        summary['existence']! >= 2 && summary['notCovered']! >= 2 && summary['unchecked']! >= 2,
        JSON.stringify(a.summary),
      );

      assert.deepEqual(b.incomplete, a.incomplete, 'the same unchecked scopes');
      assert.deepEqual(b.summary, a.summary, 'the same counts and buckets');
      assert.deepEqual(b.accounting, a.accounting, 'the same accounting detail');
      assert.deepEqual(b.findings, a.findings, 'the same findings');
      assert.ok(
        workers.some((w) => /\/tagging of run \S+: \d+ resource\(s\)/.test(w.log())),
        'the existence tier ran as units',
      );
    } finally {
      rmSync(e.dir, { recursive: true, force: true });
    }
  },
);

test(
  'an account STS cannot enter: both name its scopes by the record’s account (unchecked, never missing or not covered)',
  { skip: unavailable },
  async () => {
    const e = await estate();
    try {
      const types = ['--type', 'aws_vpc', '--type', 'aws_iam_role'];
      const denied: FaultRule[] = [{ service: 'sts', operation: 'GetCallerIdentity', fault: 'access-denied' }];
      const saved = FAULTS.splice(0, FAULTS.length, ...denied);
      let runs;
      try {
        runs = await bothWays(e, types);
      } finally {
        FAULTS.splice(0, FAULTS.length, ...saved);
      }
      const { local, spread } = runs;
      assert.equal(local.code, 3, local.stderr);
      assert.equal(spread.code, 3, spread.stderr);
      const a = comparable(local.stdout);
      const b = comparable(spread.stdout);
      assert.ok(
        a.incomplete.length > 0 && a.incomplete.every((s) => s.includes(` ${MOTO_ACCOUNT} `)),
        a.incomplete.join('\n'),
      );
      assert.equal((a.summary as Record<string, number>)['missing'], 0);
      assert.deepEqual(b.incomplete, a.incomplete);
      assert.deepEqual(b.summary, a.summary);
      assert.deepEqual(b.accounting, a.accounting);
      assert.deepEqual(b.findings, a.findings);
    } finally {
      rmSync(e.dir, { recursive: true, force: true });
    }
  },
);

/** `schedule --once` as a child whose standard output (the report) is kept apart from its log. */
function scheduleChild(e: Estate, extra: string[]) {
  const child = spawn(
    process.execPath,
    [cliPath, 'schedule', '--once', '--config', e.config, '--maintenance', '1s', ...COMMON, ...extra],
    { env: { ...process.env, NO_COLOR: '1', ...env() }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test(
  'the stop signal: a scheduler stopped while waiting records the scan with the unfinished units unchecked (stopped), exit 3',
  { skip: unavailable },
  async () => {
    const e = await estate();
    proxy.setRules([]);
    try {
      // No worker: nothing can finish before the stop.
      const schedule = scheduleChild(e, ['--type', 'aws_vpc', '--unit-timeout', '5m']);
      await until(() => /planned run \S+: 2 unit\(s\)/.test(schedule.err()), 'the run to be planned');
      schedule.child.kill('SIGTERM');
      const code = await schedule.exited;
      assert.equal(code, 3, schedule.err());
      const report = JSON.parse(schedule.out()) as Report;
      assert.equal(report.scan.complete, false);
      assert.deepEqual(
        report.scan.incompleteScopes.map((s) => `${s.type} ${s.account} ${s.region} ${s.code}`).sort(),
        REGIONS.map((r) => `aws_vpc ${MOTO_ACCOUNT} ${r} stopped`),
        'named as the local observer names an account it never entered: the record’s one account',
      );
      const summary = report.summary as Record<string, number>;
      assert.equal(summary['missing'], 0, 'nothing unobserved is missing');
      assert.equal(summary['unchecked'], 3, 'the recorded VPCs of both regions are unchecked');
      assert.match(schedule.err(), /2 unit\(s\) not finished when stopped, unchecked/);
    } finally {
      rmSync(e.dir, { recursive: true, force: true });
    }
  },
);

test(
  'the stop signal: a worker stopped in the middle of a hung unit gives it back at once; another worker finishes it',
  { skip: unavailable },
  async () => {
    const e = await estate();
    proxy.setRules([{ service: 'ec2', operation: 'DescribeVpcs', fault: 'hang' }]);
    const workers: Proc[] = [];
    try {
      const schedule = scheduleChild(e, ['--type', 'aws_vpc', '--unit-timeout', '5m', '--call-timeout', '5m']);
      const args = ['worker', '--store', e.store, '--concurrency', '2', '--maintenance', '1s', '--grace', '1s'];
      workers.push(spawnCli(args, env(), children));
      await workers[0]!.waitFor(/observing \(attempt 1 of 3\)[\s\S]*observing \(attempt 1 of 3\)/);
      const stopped = Date.now();
      workers[0]!.child.kill('SIGTERM');
      assert.equal(await workers[0]!.exited(), 0);
      assert.ok(Date.now() - stopped < 30_000, `the worker left within seconds, not after its calls' deadline`);
      assert.match(workers[0]!.log(), /failed \(attempt 1 of 3\): the worker was stopped before the unit was finished/);
      assert.doesNotMatch(workers[0]!.log(), /resource\(s\) in \d+ ms/, 'nothing half-observed was stored');

      proxy.setRules([]);
      workers.push(spawnCli(args, env(), children));
      const code = await schedule.exited;
      assert.equal(code, 2, schedule.err());
      const report = JSON.parse(schedule.out()) as Report;
      assert.equal(report.scan.complete, true, JSON.stringify(report.scan.incompleteScopes));
      assert.match(workers[1]!.log(), /observing \(attempt 2 of 3\)/, 'the second worker took the given-back units');
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited()));
      rmSync(e.dir, { recursive: true, force: true });
    }
  },
);

test(
  'controller --workers: its cycle is planned through the queue, observed by a worker and recorded once under the run',
  { skip: unavailable },
  async () => {
    const e = await estate();
    proxy.setRules([]);
    const args = ['worker', '--store', e.store, '--maintenance', '1s', '--grace', '1s'];
    const worker = spawnCli(args, env(), children);
    try {
      const cycle = await runCli(
        ['controller', '--config', e.config, '--no-attribution', '--once', '--workers', '--type', 'aws_vpc'],
        { env: env(), timeoutMs: 240_000 },
      );
      assert.equal(cycle.code, 0, cycle.stderr);
      const scanId = /cycle 1: .*scan (\S+) complete/.exec(cycle.stdout)?.[1];
      assert.ok(scanId, cycle.stdout);
      assert.match(cycle.stderr, new RegExp(`planned run ${scanId}: 2 unit\\(s\\)`));
      assert.match(worker.log(), new RegExp(`eu-west-1/ec2 of run ${scanId}: \\d+ resource\\(s\\)`));
      const store = await openStore(e.store);
      try {
        assert.equal((await store.scanRuns.get(scanId))?.state, 'recorded');
        const scans = await store.audit.entries({ actions: ['scan.recorded'] });
        assert.deepEqual(
          scans.map((s) => s.subject),
          [scanId],
          'one audited scan, under the run’s id',
        );
      } finally {
        await store.close();
      }
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGTERM');
      await worker.exited();
      rmSync(e.dir, { recursive: true, force: true });
    }
  },
);
