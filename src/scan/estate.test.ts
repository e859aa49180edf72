import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estateOf, observationOf } from './estate.js';
import type { ScanOptions } from './run.js';

const base: ScanOptions = { states: [], ignoreFiles: [], strict: false };

test('the same inputs are the same estate; another plan, state, region or account is another', () => {
  const plan = { ...base, plan: '/work/a/plan.json' };
  assert.equal(estateOf(plan).key, estateOf({ ...plan }).key);
  assert.notEqual(estateOf(plan).key, estateOf({ ...base, plan: '/work/b/plan.json' }).key);
  const live = {
    ...base,
    states: [{ location: 's3://b/prod.tfstate' }],
    aws: { regions: ['eu-west-1'], accounts: [] },
  };
  assert.notEqual(estateOf(live).key, estateOf({ ...live, aws: { regions: ['us-east-1'], accounts: [] } }).key);
  assert.notEqual(
    estateOf(live).key,
    estateOf({ ...live, aws: { regions: ['eu-west-1'], accounts: [{ account: '123456789012' }] } }).key,
  );
  // Narrowing by type observes less of the same estate; it is not another estate.
  assert.equal(estateOf(live).key, estateOf({ ...live, aws: { ...live.aws, types: ['aws_instance'] } }).key);
  assert.equal(
    estateOf({ ...live, aws: { regions: ['eu-west-1', 'us-east-1'], accounts: [] } }).key,
    estateOf({ ...live, aws: { regions: ['us-east-1', 'eu-west-1', 'us-east-1'], accounts: [] } }).key,
    'order and repetition do not matter',
  );
});

test('credentials in a state URL never reach the estate label', () => {
  const estate = estateOf({ ...base, states: [{ location: 'https://ci:s3cret@state.example.com/prod?token=abc' }] });
  assert.doesNotMatch(estate.label, /s3cret|abc/);
  assert.match(estate.label, /https:\/\/state\.example\.com\/prod/);
});

test('what a scan observed: a plan refresh, listed scopes, or nothing', () => {
  assert.deepEqual(observationOf(undefined), { kind: 'none' });
  const scopes = [{ type: 'aws_instance', account: '1', region: 'eu-west-1' }];
  assert.deepEqual(observationOf({ layer: 'observed', resources: [], completeScopes: scopes, incompleteScopes: [] }), {
    kind: 'scopes',
    complete: scopes,
  });
  assert.deepEqual(
    observationOf({
      layer: 'observed',
      resources: [],
      completeScopes: [],
      incompleteScopes: [],
      refreshOfRecord: true,
    }),
    { kind: 'refresh-of-record' },
  );
});
