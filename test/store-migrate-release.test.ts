/**
 * A database written by the previous release (0.1.0: the history store's and the audit log's own
 * migration runners, a break-glass sessions table) migrates forward without loss: the fixture is
 * that release's database as `sqlite3 .dump` printed it (test/fixtures/store/release-0.1.0.sql).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, LATEST_SCHEMA_VERSION } from '../src/store/index.js';
import { MIGRATIONS } from '../src/store/schema.js';
import { openBreakglassSessions } from '../src/actions/breakglass/sessions.js';
import { ownFixture } from './support/paths.js';
import { rawAll, rawExec } from './support/raw-database.js';
import { runCli } from './support/cli.js';
import { finding, scan } from './support/store-contract.js';
import type { Finding } from '../src/model/finding.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function releaseDatabase(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-release-'));
  dirs.push(dir);
  const file = join(dir, 'history.db');
  await rawExec(file, readFileSync(ownFixture('store/release-0.1.0.sql'), 'utf8'));
  return file;
}

interface LegacySession {
  id: string;
  scope: string;
  environment: string | null;
  address_glob: string;
  reason: string;
  opened_by: string;
  opened_at: string;
  expires_at: string;
  ttl_ms: number;
  status: string;
  ended_at: string | null;
  closed_by: string | null;
}

test('a 0.1.0 database migrates forward: scans, findings, the audit chain and break-glass sessions kept', async () => {
  const file = await releaseDatabase();
  const scansBefore = await rawAll<{ id: string }>(file, 'SELECT id FROM scans ORDER BY seq');
  const findingsBefore = await rawAll<Record<string, unknown>>(file, 'SELECT * FROM findings ORDER BY id');
  const sessionsBefore = await rawAll<LegacySession>(file, 'SELECT * FROM breakglass_sessions ORDER BY opened_at');
  const headBefore = await rawAll<{ hash: string; count: number }>(file, 'SELECT hash, count FROM audit_head');
  assert.equal(scansBefore.length, 2);
  assert.equal(sessionsBefore.length, 2);

  const status = await runCli(['db', 'status', '--store', file]);
  assert.equal(status.code, 2, 'migrations pending');
  assert.match(status.stdout, /schema version 1: \d+ migration\(s\) pending/);
  const migrated = await runCli(['db', 'migrate', '--store', file]);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.match(migrated.stdout, new RegExp(`schema version ${LATEST_SCHEMA_VERSION}: up to date`));
  assert.match(
    migrated.stdout,
    new RegExp(`applied: ${Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 2).join(', ')}\n`),
    'version 2 (the audit log) was adopted from audit_migrations, the rest applied',
  );

  const store = await openStore(file);
  try {
    assert.deepEqual(
      (await store.history.listScans()).map((s) => s.id).reverse(),
      scansBefore.map((s) => s.id),
    );
    const findingsAfter = await rawAll<Record<string, unknown>>(file, 'SELECT * FROM findings ORDER BY id');
    assert.deepEqual(
      findingsAfter.map(({ estate, severity_rank, summary, blast_score, blast_level, text_key, ...row }) => {
        assert.equal(estate, null, 'recorded before estates existed');
        // Added by migration 6 (generated from severity, for the server's sorted pages).
        assert.equal(severity_rank, { critical: 3, high: 2, medium: 1 }[row['severity'] as string] ?? 0);
        // Added by migration 10 (a findings page's columns), filled from the finding's JSON.
        const json = JSON.parse(row['finding'] as string) as { summary: string; blastRadius: Record<string, unknown> };
        assert.deepEqual(
          [summary, blast_score, blast_level],
          [json.summary, json.blastRadius['score'], json.blastRadius['level']],
        );
        // Added by migration 11 (the text search index's key), one per finding.
        assert.equal(typeof text_key, 'number');
        return row;
      }),
      findingsBefore,
    );
    const verify = await store.audit.verify();
    assert.equal(verify.ok, true, verify.problem);
    assert.equal(verify.headHash, headBefore[0]!.hash, 'the chain is untouched');
    assert.equal(verify.entries, headBefore[0]!.count);

    // Every column of the dropped sessions table comes back from the chained entries.
    const sessions = await openBreakglassSessions(store).list({ all: true });
    assert.deepEqual(
      sessions
        .map((s) => ({
          id: s.id,
          scope: s.scope,
          environment: s.environment ?? null,
          address_glob: s.addressGlob,
          reason: s.reason,
          opened_by: s.openedBy,
          opened_at: s.openedAt,
          expires_at: s.expiresAt,
          ttl_ms: s.ttlMs,
          status: s.status,
          ended_at: s.endedAt ?? null,
          closed_by: s.closedBy ?? null,
          tampered: s.tampered ?? null,
        }))
        .sort((a, b) => a.opened_at.localeCompare(b.opened_at)),
      sessionsBefore.map(
        ({
          id,
          scope,
          environment,
          address_glob,
          reason,
          opened_by,
          opened_at,
          expires_at,
          ttl_ms,
          status,
          ended_at,
          closed_by,
        }) => ({
          id,
          scope,
          environment,
          address_glob,
          reason,
          opened_by,
          opened_at,
          expires_at,
          ttl_ms: Number(ttl_ms),
          status,
          ended_at,
          closed_by,
          tampered: null,
        }),
      ),
    );
    const tables = await rawAll<{ name: string }>(
      file,
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    assert.deepEqual(
      tables.map((t) => t.name).filter((n) => /migrations|breakglass/.test(n)),
      ['schema_migrations'],
      'one migration runner, no session rows left to edit',
    );

    // The release's findings had no estate: the first estate that sees one again adopts it (not
    // new, first seen when the release saw it); one it does not see is never resolved by it.
    const open = findingsBefore.filter((f) => f['resolved_at'] === null);
    assert.ok(open.length > 0);
    const again = JSON.parse(open[0]!['finding'] as string) as Finding;
    const next = await store.history.recordScan(scan('after-upgrade', '2030-01-01T00:00:00Z', [again, finding('x')]), {
      estate: { key: 'e', label: 'upgraded estate' },
      observation: { kind: 'refresh-of-record' },
    });
    assert.equal(next.previousScanId, null, 'the first scan of its estate');
    assert.deepEqual(next.newFindingIds, ['x']);
    assert.equal(next.firstSeen[again.id], open[0]!['first_seen']);
    assert.deepEqual(next.resolved, []);
  } finally {
    await store.close();
  }
  const verified = await runCli(['audit', 'verify', '--store', file]);
  assert.equal(verified.code, 0, verified.stderr);
});

test('a schema 9 database (findings without list columns) migrates to 10: its pages show summary and blast radius, and seek by environment and new', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-schema9-'));
  dirs.push(dir);
  const file = join(dir, 'history.db');
  // The database as version 9 left it: migrations 1-9 exactly, two findings written as 9 wrote them.
  const nine = MIGRATIONS.filter((m) => m.version <= 9);
  await rawExec(
    file,
    `${nine.map((m) => m.sqlite).join(';\n')};
    CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
    ${nine.map((m) => `INSERT INTO schema_migrations VALUES (${m.version}, 'v${m.version}', '2026-01-01T00:00:00Z');`).join('\n')}`,
  );
  const old = [
    {
      ...finding('p', { environment: 'prod', severity: 'critical' }),
      blastRadius: { score: 72, level: 'high', factors: [] },
    },
    finding('s', { environment: 'staging' }),
  ] as Finding[];
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  await rawExec(
    file,
    `INSERT INTO scans (id, started_at, finished_at, complete, incomplete_scopes, summary, sources, environments, estate)
       VALUES ('s9', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', 1, '[]', '{}', '[]', NULL, 'e');
     ${old
       .map(
         (
           f,
         ) => `INSERT INTO findings (id, kind, severity, environment, address, type, first_seen, last_seen, last_scan_id, finding, estate)
           VALUES (${[f.id, f.kind, f.severity, f.environment, f.resource.address, f.resource.type].map(quote).join(', ')},
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 's9', ${quote(JSON.stringify(f))}, 'e');`,
       )
       .join('\n')}`,
  );
  const store = await openStore(file);
  try {
    const page = await store.queries.page({});
    assert.deepEqual(
      page.items.map((i) => [i.id, i.summary, i.blastRadius, i.status]),
      old.map((f) => [
        f.id,
        f.summary,
        f.blastRadius ? { score: f.blastRadius.score, level: f.blastRadius.level } : undefined,
        'new',
      ]),
    );
    assert.deepEqual(
      (await store.queries.page({ environments: ['staging'], status: 'new' })).items.map((i) => i.id),
      ['s'],
    );
  } finally {
    await store.close();
  }
});
