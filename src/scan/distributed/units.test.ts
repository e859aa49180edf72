import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE } from '../../observers/aws/catalogue/index.js';
import { selectEntries } from '../../observers/aws/observe.js';
import { mergeUnits } from './merge.js';
import { jobIdOf } from './plan.js';
import { planUnits, type ScanUnitSpec } from './units.js';
import { digestSecrets } from './secrets.js';
import type { ScanUnitRow } from '../../store/index.js';

const entries = selectEntries(CATALOGUE, ['aws_vpc', 'aws_security_group', 'aws_iam_role', 'aws_iam_policy']);

test('every (type, account, region) scope belongs to exactly one unit; global types form one unit per account', () => {
  const units = planUnits({
    accounts: [{ account: '111111111111' }, { account: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/r' }],
    regions: ['eu-west-1', 'us-east-1'],
    entries,
  });
  assert.deepEqual(units.map((u) => u.id).sort(), [
    '111111111111/eu-west-1/ec2',
    '111111111111/global/iam',
    '111111111111/us-east-1/ec2',
    '222222222222/eu-west-1/ec2',
    '222222222222/global/iam',
    '222222222222/us-east-1/ec2',
  ]);
  const scopes = units.flatMap((u) => u.types.map((t) => `${t}/${u.accountLabel}/${u.region}`));
  assert.equal(new Set(scopes).size, scopes.length, 'no scope in two units');
  assert.equal(scopes.length, 2 * (2 * 2 + 2), 'every scope in one unit');
});

test('two specs naming the same account get distinct unit ids', () => {
  const units = planUnits({ accounts: [{ profile: 'a' }, { profile: 'a' }], regions: ['eu-west-1'], entries });
  assert.equal(new Set(units.map((u) => u.id)).size, units.length);
});

test('job ids are stable per (run, unit), distinct across units, and UUID-shaped', () => {
  assert.equal(jobIdOf('r1', 'a/eu-west-1/ec2'), jobIdOf('r1', 'a/eu-west-1/ec2'));
  assert.notEqual(jobIdOf('r1', 'a/eu-west-1/ec2'), jobIdOf('r1', 'a/us-east-1/ec2'));
  assert.notEqual(jobIdOf('r1', 'u'), jobIdOf('r2', 'u'));
  assert.match(jobIdOf('r', 'u'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
});

const spec = (id: string, types: string[]): ScanUnitSpec => {
  const [account, region, group] = id.split('/') as [string, string, string];
  return { id, account: { account }, accountLabel: account, region, homeRegion: 'eu-west-1', group, types };
};

test('merge: a unit without an observation is unchecked scopes with its reason; a finished unit counts once', () => {
  const done: ScanUnitRow = {
    runId: 'r',
    unitId: '1/eu-west-1/ec2',
    spec: spec('1/eu-west-1/ec2', ['aws_vpc']),
    state: 'done',
    result: {
      resources: [],
      completeScopes: [{ type: 'aws_vpc', account: '1', region: 'eu-west-1' }],
      incompleteScopes: [],
      expectedUnmanaged: [],
      apiCalls: { 'ec2:DescribeVpcs': 1 },
    },
  };
  const failed: ScanUnitRow = {
    runId: 'r',
    unitId: '1/us-east-1/ec2',
    spec: spec('1/us-east-1/ec2', ['aws_vpc', 'aws_subnet']),
    state: 'failed',
    attempt: 3,
    reason: 'boom',
  };
  const pending: ScanUnitRow = {
    runId: 'r',
    unitId: '1/global/iam',
    spec: spec('1/global/iam', ['aws_iam_role']),
    state: 'pending',
  };
  const merged = mergeUnits([done, failed, pending], undefined);
  assert.equal(merged.done, 1);
  assert.equal(merged.unfinished, 2);
  assert.deepEqual(merged.observation.apiCalls, { 'ec2:DescribeVpcs': 1 });
  assert.deepEqual(
    merged.observation.snapshot.incompleteScopes.map((s) => [s.type, s.region, s.code]),
    [
      ['aws_iam_role', 'global', 'timeout'],
      ['aws_subnet', 'us-east-1', 'error'],
      ['aws_vpc', 'us-east-1', 'error'],
    ],
  );
  assert.match(merged.observation.snapshot.incompleteScopes[1]!.reason, /failed on every attempt \(3\): boom/);
});

test('secrets: digested the same way on both sides, unset values kept, other values untouched', () => {
  const resource = {
    address: 'aws_db_instance.a',
    mode: 'managed' as const,
    type: 'aws_db_instance',
    provider: 'aws',
    id: 'a',
    attributes: { password: 'hunter2', engine: 'postgres', nested: { secret_key: 'k' }, master_password: '' },
    sensitivePaths: [],
    dependencies: [],
    environment: 'default',
    source: 'x',
  };
  const one = digestSecrets(resource, 'salt', ['password']);
  const two = digestSecrets({ ...resource }, 'salt', ['password']);
  assert.deepEqual(one.attributes, two.attributes);
  assert.match(String(one.attributes['password']), /^sha256-digest:[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(one).includes('hunter2'));
  assert.equal(one.attributes['engine'], 'postgres');
  assert.equal(one.attributes['master_password'], '');
  assert.notEqual(digestSecrets(resource, 'other', ['password']).attributes['password'], one.attributes['password']);
});

test('a spec naming no account is labelled as the local observer labels it: the record’s one account, else unknown', () => {
  const one = planUnits({ accounts: [{}], regions: ['eu-west-1'], entries, recordedAccounts: ['123456789012'] });
  assert.ok(one.every((u) => u.accountLabel === '123456789012'));
  assert.deepEqual(one[0]!.recordedAccounts, ['123456789012'], 'the worker labels STS failures the same way');
  const many = planUnits({
    accounts: [{ profile: 'p' }],
    regions: ['eu-west-1'],
    entries,
    recordedAccounts: ['123456789012', '210987654321'],
  });
  assert.ok(many.every((u) => u.accountLabel === 'unknown'));
  assert.deepEqual(
    many.map((u) => u.id),
    ['p/eu-west-1/ec2', 'p/global/iam'],
  );
  const named = planUnits({ accounts: [{ account: '1' }], regions: ['eu-west-1'], entries, recordedAccounts: ['2'] });
  assert.ok(named.every((u) => u.accountLabel === '1' && u.recordedAccounts === undefined));
});

test('the existence tier: one tagging unit per (account, region), concluded at merge; a failed one is unchecked', () => {
  const units = planUnits({
    accounts: [{ account: '111111111111' }],
    regions: ['eu-west-1'],
    entries,
    existence: true,
  });
  const tagging = units.filter((u) => u.kind === 'tagging');
  assert.deepEqual(
    tagging.map((u) => [u.id, u.types.length]),
    [['111111111111/eu-west-1/tagging', 0]],
  );
  const recorded = ['present', 'gone'].map((name) => ({
    address: `aws_vpn_connection.${name}`,
    mode: 'managed' as const,
    type: 'aws_vpn_connection',
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    id: `vpn-${name}`,
    account: '111111111111',
    region: 'eu-west-1',
    attributes: { arn: `arn:aws:ec2:eu-west-1:111111111111:vpn-connection/vpn-${name}` },
    sensitivePaths: [],
    dependencies: [],
    environment: 'default',
    source: 'state',
  }));
  const row = (state: 'done' | 'failed', result?: unknown): ScanUnitRow => ({
    runId: 'r',
    unitId: tagging[0]!.id,
    spec: tagging[0]!,
    state,
    ...(result ? { result } : { attempt: 3, reason: 'boom' }),
  });
  const listing = {
    account: '111111111111',
    region: 'eu-west-1',
    arns: ['arn:aws:ec2:eu-west-1:111111111111:vpn-connection/vpn-present'],
  };
  const empty = { resources: [], completeScopes: [], incompleteScopes: [], expectedUnmanaged: [], apiCalls: {} };
  const seen = mergeUnits([row('done', { ...empty, listings: [listing] })], undefined, { recorded });
  assert.deepEqual(
    seen.observation.snapshot.resources.map((r) => [r.id, r.fidelity]),
    [['vpn-present', 'existence']],
  );
  assert.deepEqual(
    seen.observation.snapshot.existenceScopes?.map((s) => [s.type, s.account, s.region]),
    [['aws_vpn_connection', '111111111111', 'eu-west-1']],
  );
  const failed = mergeUnits([row('failed')], undefined, { recorded });
  assert.deepEqual(failed.observation.snapshot.resources, []);
  assert.deepEqual(failed.observation.snapshot.existenceScopes, []);
  assert.deepEqual(
    failed.observation.snapshot.incompleteScopes.map((s) => [s.type, s.account, s.region, s.code]).sort(),
    [
      ['aws_vpn_connection', '111111111111', 'eu-west-1', 'error'],
      ['tagged resources (existence tier)', '111111111111', 'eu-west-1', 'error'],
    ],
  );
});

test('merge: units not finished when the scan was stopped are unchecked with code stopped', () => {
  const pending: ScanUnitRow = {
    runId: 'r',
    unitId: '1/eu-west-1/ec2',
    spec: spec('1/eu-west-1/ec2', ['aws_vpc']),
    state: 'pending',
  };
  const merged = mergeUnits([pending], undefined, { stopped: true });
  assert.deepEqual(
    merged.observation.snapshot.incompleteScopes.map((s) => [s.type, s.code]),
    [['aws_vpc', 'stopped']],
  );
  assert.match(merged.observation.snapshot.incompleteScopes[0]!.reason, /not finished when the scan was stopped/);
});
