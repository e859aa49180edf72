/**
 * An AWS Organization scanned on moto: the member accounts come from organizations:ListAccounts,
 * each is entered through sts:AssumeRole on the configured role with the configured external id
 * (checked in moto's own request recording), and a member that cannot be entered, or a listing
 * that fails, leaves unchecked scopes labelled with what failed while the rest is still scanned.
 * Failures are injected by small HTTP servers standing in front of moto, never by mocking the SDK.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { runCli } from './support/cli.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';
import { startRelay } from './support/relay.js';

const recordingDir = mkdtempSync(join(tmpdir(), 'dw-org-recording-'));
process.env['MOTO_RECORDER_FILEPATH'] = join(recordingDir, 'requests.jsonl');
after(() => rmSync(recordingDir, { recursive: true, force: true }));

const env = useMoto();
const EXTERNAL_ID = 'dw-ext-7731';

interface Report {
  scan: {
    complete: boolean;
    incompleteScopes: Array<{ type: string; account: string; region: string; reason: string; code: string }>;
    apiCalls: Record<string, number>;
  };
  findings: Array<{ kind: string; environment: string; resource: { type: string; id?: string } }>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function recorder(path: string, method = 'POST'): Promise<string> {
  const res = await fetch(`${env.moto.endpoint}/moto-api/recorder/${path}`, { method });
  assert.ok(res.ok, `moto recorder ${path}: ${res.status}`);
  return res.text();
}

/** An organization of two members besides the management account, one VPC made in each member. */
async function organization(): Promise<{ members: string[]; vpcs: Map<string, string> }> {
  const org = new OrganizationsClient(env.moto.clientConfig('us-east-1'));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const members: string[] = [];
  for (const name of ['payments', 'search']) {
    const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    members.push(created.CreateAccountStatus!.AccountId!);
  }
  const vpcs = new Map<string, string>();
  for (const account of members) {
    const ec2 = new EC2Client(env.moto.clientConfig('eu-west-1'));
    ec2.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = account;
        return next(args);
      },
      { step: 'build', name: 'motoAccount' },
    );
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }));
    vpcs.set(account, vpc.Vpc!.VpcId!);
  }
  return { members, vpcs };
}

function workspace(extraAccounts: string[] = []): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dw-org-'));
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(
    config,
    [
      'environments:',
      '  org:',
      '    tier: production',
      '    aws:',
      '      regions: [eu-west-1]',
      `      assume_role: arn:aws:iam::${MOTO_ACCOUNT}:role/driftwarden-reader`,
      `      external_id: ${EXTERNAL_ID}`,
      '      organization: true',
      ...(extraAccounts.length > 0 ? [`      accounts: [${extraAccounts.map((a) => `"${a}"`).join(', ')}]`] : []),
      '',
    ].join('\n'),
  );
  return { dir, config };
}

