import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.js';
import { DriftwardenError } from '../model/errors.js';
import { parseEnvironmentSpecs, resolveTier } from './environments.js';

test('environments are named after their folder, or NAME=PATH', () => {
  assert.deepEqual(parseEnvironmentSpecs(['live/prod', 'blue=live/staging'], '/repo'), [
    { name: 'prod', path: '/repo/live/prod' },
    { name: 'blue', path: '/repo/live/staging' },
  ]);
  assert.throws(
    () => parseEnvironmentSpecs(['a/prod', 'b/prod'], '/repo'),
    (err: unknown) => err instanceof DriftwardenError && /NAME=PATH/.test(err.details.nextStep ?? ''),
  );
  assert.throws(() => parseEnvironmentSpecs([], '/repo'), DriftwardenError);
});

test('tiers: from the config when the name matches, else from the name', () => {
  assert.deepEqual(resolveTier('prod', undefined), { tier: 'production', source: 'name' });
  assert.deepEqual(resolveTier('eu-production', undefined), { tier: 'production', source: 'name' });
  assert.deepEqual(resolveTier('preprod', undefined), { tier: 'staging', source: 'name' });
  assert.deepEqual(resolveTier('stage', undefined), { tier: 'staging', source: 'name' });
  assert.deepEqual(resolveTier('dev', undefined), { tier: 'development', source: 'name' });
  assert.deepEqual(resolveTier('blue', undefined), { tier: 'development', source: 'default' });
  const config = parseConfig(
    'environments:\n  blue:\n    tier: production\n  prod:\n    tier: staging\n',
    '/repo/driftwarden.yaml',
  );
  assert.deepEqual(resolveTier('blue', config), { tier: 'production', source: 'config' });
  assert.deepEqual(resolveTier('prod', config), { tier: 'staging', source: 'config' });
});
