/**
 * `driftwarden maturity` as a user runs it after real `driftwarden scan` runs (plan files, no
 * cloud), on an empty store, and with bad input: what cannot be assessed is said per criterion,
 * errors name the file or flag and exit 1, and assessing never writes to the store.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { runCli } from './support/cli.js';
import { fixture, ownFixture } from './support/paths.js';

interface MaturityJson {
  level: number;
  criteria: Array<{ id: string; status: string; evidence: string; nextStep?: string }>;
  nextSteps: string[];
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'dw-maturity-cli-'));

async function assessJson(args: string[], cwd?: string): Promise<MaturityJson> {
  const run = await runCli(['maturity', '-o', 'json', ...args], cwd ? { cwd } : {});
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as MaturityJson;
}

const statuses = (report: MaturityJson) => Object.fromEntries(report.criteria.map((c) => [c.id, c.status]));

describe('maturity after real scans', () => {
  test('two plan scans a moment apart: IaC exists (level 1), no schedule yet, coverage and production not assessed', async () => {
    const dir = tempDir();
    const store = join(dir, 'history.db');
    // One plan file, planned again after the policy drift was fixed: one estate, so the second
    // scan's refresh resolves the first one's findings.
    const plan = join(dir, 'plan.json');
    for (const source of [
      ownFixture('cli/plan-policy.json'),
      fixture('hashicorp-terraform/show-json/drift/output.json'),
    ]) {
      copyFileSync(source, plan);
      const scan = await runCli(['scan', '--plan', plan, '--store', store]);
      assert.equal(scan.code, 2, scan.stderr);
    }
    const report = await assessJson(['--store', store]);
    assert.equal(report.level, 1);
    assert.deepEqual(statuses(report), {
      'iac-exists': 'met',
      'iac-coverage': 'not-assessed',
      'scan-schedule': 'unmet',
      'scan-recency': 'met',
      'time-to-revert': 'met',
      'production-enforced': 'not-assessed',
      'production-changes-via-pipeline': 'not-assessed',
      'breakglass-hygiene': 'met',
    });
    assert.match(
      report.criteria.find((c) => c.id === 'scan-schedule')!.evidence,
      /1 scan run\(s\)/,
      'scans seconds apart are one run',
    );
    assert.match(report.criteria.find((c) => c.id === 'iac-coverage')!.evidence, /no live scan/);
    const verify = await runCli(['audit', 'verify', '--store', store]);
    assert.equal(verify.code, 0, verify.stderr);
    const before = (await runCli(['audit', 'export', '--store', store])).stdout;
    await runCli(['maturity', '--store', store]);
    assert.equal((await runCli(['audit', 'export', '--store', store])).stdout, before, 'assessing records nothing');
  });
});

describe('an empty store', () => {
  test('no config: level 0, and every criterion that needs data says it was not assessed, with a next step', async () => {
    const dir = tempDir();
    const store = join(dir, 'history.db');
    await (await openStore(store)).close();
    const report = await assessJson(['--store', store]);
    assert.equal(report.level, 0);
    assert.equal(statuses(report)['iac-exists'], 'not-assessed');
    assert.match(report.criteria[0]!.evidence, /no scan is recorded in .*history\.db and no configuration was given/);
    assert.ok(report.criteria.filter((c) => c.status !== 'met').every((c) => c.nextStep !== undefined));
    const table = await runCli(['maturity', '--store', store]);
    assert.equal(table.code, 0, 'a low level is not an error');
    assert.match(table.stdout, /level 0 of 4 \(ClickOps\)[\s\S]*not assessed/);
  });

  test("a config listing states: level 1 from the config alone; the default store is the config's", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'driftwarden.yaml'),
      'environments:\n  prod:\n    tier: production\n    states:\n      - ./prod.tfstate\n',
    );
    await (await openStore(join(dir, '.driftwarden', 'history.db'))).close();
    const report = await assessJson([], dir);
    assert.equal(report.level, 1);
    assert.match(report.criteria[0]!.evidence, /lists 1 Terraform state\(s\); no scan has recorded them yet/);
    assert.equal(statuses(report)['production-enforced'], 'unmet');
    assert.equal(statuses(report)['production-changes-via-pipeline'], 'not-assessed');
    assert.ok(
      report.nextSteps.includes(
        `put prod in enforce mode: set environments.prod.mode: enforce in ${join(dir, 'driftwarden.yaml')}`,
      ),
    );
  });
});

describe('bad input', () => {
  test('a missing store names the file and exits 1, without creating it', async () => {
    const dir = tempDir();
    const run = await runCli(['maturity', '--store', join(dir, 'nope.db')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /nope\.db: no Driftwarden database here[\s\S]*next step:/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(join(dir, 'nope.db')), false);
  });

  test('an invalid config names the file, line and key', async () => {
    const run = await runCli(['maturity', '--config', ownFixture('cli/bad-config.yaml')]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /bad-config\.yaml:4: unknown tier "prod": expected one of development, staging, production, shared/,
    );
  });

  test('a bad --window or --output is rejected before anything is read', async () => {
    const window = await runCli(['maturity', '--window', 'a month', '--store', '/nonexistent/x.db']);
    assert.equal(window.code, 1);
    assert.match(window.stderr, /invalid duration "a month" for --window[\s\S]*30d/);
    const output = await runCli(['maturity', '-o', 'pdf', '--store', '/nonexistent/x.db']);
    assert.equal(output.code, 1);
    assert.match(output.stderr, /unknown report format "pdf"/);
  });

  test('a file that is not a Driftwarden store is refused', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'just text, not SQLite');
    const run = await runCli(['maturity', '--store', file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /notes\.db: the Driftwarden database is not a SQLite database/);
  });
});
