/**
 * SARIF output validated against the official SARIF 2.1.0 schema (Microsoft SARIF SDK copy, see
 * test/fixtures/sarif/SOURCE.md; JSON Schema draft 2020-12, hence ajv/dist/2020).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = formatsModule.default;
import { renderSarif } from '../src/report/scan/sarif.js';
import { sampleScanResult } from './support/sample-result.js';
import { ownFixture } from './support/paths.js';
import { runCli } from './support/cli.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
    logicalLocations: Array<{ fullyQualifiedName: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string } }> } };
    invocations: Array<{
      executionSuccessful: boolean;
      toolExecutionNotifications: Array<{ level: string; message: { text: string } }>;
    }>;
    results: SarifResult[];
  }>;
}

const schema = JSON.parse(readFileSync(ownFixture('sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;

function validate(log: unknown): void {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  assert.equal(check(log), true, JSON.stringify(check.errors, null, 2));
}

test('the SARIF log is valid against the official SARIF 2.1.0 schema', () => {
  validate(JSON.parse(renderSarif(sampleScanResult())));
  validate(JSON.parse(renderSarif(sampleScanResult([]))));
});

test('the official schema is strict enough to catch a broken log', () => {
  const log = JSON.parse(renderSarif(sampleScanResult())) as SarifLog;
  (log.runs[0]!.results[0] as unknown as Record<string, unknown>).level = 'fatal';
  assert.throws(() => validate(log));
});

test('one rule per drift kind with help text; one result per finding with the right level', () => {
  const log = JSON.parse(renderSarif(sampleScanResult())) as SarifLog;
  const run = log.runs[0]!;
  assert.deepEqual(
    run.tool.driver.rules.map((rule) => rule.id),
    ['DW-CONFIGURATION', 'DW-UNMANAGED', 'DW-MISSING', 'DW-POLICY', 'DW-VERSION'],
  );
  assert.ok(run.tool.driver.rules.every((rule) => rule.help.text.length > 20));
  assert.equal(run.results.length, 7);
  const byId = new Map(run.results.map((result) => [result.partialFingerprints['driftwardenFindingId/v1'], result]));
  assert.equal(byId.get('f-web-ami')?.level, 'error'); // critical
  assert.equal(byId.get('f-missing-sg')?.level, 'error'); // high
  assert.equal(byId.get('f-db-password')?.level, 'warning'); // medium
  assert.equal(byId.get('f-orphan-volume')?.level, 'note'); // low
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex points at the rule');
  }
});

test('results carry message, logical location, physical location for local files only, and properties', () => {
  const log = JSON.parse(renderSarif(sampleScanResult())) as SarifLog;
  const results = new Map(
    log.runs[0]!.results.map((result) => [result.partialFingerprints['driftwardenFindingId/v1'], result]),
  );
  const ami = results.get('f-web-ami')!;
  assert.match(ami.message.text, /instance_type: t3\.micro -> t3\.large/);
  assert.match(ami.message.text, /Next apply: replace \(ami\)/);
  assert.equal(ami.locations[0]?.logicalLocations[0]?.fullyQualifiedName, 'aws_instance.web[0]');
  assert.equal(ami.locations[0]?.physicalLocation?.artifactLocation.uri, 'states/prod/terraform.tfstate');
  assert.deepEqual(
    { kind: ami.properties.kind, severity: ami.properties.severity, environment: ami.properties.environment },
    { kind: 'configuration', severity: 'critical', environment: 'production' },
  );
  assert.deepEqual(ami.properties.impact, { action: 'replace', replacePaths: ['ami'], source: 'rules' });
  const s3Backed = results.get('f-role-policy')!;
  assert.equal(s3Backed.locations[0]?.physicalLocation, undefined, 'an s3:// state has no physical location');
  assert.match(results.get('f-db-password')!.message.text, /password: \(sensitive\) -> \(sensitive\)/);
});

test('unchecked scopes and not-covered types become tool execution notifications; execution still successful', () => {
  const log = JSON.parse(renderSarif(sampleScanResult())) as SarifLog;
  const invocation = log.runs[0]!.invocations[0]!;
  assert.equal(invocation.executionSuccessful, true);
  const notes = invocation.toolExecutionNotifications;
  assert.equal(notes.length, 5, 'one unchecked scope, three not-covered types, one unavailable attribution source');
  assert.equal(notes[0]?.level, 'warning');
  assert.match(notes[0]!.message.text, /aws_iam_role 123456789012 us-east-1: 6 unchecked: access denied/);
  assert.match(notes[0]!.message.text, /Next step: grant iam:ListRoles/);
  assert.deepEqual(
    notes.slice(1, 4).map((n) => [n.level, /^Not covered: (\S+) \((\w+)\): (\d+)/.exec(n.message.text)?.slice(1)]),
    [
      ['note', ['helm_release', 'helm', '3']],
      ['note', ['kubernetes_namespace', 'kubernetes', '9']],
      ['note', ['time_sleep', 'time', '2']],
    ],
  );
  assert.equal(notes[4]?.level, 'note');
  assert.match(notes[4]!.message.text, /lookup-events \(eu-west-1\) unavailable/);
});

/**
 * GitHub code scanning's upload rules (the SARIF validator's GitHub rule set, GH1001-GH2012), checked
 * here rather than by the .NET multitool: every result names a rule the driver declares, carries
 * partialFingerprints and at least one physical location whose uri is relative to the repository
 * (no scheme, no absolute path, uriBaseId %SRCROOT%), with a positive line when it has a region.
 */
