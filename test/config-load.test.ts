/** loadConfig against real files in a temp directory: defaults, path resolution, line-accurate errors. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { createIgnoreMatcher } from '../src/config/ignore.js';
import { maxBreakglassTtlMs } from '../src/config/schema.js';
import { DriftwardenError } from '../src/model/errors.js';
import { repoRoot } from './support/paths.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeConfig(text: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'driftwarden.yaml'), text);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return join(dir, 'driftwarden.yaml');
}

function expectInvalid(text: string, check: (err: DriftwardenError) => void): void {
  const file = writeConfig(text);
  assert.throws(
    () => loadConfig(file),
    (err: unknown) => {
      assert.ok(err instanceof DriftwardenError, `expected DriftwardenError, got ${String(err)}`);
      assert.equal(err.details.file, file);
      check(err);
      return true;
    },
  );
}

test('the documented example loads, with paths resolved and defaults applied', () => {
  const example = resolve(repoRoot, 'docs/driftwarden.example.yaml');
  const config = loadConfig(example);
  const docs = resolve(repoRoot, 'docs');
  assert.equal(config.storeLocation, join(docs, '.driftwarden/history.db'));
  const prod = config.environments.prod!;
  assert.equal(prod.tier, 'production');
  assert.equal(prod.mode, 'audit');
  assert.deepEqual(prod.states, [
    { location: 's3://tfstate-bucket/prod/network.tfstate', name: 'network' },
    { location: join(docs, 'states/app.tfstate'), name: 'app' },
    { location: 's3://tfstate-bucket/prod/data.tfstate', name: 'data', workspace: 'blue' },
  ]);
  assert.deepEqual(prod.aws, {
    accounts: ['123456789012'],
    regions: ['eu-west-1', 'us-east-1'],
    profile: 'prod',
    assumeRole: 'arn:aws:iam::123456789012:role/drift-reader',
    deep: ['aws_vpc', 'aws_instance'],
    externalId: 'drift-7c1f',
  });
  assert.equal(config.environments.staging!.mode, 'audit');
  assert.equal(maxBreakglassTtlMs(config, 'production'), 4 * 3_600_000);
  assert.equal(maxBreakglassTtlMs(config, 'staging'), 24 * 3_600_000);
  assert.equal(config.failOn.severity, 'low');
  const matcher = createIgnoreMatcher(config.ignoreRules);
  const rule = matcher.ignoresPath('aws_autoscaling_group.web', 'desired_capacity');
  assert.equal(rule?.source.file, example);
  assert.equal(matcher.ignoresPath('aws_autoscaling_group.payments', 'desired_capacity'), undefined);
  assert.deepEqual(config.limits, {
    maxBytes: 256 * 1024 * 1024,
    connectTimeoutMs: 10_000,
    firstByteTimeoutMs: 30_000,
    transferTimeoutMs: 120_000,
  });
});

test('limits: sizes in binary or decimal units, durations; a size above 512MiB or zero names its key', () => {
  const config = loadConfig(
    writeConfig(
      'environments:\n  prod: { tier: production }\nlimits:\n  max_state_size: 64 MB\n  backend_transfer_timeout: 5m\n',
    ),
  );
  assert.equal(config.limits?.maxBytes, 64_000_000);
  assert.equal(config.limits?.transferTimeoutMs, 300_000);
  assert.equal(config.limits?.connectTimeoutMs, 10_000, 'defaults for the rest');
  for (const bad of ['1GiB', '0', 'lots']) {
    expectInvalid(`environments:\n  prod: { tier: production }\nlimits:\n  max_state_size: ${bad}\n`, (err) => {
      assert.match(err.describe(), /limits\.max_state_size/);
      assert.equal(err.details.line, 4);
    });
  }
});

test('a minimal config gets every default', () => {
  const file = writeConfig('environments:\n  dev: { tier: development }\n');
  const config = loadConfig(file);
  assert.equal(config.version, 1);
  assert.equal(config.storeLocation, join(config.baseDir, '.driftwarden', 'history.db'));
  assert.deepEqual(config.environments.dev, {
    name: 'dev',
    tier: 'development',
    mode: 'audit',
    states: [],
    shared: [],
  });
  assert.deepEqual(config.failOn, {
    kinds: ['configuration', 'unmanaged', 'missing', 'policy', 'version'],
    severity: 'low',
  });
  assert.deepEqual(config.pipelinePrincipals, []);
  assert.equal(maxBreakglassTtlMs(config, 'production'), 24 * 3_600_000);
  assert.deepEqual(config.ignoreRules, []);
});

test('an unknown tier names the key, the line and the choices', () => {
  expectInvalid('version: 1\nenvironments:\n  prod:\n    tier: prod\n', (err) => {
    assert.equal(err.code, 'config.invalid');
    assert.equal(err.details.line, 4);
    assert.equal(err.details.key, 'environments.prod.tier');
    assert.equal(err.message, 'unknown tier "prod": expected one of development, staging, production, shared');
    assert.match(err.describe(), /driftwarden\.yaml:4: unknown tier "prod"/);
  });
});

test("a typo in a key is rejected as unknown, on the typo's line", () => {
  expectInvalid('version: 1\nenviroments:\n  prod: { tier: production }\n', (err) => {
    assert.equal(err.code, 'config.invalid');
    // Only the typo: "missing environments" would be its echo.
    assert.doesNotMatch(err.message, /missing/);
    assert.match(
      err.message,
      /unknown key "enviroments" \(did you mean "environments"\?\): expected one of version, store, environments/,
    );
    assert.equal(err.details.line, 2);
    assert.equal(err.details.key, 'enviroments');
  });
  expectInvalid('environments:\n  prod:\n    tier: production\n    aws: { regoins: [eu-west-1] }\n', (err) => {
    assert.equal(err.details.line, 4);
    assert.equal(err.details.key, 'environments.prod.aws.regoins');
    assert.match(
      err.message,
      /unknown key "regoins" \(did you mean "regions"\?\): expected one of accounts, regions, profile, assume_role/,
    );
  });
});

test('several problems are listed one per line, in file order', () => {
  expectInvalid(
    [
      'environments:',
      '  prod:',
      '    tier: production',
      '    mode: yolo',
      '    aws: { accounts: ["12345"] }',
      'fail_on: { severity: urgent }',
    ].join('\n'),
    (err) => {
      const lines = err.message.split('\n');
      assert.equal(lines[0], '3 problems:');
      assert.match(
        lines[1]!,
        /^ {2}line 4 \(environments\.prod\.mode\): unknown mode "yolo": expected one of audit, enforce$/,
      );
      assert.match(lines[2]!, /^ {2}line 5 \(environments\.prod\.aws\.accounts\[0\]\): .*12-digit AWS account id/);
      assert.match(
        lines[3]!,
        /^ {2}line 6 \(fail_on\.severity\): unknown severity "urgent": expected one of low, medium, high, critical$/,
      );
      assert.equal(err.details.line, 4);
      assert.equal(err.details.key, undefined, 'each listed problem names its own key');
    },
  );
});

test('missing tier, wrong types, bad durations and empty environments are explained', () => {
  expectInvalid('environments:\n  prod: { mode: audit }\n', (err) => {
    assert.equal(err.message, 'missing required key "tier"');
    assert.equal(err.details.key, 'environments.prod.tier');
    assert.equal(err.details.line, 2);
  });
  expectInvalid('environments:\n  prod: { tier: production, states: s3://x/y.tfstate }\n', (err) => {
    assert.equal(err.message, 'states must be a list, got "s3://x/y.tfstate"');
  });
  expectInvalid(
    'environments:\n  prod:\n    tier: production\n    states:\n      - { location: ./a.tfstate, nmae: a }\n',
    (err) => {
      assert.match(
        err.message,
        /unknown key "nmae" \(did you mean "name"\?\): expected one of location, name, workspace/,
      );
      assert.equal(err.details.line, 5);
    },
  );
  expectInvalid(
    'environments: { dev: { tier: development } }\nbreakglass: { max_ttl: { production: 4 hours } }\n',
    (err) => {
      assert.match(err.message, /invalid production "4 hours": expected a duration such as 30m, 4h or 1d/);
      assert.equal(err.details.line, 2);
    },
  );
  expectInvalid('environments: { dev: { tier: development } }\nbreakglass: { max_ttl: { prod: 4h } }\n', (err) => {
    assert.match(err.message, /unknown key "prod": expected one of development, staging, production, shared, default/);
    assert.equal(err.details.key, 'breakglass.max_ttl.prod');
  });
  expectInvalid('environments: {}\n', (err) => assert.match(err.message, /at least one environment is required/));
  expectInvalid('version: 2\nenvironments: { dev: { tier: development } }\n', (err) => {
    assert.equal(err.message, 'version must be number 1, got number 2');
    assert.equal(err.details.line, 1);
  });
});

test('invalid ignore rules and shared patterns point at their list item', () => {
  expectInvalid(
    'environments: { dev: { tier: development } }\nignore:\n  - "aws_instance.*"\n  - "aws_instance..web"\n',
    (err) => {
      assert.equal(err.details.line, 4);
      assert.equal(err.details.key, 'ignore[1]');
      assert.match(err.message, /invalid ignore rule "aws_instance\.\.web": empty segment/);
    },
  );
  expectInvalid('environments:\n  dev:\n    tier: development\n    shared: ["module.net[.*"]\n', (err) => {
    assert.equal(err.details.key, 'environments.dev.shared[0]');
    assert.equal(err.details.line, 4);
  });
  expectInvalid(
    'environments:\n  dev:\n    tier: development\n    states: [./a.tfstate, ./other/a.tfstate]\n',
    (err) => {
      assert.match(err.message, /duplicate state name "a"/);
    },
  );
});

test('YAML syntax errors and duplicate keys are input.parse with a line', () => {
  expectInvalid('environments:\n  prod:\n    tier: production\n    tier: staging\n', (err) => {
    assert.equal(err.code, 'input.parse');
    assert.equal(err.details.line, 4);
  });
  expectInvalid('environments:\n  prod: [unclosed\n', (err) => {
    assert.equal(err.code, 'input.parse');
    assert.ok(err.details.line !== undefined);
  });
});

test('a missing file is input.missing-file naming the path', () => {
  const missing = join(tmpdir(), 'dw-does-not-exist', 'driftwarden.yaml');
  assert.throws(
    () => loadConfig(missing),
    (err: unknown) =>
      err instanceof DriftwardenError && err.code === 'input.missing-file' && err.details.file === missing,
  );
});

test('a .driftignore beside the config is read after the ignore list, so it wins', () => {
  const file = writeConfig('environments: { dev: { tier: development } }\nignore: ["aws_instance.*"]\n', {
    '.driftignore': '# re-include web\n!aws_instance.web\n',
  });
  const config = loadConfig(file);
  const matcher = createIgnoreMatcher(config.ignoreRules);
  assert.equal(matcher.ignoresResource('aws_instance.web'), undefined);
  const db = matcher.ignoresResource('aws_instance.db');
  assert.equal(db?.source.file, file);
  assert.equal(db?.source.line, 2);
  assert.equal(config.ignoreRules[1]?.source.file, join(config.baseDir, '.driftignore'));
  assert.equal(config.ignoreRules[1]?.source.line, 2);
});

test('an absolute store path is kept; a relative one is resolved beside the config', () => {
  const abs = join(tmpdir(), 'dw-elsewhere', 'h.db');
  assert.equal(
    loadConfig(writeConfig(`store: { path: ${abs} }\nenvironments: { d: { tier: shared } }\n`)).storeLocation,
    abs,
  );
  const rel = loadConfig(writeConfig('store: { path: data/h.db }\nenvironments: { d: { tier: shared } }\n'));
  assert.equal(rel.storeLocation, join(rel.baseDir, 'data/h.db'));
});

test('notifications: webhooks resolve with defaults; secrets are named, never read into the config', () => {
  const file = writeConfig(
    [
      'environments:\n  prod: { tier: production }',
      'notifications:',
      '  min_severity: critical',
      '  backoff: 5s',
      '  webhooks:',
      '    - { name: ops, url: "https://hooks.example.com/dw", secret_file: hook.secret }',
      '    - { name: team, format: slack, url_env: SLACK_WEBHOOK_URL, events: [finding, breakglass], min_severity: high }',
      '',
    ].join('\n'),
    { 'hook.secret': 'not-read-by-the-loader\n' },
  );
  const config = loadConfig(file);
  const n = config.notifications!;
  assert.deepEqual(
    { attempts: n.attempts, backoffMs: n.backoffMs, maxBackoffMs: n.maxBackoffMs, timeoutMs: n.timeoutMs },
    { attempts: 5, backoffMs: 5000, maxBackoffMs: 60000, timeoutMs: 10000 },
  );
  assert.deepEqual(n.webhooks[0], {
    name: 'ops',
    format: 'generic',
    url: { value: 'https://hooks.example.com/dw' },
    secret: { file: join(dirname(file), 'hook.secret') },
    events: ['finding', 'breakglass', 'reconcile', 'controller'],
    minSeverity: 'critical',
  });
  assert.deepEqual(n.webhooks[1]!.url, { env: 'SLACK_WEBHOOK_URL' });
  assert.equal(n.webhooks[1]!.minSeverity, 'high');
  assert.doesNotMatch(JSON.stringify(config), /not-read-by-the-loader/);
});

test('notifications: a generic webhook without a secret, two URLs or an unknown event are refused by key', () => {
  const base = 'environments:\n  prod: { tier: production }\nnotifications:\n  webhooks:\n';
  expectInvalid(`${base}    - { name: ops, url: "https://h.example.com/x" }\n`, (err) => {
    assert.equal(err.details.key, 'notifications.webhooks[0]');
    assert.match(err.message, /a generic webhook signs its body: give secret_env or secret_file/);
  });
  expectInvalid(`${base}    - { name: ops, url: "https://h.example.com/x", url_env: X, secret_env: S }\n`, (err) => {
    assert.match(err.message, /exactly one of url, url_env and url_file/);
  });
  expectInvalid(`${base}    - { name: ops, url_env: X, secret_env: S, events: [scans] }\n`, (err) => {
    assert.equal(err.details.key, 'notifications.webhooks[0].events[0]');
  });
});
