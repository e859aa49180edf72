/**
 * Break-glass sessions through their API on a real SQLite file, with an injected clock: coverage,
 * expiry (idempotent, even with no process running at the expiry time), the TTL cap per tier, the
 * incident window report and the hand-off to the controller.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { recordRefreshed } from './support/store-contract.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordScanInAudit } from '../src/audit/record.js';
import {
  openBreakglassSessions,
  validateOpenRequest,
  type BreakglassSessions,
} from '../src/actions/breakglass/sessions.js';
import { parseScope } from '../src/actions/breakglass/scope.js';
import { parseConfig } from '../src/config/load.js';
import { DriftwardenError } from '../src/model/errors.js';
import type { Finding } from '../src/model/finding.js';
import type { ScanResult } from '../src/model/scan-result.js';
import { openStore, type Store } from '../src/store/index.js';
import { allChecked, NO_ACCOUNTING } from './support/summary.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HOUR = 3_600_000;
const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const CONFIG = parseConfig(
  [
    'environments:',
    '  prod: { tier: production }',
    '  dev: { tier: development }',
    'breakglass:',
    '  max_ttl: { production: 4h, development: 2d, default: 1d }',
  ].join('\n'),
  '/tmp/driftwarden.yaml',
);

interface Fixture {
  readonly path: string;
  readonly store: Store;
  readonly log: Store['audit'];
  readonly sessions: BreakglassSessions;
  /** The audit clock: set `clock.now` to move time. */
  readonly clock: { now: Date };
}

async function fixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bg-'));
  dirs.push(dir);
  const path = join(dir, 'history.db');
  const clock = { now: T0 };
  const store = await openStore(path, { clock: () => clock.now });
  return { path, store, log: store.audit, sessions: openBreakglassSessions(store), clock };
}

function expectError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof DriftwardenError && message.test(err.message));
}

async function expectRejection(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof DriftwardenError && message.test(err.message));
}

test('scope syntax: optional environment prefix, glob over addresses, with or without a state label', () => {
  const scope = parseScope('prod:module.payments.**');
  assert.equal(scope.environment, 'prod');
  assert.equal(scope.matches('module.payments.aws_lb.front'), true);
  assert.equal(scope.matches('payments/module.payments.aws_lb.front'), true, 'state label ignored');
  assert.equal(scope.matches('module.billing.aws_lb.front'), false);
  assert.equal(
    parseScope('aws_s3_bucket.b["a:b"]').environment,
    undefined,
    'a colon inside a key is not the environment separator',
  );
  assert.equal(parseScope('module.x.*', 'dev').environment, 'dev');
  expectError(() => parseScope('prod:aws_lb.x', 'dev'), /--env says "dev"/);
  expectError(() => parseScope('module..x'), /invalid break-glass scope/);
});

test('the TTL cap follows the tier; a session over every environment gets the strictest cap', () => {
  const request = { scope: 'prod:module.payments.**', reason: 'INC-1', by: 'alice' };
  validateOpenRequest({ ...request, ttlMs: 4 * HOUR }, CONFIG);
  expectError(
    () => validateOpenRequest({ ...request, ttlMs: 5 * HOUR }, CONFIG),
    /above the break-glass limit of 4h for tier production \(environment prod\)/,
  );
  validateOpenRequest({ ...request, scope: 'dev:**', ttlMs: 30 * HOUR, wholeEnvironment: true }, CONFIG);
  expectError(
    () => validateOpenRequest({ ...request, scope: '**', ttlMs: 5 * HOUR, wholeEnvironment: true }, CONFIG),
    /limit of 4h for tier production/,
  );
  expectError(
    () => validateOpenRequest({ ...request, ttlMs: 25 * HOUR, scope: '**', wholeEnvironment: true }, undefined),
    /limit of 1d for tier default/,
  );
  expectError(() => validateOpenRequest({ ...request, ttlMs: HOUR, reason: '  ' }, CONFIG), /needs a reason/);
  expectError(
    () => validateOpenRequest({ ...request, ttlMs: HOUR, scope: 'qa:**', wholeEnvironment: true }, CONFIG),
    /unknown environment "qa"/,
  );
});

test('an open session covers its scope until its expiry time, then expires exactly once', async () => {
  const { store, log, sessions } = await fixture();
  try {
    const session = await sessions.open(
      { scope: 'prod:module.payments.**', reason: 'INC-7: scale out', ttlMs: HOUR, by: 'alice' },
      CONFIG,
      T0,
    );
    assert.match(session.id, /^bg-[0-9a-f]{8}$/);
    assert.equal(session.expiresAt, at(60).toISOString());

    assert.deepEqual(
      (await sessions.activeSessionsCovering('module.payments.aws_lb.front', 'prod', at(30))).map((s) => s.id),
      [session.id],
    );
    assert.deepEqual(await sessions.activeSessionsCovering('module.payments.aws_lb.front', 'dev', at(30)), []);
    assert.deepEqual(await sessions.activeSessionsCovering('module.billing.aws_lb.front', 'prod', at(30)), []);
    assert.deepEqual(
      await sessions.activeSessionsCovering('module.payments.aws_lb.front', 'prod', at(60)),
      [],
      'past its expiry a session covers nothing, even before expireSessions ran',
    );

    assert.deepEqual(await sessions.expireSessions(at(59)), []);
    // Nothing ran at 11:00; the first command at 13:00 expires it, ended at its expiry time.
    const expired = await sessions.expireSessions(at(180));
    assert.deepEqual(
      expired.map((s) => [s.id, s.status, s.endedAt]),
      [[session.id, 'expired', at(60).toISOString()]],
    );
    assert.deepEqual(await sessions.expireSessions(at(240)), [], 'idempotent');
    const entries = await log.entries({ subject: session.id });
    assert.deepEqual(
      entries.map((e) => e.action),
      ['breakglass.opened', 'breakglass.expired'],
    );
    assert.equal(entries[0]!.actor, 'alice');
    assert.equal(entries[1]!.details['expiredAt'], at(60).toISOString());

    const before = (await log.entries()).length;
    await expectRejection(sessions.close(session.id, 'bob', at(200)), /already expired/);
    await expectRejection(sessions.close('bg-00000000', 'bob', at(200)), /there is no break-glass session bg-00000000/);
    assert.equal((await log.entries()).length, before, 'a refused close writes nothing');
    assert.equal((await log.verify()).ok, true);
  } finally {
    await store.close();
  }
});

