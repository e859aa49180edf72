/**
 * The store contract: ONE suite that every backend passes (store-sqlite.test.ts runs it on SQLite
 * files, store-postgres.test.ts on a throwaway PostgreSQL cluster). Only the store's API is used,
 * except where a test plays the attacker or a future release (raw-database.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, LATEST_SCHEMA_VERSION, type Store } from '../../src/store/index.js';
import type { RecordScanOptions, ScanToRecord } from '../../src/store/scan-store.js';
import type { ScanHistory } from '../../src/model/scan-result.js';
import { DriftwardenError } from '../../src/model/errors.js';
import type { Finding } from '../../src/model/finding.js';
import type { IncompleteScope } from '../../src/model/resource.js';
import { openBreakglassSessions } from '../../src/actions/breakglass/sessions.js';
import { rawAll, rawExec } from './raw-database.js';
import { allChecked, NO_ACCOUNTING } from './summary.js';

export function finding(
  id: string,
  over: Partial<Finding> & { type?: string; account?: string; region?: string } = {},
): Finding {
  const type = over.type ?? 'aws_security_group';
  return {
    id,
    kind: over.kind ?? 'configuration',
    severity: over.severity ?? 'medium',
    environment: over.environment ?? 'prod',
    resource: {
      address: `${type}.${id}`,
      type,
      id: `sg-${id}`,
      account: over.account ?? '123456789012',
      region: over.region ?? 'eu-west-1',
    },
    changes: over.changes ?? [{ path: 'description', recorded: 'a', observed: 'b', sensitive: false }],
    summary: `${id} drifted`,
    reasons: [],
  };
}

const EMPTY_SUMMARY = {
  ...allChecked(0),
  unmanaged: 0,
  missing: 0,
  changed: 0,
  byKind: { configuration: 0, unmanaged: 0, missing: 0, policy: 0, version: 0 },
  bySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
};

export function scan(
  id: string,
  startedAt: string,
  findings: Finding[],
  incompleteScopes: IncompleteScope[] = [],
  sources: string[] = ['./prod.tfstate'],
): ScanToRecord {
  return {
    schemaVersion: '2.0',
    scan: {
      id,
      startedAt,
      finishedAt: startedAt.replace(':00Z', ':30Z'),
      complete: incompleteScopes.length === 0,
      incompleteScopes,
      sources,
      tool: { name: 'driftwarden', version: '0.1.0' },
    },
    summary: { ...EMPTY_SUMMARY, changed: findings.length },
    accounting: NO_ACCOUNTING,
    findings,
    suppressions: [],
  };
}

/** The estate of the contract's scans, and every scope their findings live in, observed completely. */
export const ESTATE = { key: 'estate-a', label: 'test estate A' };
const SCOPES = ['aws_security_group', 'aws_ebs_volume'].flatMap((type) =>
  ['eu-west-1', 'us-east-1'].map((region) => ({ type, account: '123456789012', region })),
);
export const OBSERVED_ALL: RecordScanOptions = { estate: ESTATE, observation: { kind: 'scopes', complete: SCOPES } };

/** A plan scan of ESTATE: its refresh re-checked every managed resource, whatever its type or region. */
export const REFRESHED_ALL: RecordScanOptions = { estate: ESTATE, observation: { kind: 'refresh-of-record' } };

export function recordRefreshed(history: Store['history'], scanned: ScanToRecord): Promise<ScanHistory> {
  return history.recordScan(scanned, REFRESHED_ALL);
}

export function record(
  history: Store['history'],
  scanned: ScanToRecord,
  options: RecordScanOptions = OBSERVED_ALL,
): Promise<ScanHistory> {
  return history.recordScan(scanned, options);
}

export const T1 = '2025-01-01T10:00:00Z';
export const T2 = '2025-01-02T10:00:00Z';
export const T3 = '2025-01-03T10:00:00Z';
export const T4 = '2025-01-04T10:00:00Z';

/** SQL that lets the attacker edit audit rows: the triggers are a speed bump, not the proof. */
export function dropAuditGuards(backend: 'sqlite' | 'postgres'): string {
  return backend === 'sqlite'
    ? 'DROP TRIGGER audit_entries_append_only_update; DROP TRIGGER audit_entries_append_only_delete;'
    : 'ALTER TABLE audit_entries DISABLE TRIGGER USER;';
}

