import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tier } from '../config/schema.js';
import type { CollectedEntry } from './collect.js';
import { buildMatrix, versionFindings, type EnvironmentPins } from './compare.js';
import type { ItemCategory, VersionEnvironment } from '../model/versions.js';

function env(
  name: string,
  tier: Tier,
  pins: Record<string, string | null>,
  assessed: Partial<VersionEnvironment> = {},
): EnvironmentPins {
  const environment: VersionEnvironment = {
    name,
    path: `/repo/live/${name}`,
    tier,
    tierSource: 'name',
    codeAssessed: true,
    providersAssessed: true,
    ...assessed,
  };
  const entries = new Map<string, CollectedEntry>();
  for (const [key, value] of Object.entries(pins)) {
    const [category, address] = key.split(':') as [ItemCategory, string];
    const file = `/repo/live/${name}/main.tf`;
    entries.set(key, {
      category,
      address,
      cell:
        value === null
          ? { state: 'unpinned', file }
          : { state: 'pinned', value, source: 'terraform-aws-modules/vpc/aws', file },
    });
  }
  return { environment, entries };
}

function analyse(pins: EnvironmentPins[]) {
  const items = buildMatrix(pins);
  return {
    items,
    findings: versionFindings(
      pins.map((p) => p.environment),
      items,
    ),
  };
}

test('production differing from what staging validated is high, and names every value', () => {
  const { findings } = analyse([
    env('dev', 'development', { 'module:module.vpc': '5.8.1' }),
    env('staging', 'staging', { 'module:module.vpc': '5.5.0' }),
    env('prod', 'production', { 'module:module.vpc': '5.1.2' }),
  ]);
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding?.kind, 'version');
  assert.equal(finding?.severity, 'high');
  assert.equal(finding?.environment, 'prod');
  assert.match(finding?.summary ?? '', /dev 5\.8\.1, staging 5\.5\.0, prod 5\.1\.2/);
  assert.deepEqual(
    finding?.changes.map((c) => [c.path, c.recorded, c.observed]),
    [
      ['prod', '5.5.0', '5.1.2'],
      ['dev', '5.5.0', '5.8.1'],
    ],
  );
  assert.match(finding?.reasons[0] ?? '', /production prod has 5\.1\.2, staging validated 5\.5\.0/);
});

test('production equal to staging while dev differs is medium; no staging at all is medium', () => {
  const devAhead = analyse([
    env('dev', 'development', { 'image:module.app.image': '1.8.0' }),
    env('staging', 'staging', { 'image:module.app.image': '1.7.2' }),
    env('prod', 'production', { 'image:module.app.image': '1.7.2' }),
  ]);
  assert.equal(devAhead.findings[0]?.severity, 'medium');
  assert.equal(devAhead.findings[0]?.environment, 'dev');
  const noStaging = analyse([
    env('dev', 'development', { 'ami:aws_instance.a.ami': 'ami-11111111' }),
    env('prod', 'production', { 'ami:aws_instance.a.ami': 'ami-22222222' }),
  ]);
  assert.equal(noStaging.findings[0]?.severity, 'medium');
  assert.match(noStaging.findings[0]?.reasons[0] ?? '', /no staging environment/);
});

test('agreement is no finding; an item only some environments have is absent, not drift', () => {
  const { items, findings } = analyse([
    env('dev', 'development', { 'module:module.vpc': '5.5.0', 'module:module.new': '1.0.0' }),
    env('staging', 'staging', { 'module:module.vpc': '5.5.0' }),
    env('prod', 'production', { 'module:module.vpc': '5.5.0' }),
  ]);
  assert.deepEqual(findings, []);
  assert.deepEqual(items.find((i) => i.address === 'module.new')?.cells['prod'], { state: 'absent' });
});

test('unpinned everywhere is low; unpinned in production only is a disagreement', () => {
  const low = analyse([
    env('dev', 'development', { 'module:module.x': null }),
    env('prod', 'production', { 'module:module.x': null }),
  ]);
  assert.equal(low.findings[0]?.severity, 'low');
  assert.match(low.findings[0]?.summary ?? '', /not pinned in prod, dev/);
  const high = analyse([
    env('staging', 'staging', { 'module:module.x': '1.0.0' }),
    env('prod', 'production', { 'module:module.x': null }),
  ]);
  assert.equal(high.findings[0]?.severity, 'high');
  assert.match(high.findings[0]?.summary ?? '', /prod \(unpinned\)/);
});

test('an environment without a lock file is not assessed for providers, and the finding says so', () => {
  const { items, findings } = analyse([
    env('dev', 'development', { 'provider:registry.terraform.io/hashicorp/aws': '5.46.0' }),
    env('staging', 'staging', { 'provider:registry.terraform.io/hashicorp/aws': '5.40.0' }),
    env('prod', 'production', {}, { providersAssessed: false }),
  ]);
  assert.deepEqual(items[0]?.cells['prod'], { state: 'not-assessed', reason: 'no readable lock file' });
  assert.equal(findings[0]?.severity, 'medium');
  assert.ok(findings[0]?.reasons.some((r) => /not assessed in prod: no readable lock file/.test(r)));
});

test('finding ids are stable and do not depend on values', () => {
  const one = analyse([
    env('a', 'staging', { 'module:module.vpc': '1' }),
    env('b', 'production', { 'module:module.vpc': '2' }),
  ]);
  const two = analyse([
    env('a', 'staging', { 'module:module.vpc': '3' }),
    env('b', 'production', { 'module:module.vpc': '4' }),
  ]);
  assert.equal(one.findings[0]?.id, two.findings[0]?.id);
});
