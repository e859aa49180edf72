import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { detectDrift } from './engine.js';
import { observedCopy, observedSnapshot, recordedSnapshot, resource } from '../../test/support/engine-fixtures.js';
import type { TypeSemantics } from '../model/semantics.js';
import type { IgnoreMatcher } from './suppress.js';
import { SENSITIVE } from '../model/finding.js';

const scope = (type: string) => ({ type, account: '123456789012', region: 'eu-west-1' });
const where = { account: '123456789012', region: 'eu-west-1' };

const sgSemantics: TypeSemantics = {
  type: 'aws_security_group',
  sets: ['ingress', 'egress'],
  policy: ['ingress', 'egress'],
};
const lookup = (type: string): TypeSemantics | undefined =>
  ({
    aws_security_group: sgSemantics,
    aws_iam_role: { type: 'aws_iam_role', json: ['assume_role_policy'], policyType: true },
    aws_instance: {
      type: 'aws_instance',
      forcesReplacement: ['ami'],
      caseInsensitive: ['tenancy'],
      defaults: [{ path: 'monitoring', value: false, why: 'detailed monitoring is off unless asked for' }],
    },
  })[type];

const rule = (port: number, cidr: string) => ({
  from_port: port,
  to_port: port,
  protocol: 'tcp',
  cidr_blocks: [cidr],
  ipv6_cidr_blocks: [],
  description: '',
  self: false,
  security_groups: [],
  prefix_list_ids: [],
});

function scan(
  recorded: ReturnType<typeof resource>[],
  observed: ReturnType<typeof resource>[],
  extra: Partial<Parameters<typeof detectDrift>[0]> = {},
) {
  const types = [...new Set([...recorded, ...observed].map((r) => r.type))];
  return detectDrift({
    recorded: recordedSnapshot(recorded),
    observed: observedSnapshot(observed, types.map(scope)),
    semantics: lookup,
    ...extra,
  });
}

