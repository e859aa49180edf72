import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, ownFixture } from '../../../test/support/paths.js';
import { configAddressOf, loadRecorded } from './index.js';

test('one state with code: providers place ARN-less resources, ignore_changes is keyed by config address', async () => {
  const loaded = await loadRecorded({
    states: [{ location: ownFixture('terraform/states/aliased-providers.tfstate'), environment: 'prod' }],
    codeDir: ownFixture('terraform/code'),
  });
  const record = loaded.recorded.resources.find((r) => r.address === 'aws_route53_record.replica');
  assert.deepEqual([record?.account, record?.region, record?.environment], ['222222222222', 'eu-west-1', 'prod']);
  const db = loaded.recorded.resources.find((r) => r.type === 'aws_db_instance');
  assert.deepEqual(loaded.ignoreChanges.get(configAddressOf(db?.address ?? '')), ['all']);
  assert.equal(loaded.recorded.layer, 'recorded');
  assert.equal(loaded.observedFromPlan, undefined);
  assert.equal(loaded.impacts.size, 0);
  assert.ok(loaded.sources[0]?.endsWith('aliased-providers.tfstate'));
  assert.ok(loaded.sources.some((s) => s.endsWith('modules/net/main.tf')));
});

test('two states are merged with labels; a plan adds its own pair of snapshots and impacts', async () => {
  const loaded = await loadRecorded({
    states: [
      { location: ownFixture('terraform/states/aliased-providers.tfstate') },
      { location: ownFixture('terraform/states/modules-for-each.tfstate'), label: 'network' },
    ],
    plan: fixture('hashicorp-terraform/show-json/requires-replace/output.json'),
  });
  assert.deepEqual(loaded.labels, ['aliased-providers', 'network']);
  assert.ok(loaded.recorded.resources.some((r) => r.address === 'network/module.network.aws_vpc.this'));
  assert.ok(loaded.recorded.resources.every((r) => r.address.includes('/')));
  assert.equal(loaded.observedFromPlan?.refreshOfRecord, true);
  assert.equal(loaded.impacts.get('test_instance.test')?.action, 'replace');
  assert.equal(loaded.sources.length, 3);
});

test('only a plan: the plan record is the recorded snapshot', async () => {
  const loaded = await loadRecorded({
    states: [],
    plan: fixture('hashicorp-terraform/equivalence-tests/drift_simple/plan.json'),
  });
  assert.equal(loaded.recorded, loaded.planRecorded);
  assert.equal(loaded.recorded.resources[0]?.attributes['string'], 'Hello, world!');
});
