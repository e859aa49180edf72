/**
 * Prototype keys in untrusted input (issue 10, item 14), one test per input kind: the YAML
 * configuration, HCL code read by scan --code and by versions, and maps built from API answers
 * (AWS tags, vSphere options). State, plan and saved-plan JSON are covered in
 * src/sources/terraform (json-text) and test/reconcile-approval.test.ts.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { DriftwardenError } from '../src/model/errors.js';
import { tagMap } from '../src/observers/aws/mapping.js';
import { readTerraformCode } from '../src/sources/terraform/hcl.js';
import { runCli } from './support/cli.js';
import { fixture } from './support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function refusedWith(file: string, key: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof DriftwardenError, String(err));
    assert.equal(err.details.file, file);
    assert.match(err.details.key ?? '', key);
    assert.equal(({} as Record<string, unknown>)['tier'], undefined, 'Object.prototype untouched');
    return true;
  };
}

for (const key of ['__proto__', 'constructor', 'prototype']) {
  test(`driftwarden.yaml: an environment named ${key} is refused, naming the file and key`, () => {
    const file = join(dir, `config-${key}.yaml`);
    writeFileSync(file, `version: 1\nenvironments:\n  ${key}:\n    tier: production\n    states: [a.tfstate]\n`);
    assert.throws(() => loadConfig(file), refusedWith(file, new RegExp(`^environments\\.${key}$`)));
  });
}

test('driftwarden.yaml: a nested __proto__ (breakglass.max_ttl) is refused', () => {
  const file = join(dir, 'config-ttl.yaml');
  writeFileSync(file, 'version: 1\nenvironments: {}\nbreakglass:\n  max_ttl:\n    __proto__: 1h\n');
  assert.throws(() => loadConfig(file), refusedWith(file, /^breakglass\.max_ttl\.__proto__$/));
});

test('HCL read by scan --code: a block named __proto__ is refused, naming the file and key', async () => {
  const code = join(dir, 'code');
  mkdirSync(code);
  const file = join(code, 'main.tf');
  writeFileSync(file, 'resource "aws_s3_bucket" "__proto__" {\n  bucket = "x"\n}\n');
  await assert.rejects(readTerraformCode(code), refusedWith(file, /aws_s3_bucket\.__proto__/));
  const run = await runCli([
    'scan',
    '--plan',
    fixture('hashicorp-terraform/show-json/drift/output.json'),
    '--code',
    code,
  ]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /main\.tf: the Terraform file uses the name "__proto__", which is refused/);
});

test('HCL read by versions: a __proto__ key marks that file not read, the rest goes on', async () => {
  const env = join(dir, 'env-a');
  mkdirSync(env);
  writeFileSync(join(env, 'main.tf'), 'locals {\n  __proto__ = { polluted = true }\n}\n');
  const run = await runCli(['versions', env]);
  assert.match(run.stdout, /main\.tf: the Terraform file uses the name "__proto__"/);
});

test('AWS tags: a tag key __proto__ is an ordinary key of the map', () => {
  const tags = tagMap([
    { Key: '__proto__', Value: 'x' },
    { Key: 'Owner', Value: 'y' },
  ]);
  assert.equal(Object.getPrototypeOf(tags), Object.prototype);
  assert.deepEqual(Object.entries(tags), [
    ['__proto__', 'x'],
    ['Owner', 'y'],
  ]);
});