describe('matching and kinds', () => {
  test('identical record and observation give no finding', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { instance_type: 't3.micro', tags: { Name: 'web' } },
    });
    const out = scan([rec], [observedCopy(rec)]);
    assert.deepEqual(out.findings, []);
    assert.equal(out.summary.managed, 1);
    assert.equal(out.summary.coverage, 1);
  });

  test('a changed attribute is configuration drift with recorded and observed values', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { instance_type: 't3.micro' },
    });
    const out = scan([rec], [observedCopy(rec, { instance_type: 't3.large' })]);
    assert.equal(out.findings.length, 1);
    const [f] = out.findings;
    assert.equal(f!.kind, 'configuration');
    assert.equal(f!.severity, 'medium');
    assert.deepEqual(
      f!.changes.map((c) => [c.path, c.recorded, c.observed]),
      [['instance_type', 't3.micro', 't3.large']],
    );
    assert.equal(f!.impact?.action, 'update');
  });

  test('an attribute that forces replacement is high and the impact says replace', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { ami: 'ami-1' },
    });
    const [f] = scan([rec], [observedCopy(rec, { ami: 'ami-2' })]).findings;
    assert.equal(f!.severity, 'high');
    assert.deepEqual(f!.impact, { action: 'replace', replacePaths: ['ami'], source: 'rules' });
  });

  test('a recorded resource absent from a complete scope is missing; from an incomplete scope it is unchecked', () => {
    const rec = resource({ address: 'aws_instance.web', type: 'aws_instance', id: 'i-1', ...where });
    const complete = scan([rec], []);
    assert.deepEqual(
      complete.findings.map((f) => [f.kind, f.severity]),
      [['missing', 'high']],
    );
    const incomplete = detectDrift({
      recorded: recordedSnapshot([rec]),
      observed: observedSnapshot([], [], [{ ...scope('aws_instance'), reason: 'AccessDenied', code: 'access-denied' }]),
    });
    assert.deepEqual(incomplete.findings, []);
    assert.equal(incomplete.summary.unchecked, 1);
    assert.equal(incomplete.summary.missing, 0);
    // A scope never listed at all is not evidence of absence either.
    assert.deepEqual(detectDrift({ recorded: recordedSnapshot([rec]), observed: observedSnapshot([]) }).findings, []);
  });

  test('an incomplete scope in another region does not hide a missing resource here', () => {
    const rec = resource({ address: 'aws_instance.web', type: 'aws_instance', id: 'i-1', ...where });
    const out = detectDrift({
      recorded: recordedSnapshot([rec]),
      observed: observedSnapshot(
        [],
        [scope('aws_instance')],
        [{ type: 'aws_instance', account: '123456789012', region: 'us-east-1', reason: 'x', code: 'throttled' }],
      ),
    });
    assert.deepEqual(
      out.findings.map((f) => f.kind),
      ['missing'],
    );
  });

  test('a live resource no state manages is unmanaged; the managed share counts it, coverage does not', () => {
    const rec = resource({ address: 'aws_instance.web', type: 'aws_instance', id: 'i-1', ...where });
    const stray = resource({ address: 'aws_instance."i-2"', type: 'aws_instance', id: 'i-2', ...where });
    const out = scan([rec], [observedCopy(rec), stray]);
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.resource.id]),
      [['unmanaged', 'i-2']],
    );
    assert.equal(out.summary.unmanaged, 1);
    assert.equal(out.summary.managedShare, 0.5);
    assert.equal(out.summary.coverage, 1, 'the one managed instance was compared');
  });

  test('expected unmanaged resources (the default VPC) are suppressed with their reason, except with --strict', () => {
    const vpc = resource({ address: 'aws_vpc.vpc-default', type: 'aws_vpc', id: 'vpc-default', ...where });
    const expectedUnmanaged = new Map([[vpc.address, 'the default VPC AWS creates in every region']]);
    const out = scan([], [vpc], { expectedUnmanaged });
    assert.deepEqual(out.findings, []);
    assert.deepEqual(
      out.suppressions.map((s) => [s.address, s.rule, s.why]),
      [[vpc.address, 'expected-unmanaged', 'the default VPC AWS creates in every region']],
    );
    assert.deepEqual(
      scan([], [vpc], { expectedUnmanaged, strict: true }).findings.map((f) => f.kind),
      ['unmanaged'],
    );
  });

  test('a type whose ids cannot agree matches by its identity attributes (IAM policy attachments)', () => {
    const semantics = (type: string): TypeSemantics | undefined =>
      type === 'aws_iam_role_policy_attachment'
        ? { type, identityAttributes: ['role', 'policy_arn'], policyType: true }
        : undefined;
    const rec = resource({
      address: 'aws_iam_role_policy_attachment.ro',
      type: 'aws_iam_role_policy_attachment',
      id: 'app-20240101000000000000000001',
      ...where,
      attributes: { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    });
    const live = resource({
      address: 'aws_iam_role_policy_attachment.app/ro',
      type: 'aws_iam_role_policy_attachment',
      id: 'app/arn:aws:iam::aws:policy/ReadOnlyAccess',
      ...where,
      attributes: { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    });
    const other = resource({
      address: 'aws_iam_role_policy_attachment.app/admin',
      type: 'aws_iam_role_policy_attachment',
      id: 'app/arn:aws:iam::aws:policy/AdministratorAccess',
      ...where,
      attributes: { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    });
    const out = detectDrift({
      recorded: recordedSnapshot([rec]),
      observed: observedSnapshot([live, other], [scope('aws_iam_role_policy_attachment')]),
      semantics,
    });
    assert.deepEqual(
      out.findings.map((f) => [f.kind, f.resource.id]),
      [['unmanaged', 'app/arn:aws:iam::aws:policy/AdministratorAccess']],
    );
    assert.equal(out.findings[0]!.severity, 'high');
  });

  test('the same id in another region is not a match', () => {
    const rec = resource({ address: 'aws_instance.web', type: 'aws_instance', id: 'i-1', ...where });
    const elsewhere = { ...observedCopy(rec), region: 'us-east-1' };
    const out = detectDrift({
      recorded: recordedSnapshot([rec]),
      observed: observedSnapshot(
        [elsewhere],
        [scope('aws_instance'), { ...scope('aws_instance'), region: 'us-east-1' }],
      ),
    });
    assert.deepEqual(out.findings.map((f) => f.kind).sort(), ['missing', 'unmanaged']);
  });

  test('data sources never drift', () => {
    const data = resource({
      address: 'data.aws_ami.x',
      type: 'aws_ami',
      mode: 'data',
      id: 'ami-1',
      ...where,
      attributes: { name: 'a' },
    });
    const out = scan([data], []);
    assert.deepEqual(out.findings, []);
    assert.equal(out.summary.managed, 0);
  });
});

describe('attribute semantics', () => {
  test('security-group rules are an unordered set; an added 0.0.0.0/0 rule on port 22 is critical policy drift', () => {
    const rules = [rule(443, '10.0.0.0/8'), rule(80, '10.0.0.0/8')];
    const rec = resource({
      address: 'aws_security_group.web',
      type: 'aws_security_group',
      id: 'sg-1',
      ...where,
      attributes: { ingress: rules },
    });
    assert.deepEqual(scan([rec], [observedCopy(rec, { ingress: [...rules].reverse() })]).findings, []);
    const [f] = scan([rec], [observedCopy(rec, { ingress: [rules[1], rule(22, '0.0.0.0/0'), rules[0]] })]).findings;
    assert.equal(f!.kind, 'policy');
    assert.equal(f!.severity, 'critical');
    assert.deepEqual(f!.changes[0]!.added, [rule(22, '0.0.0.0/0')]);
    assert.deepEqual(f!.changes[0]!.removed, []);
    assert.match(f!.reasons.join(' '), /0\.0\.0\.0\/0.*port 22/);
  });

  test('world-open ingress on a non-admin port is high, not critical', () => {
    const rec = resource({
      address: 'aws_security_group.web',
      type: 'aws_security_group',
      id: 'sg-1',
      ...where,
      attributes: { ingress: [] },
    });
    const [f] = scan([rec], [observedCopy(rec, { ingress: [rule(443, '::/0')] })]).findings;
    assert.deepEqual([f!.kind, f!.severity], ['policy', 'high']);
  });

  test('IAM policies compare as canonical JSON: key order, whitespace, single value versus list', () => {
    const recorded = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: 'ec2.amazonaws.com' } }],
    });
    const same =
      '{ "Statement": { "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": "sts:AssumeRole", "Effect": "Allow" },\n "Version": "2012-10-17" }';
    const rec = resource({
      address: 'aws_iam_role.app',
      type: 'aws_iam_role',
      id: 'app',
      ...where,
      attributes: { assume_role_policy: recorded },
    });
    assert.deepEqual(scan([rec], [observedCopy(rec, { assume_role_policy: same })]).findings, []);
    const widened = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } }],
    });
    const [f] = scan([rec], [observedCopy(rec, { assume_role_policy: widened })]).findings;
    assert.deepEqual([f!.kind, f!.severity], ['policy', 'critical']);
  });

  test('tags are compared through tags_all: provider default tags are not drift, a hand-added tag is', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { tags: { Name: 'web' }, tags_all: { Name: 'web', Team: 'core' } },
    });
    assert.deepEqual(scan([rec], [observedCopy(rec, { tags: { Team: 'core', Name: 'web' } })]).findings, []);
    const [f] = scan([rec], [observedCopy(rec, { tags: { Team: 'core', Name: 'web', Owner: 'bob' } })]).findings;
    assert.deepEqual(
      f!.changes.map((c) => [c.path, c.recorded, c.observed]),
      [['tags.Owner', undefined, 'bob']],
    );
    assert.equal(f!.severity, 'low');
  });

  test('case-insensitive fields, empty values and declared defaults are not drift; --strict reports defaults', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { tenancy: 'default', description: null },
    });
    const obs = observedCopy(rec, { tenancy: 'DEFAULT', description: '', monitoring: false });
    const out = scan([rec], [obs]);
    assert.deepEqual(out.findings, []);
    assert.ok(out.suppressions.some((s) => s.rule === 'default:monitoring'));
    const strict = scan([rec], [obs], { strict: true });
    assert.deepEqual(
      strict.findings[0]!.changes.map((c) => c.path),
      ['monitoring'],
    );
  });

  test('attributes the observation does not report are not compared', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { user_data_base64: 'abc', instance_type: 't3.micro' },
    });
    assert.deepEqual(scan([rec], [observedCopy(rec, { instance_type: 't3.micro' })]).findings, []);
  });
});

