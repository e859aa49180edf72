/**
 * Organization benchmark on the emulator (moto) and a throwaway PostgreSQL: an AWS Organization of
 * BENCH_ORG_ACCOUNTS accounts x 2 regions, each (account, region) holding one VPC and
 * BENCH_ORG_RESOURCES - 1 security groups, scanned by `driftwarden schedule --once` with 1, 2 and 4
 * `driftwarden worker` processes (each on a fresh database). Per worker count: wall time of the
 * scheduled scan, units per second, the queue's overhead per unit (time and round trips the workers
 * spent in pg-boss SQL, idle polling and maintenance included: an upper bound), and database
 * transactions per unit (pg_stat_database, every process: scheduler, workers, queue).
 * Then SQLite against PostgreSQL recording one scan of 100,000 findings (history + audit, one
 * transaction), as `scan` and `schedule` record.
 *
 *   node dist/bench/org.bench.js    (BENCH_ORG_ACCOUNTS=50 BENCH_ORG_RESOURCES=200 for the full size)
 *
 * The Markdown report goes to standard output, progress to standard error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { openStore } from '../src/store/index.js';
import { recordScanResult } from '../src/actions/record-scan.js';
import { runCli } from '../test/support/cli.js';
import { cliPath } from '../test/support/paths.js';
import { MOTO_ACCOUNT, startMoto, type Moto } from '../test/support/moto.js';
import { postgresUnavailable, startPostgres, type Postgres } from '../test/support/postgres.js';
import { manyFindings, sampleScanResult } from '../test/support/sample-result.js';

const ACCOUNTS = Number(process.env['BENCH_ORG_ACCOUNTS'] ?? 10);
const PER_SCOPE = Number(process.env['BENCH_ORG_RESOURCES'] ?? 100);
const FINDINGS = Number(process.env['BENCH_ORG_FINDINGS'] ?? 100_000);
const WORKERS = [1, 2, 4];
const REGIONS = ['eu-west-1', 'us-east-1'];
const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

type Next = (args: { request: unknown }) => Promise<unknown>;
function ec2In(moto: Moto, account: string, region: string): EC2Client {
  const client = new EC2Client(moto.clientConfig(region));
  (client.middlewareStack as unknown as { add(mw: (next: Next) => Next, options: object): void }).add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = account;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  return client;
}

async function populate(moto: Moto): Promise<string[]> {
  const org = new OrganizationsClient(moto.clientConfig('us-east-1'));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const accounts = [MOTO_ACCOUNT];
  for (let i = 1; i < ACCOUNTS; i++) {
    const created = await org.send(new CreateAccountCommand({ AccountName: `a${i}`, Email: `a${i}@example.com` }));
    accounts.push(created.CreateAccountStatus!.AccountId!);
  }
  const scopes = accounts.flatMap((account) => REGIONS.map((region) => ({ account, region })));
  await mapLimit(scopes, 4, async ({ account, region }) => {
    const ec2 = ec2In(moto, account, region);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.80.0.0/16' }))).Vpc!.VpcId!;
    for (let i = 1; i < PER_SCOPE; i++)
      await ec2.send(new CreateSecurityGroupCommand({ GroupName: `g${i}`, Description: 'bench', VpcId: vpc }));
  });
  return accounts;
}

interface Proc {
  readonly child: ChildProcess;
  text: string;
}

function startWorker(url: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [cliPath, 'worker', '--store', url, '--maintenance', '30s'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const proc = { child, text: '' };
  child.stderr!.on('data', (d: Buffer) => (proc.text += d.toString()));
  return proc;
}

async function until(check: () => boolean, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Round trips and ms the worker spent in pg-boss SQL since it started taking units. */
function queueCost(proc: Proc): { roundTrips: number; ms: number } {
  const start = /queue start: (\d+) round trip\(s\), (\d+) ms/.exec(proc.text);
  const end = /queue: (\d+) round trip\(s\), (\d+) ms/.exec(proc.text.slice(proc.text.indexOf('stopped:')));
  if (!start || !end) throw new Error(`no queue figures in the worker's log:\n${proc.text}`);
  return { roundTrips: Number(end[1]) - Number(start[1]), ms: Number(end[2]) - Number(start[2]) };
}

interface Row {
  workers: number;
  units: number;
  resources: number;
  wallMs: number;
  queueMsPerUnit: number;
  queueTripsPerUnit: number;
  dbTxPerUnit: number;
}

