/**
 * Finding pages stay cheap at any depth: on SQLite, the query plan of every sort, status and
 * filter the API offers walks one of migration 8's indexes in order (the cursor continuing the
 * walk) and never sorts; one environment and status `new` seek migration 10's indexes instead of
 * filtering a walk over every open finding. Before migration 8 the planner took the open-findings index and sorted
 * every open finding for each page (0.4 s a page at 100k findings). The timings themselves are in
 * bench/server.bench.ts; this test proves the shape that makes them independent of depth.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FINDING_SORTS, FINDING_STATUSES, openStore, type FindingQuery } from '../src/store/index.js';
import { findingPageSql } from '../src/store/server-queries.js';
import { finding, record, scan, T1 } from './support/store-contract.js';
import { rawAll } from './support/raw-database.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-pages-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FILTERS: ReadonlyArray<Omit<FindingQuery, 'sort' | 'status'>> = [
  {},
  { environments: ['prod'] },
  { environments: ['prod'], severities: ['critical', 'high'] },
  { environments: ['prod', 'staging'], kinds: ['policy'] },
  { severities: ['critical', 'high'] },
  { types: ['aws_instance'] },
  { text: 'sg-1' },
  { text: 'sg' },
];

test('sqlite: every sort, status and filter of a finding page walks one index in order, never a sort', async () => {
  const file = join(dir, 'history.db');
  const store = await openStore(file);
  try {
    await record(
      store.history,
      scan('scan-1', T1, [finding('a'), finding('b', { severity: 'critical' }), finding('c', { environment: 'dev' })]),
    );
    const wrong: string[] = [];
    for (const sort of FINDING_SORTS) {
      // A real cursor (after the first finding), so the plan with the keyset condition is read too.
      const cursor = (await store.queries.page({ sort, limit: 1 })).nextCursor;
      assert.ok(cursor, sort);
      for (const status of FINDING_STATUSES)
        for (const filter of FILTERS)
          for (const after of [undefined, cursor])
            for (const walkText of filter.text !== undefined && filter.text.length >= 3 ? [false, true] : [false]) {
              const query: FindingQuery = { ...filter, sort, status, ...(after ? { cursor: after } : {}) };
              const { sql, params } = findingPageSql(query, 'sqlite', { walkText });
              const plan = (await rawAll<{ detail: string }>(file, `EXPLAIN QUERY PLAN ${sql}`, params as string[]))
                .map((row) => row.detail)
                .join(' | ');
              const label = `${JSON.stringify(query)}${walkText ? ' (walk)' : ''}: ${plan}`;
              if (filter.text !== undefined && filter.text.length >= 3) {
                // Text is looked up in the trigram index; few matches (up to TEXT_SORT_LIMIT) are
                // fetched by key and sorted, many are tested while the sort index is walked.
                if (!/VIRTUAL TABLE INDEX 0:M/.test(plan)) {
                  wrong.push(label);
                  continue;
                }
                // (Or, for `new`, the planner seeks the new findings' index: as small, and in order.)
                if (!walkText && /SEARCH findings USING INDEX findings_text_key \(text_key=\?\)/.test(plan)) continue;
              }
              const column = {
                severity: 'severity',
                lastSeen: 'last_seen',
                firstSeen: 'first_seen',
                address: 'address',
              }[sort.replace('-', '')];
              // One environment seeks its own index (migration 10); `new` seeks the new findings' index.
              const oneEnvironment = filter.environments?.length === 1;
              const index =
                status === 'resolved'
                  ? 'findings_resolved_by_'
                  : status === 'new'
                    ? oneEnvironment
                      ? '(findings_new_by_|findings_open_env_by_)'
                      : 'findings_new_by_'
                    : oneEnvironment
                      ? 'findings_open_env_by_'
                      : 'findings_open_by_';
              if (!new RegExp(`USING (COVERING )?INDEX ${index}${column}( |$)`).test(plan) || /TEMP B-TREE/.test(plan))
                wrong.push(label);
            }
    }
    assert.deepEqual(wrong, [], 'pages that do not walk an index in order');
  } finally {
    await store.close();
  }
});