function assertGithubRules(log: SarifLog): void {
  for (const run of log.runs) {
    const ruleIds = new Set(run.tool.driver.rules.map((r) => r.id));
    for (const result of run.results) {
      const id = result.partialFingerprints['driftwardenFindingId/v1'];
      assert.ok(ruleIds.has(result.ruleId), `${id}: ruleId ${result.ruleId} is declared`);
      assert.ok(Object.keys(result.partialFingerprints).length > 0, `${id}: partialFingerprints`);
      const physical = result.locations.flatMap((l) => (l.physicalLocation ? [l.physicalLocation] : []));
      assert.ok(physical.length > 0, `${id}: at least one physical location`);
      for (const p of physical) {
        const uri = String(p.artifactLocation.uri);
        assert.doesNotMatch(uri, /^[a-z][a-z0-9+.-]*:|^\//i, `${id}: ${uri} is a relative reference`);
        assert.doesNotMatch(uri, /(^|\/)\.\.(\/|$)/, `${id}: ${uri} stays inside the repository`);
        assert.equal(p.artifactLocation.uriBaseId, '%SRCROOT%', `${id}: uriBaseId`);
        if (p.region !== undefined) assert.ok(Number.isInteger(p.region.startLine) && p.region.startLine > 0);
      }
    }
  }
}

test('with a repository root: S3-backed findings point at the configuration line naming the state, unmanaged ones at the configuration, nothing absolute', () => {
  const locations = {
    repoRoot: '/repo',
    cwd: '/repo',
    config: { file: '/repo/driftwarden.yaml', stateLines: new Map([['s3://tf-states/staging/app.tfstate', 7]]) },
  };
  const log = JSON.parse(renderSarif(sampleScanResult(), { locations })) as SarifLog;
  validate(log);
  assertGithubRules(log);
  const results = new Map(
    log.runs[0]!.results.map((result) => [result.partialFingerprints['driftwardenFindingId/v1'], result]),
  );
  const at = (id: string) => results.get(id)!.locations[0]!.physicalLocation!;
  assert.deepEqual(at('f-role-policy'), {
    artifactLocation: { uri: 'driftwarden.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 7 },
  });
  assert.deepEqual(at('f-web-ami').artifactLocation, { uri: 'states/prod/terraform.tfstate', uriBaseId: '%SRCROOT%' });
  assert.equal(at('f-orphan-volume').artifactLocation.uri, 'driftwarden.yaml');
  assert.doesNotMatch(renderSarif(sampleScanResult(), { locations }), /file:\/\//);
  // A record outside the repository is not pointed at: the configuration is, or nothing.
  const outside = JSON.parse(
    renderSarif(sampleScanResult(), { locations: { repoRoot: '/elsewhere', cwd: '/repo' } }),
  ) as SarifLog;
  for (const result of outside.runs[0]!.results) assert.equal(result.locations[0]!.physicalLocation, undefined);
});

test('scan --code -o sarif: each finding points at the .tf line declaring it, else at the plan, relative to the repository', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'dw-sarif-'));
  try {
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'infra'));
    // Hand-written: the code of the plan in test/fixtures/cli/plan-policy.json, without the volume.
    writeFileSync(
      join(repo, 'infra', 'main.tf'),
      'terraform {\n  required_version = ">= 1.5"\n}\n\nresource "aws_security_group" "web" {\n  name = "web"\n}\n\n' +
        'resource "aws_instance" "app" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n}\n',
    );
    copyFileSync(ownFixture('cli/plan-policy.json'), join(repo, 'plan.json'));
    const run = await runCli(['scan', '--plan', 'plan.json', '--code', 'infra', '-o', 'sarif', '--no-history'], {
      cwd: join(repo),
    });
    assert.equal(run.code, 2, run.stderr);
    assert.doesNotMatch(run.stdout, /file:\/\//);
    const log = JSON.parse(run.stdout) as SarifLog;
    validate(log);
    assertGithubRules(log);
    const where = new Map(
      log.runs[0]!.results.map((r) => [
        r.locations[0]!.logicalLocations[0]!.fullyQualifiedName,
        r.locations[0]!.physicalLocation,
      ]),
    );
    assert.deepEqual(where.get('aws_security_group.web'), {
      artifactLocation: { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5 },
    });
    assert.deepEqual(where.get('aws_instance.app')?.region, { startLine: 9 });
    // Not in the code (the missing volume): the plan file it was recorded in.
    assert.deepEqual(where.get('aws_ebs_volume.data'), {
      artifactLocation: { uri: 'plan.json', uriBaseId: '%SRCROOT%' },
    });
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