async function scanWith(pg: Postgres, moto: Moto, dir: string, workers: number): Promise<Row> {
  const url = await pg.createDatabase(`org_w${workers}`);
  const config = join(dir, `driftwarden-${workers}.yaml`);
  writeFileSync(
    config,
    [
      'environments:',
      '  org:',
      '    tier: production',
      '    aws:',
      `      regions: [${REGIONS.join(', ')}]`,
      `      assume_role: arn:aws:iam::${MOTO_ACCOUNT}:role/driftwarden-reader`,
      '      external_id: bench',
      '      organization: true',
      '',
    ].join('\n'),
  );
  const setup = await openStore(url);
  await setup.close();
  const env = moto.env({ AWS_MAX_ATTEMPTS: '3' });
  const procs = Array.from({ length: workers }, () => startWorker(url, env));
  try {
    await until(() => procs.every((p) => /queue start:/.test(p.text)), 'the workers to start');
    const store = await openStore(url);
    try {
      await sleep(1500);
      const before = (await store.transactionCount())!;
      const started = performance.now();
      const run = await runCli(
        [
          'schedule',
          '--once',
          '--config',
          config,
          '--store',
          url,
          '--type',
          'aws_vpc',
          '--type',
          'aws_security_group',
          '--no-attribution',
          '--unit-timeout',
          '10m',
          '-o',
          'json',
        ],
        { env, timeoutMs: 3_600_000 },
      );
      const wallMs = performance.now() - started;
      if (run.code !== 2 && run.code !== 0) throw new Error(`schedule exited ${run.code}: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as { scan: { id: string; complete: boolean } };
      if (!report.scan.complete) throw new Error(`the scan is incomplete: ${run.stdout.slice(0, 2000)}`);
      for (const p of procs) p.child.kill('SIGTERM');
      await Promise.all(procs.map((p) => new Promise((resolve) => p.child.once('exit', resolve))));
      await sleep(1500);
      const after = (await store.transactionCount())!;
      const units = await store.scanRuns.units(report.scan.id);
      const costs = procs.map(queueCost);
      const queueMs = costs.reduce((sum, c) => sum + c.ms, 0);
      const queueTrips = costs.reduce((sum, c) => sum + c.roundTrips, 0);
      return {
        workers,
        units: units.length,
        resources: units.reduce((sum, u) => sum + (u.resources ?? 0), 0),
        wallMs,
        queueMsPerUnit: queueMs / units.length,
        queueTripsPerUnit: queueTrips / units.length,
        dbTxPerUnit: (after - before) / units.length,
      };
    } finally {
      await store.close();
    }
  } finally {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }
}

async function recordMs(location: string): Promise<number> {
  const store = await openStore(location);
  try {
    const result = sampleScanResult(manyFindings(FINDINGS));
    const started = performance.now();
    await recordScanResult(store, result, {
      estate: { key: 'bench000000000000', label: 'bench' },
      observation: { kind: 'none' },
    });
    return performance.now() - started;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const unavailable = postgresUnavailable();
  if (unavailable) throw new Error(`the organization benchmark needs PostgreSQL: ${unavailable}`);
  const dir = mkdtempSync(join(tmpdir(), 'dw-bench-org-'));
  const [pg, moto] = await Promise.all([startPostgres(), startMoto()]);
  try {
    log(`populating ${ACCOUNTS} accounts x ${REGIONS.length} regions x ${PER_SCOPE} resources`);
    await populate(moto);
    const rows: Row[] = [];
    for (const workers of WORKERS) {
      log(`scanning with ${workers} worker(s)`);
      rows.push(await scanWith(pg, moto, dir, workers));
    }
    log(`recording ${FINDINGS} findings on SQLite and PostgreSQL`);
    const sqliteMs = await recordMs(join(dir, 'record.db'));
    const postgresMs = await recordMs(await pg.createDatabase('record'));

    const out: string[] = [];
    out.push(
      `## Organization scan: ${ACCOUNTS} accounts x ${REGIONS.length} regions, ${PER_SCOPE} resources per account and region`,
      '',
      '| workers | units | resources | wall time | units/s | queue time per unit | queue round trips per unit | DB transactions per unit |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of rows)
      out.push(
        `| ${r.workers} | ${r.units} | ${r.resources} | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.units / (r.wallMs / 1000)).toFixed(2)} | ${r.queueMsPerUnit.toFixed(1)} ms | ${r.queueTripsPerUnit.toFixed(1)} | ${r.dbTxPerUnit.toFixed(1)} |`,
      );
    out.push(
      '',
      `## Recording one scan of ${FINDINGS.toLocaleString('en')} findings (history + audit, one transaction)`,
      '',
      '| backend | time |',
      '| --- | ---: |',
      `| SQLite | ${(sqliteMs / 1000).toFixed(1)} s |`,
      `| PostgreSQL | ${(postgresMs / 1000).toFixed(1)} s |`,
      '',
    );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await moto.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
