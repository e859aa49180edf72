import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { detectDrift } from '../engine/engine.js';
import { observedCopy, observedSnapshot, recordedSnapshot, resource } from '../../test/support/engine-fixtures.js';
import { awsSemantics } from '../observers/aws/catalogue/index.js';
import { parseConfig } from '../config/load.js';
import type { Resource, Snapshot } from '../model/resource.js';
import type { ApplyImpact, Finding } from '../model/finding.js';
import { analyzeBlastRadius, levelOf, scoreFinding, WEIGHTS } from './blast-radius.js';
import { analyzeScan } from './index.js';
import { appState, handMadeInterface, networkState, SG_ID, where } from '../../test/support/analysis-fixtures.js';
import { liveAddress } from '../model/address.js';

const CONFIG = parseConfig(
  `
environments:
  network:
    tier: shared
    shared: ["aws_vpc.*", "aws_security_group.web"]
  prod:
    tier: production
  dev:
    tier: development
`,
  '/work/estate/driftwarden.yaml',
);

function estate(extraObserved: Resource[] = []) {
  const recorded = [...networkState(), ...appState('prod', 'prod', 'a'), ...appState('dev', 'dev', 'b')];
  const observed = recorded.map((r) => observedCopy(r));
  return { recorded, observed: [...observed, ...extraObserved] };
}

function snapshots(recorded: Resource[], observed: Resource[]): { recorded: Snapshot; observed: Snapshot } {
  const types = [...new Set([...recorded, ...observed].map((r) => r.type))];
  return {
    recorded: recordedSnapshot(recorded),
    observed: observedSnapshot(
      observed,
      types.map((type) => ({ type, ...where })),
    ),
  };
}

/** Runs the real engine with the real AWS catalogue, then the analysis. */
function scan(recorded: Resource[], observed: Resource[]) {
  const snaps = snapshots(recorded, observed);
  const engine = detectDrift({ ...snaps, semantics: awsSemantics });
  return analyzeScan({ findings: engine.findings, ...snaps, config: CONFIG });
}

function changed(list: Resource[], address: string, attributes: Record<string, unknown>): Resource[] {
  return list.map((r) =>
    r.id === list.find((x) => x.address === address)?.id ? { ...r, attributes: { ...r.attributes, ...attributes } } : r,
  );
}