describe('secrets', () => {
  test('sensitive paths and well-known secret names show as (sensitive) on both sides and nowhere else', () => {
    const rec = resource({
      address: 'aws_db_instance.db',
      type: 'aws_db_instance',
      id: 'db',
      ...where,
      attributes: { password: 'hunter2-recorded', custom: 'old-secret-value', http_tokens: 'optional' },
      sensitivePaths: [['custom']],
    });
    const out = scan(
      [rec],
      [observedCopy(rec, { password: 'hunter2-observed', custom: 'new-secret-value', http_tokens: 'required' })],
    );
    const [f] = out.findings;
    const byPath = Object.fromEntries(f!.changes.map((c) => [c.path, c]));
    assert.deepEqual(
      [byPath['password']!.recorded, byPath['password']!.observed, byPath['password']!.sensitive],
      [SENSITIVE, SENSITIVE, true],
    );
    assert.equal(byPath['custom']!.observed, SENSITIVE);
    assert.equal(byPath['http_tokens']!.observed, 'required', 'http_tokens is an IMDS setting, not a secret');
    const text = JSON.stringify(out);
    for (const secret of ['hunter2', 'old-secret-value', 'new-secret-value']) assert.ok(!text.includes(secret), secret);
  });
});

describe('suppression and fingerprints', () => {
  const ignore: IgnoreMatcher = {
    ignoresResource: (address) =>
      address === 'aws_instance.scratch' ? { rule: 'aws_instance.scratch', origin: '.driftignore:1' } : undefined,
    ignoresPath: (_address, path) =>
      path.startsWith('tags.') ? { rule: '*:tags.*', origin: '.driftignore:2' } : undefined,
  };

  test('ignore rules and ignore_changes remove drift and record why', () => {
    const web = resource({
      address: 'module.app["a"].aws_instance.web[0]',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { instance_type: 'a', tags: { A: '1' }, ami: 'x' },
    });
    const scratch = resource({
      address: 'aws_instance.scratch',
      type: 'aws_instance',
      id: 'i-9',
      ...where,
      attributes: { instance_type: 'a' },
    });
    const out = scan(
      [web, scratch],
      [
        observedCopy(web, { instance_type: 'b', tags: { A: '2' }, ami: 'y' }),
        observedCopy(scratch, { instance_type: 'z' }),
      ],
      {
        ignore,
        ignoreChanges: new Map([['module.app.aws_instance.web', ['instance_type']]]),
      },
    );
    assert.deepEqual(
      out.findings.map((f) => f.changes.map((c) => c.path)),
      [['ami']],
    );
    const rules = out.suppressions.map((s) => s.rule);
    assert.ok(rules.includes('ignore_changes = [instance_type]'));
    assert.ok(rules.includes('*:tags.*'));
    assert.ok(rules.includes('aws_instance.scratch'));
  });

  test('the same drift gets the same id in two scans, whatever its values; other paths another id', () => {
    const rec = resource({
      address: 'aws_autoscaling_group.app',
      type: 'aws_autoscaling_group',
      id: 'app',
      ...where,
      attributes: { desired_capacity: 3, max_size: 5 },
    });
    const first = scan([rec], [observedCopy(rec, { desired_capacity: 10, max_size: 5 })]).findings[0]!;
    const second = scan([rec], [observedCopy(rec, { desired_capacity: 12, max_size: 5 })]).findings[0]!;
    const third = scan([rec], [observedCopy(rec, { desired_capacity: 12, max_size: 20 })]).findings[0]!;
    assert.equal(first.id, second.id);
    assert.notEqual(first.id, third.id);
    assert.match(first.id, /^dw-[0-9a-f]{16}$/);
  });

  test('plan impacts win over the rules', () => {
    const rec = resource({
      address: 'aws_instance.web',
      type: 'aws_instance',
      id: 'i-1',
      ...where,
      attributes: { ami: 'a' },
    });
    const impact = { action: 'update' as const, replacePaths: [], source: 'plan' as const, reason: 'x' };
    const [f] = scan([rec], [observedCopy(rec, { ami: 'b' })], {
      impacts: new Map([['aws_instance.web', impact]]),
    }).findings;
    assert.deepEqual(f!.impact, impact);
  });

  test('a computed attribute the record holds is a suppression with its reason, not a silent skip', () => {
    const semantics: TypeSemantics = { type: 'aws_iam_user', computed: ['force_destroy', 'unique_id'] };
    const rec = resource({
      address: 'aws_iam_user.ci',
      type: 'aws_iam_user',
      id: 'ci',
      ...where,
      attributes: { name: 'ci', force_destroy: true, unique_id: '' },
    });
    const out = detectDrift({
      recorded: recordedSnapshot([rec]),
      observed: observedSnapshot([observedCopy(rec, { force_destroy: false })], [scope('aws_iam_user')]),
      semantics: () => semantics,
    });
    assert.deepEqual(out.findings, []);
    // force_destroy is held (and differs: never compared); unique_id is empty in the record: nothing hidden.
    const computed = out.suppressions.filter((s) => s.rule.startsWith('computed:'));
    assert.deepEqual(
      computed.map((s) => [s.address, s.path, s.rule]),
      [['aws_iam_user.ci', 'force_destroy', 'computed:force_destroy']],
    );
    assert.match(computed[0]!.why, /declares it computed/);
  });
});
