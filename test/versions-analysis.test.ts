/**
 * The version analysis on a realistic layout (test/fixtures/versions: live/dev, live/staging,
 * live/prod calling shared local modules, registry and Git modules, real-format lock files), with
 * the real HCL parser. The bad-input cases: an HCL syntax error, a missing and a broken lock file,
 * an environment path that does not exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeVersions } from '../src/versions/analyze.js';
import { parseEnvironmentSpecs } from '../src/versions/environments.js';
import type { VersionReport } from '../src/model/versions.js';
import { cellText } from '../src/versions/cells.js';
import { ownFixture } from './support/paths.js';

const root = ownFixture('versions');

async function analyse(...paths: string[]): Promise<VersionReport> {
  return analyzeVersions(parseEnvironmentSpecs(paths, root), { toolVersion: '0.0.0-test' });
}

function row(report: VersionReport, key: string): string[] {
  const item = report.items.find((i) => i.key === key);
  assert.ok(item, `matrix has ${key}: ${report.items.map((i) => i.key).join(', ')}`);
  return report.environments.map((env) => cellText(item.cells[env.name]));
}

test('the matrix holds module, provider, Terraform, AMI and image pins per environment', async () => {
  const report = await analyse('live/dev', 'live/staging', 'live/prod');
  assert.deepEqual(
    report.environments.map((e) => [e.name, e.tier]),
    [
      ['dev', 'development'],
      ['staging', 'staging'],
      ['prod', 'production'],
    ],
  );
  assert.deepEqual(row(report, 'module:module.vpc'), ['5.8.1', '5.5.0', '5.1.2']);
  assert.deepEqual(row(report, 'module:module.alarms'), ['v1.4.0', 'v1.4.0', 'v1.3.2']);
  assert.deepEqual(row(report, 'provider:registry.terraform.io/hashicorp/aws'), ['5.46.0', '5.40.0', '5.31.0']);
  assert.deepEqual(row(report, 'provider:registry.terraform.io/hashicorp/random'), ['3.6.0', '3.6.0', '3.6.0']);
  assert.deepEqual(row(report, 'required_version:required_version'), ['>= 1.6.0', '>= 1.5.0', '>= 1.5.0']);
  assert.deepEqual(row(report, 'required_provider:required_providers.aws'), ['~> 5.0', '~> 5.0', '~> 5.0']);
  assert.deepEqual(row(report, 'ami:aws_instance.bastion.ami'), [
    'ami-0a1b2c3d4e5f60718',
    'ami-0a1b2c3d4e5f60718',
    'ami-0f9e8d7c6b5a40321',
  ]);
  assert.deepEqual(row(report, 'image:module.app.image'), ['1.8.0', '1.7.2', '1.7.2']);
  assert.deepEqual(row(report, 'module:module.flow_logs'), ['(unpinned)', '-', '-']);
});

test('local modules are followed: nested pins appear under their module path', async () => {
  const report = await analyse('live/dev', 'live/staging', 'live/prod');
  assert.deepEqual(row(report, 'module:module.app.module.db'), ['local', 'local', 'local']);
  assert.deepEqual(row(report, 'module:module.app.module.db.module.rds'), ['6.3.0', '6.3.0', '6.3.0']);
  assert.deepEqual(row(report, 'module:module.app.module.db.module.backup'), ['1.0.0', '1.0.0', '1.0.0']);
  assert.deepEqual(row(report, 'image:module.app.aws_ecs_task_definition.api.container_definitions#1'), [
    '2.32.0',
    '2.32.0',
    '2.32.0',
  ]);
  const app = report.items.find((i) => i.key === 'module:module.app')?.cells['prod'];
  assert.equal(app?.state === 'pinned' ? app.source : undefined, '../modules/app');
  // var.image inside jsonencode cannot be read statically: one note naming every environment.
  const notes = report.gaps.filter((g) => g.scope === 'expression');
  assert.equal(notes.length, 1);
  assert.equal(notes[0]?.environment, 'dev, staging, prod');
  assert.match(notes[0]?.message ?? '', /container_definitions#0 is computed/);
});

test('findings: high where prod differs from staging, medium otherwise, low for unpinned', async () => {
  const report = await analyse('live/dev', 'live/staging', 'live/prod');
  const severities = Object.fromEntries(
    report.findings.map((f) => [`${f.resource.type}:${f.resource.address}`, f.severity]),
  );
  assert.deepEqual(severities, {
    'module:module.alarms': 'high',
    'module:module.vpc': 'high',
    'provider:registry.terraform.io/hashicorp/aws': 'high',
    'ami:aws_instance.bastion.ami': 'high',
    'required_version:required_version': 'medium',
    'image:module.app.image': 'medium',
    'module:module.flow_logs': 'low',
  });
  const vpc = report.findings.find((f) => f.resource.address === 'module.vpc');
  assert.equal(vpc?.environment, 'prod');
  assert.equal(vpc?.resource.source, ownFixture('versions/live/prod/main.tf'));
  assert.match(vpc?.summary ?? '', /dev 5\.8\.1, staging 5\.5\.0, prod 5\.1\.2/);
});

test('two environments on the same pins agree: no findings', async () => {
  const report = await analyse('live/staging', 'copy=live/staging');
  assert.deepEqual(report.findings, []);
  assert.ok(report.items.length > 10);
});

test('bad input: syntax error, missing and broken lock files, a path that does not exist; the rest still runs', async () => {
  const report = await analyse('live/staging', 'bad/broken', 'bad/nolock', 'bad/badlock', 'bad/nope');
  const gap = (environment: string) => report.gaps.filter((g) => g.environment === environment);

  const [syntax] = gap('broken');
  assert.equal(syntax?.scope, 'code');
  assert.equal(syntax?.file, ownFixture('versions/bad/broken/instances.tf'));
  assert.equal(syntax?.line, 3);
  assert.match(syntax?.message ?? '', /HCL syntax error/);
  assert.equal(syntax?.fatal, false);

  assert.equal(gap('nolock')[0]?.scope, 'lock');
  assert.match(gap('nolock')[0]?.message ?? '', /could not be assessed/);
  assert.match(gap('nolock')[0]?.nextStep ?? '', /terraform init/);
  assert.equal(gap('badlock')[0]?.scope, 'lock');
  assert.equal(gap('badlock')[0]?.line, 7);

  const missing = gap('nope')[0];
  assert.equal(missing?.fatal, true);
  assert.match(missing?.message ?? '', /environment nope: directory not found/);

  // What could be read still compares: the vpc module of broken and nolock is read.
  assert.deepEqual(row(report, 'module:module.vpc'), ['5.5.0', '5.5.0', '5.5.0', '-', '?']);
  // Providers: read for broken (its lock file is fine), unknown without a readable lock file.
  assert.deepEqual(row(report, 'provider:registry.terraform.io/hashicorp/aws'), ['5.40.0', '5.40.0', '?', '?', '?']);
  // The AMI declared in the broken file is unknown there, not absent.
  assert.deepEqual(row(report, 'ami:aws_instance.bastion.ami'), ['ami-0a1b2c3d4e5f60718', '?', '-', '-', '?']);
  assert.equal(report.environments.find((e) => e.name === 'broken')?.codeAssessed, false);
  assert.equal(report.environments.find((e) => e.name === 'nolock')?.providersAssessed, false);
});
