/** The SQLite history store against real database files in a temp directory. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { ScanToRecord } from '../src/store/scan-store.js';
import { DriftwardenError } from '../src/model/errors.js';
import type { Finding } from '../src/model/finding.js';
import type { IncompleteScope } from '../src/model/resource.js';
import { LATEST_SCHEMA_VERSION } from '../src/store/migrations.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh path in a folder that does not exist yet: the store must create it. */
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-store-'));
  dirs.push(dir);
  return join(dir, '.driftwarden', 'history.db');
}

function finding(
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
  managed: 0,
  unmanaged: 0,
  missing: 0,
  changed: 0,
  unchecked: 0,
  coverage: null,
  byKind: { configuration: 0, unmanaged: 0, missing: 0, policy: 0, version: 0 },
  bySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
};

function scan(
  id: string,
  startedAt: string,
  findings: Finding[],
  incompleteScopes: IncompleteScope[] = [],
  sources: string[] = ['./prod.tfstate'],
): ScanToRecord {
  return {
    schemaVersion: '1.0',
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
    findings,
    suppressions: [],
  };
}

const T1 = '2025-01-01T10:00:00Z';
const T2 = '2025-01-02T10:00:00Z';
const T3 = '2025-01-03T10:00:00Z';
const T4 = '2025-01-04T10:00:00Z';

test('two scans: new, resolved and first-seen are right, and the folder is created', async () => {
  const path = dbPath();
  const store = openSqliteStore(path);
  try {
    assert.ok(existsSync(path));
    const h1 = await store.recordScan(scan('s1', T1, [finding('a'), finding('b')]));
    assert.deepEqual(h1, {
      previousScanId: null,
      newFindingIds: ['a', 'b'],
      resolved: [],
      firstSeen: { a: T1, b: T1 },
    });

    const h2 = await store.recordScan(scan('s2', T2, [finding('b'), finding('c')]));
    assert.equal(h2.previousScanId, 's1');
    assert.deepEqual(h2.newFindingIds, ['c']);
    assert.deepEqual(h2.resolved, [{ id: 'a', address: 'aws_security_group.a', kind: 'configuration' }]);
    assert.deepEqual(h2.firstSeen, { b: T1, c: T2 });

    const a = await store.findingHistory('a');
    assert.equal(a?.resolvedAt, T2);
    assert.equal(a?.lastSeen, T1);
    const b = await store.findingHistory('b');
    assert.equal(b?.resolvedAt, undefined);
    assert.deepEqual(
      b?.sightings.map((s) => s.scanId),
      ['s1', 's2'],
    );
    assert.equal((await store.previousScan())?.id, 's2');
    assert.deepEqual(
      (await store.listScans()).map((s) => [s.id, s.findingCount]),
      [
        ['s2', 2],
        ['s1', 2],
      ],
    );
  } finally {
    await store.close();
  }
});

test('a resolved finding that reappears is new again, with a new first_seen', async () => {
  const store = openSqliteStore(dbPath());
  try {
    await store.recordScan(scan('s1', T1, [finding('a')]));
    const h2 = await store.recordScan(scan('s2', T2, []));
    assert.deepEqual(
      h2.resolved.map((r) => r.id),
      ['a'],
    );
    const h3 = await store.recordScan(scan('s3', T3, [finding('a', { severity: 'high' })]));
    assert.deepEqual(h3.newFindingIds, ['a']);
    assert.deepEqual(h3.firstSeen, { a: T3 });
    const a = await store.findingHistory('a');
    assert.equal(a?.resolvedAt, undefined, 'reopened');
    assert.equal(a?.severity, 'high', 'the latest sighting is kept');
    assert.deepEqual(
      a?.sightings.map((s) => s.scanId),
      ['s1', 's3'],
    );
    // Still open in the next scan: not new, first seen stays T3.
    const h4 = await store.recordScan(scan('s4', T4, [finding('a')]));
    assert.deepEqual(h4.newFindingIds, []);
    assert.deepEqual(h4.firstSeen, { a: T3 });
  } finally {
    await store.close();
  }
});

