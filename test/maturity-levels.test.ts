/**
 * `driftwarden maturity` on realistic stores: real scan results (the scan pipeline over Terraform
 * plan files) recorded through the store, audit-log and break-glass APIs at chosen times, as weeks
 * of scheduled scans would have recorded them; then the built CLI assesses them with
 * its clock fixed (injected by the test-only launcher). Live-scan coverage and CloudTrail attribution are set on the results the
 * way `scan --aws` fills them (a plan scan cannot observe either).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { recordRefreshed } from './support/store-contract.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { recordScanInAudit } from '../src/audit/record.js';
import { openBreakglassSessions } from '../src/actions/breakglass/sessions.js';
import { loadConfig } from '../src/config/load.js';
import type { Attribution } from '../src/model/finding.js';
import type { ScanResult } from '../src/model/scan-result.js';
import { silentProgress } from '../src/report/progress.js';
import { runScan } from '../src/scan/run.js';
import { openStore } from '../src/store/index.js';
import { runCli } from './support/cli.js';
import { fixture, ownFixture } from './support/paths.js';

const NOW = '2025-03-31T12:00:00.000Z';
const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.parse(NOW) - hours * HOUR);

interface MaturityJson {
  level: number;
  levelName: string;
  window: { duration: string; from: string; to: string };
  criteria: Array<{
    id: string;
    level: number;
    status: string;
    evidence: string;
    measurements: Record<string, unknown>;
    nextStep?: string;
  }>;
  nextSteps: string[];
}

function workspace(prodMode: 'audit' | 'enforce'): { dir: string; configFile: string; store: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dw-maturity-'));
  const configFile = join(dir, 'driftwarden.yaml');
  writeFileSync(
    configFile,
    `store:\n  path: history.db\nenvironments:\n  staging:\n    tier: staging\n  prod:\n    tier: production\n    mode: ${prodMode}\nbreakglass:\n  max_ttl:\n    production: 4h\n`,
  );
  return { dir, configFile, store: join(dir, 'history.db') };
}

/** A real scan of a plan file, its findings placed in `environment`. */
async function planScan(plan: string, environment: string): Promise<ScanResult> {
  return runScan({ states: [], plan, planEnvironment: environment, ignoreFiles: [], strict: false }, silentProgress);
}

interface RecordOptions {
  readonly coverage?: number;
  readonly attribution?: Attribution;
}

/** Records a scan as `driftwarden scan` does (history and audit in one transaction), at `at`. */
async function recordAt(store: string, base: ScanResult, at: Date, options: RecordOptions = {}): Promise<string[]> {
  const time = at.toISOString();
  const result: ScanResult = {
    ...base,
    scan: { ...base.scan, id: `scan-${time}`, startedAt: time, finishedAt: time },
    summary: {
      ...base.summary,
      // The maturity ladder reads the share of observed resources that a state manages.
      managedShare: options.coverage ?? null,
      unmanaged: options.coverage === undefined ? null : 2,
    },
    findings: base.findings.map((finding) =>
      options.attribution ? { ...finding, attribution: options.attribution } : finding,
    ),
  };
  const opened = await openStore(store, { clock: () => at });
  try {
    await opened.transaction(async (tx) => recordScanInAudit(tx, result, await recordRefreshed(tx.history, result)));
  } finally {
    await opened.close();
  }
  return result.findings.map((finding) => finding.id);
}

async function assess(args: string[]): Promise<MaturityJson> {
  const run = await runCli(['maturity', '-o', 'json', ...args], { now: NOW });
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as MaturityJson;
}

const criterion = (report: MaturityJson, id: string) => report.criteria.find((c) => c.id === id)!;

const drifted = () => planScan(ownFixture('cli/plan-policy.json'), 'staging');
const clean = () =>
  planScan(fixture('hashicorp-terraform/equivalence-tests/moved_with_refresh_only/plan.json'), 'staging');

