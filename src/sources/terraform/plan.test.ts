import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DriftwardenError } from '../../model/errors.js';
import type { Resource, Snapshot } from '../../model/resource.js';
import { fixture } from '../../../test/support/paths.js';
import { applyAction, parsePlan } from './plan.js';

function load(rel: string) {
  const path = fixture(`hashicorp-terraform/${rel}`);
  return parsePlan(readFileSync(path, 'utf8'), { source: path, environment: 'prod' });
}

function byAddress(snapshot: Snapshot): Map<string, Resource> {
  return new Map(snapshot.resources.map((r) => [r.address, r]));
}

/** Addresses whose attributes differ between the two sides, or that exist on one side only. */
function differing(plan: ReturnType<typeof parsePlan>): string[] {
  const recorded = byAddress(plan.recorded);
  const observed = byAddress(plan.observed);
  const out = new Set<string>();
  for (const [address, resource] of recorded) {
    const other = observed.get(address);
    if (!other || JSON.stringify(other.attributes) !== JSON.stringify(resource.attributes)) out.add(address);
  }
  for (const address of observed.keys()) if (!recorded.has(address)) out.add(address);
  return [...out].sort();
}

test('drift (format 1.0): recorded holds the pre-refresh value, observed the refreshed one; only the drifted resource differs', () => {
  const plan = load('show-json/drift/output.json');
  assert.equal(plan.formatVersion, '1.0');
  assert.equal(plan.observed.layer, 'observed');
  assert.equal(plan.observed.refreshOfRecord, true);
  assert.deepEqual(plan.observed.completeScopes, []);
  assert.equal(plan.recorded.layer, 'recorded');
  assert.equal(byAddress(plan.recorded).get('test_instance.should_refresh')?.attributes['ami'], 'refresh-me');
  assert.equal(byAddress(plan.observed).get('test_instance.should_refresh')?.attributes['ami'], 'refreshed');
  assert.deepEqual(differing(plan), ['test_instance.should_refresh']);
  // test_instance.no_refresh is updated by the apply (a code change), which is not drift.
  assert.equal(plan.impacts.get('test_instance.no_refresh')?.action, 'update');
  assert.equal(plan.impacts.get('test_instance.should_refresh')?.source, 'plan');
  const resource = byAddress(plan.recorded).get('test_instance.should_refresh');
  assert.equal(resource?.provider, 'provider["registry.terraform.io/hashicorp/test"]');
  assert.equal(resource?.environment, 'prod');
});

test('moved-drift: drift on a moved resource is keyed by its new address and records the move', () => {
  const plan = load('show-json/moved-drift/output.json');
  assert.deepEqual(differing(plan), ['test_instance.should_refresh_with_move']);
  assert.equal(byAddress(plan.recorded).get('test_instance.should_refresh_with_move')?.attributes['ami'], 'refresh-me');
  assert.deepEqual(plan.moves, [
    { from: 'test_instance.should_refresh', to: 'test_instance.should_refresh_with_move' },
  ]);
  assert.equal(plan.impacts.size, 2);
});

test('requires-replace: no drift, replace impact with replace_paths and action_reason', () => {
  const plan = load('show-json/requires-replace/output.json');
  assert.deepEqual(differing(plan), []);
  assert.deepEqual(plan.impacts.get('test_instance.test'), {
    action: 'replace',
    replacePaths: ['ami'],
    reason: 'replace_because_cannot_update',
    source: 'plan',
  });
});

test('replace_within_object: a nested replace path is formatted object.id', () => {
  const plan = load('equivalence-tests/replace_within_object/plan.json');
  assert.deepEqual(differing(plan), []);
  assert.deepEqual(plan.impacts.get('tfcoremock_object.object')?.replacePaths, ['object.id']);
  assert.equal(plan.impacts.get('tfcoremock_object.object')?.action, 'replace');
});

test('drift_simple (format 1.2): one drifted string, updated back by the apply', () => {
  const plan = load('equivalence-tests/drift_simple/plan.json');
  assert.equal(plan.formatVersion, '1.2');
  assert.deepEqual(differing(plan), ['tfcoremock_simple_resource.drift']);
  assert.equal(byAddress(plan.recorded).get('tfcoremock_simple_resource.drift')?.attributes['string'], 'Hello, world!');
  assert.equal(byAddress(plan.observed).get('tfcoremock_simple_resource.drift')?.attributes['string'], 'Hello, drift!');
  assert.equal(plan.impacts.get('tfcoremock_simple_resource.drift')?.action, 'update');
});

