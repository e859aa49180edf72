import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '../audit/chain.js';
import { assessMaturity, levelOf } from './assess.js';
import { buildEpisodes } from './evidence.js';
import { scanRuns } from './criteria-detection.js';
import type { CriterionId, DriftEpisode, MaturityEvidence, ScanEvidence, SessionEvidence } from '../model/maturity.js';

const NOW = '2025-03-31T12:00:00.000Z';
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.parse(NOW) - hoursAgo * HOUR).toISOString();

function scansEvery(hours: number, count: number, extra: Partial<ScanEvidence> = {}): ScanEvidence[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    startedAt: at((count - 1 - i) * hours + 1),
    managed: 10,
    unmanaged: 1,
    coverage: 0.9,
    ...extra,
  }));
}

/** The same scans, `hours` earlier. */
function earlier(scans: ReadonlyArray<ScanEvidence>, hours: number): ScanEvidence[] {
  return scans.map((scan) => ({
    ...scan,
    id: `${scan.id}-${hours}`,
    startedAt: new Date(Date.parse(scan.startedAt) - hours * HOUR).toISOString(),
  }));
}

function evidence(overrides: Partial<MaturityEvidence> = {}): MaturityEvidence {
  return {
    now: NOW,
    window: { text: '30d', ms: 30 * 24 * HOUR, from: at(30 * 24), to: NOW },
    store: '/tmp/history.db',
    config: {
      file: '/tmp/driftwarden.yaml',
      environments: [
        { name: 'staging', tier: 'staging', mode: 'audit', states: 1 },
        { name: 'prod', tier: 'production', mode: 'enforce', states: 1 },
      ],
    },
    scans: scansEvery(6, 40),
    episodes: [
      {
        findingId: 'f1',
        environment: 'staging',
        address: 'aws_instance.a',
        openedAt: at(30),
        resolvedAt: at(25),
        resolvedBy: 'action',
        attribution: null,
      },
    ],
    actionsApplied: 1,
    sessions: [],
    ...overrides,
  };
}

const statusOf = (e: MaturityEvidence, id: CriterionId) => assessMaturity(e, 'test').criteria.find((c) => c.id === id)!;

describe('maturity levels', () => {
  test('every criterion met: level 4, no next steps', () => {
    const report = assessMaturity(evidence(), 'test');
    assert.deepEqual(
      report.criteria.filter((c) => c.status !== 'met').map((c) => [c.id, c.evidence]),
      [],
    );
    assert.equal(report.level, 4);
    assert.deepEqual(report.nextSteps, []);
  });

  test('the ladder: a level needs every criterion below it, so a met level-4 criterion does not lift a level-1 organisation', () => {
    const report = assessMaturity(evidence({ scans: scansEvery(6, 2, { coverage: null }) }), 'test');
    assert.equal(report.level, 1);
    assert.equal(statusOf(evidence(), 'production-enforced').status, 'met');
    assert.equal(levelOf([]), 4, 'vacuous: no criteria means nothing blocks');
  });

  test('an empty store and no config: level 0, everything that needs data is not assessed', () => {
    const { config: _ignored, ...noConfig } = evidence({ scans: [], episodes: [], actionsApplied: 0 });
    const report = assessMaturity(noConfig, 'test');
    assert.equal(report.level, 0);
    const notAssessed = report.criteria.filter((c) => c.status === 'not-assessed').map((c) => c.id);
    assert.deepEqual(notAssessed, [
      'iac-exists',
      'iac-coverage',
      'scan-schedule',
      'scan-recency',
      'time-to-revert',
      'production-enforced',
      'production-changes-via-pipeline',
    ]);
    assert.ok(
      report.criteria.every((c) => c.status === 'met' || c.nextStep !== undefined),
      'every gap has a next step',
    );
  });
});

describe('scan schedule and recency', () => {
  test('scans minutes apart (one per environment) are one run', () => {
    const scans = ['2025-03-01T00:00:00Z', '2025-03-01T00:05:00Z', '2025-03-01T06:00:00Z'].map((startedAt, i) => ({
      id: `s${i}`,
      startedAt,
      managed: 1,
      unmanaged: null,
      coverage: null,
    }));
    assert.equal(scanRuns(scans).length, 2);
  });

  test('a long gap makes the schedule irregular; an old last scan is not recent', () => {
    const irregular = [...earlier(scansEvery(6, 10), 200), ...scansEvery(6, 3)];
    const schedule = statusOf(evidence({ scans: irregular }), 'scan-schedule');
    assert.equal(schedule.status, 'unmet');
    assert.match(schedule.evidence, /irregular/);
    const stale = statusOf(evidence({ scans: earlier(scansEvery(6, 10), 48) }), 'scan-recency');
    assert.equal(stale.status, 'unmet');
    assert.equal(stale.measurements['limitMs'], 12 * HOUR, 'twice the 6h interval');
  });
});