function finding(id: string, address: string, environment: string): Finding {
  return {
    id,
    kind: 'configuration',
    severity: 'high',
    environment,
    resource: { address, type: address.split('.').at(-2)!, account: '123456789012', region: 'eu-west-1' },
    changes: [{ path: 'desired_capacity', recorded: 3, observed: 10, sensitive: false }],
    summary: `${address} drifted`,
    reasons: [],
  };
}

function scan(id: string, startedAt: Date, findings: Finding[]): ScanResult {
  const iso = startedAt.toISOString();
  return {
    schemaVersion: '2.0',
    scan: {
      id,
      startedAt: iso,
      finishedAt: iso,
      complete: true,
      incompleteScopes: [],
      sources: [],
      tool: { name: 'driftwarden', version: '0.1.0' },
    },
    summary: {
      ...allChecked(3),
      unmanaged: 0,
      missing: 0,
      changed: findings.length,
      byKind: { configuration: findings.length, unmanaged: 0, missing: 0, policy: 0, version: 0 },
      bySeverity: { low: 0, medium: 0, high: findings.length, critical: 0 },
    },
    accounting: NO_ACCOUNTING,
    findings,
    suppressions: [],
  };
}

test('the window report holds the session, the scans, and the findings and entries inside its scope', async () => {
  const { store, sessions, clock } = await fixture();
  try {
    const session = await sessions.open(
      { scope: 'module.payments.**', environment: 'prod', reason: 'INC-9', ttlMs: 2 * HOUR, by: 'alice' },
      CONFIG,
      T0,
    );
    clock.now = at(30);
    const during = scan('scan-during', at(30), [
      finding('in', 'module.payments.aws_autoscaling_group.web', 'prod'),
      finding('other-env', 'module.payments.aws_autoscaling_group.web', 'dev'),
      finding('outside', 'aws_instance.bastion', 'prod'),
    ]);
    await recordScanInAudit(store, during, await recordRefreshed(store.history, during));
    clock.now = at(60);
    await sessions.close(session.id, 'bob', at(60));
    clock.now = at(90);
    const later = scan('scan-after', at(90), [finding('late', 'module.payments.aws_lb.front', 'prod')]);
    await recordScanInAudit(store, later, await recordRefreshed(store.history, later));

    const report = await sessions.sessionWindowReport(session.id, at(120));
    assert.deepEqual(report.window, { from: T0.toISOString(), to: at(60).toISOString(), ongoing: false });
    assert.deepEqual(
      report.sessionEntries.map((e) => e.action),
      ['breakglass.opened', 'breakglass.closed'],
    );
    assert.deepEqual(
      report.scans.map((e) => e.subject),
      ['scan-during'],
    );
    assert.deepEqual(
      report.scopeEntries.map((e) => [e.action, e.details['findingId']]),
      [['finding.opened', 'in']],
    );
    assert.deepEqual(
      report.findings.map((f) => f.id),
      ['in'],
    );
    assert.deepEqual(report.findings[0]!.finding.changes[0], {
      path: 'desired_capacity',
      recorded: 3,
      observed: 10,
      sensitive: false,
    });
    await expectRejection(sessions.sessionWindowReport('bg-unknown'), /no break-glass session/);
  } finally {
    await store.close();
  }
});

test('ended sessions wait for the controller until marked reconciled (recorded once)', async () => {
  const { store, log, sessions } = await fixture();
  try {
    const closed = await sessions.open(
      { scope: 'aws_autoscaling_group.web', reason: 'INC-2', ttlMs: HOUR, by: 'alice' },
      CONFIG,
      T0,
    );
    const open = await sessions.open(
      { scope: 'dev:**', reason: 'INC-3', ttlMs: 10 * HOUR, by: 'carol', wholeEnvironment: true },
      CONFIG,
      T0,
    );
    await sessions.close(closed.id, 'alice', at(10));
    assert.deepEqual(
      (await sessions.awaitingReconciliation()).map((s) => s.id),
      [closed.id],
    );
    await sessions.markReconciled(closed.id, 'reverted 1 finding');
    await sessions.markReconciled(closed.id, 'again');
    await sessions.markReconciled(open.id, 'not ended');
    assert.deepEqual(await sessions.awaitingReconciliation(), []);
    assert.equal((await sessions.get(closed.id))?.reconcileOutcome, 'reverted 1 finding');
    assert.equal((await log.entries({ actions: ['action.breakglass-reconciled'] })).length, 1);
    assert.deepEqual(
      (await sessions.list()).map((s) => s.id),
      [open.id],
    );
    assert.equal((await sessions.list({ all: true })).length, 2);
  } finally {
    await store.close();
  }
});