/** Ten days of scans every 6h; drift appears each day at 00:00 and, when `revert`, is reverted by 06:00. */
async function tenDaysOfScans(store: string, revert: boolean, options: RecordOptions = {}): Promise<void> {
  const [withDrift, without] = await Promise.all([drifted(), clean()]);
  for (let scan = 40; scan >= 1; scan--) {
    const at = hoursAgo(scan * 6);
    const driftScan = !revert || scan % 4 === 0;
    const ids = await recordAt(store, driftScan ? withDrift : without, at, { coverage: 0.92, ...options });
    if (revert && driftScan) {
      // The reconciler reverts the drift 4h after the scan that found it (the reconcile work's entries).
      const log = await openStore(store, { clock: () => new Date(at.getTime() + 4 * HOUR) });
      await log.audit.append({
        actor: 'driftwarden',
        action: 'action.applied',
        subject: 'aws_security_group.web',
        details: { findingIds: ids, strategy: 'revert' },
      });
      await log.close();
    }
  }
}

describe('maturity levels from recorded history', () => {
  test('detection only: regular scans, good coverage, drift left open -> level 2, and reconciling is the next step', async () => {
    const { configFile } = workspace('audit');
    await tenDaysOfScans(join(configFile, '..', 'history.db'), false);
    const report = await assess(['--config', configFile]);
    assert.equal(report.level, 2);
    assert.equal(report.levelName, 'Detection');
    assert.deepEqual(
      report.criteria.filter((c) => c.level <= 2).map((c) => [c.id, c.status]),
      [
        ['iac-exists', 'met'],
        ['iac-coverage', 'met'],
        ['scan-schedule', 'met'],
        ['scan-recency', 'met'],
      ],
    );
    const schedule = criterion(report, 'scan-schedule');
    assert.equal(schedule.measurements['runs'], 40);
    assert.equal(schedule.measurements['medianGapMs'], 6 * HOUR);
    const revert = criterion(report, 'time-to-revert');
    assert.equal(revert.status, 'unmet');
    assert.equal(revert.measurements['openLongerThanLimit'], 3, 'the three drifts open for ten days');
    assert.match(report.nextSteps[0]!, /reconcile/);
    assert.match(
      criterion(report, 'production-enforced').nextStep!,
      /set environments\.prod\.mode: enforce in .*driftwarden\.yaml/,
    );
  });

  test('detection and reconciliation: every drift reverted within hours -> level 3; production still in audit mode', async () => {
    const { configFile, store } = workspace('audit');
    await tenDaysOfScans(store, true);
    const report = await assess(['--config', configFile]);
    assert.equal(report.level, 3);
    const revert = criterion(report, 'time-to-revert');
    assert.equal(revert.status, 'met');
    assert.equal(revert.measurements['reverted'], 30, 'three findings, reverted on each of ten days');
    assert.equal(revert.measurements['revertedByAction'], 30);
    assert.equal(revert.measurements['meanTimeToRevertMs'], 4 * HOUR);
    assert.deepEqual(
      report.criteria.filter((c) => c.status !== 'met').map((c) => c.id),
      ['production-enforced'],
    );
  });

  test('immutable production: enforce mode, pipeline-only changes, a closed and reconciled break-glass session -> level 4', async () => {
    const { configFile, store } = workspace('enforce');
    await tenDaysOfScans(store, true);
    const config = loadConfig(configFile);
    const log = await openStore(store, { clock: () => hoursAgo(30) });
    const sessions = openBreakglassSessions(log);
    const session = await sessions.open(
      { scope: 'prod:aws_instance.*', reason: 'INC-4711 scale out', ttlMs: 2 * HOUR, by: 'oncall' },
      config,
      hoursAgo(30),
    );
    await sessions.close(session.id, 'oncall', hoursAgo(29));
    await sessions.markReconciled(session.id, 'reverted', hoursAgo(28.5));
    await log.close();
    const report = await assess(['--config', configFile]);
    assert.deepEqual(
      report.criteria.filter((c) => c.status !== 'met').map((c) => [c.id, c.evidence]),
      [],
    );
    assert.equal(report.level, 4);
    assert.match(criterion(report, 'breakglass-hygiene').evidence, /1 session\(s\) .*1 ended \(1 reconciled\)/);
    assert.deepEqual(report.nextSteps, []);
  });

  test('console changes in production and an unreconciled session keep an enforced organisation at level 3, naming who', async () => {
    const { configFile, store } = workspace('enforce');
    await tenDaysOfScans(store, true);
    const alice: Attribution = {
      principal: 'arn:aws:iam::123456789012:user/alice',
      principalType: 'IAMUser',
      time: hoursAgo(3).toISOString(),
      sourceIp: '198.51.100.7',
      eventName: 'AuthorizeSecurityGroupIngress',
      userAgent: 'console.amazonaws.com',
      via: 'console',
      source: 'lookup-events',
    };
    await recordAt(store, await planScan(ownFixture('cli/plan-policy.json'), 'prod'), hoursAgo(1), {
      coverage: 0.92,
      attribution: alice,
    });
    const log = await openStore(store, { clock: () => hoursAgo(10) });
    const sessions = openBreakglassSessions(log);
    await sessions.open(
      { scope: 'prod:**', reason: 'INC-4712', ttlMs: HOUR, by: 'oncall', wholeEnvironment: true },
      loadConfig(configFile),
      hoursAgo(10),
    );
    await log.close();
    const report = await assess(['--config', configFile, '--window', '7d']);
    assert.equal(report.level, 3);
    assert.equal(report.window.duration, '7d');
    const changes = criterion(report, 'production-changes-via-pipeline');
    assert.equal(changes.status, 'unmet');
    assert.equal(changes.measurements['console'], 3);
    assert.match(changes.evidence, /user\/alice/);
    const hygiene = criterion(report, 'breakglass-hygiene');
    assert.equal(hygiene.status, 'unmet', 'expired (past its TTL) and never reconciled');
    assert.match(hygiene.nextStep!, /reconcile the scope of bg-/);
  });
});

