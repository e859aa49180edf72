/**
 * Deep observation on the emulator, as a user runs it: attributes with no bulk API (VPC DNS
 * settings, instance termination protection) are suppressions with a reason in a normal scan, and
 * compared with `--deep` (or `aws.deep` per environment in the config), one counted call per
 * resource and attribute.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateVpcCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { useMoto } from './aws-support.js';
import { runCli } from './support/cli.js';

const env = useMoto();
const ec2 = () => new EC2Client(env.moto.clientConfig('eu-west-1'));

interface Report {
  findings: {
    resource: { type: string; id?: string };
    changes: { path: string; recorded: unknown; observed: unknown }[];
  }[];
  suppressions: { address: string; path: string; rule: string; why: string }[];
  scan: { apiCalls?: Record<string, number> };
}

/** A state v4 as Terraform writes it, with the VPC and instance the test made (DNS hostnames off). */
function writeState(dir: string, vpcId: string, instanceId: string): string {
  const file = join(dir, 'terraform.tfstate');
  const provider = 'provider["registry.terraform.io/hashicorp/aws"]';
  const instance = (type: string, name: string, attributes: Record<string, unknown>) => ({
    mode: 'managed',
    type,
    name,
    provider,
    instances: [{ schema_version: 1, attributes, sensitive_attributes: [], dependencies: [] }],
  });
  const state = {
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: 'deep-test',
    outputs: {},
    resources: [
      instance('aws_vpc', 'main', {
        id: vpcId,
        cidr_block: '10.8.0.0/16',
        instance_tenancy: 'default',
        enable_dns_support: true,
        enable_dns_hostnames: false,
        enable_network_address_usage_metrics: false,
        tags: {},
        tags_all: {},
      }),
      instance('aws_instance', 'app', {
        id: instanceId,
        ami: 'ami-12c6146b',
        instance_type: 't3.micro',
        disable_api_termination: false,
        disable_api_stop: false,
        instance_initiated_shutdown_behavior: 'stop',
        tags: {},
        tags_all: {},
      }),
    ],
  };
  writeFileSync(file, JSON.stringify(state));
  return file;
}

async function scan(args: string[], cwd: string): Promise<{ code: number; report: Report }> {
  const run = await runCli(['scan', ...args, '--output', 'json', '--no-history', '--no-attribution'], {
    cwd,
    timeoutMs: 120_000,
  });
  assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

test('enable_dns_hostnames changed in the console: listed as not read without --deep, found with --deep or aws.deep', async () => {
  const vpcId = (await ec2().send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }))).Vpc?.VpcId ?? '';
  const run = await ec2().send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1 }));
  const instanceId = run.Instances?.[0]?.InstanceId ?? '';
  // The console changes: DNS hostnames on, termination protection on.
  await ec2().send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  await ec2().send(
    new ModifyInstanceAttributeCommand({ InstanceId: instanceId, DisableApiTermination: { Value: true } }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'dw-deep-'));
  const state = writeState(dir, vpcId, instanceId);
  const base = ['--state', state, '--region', 'eu-west-1', '--type', 'aws_vpc', '--type', 'aws_instance'];

  const shallow = await scan(base, dir);
  // The hand-written state holds only what this test is about: compare those attributes alone.
  const DEEP = new Set([
    'enable_dns_support',
    'enable_dns_hostnames',
    'enable_network_address_usage_metrics',
    'disable_api_termination',
    'disable_api_stop',
    'instance_initiated_shutdown_behavior',
  ]);
  const changesOf = (report: Report, id: string) =>
    report.findings
      .filter((f) => f.resource.id === id)
      .flatMap((f) => f.changes)
      .filter((c) => DEEP.has(c.path));
  const changed = (report: Report, id: string) => changesOf(report, id).map((c) => c.path);
  assert.deepEqual(changed(shallow.report, vpcId), [], 'not read, so not compared');
  const notRead = shallow.report.suppressions.filter((s) => s.rule.startsWith('not-read:'));
  assert.ok(
    notRead.some((s) => s.path === 'enable_dns_hostnames' && /DescribeVpcAttribute.*--deep/.test(s.why)),
    `the skipped attribute is a suppression with its reason: ${JSON.stringify(notRead)}`,
  );
  assert.ok(notRead.some((s) => s.path === 'disable_api_termination'));
  assert.equal(shallow.report.scan.apiCalls?.['ec2:DescribeVpcAttribute'], undefined, 'no per-resource call');

  const deep = await scan([...base, '--deep'], dir);
  assert.equal(deep.code, 2);
  assert.deepEqual(
    changesOf(deep.report, vpcId).map((c) => [c.path, c.recorded, c.observed]),
    [['enable_dns_hostnames', false, true]],
  );
  assert.deepEqual(changed(deep.report, instanceId), ['disable_api_termination']);
  assert.equal(
    deep.report.suppressions.filter((s) => s.rule.startsWith('not-read:enable_dns')).length,
    0,
    'a deep scan compares what it read',
  );
  // Three attributes per VPC (the test's and moto's default VPC), three per instance: every call counted.
  assert.equal(deep.report.scan.apiCalls?.['ec2:DescribeVpcAttribute'], 6);
  assert.equal(deep.report.scan.apiCalls?.['ec2:DescribeInstanceAttribute'], 3);

  // The same, asked for one type in the configuration instead of on the command line.
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(
    config,
    [
      'version: 1',
      'environments:',
      '  prod:',
      '    tier: production',
      `    states: [${JSON.stringify(state)}]`,
      '    aws: { regions: [eu-west-1], deep: [aws_vpc] }',
      '',
    ].join('\n'),
  );
  const configured = await scan(['--config', config, '--type', 'aws_vpc', '--type', 'aws_instance'], dir);
  assert.deepEqual(changed(configured.report, vpcId), ['enable_dns_hostnames']);
  assert.deepEqual(changed(configured.report, instanceId), [], 'aws_instance is not listed under deep');
  assert.equal(configured.report.scan.apiCalls?.['ec2:DescribeInstanceAttribute'], undefined);
});
