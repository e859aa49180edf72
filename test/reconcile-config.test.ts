/** The `reconcile:` section of driftwarden.yaml: defaults, resolution, and messages naming the key. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../src/config/load.js';
import { reconcileSettings } from '../src/config/schema.js';
import { DriftwardenError } from '../src/model/errors.js';

const base = 'environments:\n  prod: { tier: production, mode: enforce }\n  dev: { tier: development }\n';

function problem(text: string): DriftwardenError {
  try {
    parseConfig(base + text, '/tmp/driftwarden.yaml');
  } catch (err) {
    assert.ok(err instanceof DriftwardenError);
    return err;
  }
  assert.fail('expected a config error');
}

test('defaults when there is no reconcile section', () => {
  const config = parseConfig(base, '/tmp/driftwarden.yaml');
  assert.deepEqual(reconcileSettings(config).prune, []);
  assert.equal(reconcileSettings(config).revertInstanceType, false);
  assert.equal(reconcileSettings(undefined).maxActionsPerRun, 20);
});

test('strategies, prune, instance type opt-in, budget, threshold and interval resolve', () => {
  const config = parseConfig(
    `${base}reconcile:\n  strategies:\n    - { environment: dev, type: aws_instance, kind: configuration, strategy: codify }\n  prune:\n    - { environment: dev, types: [aws_ebs_volume, aws_ebs_*] }\n  revert_instance_type: [dev]\n  max_actions_per_run: 3\n  approval_above: 50\n  interval: 2s\n`,
    '/tmp/driftwarden.yaml',
  );
  const settings = reconcileSettings(config);
  assert.deepEqual(settings.strategies, [
    { environment: 'dev', type: 'aws_instance', kind: 'configuration', strategy: 'codify' },
  ]);
  assert.deepEqual(settings.prune, [{ environment: 'dev', types: ['aws_ebs_volume', 'aws_ebs_*'] }]);
  assert.deepEqual(settings.revertInstanceType, ['dev']);
  assert.equal(settings.maxActionsPerRun, 3);
  assert.equal(settings.approvalAbove, 50);
  assert.equal(settings.intervalMs, 2000);
});

test('an invalid strategy names its key and line', () => {
  const err = problem('reconcile:\n  strategies:\n    - { strategy: destroy }\n');
  assert.equal(err.code, 'config.invalid');
  assert.match(err.describe(), /reconcile\.strategies\[0\]\.strategy/);
  assert.equal(err.details.line, 6);
});

test('an unknown environment in a prune rule names its key', () => {
  const err = problem('reconcile:\n  prune:\n    - { environment: staging, types: [aws_ebs_volume] }\n');
  assert.match(err.describe(), /unknown environment "staging"/);
  assert.match(err.describe(), /reconcile\.prune\[0\]\.environment/);
});

test('a budget of zero and an unknown key are rejected', () => {
  assert.match(problem('reconcile:\n  max_actions_per_run: 0\n').describe(), /max_actions_per_run/);
  assert.match(problem('reconcile:\n  prune_everything: true\n').describe(), /prune_everything/);
});