describe('cascade', () => {
  test('a shared security group forced to be replaced cascades to the instances of every state and to the hand-made interface', () => {
    const { recorded, observed } = estate([handMadeInterface()]);
    // Renamed by hand: `description` forces a new security group in the AWS provider.
    const drifted = changed(observed, liveAddress('aws_security_group', SG_ID), {
      description: 'web tier (edited in console)',
    });
    const { findings } = scan(recorded, drifted);
    const sg = findings.find((f) => f.resource.address === 'network/aws_security_group.web');
    assert.ok(sg, 'the security group drifted');
    assert.equal(sg.impact?.action, 'replace');
    assert.deepEqual(sg.impact?.replacePaths, ['description']);
    assert.deepEqual(sg.impact?.cascade, [
      'aws_network_interface."eni-0c0ffee0c0ffee000"',
      'dev/aws_instance.web[0]',
      'dev/aws_instance.web[1]',
      'prod/aws_instance.web[0]',
      'prod/aws_instance.web[1]',
    ]);
    assert.equal(sg.impact?.cascadeReasons?.['prod/aws_instance.web[0]'], `vpc_security_group_ids = ${SG_ID}`);
    assert.match(
      sg.impact?.cascadeReasons?.['aws_network_interface."eni-0c0ffee0c0ffee000"'] ?? '',
      /security_groups = sg-.*unmanaged/,
    );
    const impact = sg.blastRadius?.factors.find((f) => f.name === 'impact');
    assert.equal(impact?.value, 1);
    assert.match(impact?.why ?? '', /cascade to 5 dependent resources/);
  });

  test('an in-place update has no cascade, and replacing a leaf cascades to nothing', () => {
    const { recorded, observed } = estate();
    const drifted = changed(
      changed(observed, liveAddress('aws_instance', 'i-0a00000000000000'), { ami: 'ami-0fedcba9876543210' }),
      liveAddress('aws_security_group', SG_ID),
      {
        tags: { Name: 'web', Owner: 'alice' },
      },
    );
    const { findings } = scan(recorded, drifted);
    const instance = findings.find((f) => f.resource.address === 'prod/aws_instance.web[0]');
    assert.equal(instance?.impact?.action, 'replace');
    assert.deepEqual(instance?.impact?.cascade, []);
    assert.match(instance?.blastRadius?.factors.find((f) => f.name === 'impact')?.why ?? '', /nothing depends on it/);
    const sg = findings.find((f) => f.resource.address === 'network/aws_security_group.web');
    assert.equal(sg?.impact?.action, 'update');
    assert.equal(sg?.impact?.cascade, undefined, 'an update keeps the id: nothing downstream changes');
  });

  test('state dependencies inside one state cascade transitively, nearest first', () => {
    const vpc = resource({
      address: 'aws_vpc.main',
      type: 'aws_vpc',
      id: 'vpc-1234567890',
      ...where,
      attributes: { cidr_block: '10.0.0.0/16' },
    });
    const subnet = resource({
      address: 'aws_subnet.a',
      type: 'aws_subnet',
      id: 'subnet-1234567890',
      ...where,
      dependencies: ['aws_vpc.main'],
    });
    const nat = resource({
      address: 'module.egress.aws_nat_gateway.this[0]',
      type: 'aws_nat_gateway',
      id: 'nat-1234567890',
      ...where,
      dependencies: ['aws_subnet.a', 'aws_vpc.main'],
    });
    const finding: Finding = {
      id: 'f1',
      kind: 'configuration',
      severity: 'high',
      environment: 'default',
      resource: { address: 'aws_vpc.main', type: 'aws_vpc' },
      changes: [],
      summary: 'cidr changed',
      reasons: [],
      impact: { action: 'replace', replacePaths: ['cidr_block'], source: 'rules' },
    };
    const [out] = analyzeBlastRadius({ findings: [finding], ...snapshots([vpc, subnet, nat], []) });
    assert.deepEqual(out?.impact?.cascade, ['aws_subnet.a', 'module.egress.aws_nat_gateway.this[0]']);
    assert.equal(out?.impact?.cascadeReasons?.['aws_subnet.a'], 'depends on aws_vpc.main in state');
  });

  test("with a plan, the plan's resource_changes of the dependents are the cascade", () => {
    const base = resource({
      address: 'aws_launch_template.web',
      type: 'aws_launch_template',
      id: 'lt-0123456789',
      ...where,
    });
    const asg = resource({
      address: 'aws_autoscaling_group.web',
      type: 'aws_autoscaling_group',
      id: 'web-asg',
      ...where,
      dependencies: ['aws_launch_template.web'],
    });
    const alarm = resource({
      address: 'aws_cloudwatch_metric_alarm.cpu',
      type: 'aws_cloudwatch_metric_alarm',
      id: 'cpu-high',
      ...where,
      dependencies: ['aws_autoscaling_group.web'],
    });
    const impacts = new Map<string, ApplyImpact>([
      [
        'aws_launch_template.web',
        { action: 'replace', replacePaths: ['name'], reason: 'replace_because_cannot_update', source: 'plan' },
      ],
      ['aws_autoscaling_group.web', { action: 'update', replacePaths: [], source: 'plan' }],
      ['aws_cloudwatch_metric_alarm.cpu', { action: 'no-op', replacePaths: [], source: 'plan' }],
    ]);
    const finding: Finding = {
      id: 'f2',
      kind: 'configuration',
      severity: 'medium',
      environment: 'default',
      resource: { address: 'aws_launch_template.web', type: 'aws_launch_template' },
      changes: [],
      summary: 'name changed',
      reasons: [],
      impact: impacts.get('aws_launch_template.web')!,
    };
    const [out] = analyzeBlastRadius({ findings: [finding], ...snapshots([base, asg, alarm], []), impacts });
    assert.deepEqual(out?.impact?.cascade, ['aws_autoscaling_group.web'], 'the alarm is a no-op in the plan');
    assert.match(out?.impact?.cascadeReasons?.['aws_autoscaling_group.web'] ?? '', /^plan: update/);
    assert.equal(out?.impact?.reason, 'replace_because_cannot_update', 'the plan keeps its action_reason');
  });
});