test('drift_relevant_attributes: .dependent is updated by the apply but is not drift', () => {
  const plan = load('equivalence-tests/drift_relevant_attributes/plan.json');
  assert.deepEqual(differing(plan), ['tfcoremock_simple_resource.base']);
  assert.equal(plan.impacts.get('tfcoremock_simple_resource.dependent')?.action, 'update');
});

test('drift_refresh_only: no resource_changes key at all, drift still read, no impacts', () => {
  const plan = load('equivalence-tests/drift_refresh_only/plan.json');
  assert.deepEqual(differing(plan), ['tfcoremock_simple_resource.drift']);
  assert.equal(plan.impacts.size, 0);
});

test('moved_with_refresh_only: a no-op drift entry with previous_address is a move, 0 drifted resources', () => {
  const plan = load('equivalence-tests/moved_with_refresh_only/plan.json');
  assert.deepEqual(differing(plan), []);
  assert.equal(plan.recorded.resources.length, 1);
  assert.deepEqual(plan.moves, [{ from: 'tfcoremock_simple_resource.first', to: 'tfcoremock_simple_resource.second' }]);
});

test('a resource deleted outside Terraform is recorded but absent from the observation; masks mark both sides', () => {
  const text = JSON.stringify({
    format_version: '1.1',
    prior_state: {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [],
          child_modules: [
            {
              address: 'module.db',
              resources: [
                {
                  address: 'module.db.aws_db_instance.kept',
                  mode: 'managed',
                  type: 'aws_db_instance',
                  name: 'kept',
                  provider_name: 'registry.terraform.io/hashicorp/aws',
                  values: { id: 'kept', arn: 'arn:aws:rds:eu-west-1:111111111111:db:kept', password: 'p' },
                  sensitive_values: { password: true },
                },
              ],
            },
          ],
        },
      },
    },
    resource_drift: [
      {
        address: 'aws_security_group.gone',
        mode: 'managed',
        type: 'aws_security_group',
        name: 'gone',
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: {
          actions: ['delete'],
          before: { id: 'sg-1', tags: { Token: 't' } },
          after: null,
          before_sensitive: { tags: { Token: true } },
          after_sensitive: false,
        },
      },
    ],
    resource_changes: [
      {
        address: 'aws_security_group.gone',
        mode: 'managed',
        type: 'aws_security_group',
        name: 'gone',
        change: { actions: ['create'] },
      },
      { address: 'data.aws_ami.x', mode: 'data', type: 'aws_ami', name: 'x', change: { actions: ['read'] } },
    ],
  });
  const plan = parsePlan(text, { source: 'plan.json' });
  const recorded = byAddress(plan.recorded);
  const observed = byAddress(plan.observed);
  assert.deepEqual([...recorded.keys()].sort(), ['aws_security_group.gone', 'module.db.aws_db_instance.kept']);
  assert.deepEqual([...observed.keys()], ['module.db.aws_db_instance.kept']);
  assert.deepEqual(recorded.get('aws_security_group.gone')?.sensitivePaths, [['tags', 'Token']]);
  assert.deepEqual(observed.get('module.db.aws_db_instance.kept')?.sensitivePaths, [['password']]);
  assert.deepEqual(recorded.get('module.db.aws_db_instance.kept')?.sensitivePaths, [['password']]);
  assert.deepEqual(
    [observed.get('module.db.aws_db_instance.kept')?.account, observed.get('module.db.aws_db_instance.kept')?.region],
    ['111111111111', 'eu-west-1'],
  );
  assert.equal(plan.impacts.get('aws_security_group.gone')?.action, 'create');
  assert.equal(plan.impacts.has('data.aws_ami.x'), false);
});

test('apply actions map as Terraform defines them', () => {
  assert.equal(applyAction(['update']), 'update');
  assert.equal(applyAction(['delete', 'create']), 'replace');
  assert.equal(applyAction(['create', 'delete']), 'replace');
  assert.equal(applyAction(['delete']), 'delete');
  assert.equal(applyAction(['no-op']), 'no-op');
  assert.equal(applyAction(['forget']), 'unknown');
});