export function storeContract(backend: 'sqlite' | 'postgres', newLocation: () => Promise<string>): void {
  const withStore = async <T>(fn: (store: Store, location: string) => Promise<T>, clock?: () => Date): Promise<T> => {
    const location = await newLocation();
    const store = await openStore(location, clock ? { clock } : {});
    try {
      return await fn(store, location);
    } finally {
      await store.close();
    }
  };

  test(`${backend}: two scans: new, resolved and first-seen are right`, () =>
    withStore(async ({ history }) => {
      const h1 = await record(history, scan('s1', T1, [finding('a'), finding('b')]));
      assert.deepEqual(h1, {
        estate: ESTATE,
        previousScanId: null,
        newFindingIds: ['a', 'b'],
        resolved: [],
        notRechecked: [],
        firstSeen: { a: T1, b: T1 },
      });
      const h2 = await record(history, scan('s2', T2, [finding('b'), finding('c')]));
      assert.equal(h2.previousScanId, 's1');
      assert.deepEqual(h2.newFindingIds, ['c']);
      assert.deepEqual(h2.resolved, [{ id: 'a', address: 'aws_security_group.a', kind: 'configuration' }]);
      assert.deepEqual(h2.firstSeen, { b: T1, c: T2 });
      const a = await history.findingHistory('a');
      assert.equal(a?.resolvedAt, T2);
      assert.equal(a?.lastSeen, T1);
      const b = await history.findingHistory('b');
      assert.equal(b?.resolvedAt, undefined);
      assert.deepEqual(
        b?.sightings.map((s) => s.scanId),
        ['s1', 's2'],
      );
      assert.equal((await history.previousScan())?.id, 's2');
      assert.deepEqual(
        (await history.listScans()).map((s) => [s.id, s.findingCount, s.complete]),
        [
          ['s2', 2, true],
          ['s1', 2, true],
        ],
      );
    }));

  test(`${backend}: a resolved finding that reappears is new again, with a new first_seen`, () =>
    withStore(async ({ history }) => {
      await record(history, scan('s1', T1, [finding('a')]));
      const h2 = await record(history, scan('s2', T2, []));
      assert.deepEqual(
        h2.resolved.map((r) => r.id),
        ['a'],
      );
      const h3 = await record(history, scan('s3', T3, [finding('a', { severity: 'high' })]));
      assert.deepEqual(h3.newFindingIds, ['a']);
      assert.deepEqual(h3.firstSeen, { a: T3 });
      const a = await history.findingHistory('a');
      assert.equal(a?.resolvedAt, undefined, 'reopened');
      assert.equal(a?.severity, 'high', 'the latest sighting is kept');
      const h4 = await record(history, scan('s4', T4, [finding('a')]));
      assert.deepEqual(h4.newFindingIds, []);
      assert.deepEqual(h4.firstSeen, { a: T3 });
    }));

  test(`${backend}: a finding in an incomplete scope is not resolved, and is by the next complete scan`, () =>
    withStore(async ({ history }) => {
      await record(
        history,
        scan('s1', T1, [
          finding('sg1'),
          finding('vol1', { type: 'aws_ebs_volume' }),
          finding('sg-us', { region: 'us-east-1' }),
        ]),
      );
      const denied: IncompleteScope = {
        type: 'aws_security_group',
        account: '123456789012',
        region: 'eu-west-1',
        reason: 'AccessDenied',
        code: 'access-denied',
      };
      const h2 = await record(history, scan('s2', T2, [], [denied]));
      assert.deepEqual(h2.resolved.map((r) => r.id).sort(), ['sg-us', 'vol1']);
      assert.equal((await history.findingHistory('sg1'))?.resolvedAt, undefined);
      const h3 = await record(history, scan('s3', T3, []));
      assert.deepEqual(
        h3.resolved.map((r) => r.id),
        ['sg1'],
      );
    }));

  test(`${backend}: history belongs to an estate: another estate's scans neither compare with nor resolve it`, () =>
    withStore(async ({ history }) => {
      await record(history, scan('a1', T1, [finding('p'), finding('s')]));
      const other = { ...OBSERVED_ALL, estate: { key: 'estate-b', label: 'another project' } };
      const b1 = await record(history, scan('b1', T2, [finding('q')]), other);
      assert.equal(b1.previousScanId, null, 'the first scan of estate B');
      assert.deepEqual(b1.resolved, [], "B observed everything completely, yet never resolves A's findings");
      assert.deepEqual(b1.notRechecked, [], "and does not report A's findings either");
      assert.equal((await history.findingHistory('p'))?.resolvedAt, undefined);
      const a2 = await record(history, scan('a2', T3, [finding('p')]));
      assert.equal(a2.previousScanId, 'a1', "A's previous scan is A's, not B's newer one");
      assert.deepEqual(
        a2.resolved.map((r) => r.id),
        ['s'],
      );
      assert.deepEqual(a2.estate, ESTATE);
      const limited = await record(history, scan('a3', T4, []), { ...OBSERVED_ALL, environments: ['staging'] });
      assert.deepEqual(limited.resolved, [], 'p is in prod, which this scan did not cover');
      assert.deepEqual(
        limited.notRechecked?.map((r) => [r.id, r.reason]),
        [['p', 'environment prod was not scanned']],
      );
    }));

  test(`${backend}: only a complete observation of the finding's own scope resolves it; the rest is not re-checked`, () =>
    withStore(async ({ history }) => {
      const findings = [
        finding('sg1'),
        finding('vol1', { type: 'aws_ebs_volume' }),
        finding('sg-us', { region: 'us-east-1' }),
      ];
      await record(history, scan('s1', T1, findings));
      // Only the security groups of eu-west-1 were listed.
      const partial = await record(history, scan('s2', T2, []), {
        estate: ESTATE,
        observation: {
          kind: 'scopes',
          complete: [{ type: 'aws_security_group', account: '123456789012', region: 'eu-west-1' }],
        },
      });
      assert.deepEqual(
        partial.resolved.map((r) => r.id),
        ['sg1'],
      );
      assert.deepEqual(partial.notRechecked?.map((r) => r.id).sort(), ['sg-us', 'vol1']);
      assert.match(
        partial.notRechecked!.find((r) => r.id === 'vol1')!.reason,
        /aws_ebs_volume in 123456789012\/eu-west-1 was not observed completely/,
      );
      const nothing = await record(history, scan('s3', T3, []), { estate: ESTATE, observation: { kind: 'none' } });
      assert.deepEqual(nothing.resolved, []);
      assert.equal(nothing.notRechecked?.length, 2);
    }));

  test(`${backend}: STS failed: scopes labelled with the wrong account resolve nothing`, () =>
    withStore(async ({ history }) => {
      await record(history, scan('s1', T1, [finding('sg1'), finding('vol1', { type: 'aws_ebs_volume' })]));
      // GetCallerIdentity failed: every scope carries the label "default", none was listed.
      const failed: IncompleteScope[] = ['aws_security_group', 'aws_ebs_volume'].map((type) => ({
        type,
        account: 'default',
        region: 'eu-west-1',
        reason: 'sts:GetCallerIdentity failed',
        code: 'endpoint',
      }));
      const h2 = await record(history, scan('s2', T2, [], failed), {
        estate: ESTATE,
        observation: { kind: 'scopes', complete: [] },
      });
      assert.deepEqual(h2.resolved, [], 'nothing resolved while nothing was observed');
      assert.equal(h2.notRechecked?.length, 2);
      // Even a listing that succeeded under the wrong label proves nothing about the real account.
      const h3 = await record(history, scan('s3', T3, []), {
        estate: ESTATE,
        observation: {
          kind: 'scopes',
          complete: [{ type: 'aws_security_group', account: 'default', region: 'eu-west-1' }],
        },
      });
      assert.deepEqual(h3.resolved, []);
    }));

  test(`${backend}: a plan's refresh re-checks every managed resource, never unmanaged ones`, () =>
    withStore(async ({ history }) => {
      await record(history, scan('s1', T1, [finding('changed'), finding('orphan', { kind: 'unmanaged' })]));
      const h2 = await record(history, scan('s2', T2, []), {
        estate: ESTATE,
        observation: { kind: 'refresh-of-record' },
      });
      assert.deepEqual(
        h2.resolved.map((r) => r.id),
        ['changed'],
      );
      assert.deepEqual(
        h2.notRechecked?.map((r) => [r.id, r.reason]),
        [['orphan', 'a plan cannot see unmanaged resources']],
      );
    }));

  test(`${backend}: recordScan is atomic: a failure mid-way leaves nothing behind, and a retry converges`, () =>
    withStore(async (store, location) => {
      await record(store.history, scan('s1', T1, [finding('a')]));
      const poisoned = finding('c', { changes: [{ path: 'size', recorded: 1n, observed: 2n, sensitive: false }] });
      await assert.rejects(record(store.history, scan('s2', T2, [finding('b'), poisoned])), /BigInt/);
      await assert.rejects(
        record(store.history, scan('s2', T2, [finding('b'), finding('b')])),
        (err: unknown) => err instanceof DriftwardenError && err.code === 'store.error',
        'a constraint violation is a database error, with its code',
      );
      assert.deepEqual(
        (await store.history.listScans()).map((s) => s.id),
        ['s1'],
      );
      assert.equal(await store.history.findingHistory('b'), undefined);
      assert.equal((await store.history.findingHistory('a'))?.resolvedAt, undefined);
      const h = await record(store.history, scan('s2', T2, [finding('b')]));
      assert.equal(h.previousScanId, 's1');
      // A separate connection sees exactly the committed rows.
      const rows = await rawAll<{ id: string }>(location, 'SELECT id FROM scans ORDER BY seq');
      assert.deepEqual(
        rows.map((r) => r.id),
        ['s1', 's2'],
      );
    }));

  test(`${backend}: a transaction spanning history and audit is all or nothing`, () =>
    withStore(async (store) => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await record(tx.history, scan('s1', T1, [finding('a')]));
          await tx.audit.append({ actor: 'test', action: 'scan.recorded', subject: 's1' });
          throw new Error('crash after both writes');
        }),
        /crash after both writes/,
      );
      assert.deepEqual(await store.history.listScans(), []);
      assert.deepEqual(await store.audit.entries(), []);
      assert.equal((await store.audit.verify()).ok, true);
    }));

  test(`${backend}: recording the same scan id twice is refused`, () =>
    withStore(async ({ history }) => {
      await record(history, scan('s1', T1, []));
      await assert.rejects(
        record(history, scan('s1', T1, [])),
        (err: unknown) => err instanceof DriftwardenError && /already recorded/.test(err.message),
      );
    }));

  test(`${backend}: reopening keeps history; every migration is applied once; a newer schema is refused`, async () => {
    const location = await newLocation();
    const first = await openStore(location);
    await record(first.history, scan('s1', T1, [finding('a')]));
    await first.close();
    const second = await openStore(location);
    try {
      const h = await record(second.history, scan('s2', T2, [finding('a')]));
      assert.equal(h.previousScanId, 's1');
      assert.deepEqual(h.firstSeen, { a: T1 });
      const status = await second.schemaStatus();
      assert.equal(status.length, LATEST_SCHEMA_VERSION);
      assert.ok(status.every((m) => m.appliedAt !== undefined));
      assert.deepEqual(await second.migrate(), [], 'nothing left to apply');
    } finally {
      await second.close();
    }
    const versions = await rawAll<{ version: number }>(
      location,
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      versions.map((v) => Number(v.version)),
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    await rawExec(
      location,
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST_SCHEMA_VERSION + 1}, 'future', '${T1}')`,
    );
    await assert.rejects(
      openStore(location),
      (err: unknown) => err instanceof DriftwardenError && err.code === 'input.unsupported-version',
    );
  });

  test(`${backend}: a database error is an error, never an empty result`, () =>
    withStore(async (store, location) => {
      await record(store.history, scan('s1', T1, [finding('a')]));
      await rawExec(location, 'DROP TABLE scan_findings');
      await assert.rejects(
        store.history.latestScanFindings(),
        (err: unknown) => err instanceof DriftwardenError && err.code === 'store.error',
      );
      await assert.rejects(store.history.listScans(), (err: unknown) => err instanceof DriftwardenError);
      await rawExec(location, 'DROP TABLE findings');
      await assert.rejects(store.history.findingsInWindow(T1, T2), (err: unknown) => err instanceof DriftwardenError);
      await assert.rejects(store.history.findingHistory('a'), (err: unknown) => err instanceof DriftwardenError);
    }));

  test(`${backend}: the audit chain appends, verifies, and names the first edited entry`, () =>
    withStore(async (store, location) => {
      for (let i = 1; i <= 4; i++)
        await store.audit.append({ actor: 'alice', action: 'config.changed', subject: `f${i}` });
      const ok = await store.audit.verify();
      assert.equal(ok.ok, true);
      assert.equal(ok.entries, 4);
      const last = await store.audit.lastEntry('config.changed');
      assert.equal(last?.subject, 'f4');
      assert.equal(last?.hash, ok.headHash);
      await assert.rejects(
        rawExec(location, "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2"),
        /append-only/,
        'the triggers stop a careless edit',
      );
      await rawExec(location, `${dropAuditGuards(backend)} UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2`);
      const bad = await store.audit.verify();
      assert.equal(bad.ok, false);
      assert.equal(bad.firstBadSeq, 2);
      assert.match(bad.problem!, /entry 2 was edited/);
    }));

  test(`${backend}: break-glass sessions live in the chain; an edited session is refused`, () => {
    let now = new Date('2025-03-01T10:00:00.000Z');
    return withStore(
      async (store, location) => {
        const sessions = openBreakglassSessions(store);
        const request = { scope: 'aws_autoscaling_group.web', reason: 'INC-9', ttlMs: 3_600_000, by: 'alice' };
        const open = await sessions.open(request, undefined);
        const closed = await sessions.open({ ...request, scope: 'aws_instance.*' }, undefined);
        await sessions.close(closed.id, 'bob');
        assert.deepEqual(
          (await sessions.list()).map((s) => s.id),
          [open.id],
        );
        assert.equal((await sessions.get(closed.id))?.closedBy, 'bob');
        assert.equal((await sessions.activeSessionsCovering('aws_autoscaling_group.web', 'default')).length, 1);

        // The attacker extends the open session by editing its chained entry.
        await rawExec(
          location,
          `${dropAuditGuards(backend)} UPDATE audit_entries SET details = REPLACE(details, '2025-03-01T11:00:00.000Z', '2099-01-01T00:00:00.000Z') WHERE subject = '${open.id}'`,
        );
        const edited = await sessions.get(open.id);
        assert.equal(edited?.expiresAt, '2099-01-01T00:00:00.000Z', 'the edit is there');
        assert.match(edited?.tampered ?? '', /was edited/);
        assert.deepEqual(
          await sessions.activeSessionsCovering('aws_autoscaling_group.web', 'default'),
          [],
          'never honoured',
        );
        assert.deepEqual(
          (await sessions.tampered()).map((s) => s.id),
          [open.id],
        );
        now = new Date('2025-03-01T12:00:00.000Z');
        assert.deepEqual(
          await sessions.expireSessions(),
          [],
          'a refused session is not expired either: it never counted',
        );
        assert.equal((await store.audit.verify()).ok, false);
      },
      () => now,
    );
  });

  test(`${backend}: leases are taken all or none, wait for their holder, and expire`, () =>
    withStore(async ({ leases }) => {
      const t0 = new Date('2025-01-01T00:00:00.000Z');
      const later = (ms: number) => new Date(t0.getTime() + ms);
      assert.deepEqual(await leases.acquire(['env:dev', 'env:prod'], 'a', 60_000, t0), { acquired: true });
      const refused = await leases.acquire(['env:prod', 'env:qa'], 'b', 60_000, later(1000));
      assert.equal(refused.acquired, false);
      assert.equal(!refused.acquired && refused.heldBy.owner, 'a');
      assert.deepEqual(
        (await leases.list()).map((l) => l.name),
        ['env:dev', 'env:prod'],
        'all or none: env:qa was not taken',
      );
      assert.equal(await leases.renew(['env:prod'], 'a', 60_000, later(30_000)), true);
      assert.equal((await leases.acquire(['env:prod'], 'b', 60_000, later(70_000))).acquired, false, 'renewed');
      assert.deepEqual(await leases.acquire(['env:prod'], 'b', 60_000, later(91_000)), { acquired: true }, 'expired');
      assert.equal(await leases.renew(['env:prod'], 'a', 60_000, later(92_000)), false, 'a lost it');
      await leases.release(['env:prod', 'env:dev'], 'b');
      assert.deepEqual(
        (await leases.list()).map((l) => [l.name, l.owner]),
        [['env:dev', 'a']],
        'b released only its own lease',
      );
    }));

  test(`${backend}: secrets never reach the store: sensitive changes masked, URL credentials dropped`, () =>
    withStore(async ({ history }) => {
      const leaky = finding('pw', {
        changes: [
          { path: 'password', recorded: 'hunter2-old', observed: 'hunter2-new', sensitive: true, added: ['hunter2-x'] },
        ],
      });
      await record(
        history,
        scan(
          's1',
          T1,
          [leaky],
          [],
          ['https://ci:tok3n-secret@state.example.com/prod?access_token=abc123', 's3://b/k.tfstate'],
        ),
      );
      const stored = await history.findingHistory('pw');
      assert.deepEqual(stored?.finding.changes, [
        { path: 'password', recorded: '(sensitive)', observed: '(sensitive)', sensitive: true },
      ]);
      assert.deepEqual((await history.previousScan())?.sources, ['https://state.example.com/prod', 's3://b/k.tfstate']);
    }));
}
