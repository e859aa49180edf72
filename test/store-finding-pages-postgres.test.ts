/**
 * Finding pages on PostgreSQL walk an index in order too (the SQLite side is
 * store-finding-pages.test.ts): with 30k findings in the table and its statistics gathered, the plan
 * of every sort and status, with no filter, one environment or a severity, with and without a
 * cursor, is an index scan of migration 8's or 10's indexes with no Sort node; a text search of
 * migration 11's pg_trgm indexes exist (whether the planner reads them at this size is its choice). PostgreSQL plans by cost, so the
 * table is filled first: on a nearly empty table a sequential scan and a sort are the right plan.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FINDING_SORTS, FINDING_STATUSES, openStore, type FindingQuery } from '../src/store/index.js';
import { numberPlaceholders } from '../src/store/postgres.js';
import { findingPageSql } from '../src/store/server-queries.js';
import { finding, record, scan, T1, T3 } from './support/store-contract.js';
import { postgresUnavailable, startPostgres, type Postgres } from './support/postgres.js';
import { rawAll, rawExec } from './support/raw-database.js';

const unavailable = postgresUnavailable();
let pg: Postgres | undefined;
before(async () => {
  if (unavailable === undefined) pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
});

const FILTERS: ReadonlyArray<Omit<FindingQuery, 'sort' | 'status'>> = [
  {},
  { environments: ['env-7'] },
  { severities: ['critical', 'high'] },
];

const COLUMN: Record<string, string> = {
  severity: 'severity',
  lastSeen: 'last_seen',
  firstSeen: 'first_seen',
  address: 'address',
};

/** 30k findings of the latest scan: 20 environments, every tenth resolved, one in fifty new. */
const BULK = `
  INSERT INTO findings (id, kind, severity, environment, address, type, resource_id, first_seen, last_seen,
    resolved_at, last_scan_id, finding, summary)
  SELECT 'bulk-' || lpad(i::text, 6, '0'),
    (ARRAY['configuration', 'unmanaged', 'missing', 'policy'])[1 + i % 4],
    (ARRAY['low', 'medium', 'high', 'critical'])[1 + (i * 7) % 4],
    'env-' || (i % 20),
    'module.m' || (i % 97) || '.aws_instance.r' || i,
    (ARRAY['aws_instance', 'aws_s3_bucket', 'aws_iam_role'])[1 + i % 3],
    'res-' || i,
    CASE WHEN i % 50 = 1 THEN '${T3}' ELSE '${T1}' END,
    '${T3}',
    CASE WHEN i % 10 = 0 THEN '${T3}' ELSE NULL END,
    'scan-3', '{}', 'bulk finding'
  FROM generate_series(1, 30000) AS i;
  ANALYZE findings;
`;

if (unavailable !== undefined) {
  test(`PostgreSQL finding page plans (skipped: ${unavailable})`, { skip: unavailable }, () => {});
} else {
  test('postgres: every sort and status of a finding page (no filter, one environment, severities) is an index scan in order, never a Sort; the pg_trgm indexes exist', async () => {
    const url = await pg!.createDatabase();
    const store = await openStore(url);
    try {
      await record(store.history, scan('scan-3', T3, [finding('a'), finding('b', { severity: 'critical' })]));
      await rawExec(url, BULK);
      const explain = async (query: FindingQuery) => {
        const { sql, params } = findingPageSql(query, 'postgres');
        const rows = await rawAll<{ 'QUERY PLAN': string }>(
          url,
          `EXPLAIN ${numberPlaceholders(sql)}`,
          params as string[],
        );
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      };
      const wrong: string[] = [];
      for (const sort of FINDING_SORTS) {
        const cursor = (await store.queries.page({ sort, limit: 1 })).nextCursor;
        assert.ok(cursor, sort);
        const column = COLUMN[sort.replace('-', '')]!;
        for (const status of FINDING_STATUSES)
          for (const filter of FILTERS)
            for (const after of [undefined, cursor]) {
              const query: FindingQuery = { ...filter, sort, status, ...(after ? { cursor: after } : {}) };
              const plan = await explain(query);
              const index =
                status === 'resolved'
                  ? 'findings_resolved_by_'
                  : status === 'new'
                    ? 'findings_(new|open_env)_by_'
                    : 'findings_open_(env_)?by_';
              // New findings have first_seen = last_seen: either index of the two gives their order.
              const sorted = status === 'new' && /_seen$/.test(column) ? '(first|last)_seen' : column;
              const scans = new RegExp(`Index (Only )?Scan (Backward )?using ${index}${sorted} on findings`);
              // Unfiltered pages and one environment's open findings must walk in order. With a
              // severity or on resolved findings PostgreSQL may, by cost, seek a few hundred rows
              // and sort them: allowed while the sort stays small (never the open findings).
              // A cursor's row comparison is estimated coarsely: there too a small sort may be chosen.
              const strict = status !== 'resolved' && filter.severities === undefined && after === undefined;
              const sorts = [...plan.matchAll(/->\s+Sort\s+\(cost=[\d.]+ rows=(\d+)/g)].map((m) => Number(m[1]));
              const ok = strict
                ? scans.test(plan) && sorts.length === 0
                : /Index (Only )?Scan/.test(plan) &&
                  !/Seq Scan on findings/.test(plan) &&
                  sorts.every((n) => n <= 1000);
              if (!ok) wrong.push(`${JSON.stringify(query)}:\n${plan}`);
            }
      }
      assert.deepEqual(wrong, [], 'pages that do not walk an index in order');
      // The pg_trgm indexes exist (at 30k rows the planner may still prefer reading the table).
      const textIndexes = await rawAll<{ indexname: string }>(
        url,
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'findings_text_%' ORDER BY indexname",
      );
      assert.deepEqual(
        textIndexes.map((i) => i.indexname),
        ['findings_text_address', 'findings_text_resource_id', 'findings_text_type'],
      );
      const page = await store.queries.page({ text: 'AWS_INSTANCE.R12345', status: 'open' });
      assert.deepEqual(
        page.items.map((i) => i.id),
        ['bulk-012345'],
      );
    } finally {
      await store.close();
    }
  });
}
