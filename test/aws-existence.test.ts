/**
 * The existence tier on the emulator, through the CLI as a user runs it: recorded resources of a
 * type with no catalogue entry (aws_vpn_connection) are "seen" when the tagging API lists them
 * and "existence unknown" when it does not (never missing); a tagged resource of an uncovered type
 * that no state manages (a second VPN connection) is unmanaged with coverage existence; a tagged
 * resource of a catalogue type (a VPC) is reported once, by its catalogue entry; a tagging endpoint
 * that fails makes the recorded ones unchecked and the scan exit 3. Every format names them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateCustomerGatewayCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CATALOGUE } from '../src/observers/aws/catalogue/index.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';
import { runCli } from './support/cli.js';

const env = useMoto();
const REGION = 'eu-west-1';
const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
// Types moto's tagging API lists that the catalogue lacks (the test says when one gains an entry).
const RECORDED_TYPE = 'aws_vpn_connection';
// A second VPN connection that no state manages (moto does not list a transit gateway attachment's tags).
const UNMANAGED_TYPE = RECORDED_TYPE;

function stateWith(resources: Array<{ type: string; name: string; attributes: Record<string, unknown> }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-existence-'));
  const path = join(dir, 'terraform.tfstate');
  const state = {
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: 'existence-tier',
    outputs: {},
    resources: resources.map((r) => ({
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider: AWS,
      instances: [{ schema_version: 0, attributes: r.attributes, sensitive_attributes: [] }],
    })),
  };
  writeFileSync(path, JSON.stringify(state));
  return path;
}

interface Estate {
  state: string;
  seenArn: string;
  strayArn: string;
  vpcArn: string;
}

async function estate(): Promise<Estate> {
  for (const type of [RECORDED_TYPE])
    assert.ok(
      !CATALOGUE.some((e) => e.type === type),
      `${type} now has a catalogue entry: pick another type the emulator's tagging API lists but the catalogue lacks`,
    );
  const ec2 = new EC2Client(env.moto.clientConfig(REGION));
  const tags = (kind: 'vpn-connection' | 'vpc', name: string) => [
    { ResourceType: kind, Tags: [{ Key: 'Name', Value: name }] },
  ];
  const cgw = await ec2.send(
    new CreateCustomerGatewayCommand({
      Type: 'ipsec.1',
      BgpAsn: 65000,
      PublicIp: '203.0.113.10',
    }),
  );
  const vpn = await ec2.send(
    new CreateVpnConnectionCommand({
      Type: 'ipsec.1',
      CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId ?? '',
      TagSpecifications: tags('vpn-connection', 'office'),
    }),
  );
  const vpnId = vpn.VpnConnection?.VpnConnectionId ?? '';
  const stray = await ec2.send(
    new CreateVpnConnectionCommand({
      Type: 'ipsec.1',
      CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId ?? '',
      TagSpecifications: tags('vpn-connection', 'stray'),
    }),
  );
  const strayId = stray.VpnConnection?.VpnConnectionId ?? '';
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', TagSpecifications: tags('vpc', 'v') }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${MOTO_ACCOUNT}:${kind}/${id}`;
  const seenArn = arn('vpn-connection', vpnId);
  const state = stateWith([
    { type: RECORDED_TYPE, name: 'office', attributes: { id: vpnId, arn: seenArn, type: 'ipsec.1' } },
    // Untagged or deleted: the tagging API cannot tell which, so its existence is unknown.
    {
      type: RECORDED_TYPE,
      name: 'branch',
      attributes: { id: 'vpn-0000000000000dead', arn: arn('vpn-connection', 'vpn-0000000000000dead') },
    },
  ]);
  return { state, seenArn, strayArn: arn('vpn-connection', strayId), vpcArn: arn('vpc', vpcId) };
}

const scanArgs = (e: Estate, ...more: string[]) => [
  'scan',
  '--state',
  e.state,
  '--region',
  REGION,
  '--no-history',
  ...more,
];

test('existence tier: seen, existence unknown (never missing), unmanaged with coverage existence, catalogue types once', async () => {
  const e = await estate();
  const run = await runCli(scanArgs(e, '-o', 'json'));
  assert.equal(run.code, 2, `unmanaged drift: exit 2 (stderr: ${run.stderr})`);
  const report = JSON.parse(run.stdout) as {
    summary: Record<string, unknown>;
    accounting: { existence: Array<Record<string, unknown>> };
    findings: Array<{ kind: string; coverage?: string; resource: { type: string; id?: string } }>;
  };
  assert.equal(report.summary['managed'], 2);
  assert.equal(report.summary['existence'], 2);
  assert.equal(report.summary['notCovered'], 0);
  assert.deepEqual(report.accounting.existence, [
    {
      provider: 'aws',
      type: RECORDED_TYPE,
      seen: 1,
      unknown: 1,
      addresses: [`${RECORDED_TYPE}.branch`, `${RECORDED_TYPE}.office`],
    },
  ]);
  assert.ok(
    !report.findings.some((f) => f.kind === 'missing'),
    'a resource the tagging API does not list is never missing',
  );
  const byTier = report.findings.filter((f) => f.coverage === 'existence');
  assert.deepEqual(
    byTier.map((f) => [f.kind, f.resource.type, f.resource.id]),
    [['unmanaged', UNMANAGED_TYPE, e.strayArn]],
  );
  // The tagged VPC is the catalogue's: reported by aws_vpc (full fidelity), never again by its ARN.
  const vpcs = report.findings.filter((f) => f.resource.type === 'aws_vpc' && f.coverage === undefined);
  assert.ok(vpcs.length >= 1, 'the catalogue reports the unmanaged VPC');
  assert.ok(!report.findings.some((f) => f.resource.id === e.vpcArn));
  assert.ok(!report.findings.some((f) => f.resource.id === e.seenArn), 'the recorded VPN connection is not unmanaged');
});

test('existence tier: every format names the existence-only type and the unmanaged resource seen by existence', async () => {
  const e = await estate();
  for (const format of ['table', 'sarif', 'junit', 'markdown', 'html']) {
    const run = await runCli(scanArgs(e, '-o', format, '--verbose'));
    assert.equal(run.code, 2, `${format}: ${run.stderr}`);
    assert.ok(run.stdout.includes(RECORDED_TYPE), `${format} names ${RECORDED_TYPE}`);
    assert.match(run.stdout, /existence unknown/, `${format} says existence unknown`);
    // The table wraps long cells (the ARN breaks inside it): there the gateway's id is looked for.
    const named = format === 'table' ? e.strayArn.slice(e.strayArn.lastIndexOf('/') + 1) : e.strayArn;
    assert.ok(run.stdout.includes(named), `${format} names the unmanaged VPN connection`);
    assert.match(run.stdout, /seen by existence/, `${format} says the unmanaged one was seen by existence only`);
  }
});

test('existence tier: a tagging endpoint that fails leaves the recorded ones unchecked and the scan exits 3', async () => {
  const e = await estate();
  const run = await runCli(scanArgs(e, '-o', 'json'), {
    env: { AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
  });
  const report = JSON.parse(run.stdout) as {
    summary: Record<string, unknown>;
    accounting: { unchecked: Array<{ scope: { type: string; code: string }; count: number }> };
    findings: Array<{ kind: string; coverage?: string; resource: { type: string } }>;
  };
  assert.equal(report.summary['unchecked'], 2);
  assert.equal(report.summary['existence'], 0);
  assert.deepEqual(
    report.accounting.unchecked.map((g) => [g.scope.type, g.count]),
    [[RECORDED_TYPE, 2]],
  );
  assert.ok(!report.findings.some((f) => f.coverage === 'existence'), 'nothing is concluded from a failed listing');
  assert.ok(!report.findings.some((f) => f.kind === 'missing'));
  // The catalogue still found the unmanaged VPC (drift wins over incompleteness): exit 2; without it, 3.
  assert.equal(run.code, 2, run.stderr);
  const quiet = await runCli(scanArgs(e, '-o', 'json', '--fail-on', 'missing'), {
    env: { AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
  });
  assert.equal(quiet.code, 3, `incomplete without counted drift: ${quiet.stderr}`);
});