describe('blast radius', () => {
  test('the same drift scores higher in production than in development, and each factor explains its points', () => {
    const { recorded, observed } = estate();
    const drifted = changed(
      changed(observed, liveAddress('aws_instance', 'i-0a00000000000000'), { instance_type: 't3.large' }),
      liveAddress('aws_instance', 'i-0b00000000000000'),
      {
        instance_type: 't3.large',
      },
    );
    const { findings } = scan(recorded, drifted);
    const prod = findings.find((f) => f.resource.address === 'prod/aws_instance.web[0]')!.blastRadius!;
    const dev = findings.find((f) => f.resource.address === 'dev/aws_instance.web[0]')!.blastRadius!;
    assert.ok(prod.score > dev.score, `${prod.score} > ${dev.score}`);
    assert.equal(prod.score - dev.score, Math.round((0.8 - 0.1) * WEIGHTS.tier * 100));
    assert.match(prod.factors.find((f) => f.name === 'tier')!.why, /prod is production/);
    assert.match(dev.factors.find((f) => f.name === 'tier')!.why, /dev is development/);
    for (const radius of [prod, dev]) {
      const sum = radius.factors.reduce((total, f) => total + f.contribution, 0);
      assert.ok(Math.abs(sum - radius.score) <= 0.6, 'contributions add up to the score');
      assert.equal(radius.factors.reduce((total, f) => total + f.weight, 0).toFixed(6), '1.000000');
      assert.equal(radius.level, levelOf(radius.score));
    }
  });

  test('the shared security group: shared tier, shared pattern, central, replaced with a cascade: critical', () => {
    const { recorded, observed } = estate();
    const drifted = changed(observed, liveAddress('aws_security_group', SG_ID), { description: 'edited' });
    const { findings } = scan(recorded, drifted);
    const radius = findings.find((f) => f.resource.address === 'network/aws_security_group.web')!.blastRadius!;
    const by = Object.fromEntries(radius.factors.map((f) => [f.name, f]));
    assert.equal(by['tier']?.value, 1);
    assert.match(by['shared']?.why ?? '', /aws_security_group\.web \(environments\.network\.shared\)/);
    assert.match(by['centrality']?.why ?? '', /^4 resources depend on it/);
    assert.equal(radius.level, 'critical');
    assert.ok(radius.score >= 75);
  });

  test('centrality counts dependents across states: the shared VPC outranks a leaf subnet', () => {
    const { recorded } = estate();
    const snaps = snapshots(recorded, []);
    const base = (address: string, type: string): Finding => ({
      id: address,
      kind: 'configuration',
      severity: 'medium',
      environment: 'network',
      resource: { address, type },
      changes: [],
      summary: '',
      reasons: [],
      impact: { action: 'update', replacePaths: [], source: 'rules' },
    });
    const [vpc, subnet] = analyzeBlastRadius({
      findings: [
        base('network/aws_vpc.shared', 'aws_vpc'),
        base('network/aws_subnet.private["eu-west-1b"]', 'aws_subnet'),
      ],
      ...snaps,
      config: CONFIG,
    });
    const centrality = (f: Finding | undefined) => f!.blastRadius!.factors.find((x) => x.name === 'centrality')!;
    // VPC: two subnets and the group by state dependency, the four instances through them by id.
    assert.match(centrality(vpc).why, /^7 resources/);
    assert.match(centrality(subnet).why, /^2 resources/, 'the b subnet carries one instance per app state');
    assert.ok(vpc!.blastRadius!.score > subnet!.blastRadius!.score);
  });

  test('without a config the tier is unknown and says so; an unmanaged resource with no apply scores low', () => {
    const finding: Finding = {
      id: 'u1',
      kind: 'unmanaged',
      severity: 'low',
      environment: 'default',
      resource: { address: 'aws_ebs_volume.vol-0123456789', type: 'aws_ebs_volume' },
      changes: [],
      summary: '',
      reasons: [],
    };
    const radius = scoreFinding(finding, 0, undefined);
    assert.match(radius.factors[0]!.why, /no tier in the configuration/);
    assert.equal(radius.level, 'low');
    assert.equal(radius.score, Math.round(0.5 * 30 + 0 + 0 + 0.1 * 20 + 0.3 * 5 + 0.2 * 15));
  });
});