test('format versions: 0.x accepted, 2.x rejected naming the file; not JSON is input.parse', () => {
  assert.equal(parsePlan('{"format_version":"0.1"}', { source: 'old.json' }).recorded.resources.length, 0);
  assert.throws(
    () => parsePlan('{"format_version":"2.0"}', { source: 'future.json' }),
    (err: unknown) =>
      err instanceof DriftwardenError && err.code === 'input.unsupported-version' && err.details.file === 'future.json',
  );
  assert.throws(
    () => parsePlan('{"format_version":', { source: 'cut.json' }),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'input.parse',
  );
  assert.throws(
    () => parsePlan('{}', { source: 'x.json' }),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'input.invalid',
  );
  assert.throws(
    () => parsePlan('{"format_version":"1.0","resource_drift":{}}', { source: 'x.json' }),
    (err: unknown) => err instanceof DriftwardenError && err.details.key === 'resource_drift',
  );
});

describe('plan structure', () => {
  const valid = () =>
    JSON.parse(readFileSync(fixture('hashicorp-terraform/show-json/drift/output.json'), 'utf8')) as Record<
      string,
      unknown
    > & { resource_changes: Array<Record<string, unknown> & { change: Record<string, unknown> }> };
  const fail = (doc: unknown): DriftwardenError => {
    try {
      parsePlan(JSON.stringify(doc), { source: 'plan.json' });
    } catch (err) {
      assert.ok(err instanceof DriftwardenError, String(err));
      return err;
    }
    assert.fail('a broken plan must not parse');
  };

  test('every real plan in the shared fixtures passes', () => {
    const plans = [
      'hashicorp-terraform/show-json/drift/output.json',
      'hashicorp-terraform/show-json/moved-drift/output.json',
      'hashicorp-terraform/show-json/requires-replace/output.json',
      ...[
        'drift_simple',
        'drift_relevant_attributes',
        'drift_refresh_only',
        'moved_with_refresh_only',
        'replace_within_object',
      ].map((name) => `hashicorp-terraform/equivalence-tests/${name}/plan.json`),
    ];
    for (const rel of plans) parsePlan(readFileSync(fixture(rel), 'utf8'), { source: rel });
  });

  test('prior_state as a string, an unknown action, an empty address: input.invalid with the JSON path', () => {
    const cases: Array<[string, (doc: ReturnType<typeof valid>) => void, string, RegExp]> = [
      [
        'prior_state as a string',
        (d) => (d['prior_state'] = 'oops'),
        'prior_state',
        /expected an object, found the string "oops"/,
      ],
      [
        'unknown action',
        (d) => (d.resource_changes[0]!.change['actions'] = ['explode']),
        'resource_changes[0].change.actions[0]',
        /unknown action "explode"/,
      ],
      [
        'empty address',
        (d) => (d.resource_changes[1]!['address'] = ''),
        'resource_changes[1].address',
        /must not be empty/,
      ],
      [
        'actions not a list',
        (d) => (d.resource_changes[0]!.change['actions'] = 'update'),
        'resource_changes[0].change.actions',
        /expected a list/,
      ],
      [
        'bad mode',
        (d) => (d.resource_changes[0]!['mode'] = 'magic'),
        'resource_changes[0].mode',
        /"managed" or "data"/,
      ],
      [
        'resource_changes not a list',
        (d) => ((d as Record<string, unknown>)['resource_changes'] = {}),
        'resource_changes',
        /expected a list/,
      ],
      [
        'prior_state resource without type',
        (d) => {
          const values = (
            d['prior_state'] as { values: { root_module: { resources: Array<Record<string, unknown>> } } }
          ).values;
          delete values.root_module.resources[0]!['type'];
        },
        'prior_state.values.root_module.resources[0].type',
        /expected a string/,
      ],
      [
        'impossible action list',
        (d) => (d.resource_changes[0]!.change['actions'] = ['update', 'delete']),
        'resource_changes[0].change.actions',
        /not an action list/,
      ],
    ];
    for (const [name, breakIt, key, message] of cases) {
      const doc = valid();
      breakIt(doc);
      const err = fail(doc);
      assert.equal(err.code, 'input.invalid', name);
      assert.equal(err.details.key, key, name);
      assert.match(err.message, message, name);
      assert.equal(err.details.file, 'plan.json', name);
    }
  });
});