test('a finding in an incomplete scope is not resolved, and is resolved by the next complete scan', async () => {
  const store = openSqliteStore(dbPath());
  try {
    await store.recordScan(
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
    const h2 = await store.recordScan(scan('s2', T2, [], [denied]));
    // sg1 is in the failed scope; vol1 (other type) and sg-us (other region) were observable.
    assert.deepEqual(h2.resolved.map((r) => r.id).sort(), ['sg-us', 'vol1']);
    assert.equal((await store.findingHistory('sg1'))?.resolvedAt, undefined);

    const h3 = await store.recordScan(scan('s3', T3, []));
    assert.deepEqual(
      h3.resolved.map((r) => r.id),
      ['sg1'],
    );
  } finally {
    await store.close();
  }
});

test('a finding with unknown account or region counts as inside a matching incomplete scope', async () => {
  const store = openSqliteStore(dbPath());
  try {
    const noRegion = finding('x');
    await store.recordScan(
      scan('s1', T1, [{ ...noRegion, resource: { address: 'aws_security_group.x', type: 'aws_security_group' } }]),
    );
    const h2 = await store.recordScan(
      scan(
        's2',
        T2,
        [],
        [
          {
            type: 'aws_security_group',
            account: '123456789012',
            region: 'eu-west-1',
            reason: 'throttled',
            code: 'throttled',
          },
        ],
      ),
    );
    assert.deepEqual(h2.resolved, []);
  } finally {
    await store.close();
  }
});

test('a scan limited to one environment neither resolves others nor counts as their previous scan', async () => {
  const store = openSqliteStore(dbPath());
  try {
    await store.recordScan(
      scan('all', T1, [finding('p', { environment: 'prod' }), finding('s', { environment: 'staging' })]),
    );
    const h2 = await store.recordScan(scan('staging-only', T2, []), { environments: ['staging'] });
    assert.equal(h2.previousScanId, null, 'no earlier scan covered exactly [staging]');
    assert.deepEqual(
      h2.resolved.map((r) => r.id),
      ['s'],
    );
    assert.equal((await store.findingHistory('p'))?.resolvedAt, undefined);
    const h3 = await store.recordScan(scan('all-2', T3, [finding('p')]));
    assert.equal(h3.previousScanId, 'all');
  } finally {
    await store.close();
  }
});

test('recordScan is atomic: a failure mid-way leaves no scan, finding or link behind', async () => {
  const path = dbPath();
  const store = openSqliteStore(path);
  try {
    await store.recordScan(scan('s1', T1, [finding('a')]));
    // The second finding cannot be serialized (BigInt): the scan row and the first finding were
    // already inserted inside the transaction when this throws.
    const poisoned = finding('c', { changes: [{ path: 'size', recorded: 1n, observed: 2n, sensitive: false }] });
    await assert.rejects(store.recordScan(scan('s2', T2, [finding('b'), poisoned])), /BigInt/);
    // Duplicate fingerprints violate the scan_findings primary key on the second link insert.
    await assert.rejects(store.recordScan(scan('s2', T2, [finding('b'), finding('b')])), /UNIQUE|PRIMARY KEY/);

    assert.deepEqual(
      (await store.listScans()).map((s) => s.id),
      ['s1'],
    );
    assert.equal(await store.findingHistory('b'), undefined);
    assert.equal((await store.findingHistory('a'))?.resolvedAt, undefined, 'the rolled-back scan resolved nothing');
    // The same scan id can be recorded once the cause is fixed: re-running converges.
    const h = await store.recordScan(scan('s2', T2, [finding('b')]));
    assert.equal(h.previousScanId, 's1');
  } finally {
    await store.close();
  }
  // Read the file with a separate connection: nothing half-recorded reached disk.
  const raw = new Database(path, { readonly: true });
  try {
    assert.deepEqual(raw.prepare('SELECT id FROM scans ORDER BY seq').all(), [{ id: 's1' }, { id: 's2' }]);
    assert.deepEqual(raw.prepare('SELECT finding_id FROM scan_findings WHERE scan_id = ?').all('s2'), [
      { finding_id: 'b' },
    ]);
  } finally {
    raw.close();
  }
});

test('recording the same scan id twice is refused', async () => {
  const store = openSqliteStore(dbPath());
  try {
    await store.recordScan(scan('s1', T1, []));
    await assert.rejects(
      store.recordScan(scan('s1', T1, [])),
      (err: unknown) => err instanceof DriftwardenError && /already recorded/.test(err.message),
    );
  } finally {
    await store.close();
  }
});

test('reopening the database keeps history, and the schema is migrated once', async () => {
  const path = dbPath();
  const first = openSqliteStore(path);
  await first.recordScan(scan('s1', T1, [finding('a')]));
  await first.close();
  const second = openSqliteStore(path);
  try {
    const h = await second.recordScan(scan('s2', T2, [finding('a')]));
    assert.equal(h.previousScanId, 's1');
    assert.deepEqual(h.newFindingIds, []);
    assert.deepEqual(h.firstSeen, { a: T1 });
  } finally {
    await second.close();
  }
  const raw = new Database(path, { readonly: true });
  try {
    assert.deepEqual(raw.prepare('SELECT version FROM schema_migrations').all(), [{ version: LATEST_SCHEMA_VERSION }]);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    raw.close();
  }
});

test('a corrupted or non-SQLite file gives a clear error naming the file, and is left untouched', async () => {
  const path = dbPath();
  await openSqliteStore(path).close();
  const garbage = 'this is not a database, just a text file that happens to sit at the store path\n'.repeat(50);
  writeFileSync(path, garbage);
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  assert.throws(
    () => openSqliteStore(path),
    (err: unknown) => {
      assert.ok(err instanceof DriftwardenError);
      assert.equal(err.code, 'input.invalid');
      assert.equal(err.details.file, path);
      assert.match(err.message, /not a SQLite database, or it is corrupted/);
      assert.ok(err.details.nextStep);
      assert.doesNotMatch(err.describe(), /at .*\.js:\d+/, 'no stack trace in the description');
      return true;
    },
  );
  assert.equal(readFileSync(path, 'utf8'), garbage);
});

test('a SQLite file of another program, or of a newer schema, is refused', async () => {
  const other = dbPath();
  await openSqliteStore(other).close();
  rmSync(other);
  const foreign = new Database(other);
  foreign.exec('CREATE TABLE customers (id INTEGER)');
  foreign.close();
  assert.throws(
    () => openSqliteStore(other),
    (err: unknown) =>
      err instanceof DriftwardenError &&
      /not a Driftwarden history store/.test(err.message) &&
      err.details.file === other,
  );

  const newer = dbPath();
  await openSqliteStore(newer).close();
  const db = new Database(newer);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    LATEST_SCHEMA_VERSION + 1,
    'future',
    T1,
  );
  db.close();
  assert.throws(
    () => openSqliteStore(newer),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'input.unsupported-version',
  );
});

test('secrets never reach the file: sensitive changes are masked, URL credentials dropped', async () => {
  const path = dbPath();
  const store = openSqliteStore(path);
  const leaky = finding('pw', {
    changes: [
      { path: 'password', recorded: 'hunter2-old', observed: 'hunter2-new', sensitive: true, added: ['hunter2-x'] },
    ],
  });
  await store.recordScan(
    scan(
      's1',
      T1,
      [leaky],
      [],
      ['https://ci:tok3n-secret@state.example.com/prod?access_token=abc123', 's3://b/k.tfstate'],
    ),
  );
  const stored = await store.findingHistory('pw');
  assert.deepEqual(stored?.finding.changes, [
    { path: 'password', recorded: '(sensitive)', observed: '(sensitive)', sensitive: true },
  ]);
  assert.deepEqual((await store.previousScan())?.sources, ['https://state.example.com/prod', 's3://b/k.tfstate']);
  await store.close();
  const bytes =
    readFileSync(path).toString('latin1') +
    (existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).toString('latin1') : '');
  for (const secret of ['hunter2', 'tok3n-secret', 'abc123'])
    assert.ok(!bytes.includes(secret), `${secret} was written`);
});