describe('every format renders the same assessment', () => {
  test('table, json, markdown, html, sarif, junit', async () => {
    const { configFile, store } = workspace('audit');
    await tenDaysOfScans(store, true);
    const out = async (format: string) => {
      const run = await runCli(['maturity', '--config', configFile, '-o', format], { now: NOW });
      assert.equal(run.code, 0, run.stderr);
      return run.stdout;
    };
    assert.match(
      await out('table'),
      /Drift maturity: level 3 of 4 \(Detection and reconciliation\)[\s\S]*Next steps:\n {2}1\. put prod in enforce mode/,
    );
    const markdown = await out('markdown');
    assert.match(markdown, /^## Drift maturity: level 3 of 4/);
    assert.match(markdown, /\| 4 \| Production is in enforce mode `production-enforced` \| ❌ not met \|/);
    const html = await out('html');
    assert.match(html, /<div class="banner incomplete" id="level" data-level="3">/);
    assert.match(html, /<tr data-id="production-enforced" data-status="unmet">/);
    assert.ok(!/(src|href)="https?:/.test(html), 'self-contained');
    const sarif = JSON.parse(await out('sarif')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; level: string }>; tool: { driver: { rules: unknown[] } } }>;
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0]!.results.map((r) => [r.ruleId, r.level]),
      [['DW-MATURITY-PRODUCTION-ENFORCED', 'note']],
    );
    assert.equal(sarif.runs[0]!.tool.driver.rules.length, 8);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await out('junit')) as {
      testsuites: {
        testsuite: {
          '@_tests': string;
          '@_failures': string;
          testcase: Array<{ '@_name': string; failure?: unknown }>;
        };
      };
    };
    const suite = junit.testsuites.testsuite;
    assert.equal(suite['@_tests'], '8');
    assert.equal(suite['@_failures'], '1');
    assert.deepEqual(
      suite.testcase.filter((c) => c.failure !== undefined).map((c) => c['@_name']),
      ['production-enforced'],
    );
    const dir = mkdtempSync(join(tmpdir(), 'dw-maturity-out-'));
    const file = join(dir, 'maturity.json');
    const written = await runCli(['maturity', '--config', configFile, '-o', 'json', '--out', file], { now: NOW });
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.match(written.stderr, /json maturity report written to/);
  });
});