async function scan(config: string, dir: string, extraEnv: Record<string, string> = {}) {
  const run = await runCli(['scan', '--config', config, '--type', 'aws_vpc', '--no-attribution', '-o', 'json'], {
    cwd: dir,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '1', ...extraEnv }),
    timeoutMs: 120_000,
  });
  assert.ok(run.stdout.length > 0, `no report (exit ${run.code}): ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

const vpcFindings = (report: Report) =>
  report.findings.filter((f) => f.kind === 'unmanaged' && f.resource.type === 'aws_vpc').map((f) => f.resource.id);

test('every ACTIVE member listed by organizations:ListAccounts is scanned through AssumeRole with the external id', async () => {
  const { members, vpcs } = await organization();
  const ws = workspace();
  await recorder('reset-recording');
  await recorder('start-recording');
  const { code, report } = await scan(ws.config, ws.dir);
  await recorder('stop-recording');
  const recording = (await recorder('download-recording', 'GET'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { body?: string; body_encoded?: boolean })
    .map((e) => (e.body_encoded ? Buffer.from(e.body ?? '', 'base64').toString() : (e.body ?? '')));

  assert.equal(code, 2, 'unmanaged VPCs are drift');
  assert.equal(report.scan.complete, true, JSON.stringify(report.scan.incompleteScopes));
  const found = vpcFindings(report);
  for (const account of members) assert.ok(found.includes(vpcs.get(account)), `the VPC made in ${account} was seen`);
  assert.ok(
    report.findings.every((f) => f.environment === 'org'),
    'members belong to the organization environment',
  );
  assert.equal(report.scan.apiCalls['organizations:ListAccounts'], 1);
  // The management account is a member too: 3 accounts, each entered once.
  assert.equal(report.scan.apiCalls['sts:AssumeRole'], 3);
  const assumes = recording.filter((body) => /Action=AssumeRole\b/.test(body));
  assert.equal(assumes.length, 3, 'moto received three AssumeRole calls');
  for (const account of [...members, MOTO_ACCOUNT])
    assert.ok(
      assumes.some(
        (b) =>
          b.includes(encodeURIComponent(`arn:aws:iam::${account}:role/driftwarden-reader`)) &&
          b.includes(`ExternalId=${EXTERNAL_ID}`),
      ),
      `AssumeRole into ${account} carried the external id`,
    );
  rmSync(ws.dir, { recursive: true, force: true });
});

test('a member that refuses AssumeRole is unchecked under its own account id; the other members are still scanned', async () => {
  const { members, vpcs } = await organization();
  const [refused, healthy] = members as [string, string];
  const proxy = await startRelay(env.moto.endpoint, {
    refuse: (body) =>
      /Action=AssumeRole\b/.test(body) && body.includes(`iam%3A%3A${refused}%3A`)
        ? {
            status: 403,
            contentType: 'text/xml',
            body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error><RequestId>r-1</RequestId></ErrorResponse>',
          }
        : undefined,
  });
  const endpoint = proxy.endpoint;
  const ws = workspace();
  try {
    const { code, report } = await scan(ws.config, ws.dir, { AWS_ENDPOINT_URL_STS: endpoint });
    assert.equal(code, 2, 'drift found in the healthy members');
    assert.equal(report.scan.complete, false);
    assert.deepEqual(
      report.scan.incompleteScopes.map((s) => [s.type, s.account, s.region]),
      [['aws_vpc', refused, 'eu-west-1']],
    );
    assert.match(report.scan.incompleteScopes[0]!.reason, /AccessDenied|not authorized/);
    const found = vpcFindings(report);
    assert.ok(found.includes(vpcs.get(healthy)), 'the healthy member was scanned');
    assert.ok(!found.includes(vpcs.get(refused)), 'nothing of the refused member is claimed as seen');
  } finally {
    await proxy.close();
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('a failed ListAccounts leaves the organization unchecked (account `unknown`); accounts named by id are still scanned', async () => {
  const { members, vpcs } = await organization();
  const named = members[0]!;
  const denying = createServer((req, res) => {
    req.resume();
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(
      JSON.stringify({
        __type: 'AccessDeniedException',
        message: 'not authorized to perform organizations:ListAccounts',
      }),
    );
  });
  const endpoint = await listen(denying);
  const ws = workspace([named]);
  try {
    const { code, report } = await scan(ws.config, ws.dir, { AWS_ENDPOINT_URL_ORGANIZATIONS: endpoint });
    assert.equal(code, 2);
    assert.equal(report.scan.complete, false);
    assert.deepEqual(
      report.scan.incompleteScopes.map((s) => [s.type, s.account, s.region, s.code]),
      [['aws_vpc', 'unknown', 'eu-west-1', 'access-denied']],
    );
    assert.match(report.scan.incompleteScopes[0]!.reason, /organizations:ListAccounts/);
    assert.ok(vpcFindings(report).includes(vpcs.get(named)), 'the account named by id was scanned');
    assert.ok(!vpcFindings(report).includes(vpcs.get(members[1]!)));
  } finally {
    await new Promise((resolve) => denying.close(resolve));
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('organization: true without assume_role is refused, naming the key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-org-'));
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(config, 'environments:\n  org:\n    tier: production\n    aws:\n      organization: true\n');
  const run = await runCli(['scan', '--config', config, '--aws', '--region', 'eu-west-1'], { cwd: dir });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /organization: true needs assume_role/);
  assert.match(run.stderr, /environments\.org\.aws\.organization/);
  assert.equal(run.stdout, '');
  rmSync(dir, { recursive: true, force: true });
});