describe('coverage, time to revert, production', () => {
  test('coverage below 80% is unmet with the unmanaged count; plan-only scans leave it not assessed', () => {
    const low = statusOf(evidence({ scans: scansEvery(6, 10, { coverage: 0.5, unmanaged: 12 }) }), 'iac-coverage');
    assert.equal(low.status, 'unmet');
    assert.match(low.nextStep!, /12 unmanaged/);
    assert.equal(
      statusOf(evidence({ scans: scansEvery(6, 10, { coverage: null }) }), 'iac-coverage').status,
      'not-assessed',
    );
  });

  test('drift open longer than 7d fails time to revert even when the reverted ones were quick', () => {
    const episodes: DriftEpisode[] = [
      ...evidence().episodes,
      { findingId: 'f2', environment: 'staging', address: 'aws_s3_bucket.b', openedAt: at(24 * 9), attribution: null },
    ];
    const result = statusOf(evidence({ episodes }), 'time-to-revert');
    assert.equal(result.status, 'unmet');
    assert.equal(result.measurements['openLongerThanLimit'], 1);
    assert.equal(result.measurements['meanTimeToRevertMs'], 5 * HOUR);
  });

  test('production in audit mode names the key to set', () => {
    const config = {
      file: '/etc/dw.yaml',
      environments: [{ name: 'prod', tier: 'production' as const, mode: 'audit' as const, states: 1 }],
    };
    const result = statusOf(evidence({ config }), 'production-enforced');
    assert.equal(result.status, 'unmet');
    assert.match(result.nextStep!, /set environments\.prod\.mode: enforce in \/etc\/dw\.yaml/);
  });

  test('console changes in production fail; unattributed ones are not assessed, never guessed', () => {
    const console: DriftEpisode = {
      findingId: 'f3',
      environment: 'prod',
      address: 'aws_instance.web',
      openedAt: at(10),
      attribution: { via: 'console', principal: 'arn:aws:iam::123456789012:user/alice', time: at(11) },
    };
    const failed = statusOf(evidence({ episodes: [console] }), 'production-changes-via-pipeline');
    assert.equal(failed.status, 'unmet');
    assert.match(failed.evidence, /1 made in the console.*user\/alice/);
    const unknown = statusOf(
      evidence({ episodes: [{ ...console, attribution: null }] }),
      'production-changes-via-pipeline',
    );
    assert.equal(unknown.status, 'not-assessed');
    const staging = statusOf(
      evidence({ episodes: [{ ...console, environment: 'staging' }] }),
      'production-changes-via-pipeline',
    );
    assert.equal(staging.status, 'met', 'console changes outside production do not count here');
  });

  test('break-glass: a session past its expiry and never reconciled fails hygiene; within the grace it does not', () => {
    const session: SessionEvidence = {
      id: 'bg-1',
      scope: 'prod:**',
      environment: 'prod',
      addressGlob: '**',
      wholeEnvironment: true,
      reason: 'INC-1',
      openedBy: 'ops',
      openedSeq: 1,
      openedAt: at(5),
      expiresAt: at(3),
      ttlMs: 2 * HOUR,
      status: 'open',
      capMs: 4 * HOUR,
    };
    const overdue = statusOf(evidence({ sessions: [session] }), 'breakglass-hygiene');
    assert.equal(overdue.status, 'unmet');
    assert.deepEqual(overdue.measurements['unreconciled'], ['bg-1']);
    const fresh = statusOf(evidence({ sessions: [{ ...session, expiresAt: at(0.5) }] }), 'breakglass-hygiene');
    assert.equal(fresh.status, 'met');
    const tooLong = statusOf(
      evidence({
        sessions: [{ ...session, status: 'closed', endedAt: at(4), reconciledAt: at(3.5), ttlMs: 8 * HOUR }],
      }),
      'breakglass-hygiene',
    );
    assert.equal(tooLong.status, 'unmet');
    assert.match(tooLong.evidence, /longer than the cap/);
  });
});

describe('drift episodes from the audit log', () => {
  const entry = (
    seq: number,
    action: string,
    details: Record<string, string | null>,
    time = at(100 - seq),
  ): AuditEntry => ({
    seq,
    time,
    actor: 'driftwarden',
    action,
    subject: 'aws_instance.a',
    details,
    prevHash: '',
    hash: '',
  });

  test('opened -> resolved pairs measured between scan times; a reconcile action ends it earlier; reopened drift is a new episode', () => {
    const scanTime = new Map([
      ['s1', at(50)],
      ['s2', at(40)],
      ['s3', at(30)],
      ['s4', at(20)],
    ]);
    const episodes = buildEpisodes(
      [
        entry(1, 'finding.opened', { findingId: 'f', scanId: 's1', environment: 'prod' }),
        entry(2, 'finding.resolved', { findingId: 'f', scanId: 's2' }),
        entry(3, 'finding.opened', { findingId: 'f', scanId: 's3', environment: 'prod' }),
        entry(4, 'finding.resolved', { findingId: 'f', scanId: 's4' }),
        entry(5, 'finding.resolved', { findingId: 'unknown-start', scanId: 's4' }),
      ],
      [entry(9, 'action.applied', { findingId: 'f' }, at(28))],
      scanTime,
    );
    assert.deepEqual(
      episodes.map((e) => [e.openedAt, e.resolvedAt, e.resolvedBy]),
      [
        [at(50), at(40), 'scan'],
        [at(30), at(28), 'action'],
      ],
    );
  });
});
