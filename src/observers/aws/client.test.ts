import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountOfRoleArn, ApiCallCounter, memoizeCredentials } from './client.js';
import { matchesTagFilters, selectEntries } from './observe.js';
import { CATALOGUE } from './catalogue/index.js';
import { DriftwardenError } from '../../model/errors.js';
import { terraformHashcode } from './mapping.js';

test('ApiCallCounter counts per key and serializes sorted', () => {
  const counter = new ApiCallCounter();
  counter.increment('ec2:DescribeVpcs');
  counter.increment('autoscaling:DescribeAutoScalingGroups');
  counter.increment('ec2:DescribeVpcs', 2);
  assert.deepEqual(counter.toJSON(), { 'autoscaling:DescribeAutoScalingGroups': 1, 'ec2:DescribeVpcs': 3 });
  assert.equal(counter.total, 4);
});

test('credentials resolve once and are shared until close to expiry', async () => {
  let calls = 0;
  const provider = memoizeCredentials(async () => ({
    accessKeyId: `k${++calls}`,
    secretAccessKey: 's',
    expiration: new Date(Date.now() + 3_600_000),
  }));
  await Promise.all([provider(), provider(), provider()]);
  assert.equal(calls, 1);
  let expiring = 0;
  const soon = memoizeCredentials(async () => ({
    accessKeyId: `k${++expiring}`,
    secretAccessKey: 's',
    expiration: new Date(Date.now() + 1000),
  }));
  await soon();
  assert.equal((await soon()).accessKeyId, 'k2', 'refreshed when about to expire');
});

test('account of a role ARN; unknown --type is a usage error naming the known types', () => {
  assert.equal(accountOfRoleArn('arn:aws:iam::111111111111:role/scan'), '111111111111');
  assert.equal(accountOfRoleArn('nonsense'), undefined);
  assert.equal(selectEntries(CATALOGUE, ['aws_vpc']).length, 1);
  assert.equal(selectEntries(CATALOGUE, undefined).length, CATALOGUE.length);
  assert.throws(
    () => selectEntries(CATALOGUE, ['aws_vpcc']),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'usage' && /aws_vpcc/.test(err.message),
  );
});

test('tag filters read tags_all, or the tag set of an Auto Scaling group', () => {
  assert.ok(matchesTagFilters({ id: 'a', attributes: { tags_all: { team: 'core', env: 'prod' } } }, { team: 'core' }));
  assert.ok(!matchesTagFilters({ id: 'a', attributes: { tags_all: { team: 'data' } } }, { team: 'core' }));
  assert.ok(!matchesTagFilters({ id: 'a', attributes: {} }, { team: 'core' }));
  assert.ok(matchesTagFilters({ id: 'a', attributes: {} }, undefined));
  assert.ok(
    matchesTagFilters(
      { id: 'g', attributes: { tag: [{ key: 'team', value: 'core', propagate_at_launch: true }] } },
      { team: 'core' },
    ),
  );
});

test('terraformHashcode is CRC-32 (IEEE)', () => {
  assert.equal(terraformHashcode(''), 0);
  assert.equal(terraformHashcode('123456789'), 0xcbf43926);
});
