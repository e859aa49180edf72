/**
 * `driftwarden versions` as a user runs it: the built CLI on test/fixtures/versions, every report
 * format, exit codes (0 agree, 2 drift, 1 error) and the bad-input cases in every format. SARIF is
 * validated against the official 2.1.0 schema, JUnit parsed back with fast-xml-parser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runCli } from './support/cli.js';
import { ownFixture } from './support/paths.js';

const addFormats = formatsModule.default;
const cwd = ownFixture('versions');
const LIVE = ['live/dev', 'live/staging', 'live/prod'];
const BAD = ['live/staging', 'bad/broken', 'bad/nolock'];

function validateSarif(log: unknown): void {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(JSON.parse(readFileSync(ownFixture('sarif/sarif-schema-2.1.0.json'), 'utf8')) as object);
  assert.equal(check(log), true, JSON.stringify(check.errors, null, 2));
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    results: Array<{
      ruleId: string;
      level: string;
      properties: { kind: string };
      locations: Array<{ physicalLocation?: { artifactLocation: { uri: string } } }>;
    }>;
    invocations: Array<{
      executionSuccessful: boolean;
      toolExecutionNotifications: Array<{ level: string; message: { text: string } }>;
    }>;
  }>;
}

interface JsonReport {
  schemaVersion: string;
  report: string;
  complete: boolean;
  summary: { findings: number; bySeverity: Record<string, number> };
  environments: Array<{ name: string; tier: string; tierSource: string; providersAssessed: boolean }>;
  items: Array<{ key: string; cells: Record<string, { state: string; value?: string }> }>;
  findings: Array<{
    severity: string;
    environment: string;
    item: { address: string };
    differences: Array<{ environment: string }>;
  }>;
  gaps: Array<{ environment: string; scope: string; file?: string; line?: number; fatal: boolean }>;
}

test('table: the matrix and the findings, exit 2 on drift', async () => {
  const run = await runCli(['versions', ...LIVE], { cwd });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stdout, /Version drift across dev, staging, prod: 7 findings \(4 high, 2 medium, 1 low\)/);
  assert.match(run.stdout, /module module\.vpc\s+│ 5\.8\.1\s+│ 5\.5\.0\s+│ 5\.1\.2/);
  assert.match(run.stdout, /production prod has 5\.31\.0, staging validated 5\.40\.0/);
});

test('exit 0 when the environments agree, and --fail-on filters what counts', async () => {
  const agree = await runCli(['versions', 'live/staging', 'again=live/staging'], { cwd });
  assert.equal(agree.code, 0, agree.stderr);
  assert.match(agree.stdout, /No version drift across staging, again/);
  const onlyHigh = await runCli(['versions', 'live/dev', 'live/staging', '--fail-on', 'high'], { cwd });
  assert.equal(onlyHigh.code, 0, 'dev vs staging disagree, but nothing is high without production');
});

test('json: documented shape, matrix cells and findings', async () => {
  const run = await runCli(['versions', ...LIVE, '-o', 'json'], { cwd });
  assert.equal(run.code, 2);
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.equal(report.schemaVersion, '1.0');
  assert.equal(report.report, 'versions');
  assert.equal(report.complete, true);
  assert.deepEqual(report.summary.bySeverity, { low: 1, medium: 2, high: 4, critical: 0 });
  const vpc = report.items.find((i) => i.key === 'module:module.vpc');
  assert.deepEqual(vpc?.cells['prod'], {
    state: 'pinned',
    value: '5.1.2',
    source: 'terraform-aws-modules/vpc/aws',
    file: ownFixture('versions/live/prod/main.tf'),
  });
  assert.deepEqual(vpc?.cells['dev']?.value, '5.8.1');
  assert.equal(report.findings[0]?.severity, 'high');
  assert.ok(report.findings.every((f) => f.differences.length > 0 || f.severity === 'low'));
});

test('sarif: valid 2.1.0, kind version, one result per finding, gaps as notifications', async () => {
  const run = await runCli(['versions', ...LIVE, '-o', 'sarif'], { cwd });
  assert.equal(run.code, 2);
  const log = JSON.parse(run.stdout) as SarifLog;
  validateSarif(log);
  const [sarifRun] = log.runs;
  assert.deepEqual(
    sarifRun?.tool.driver.rules.map((r) => r.id),
    ['DW-VERSION'],
  );
  assert.equal(sarifRun?.results.length, 7);
  assert.ok(sarifRun?.results.every((r) => r.ruleId === 'DW-VERSION' && r.properties.kind === 'version'));
  assert.deepEqual(
    sarifRun?.results.map((r) => r.level),
    ['error', 'error', 'error', 'error', 'warning', 'warning', 'note'],
  );
  assert.match(
    sarifRun?.results[0]?.locations[0]?.physicalLocation?.artifactLocation.uri ?? '',
    /^file:\/\/.*live\/prod\/main\.tf$/,
  );
  assert.deepEqual(
    sarifRun?.invocations[0]?.toolExecutionNotifications.map((n) => n.level),
    ['note'],
  );

  const bad = await runCli(['versions', ...BAD, 'bad/nope', '-o', 'sarif'], { cwd });
  assert.equal(bad.code, 1);
  const badLog = JSON.parse(bad.stdout) as SarifLog;
  validateSarif(badLog);
  const notes = badLog.runs[0]!.invocations[0]!;
  assert.equal(notes.executionSuccessful, false);
  const texts = notes.toolExecutionNotifications.map((n) => `${n.level} ${n.message.text}`);
  assert.ok(
    texts.some((t) => /^warning .*instances\.tf:3: HCL syntax error/.test(t)),
    texts.join('\n'),
  );
  assert.ok(
    texts.some((t) => /^warning .*nolock.*no \.terraform\.lock\.hcl/.test(t)),
    texts.join('\n'),
  );
  assert.ok(
    texts.some((t) => /^error .*environment nope: directory not found/.test(t)),
    texts.join('\n'),
  );
});

test('junit: one failing testcase per drifted item, skipped cases for what was not assessed', async () => {
  const run = await runCli(['versions', ...BAD, '-o', 'junit'], { cwd });
  assert.equal(run.code, 0, 'staging, broken and nolock agree on everything they have');
  assert.equal(XMLValidator.validate(run.stdout), true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(run.stdout) as {
    testsuites: {
      failures: string;
      testsuite: Array<{
        name: string;
        testcase: Array<{ name: string; skipped?: { message: string }; failure?: unknown }>;
      }>;
    };
  };
  const assessment = parsed.testsuites.testsuite.find((s) => s.name === 'driftwarden.assessment');
  const skipped = assessment?.testcase.map((c) => c.skipped?.message ?? '') ?? [];
  assert.ok(
    skipped.some((m) => /instances\.tf:3: HCL syntax error/.test(m)),
    skipped.join('\n'),
  );
  assert.ok(
    skipped.some((m) => /nolock: .*could not be assessed/.test(m)),
    skipped.join('\n'),
  );

  const drift = await runCli(['versions', ...LIVE, '-o', 'junit'], { cwd });
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(drift.stdout) as typeof parsed;
  assert.equal(doc.testsuites.failures, '7');
  const modules = doc.testsuites.testsuite.find((s) => s.name === 'versions.module');
  assert.ok(modules?.testcase.find((c) => c.name === 'module.vpc')?.failure);
  assert.equal(modules?.testcase.find((c) => c.name === 'module.app.module.db.module.rds')?.failure, undefined);
});

test('markdown: findings, matrix and the warning for what could not be assessed', async () => {
  const run = await runCli(['versions', ...LIVE, '-o', 'markdown'], { cwd });
  assert.match(run.stdout, /^## Driftwarden: Version drift across dev, staging, prod: 7 findings/);
  assert.match(run.stdout, /\| 🟠 high \| `module module\.vpc` \| `5\.8\.1` \| `5\.5\.0` \| `5\.1\.2` \|/);
  const bad = await runCli(['versions', ...BAD, '-o', 'markdown'], { cwd });
  assert.match(bad.stdout, /> \[!WARNING\]/);
  assert.match(bad.stdout, /instances\.tf:3: HCL syntax error/);
  assert.match(bad.stdout, /nolock: .*no \.terraform\.lock\.hcl/);
});

test('html: self-contained, matrix with drifted cells marked, gaps in the banner', async () => {
  const run = await runCli(['versions', ...LIVE, '-o', 'html'], { cwd });
  const html = run.stdout;
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<(?:link|img|script)[^>]+(?:src|href)=/i, 'nothing loaded from outside the file');
  assert.match(html, /<tr data-key="module:module\.vpc">.*<td class="cell pinned differs">5\.1\.2<\/td><\/tr>/);
  assert.match(html, /<td class="cell pinned">5\.5\.0<\/td>/);
  const bad = await runCli(['versions', ...BAD, '-o', 'html'], { cwd });
  assert.match(bad.stdout, /class="banner incomplete"/);
  assert.match(bad.stdout, /instances\.tf:3: HCL syntax error/);
  assert.match(bad.stdout, /class="cell not-assessed" title="no readable lock file">\?<\/td>/);
});

test('bad input: a missing environment path exits 1 naming it, after reporting the others', async () => {
  const run = await runCli(['versions', 'live/staging', 'live/nowhere'], { cwd });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /driftwarden: error: environment nowhere: directory not found: .*live\/nowhere/);
  assert.match(run.stdout, /module module\.vpc\s+│ 5\.5\.0\s+│ \?/);
  assert.doesNotMatch(run.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test('bad input: table names the syntax error and the missing lock; --require-complete turns them into exit 1', async () => {
  const run = await runCli(['versions', ...BAD], { cwd });
  assert.equal(run.code, 0);
  assert.match(run.stdout, /INCOMPLETE: 2 parts could not be assessed/);
  assert.match(run.stdout, /broken: .*instances\.tf:3: HCL syntax error/);
  assert.match(
    run.stdout,
    /nolock: .*no \.terraform\.lock\.hcl: the provider versions of this environment could not be assessed/,
  );
  const strict = await runCli(['versions', ...BAD, '--require-complete', '-o', 'json'], { cwd });
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /warning: broken: .*instances\.tf:3/);
  assert.equal((JSON.parse(strict.stdout) as JsonReport).complete, false);
});

test('tiers from --config: NAME=PATH environments named blue/green get production/staging', async () => {
  const run = await runCli(
    ['versions', 'green=live/staging', 'blue=live/prod', '--config', 'driftwarden.yaml', '-o', 'json'],
    { cwd },
  );
  assert.equal(run.code, 2, run.stderr);
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.deepEqual(
    report.environments.map((e) => [e.name, e.tier, e.tierSource]),
    [
      ['green', 'staging', 'config'],
      ['blue', 'production', 'config'],
    ],
  );
  const vpc = report.findings.find((f) => f.item.address === 'module.vpc');
  assert.equal(vpc?.severity, 'high');
  assert.equal(vpc?.environment, 'blue');
});

test('usage errors: no paths, an unknown format', async () => {
  const none = await runCli(['versions'], { cwd });
  assert.equal(none.code, 1);
  const format = await runCli(['versions', 'live/dev', '-o', 'pdf'], { cwd });
  assert.equal(format.code, 1);
  assert.match(format.stderr, /unknown report format "pdf"/);
});
