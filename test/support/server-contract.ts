/**
 * The API's read contract, run on every store backend (server-api.test.ts on SQLite,
 * server-postgres.test.ts on PostgreSQL): findings pages (filters, status, sort, cursor), a
 * finding's detail, scans, the audit log and tokens, through a real server on a loopback port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/model/finding.js';
import { finding, record, scan, T1, T2, T3 } from './store-contract.js';
import { api, startTestServer, type TestServer } from './server.js';

interface Page {
  items: Array<{ id: string; severity: string; status: string; address: string; firstSeen: string }>;
  nextCursor?: string;
  total: number;
  asOfScanId: string | null;
}

/** Scan 1 sees a..e; scan 2 sees b..f: a is resolved, f is new, b..e stay open. */
export async function seedHistory(server: TestServer): Promise<void> {
  const first: Finding[] = [
    finding('a', { severity: 'low' }),
    finding('b', { severity: 'critical', kind: 'policy' }),
    finding('c', { severity: 'high', environment: 'staging' }),
    finding('d', { severity: 'medium', type: 'aws_instance' }),
    finding('e', { severity: 'critical' }),
  ];
  await record(server.store.history, scan('scan-1', T1, first));
  await record(server.store.history, scan('scan-2', T2, [...first.slice(1), finding('f', { severity: 'high' })]));
}

export function serverContract(backend: string, newLocation: () => Promise<string>): void {
  const withServer = async (fn: (server: TestServer) => Promise<void>) => {
    const server = await startTestServer({ storeLocation: await newLocation() });
    try {
      await seedHistory(server);
      await fn(server);
    } finally {
      await server.close();
    }
  };
  const get = (server: TestServer, path: string) => api<Page>(`${server.url}${path}`, { token: server.tokens.viewer });

  test(`${backend}: findings default to open, most severe first, with new marked`, () =>
    withServer(async (server) => {
      const page = await get(server, '/api/v1/findings');
      assert.equal(page.status, 200, page.text);
      assert.equal(page.body.total, 5);
      assert.deepEqual(
        page.body.items.map((i) => i.id),
        ['e', 'b', 'f', 'c', 'd'],
      );
      assert.deepEqual(
        page.body.items.map((i) => i.status),
        ['open', 'open', 'new', 'open', 'open'],
      );
      assert.equal(page.body.nextCursor, undefined);
    }));

  test(`${backend}: findings filter by kind, severity, environment, type, status and text`, () =>
    withServer(async (server) => {
      const ids = async (query: string) => (await get(server, `/api/v1/findings?${query}`)).body.items.map((i) => i.id);
      assert.deepEqual(await ids('kind=policy'), ['b']);
      assert.deepEqual(await ids('severity=critical&severity=high'), ['e', 'b', 'f', 'c']);
      assert.deepEqual(await ids('environment=staging'), ['c']);
      assert.deepEqual(await ids('type=aws_instance'), ['d']);
      assert.deepEqual(await ids('status=new'), ['f']);
      assert.deepEqual(await ids('status=resolved'), ['a']);
      assert.deepEqual(await ids('q=SECURITY_GROUP.E'), ['e'], 'case-insensitive substring of the address');
      assert.deepEqual(await ids('q=%25'), [], 'LIKE wildcards in the text match literally');
    }));

  test(`${backend}: cursor paging walks every finding once, in the same order, for each sort`, () =>
    withServer(async (server) => {
      for (const sort of ['-severity', 'severity', 'address', '-address', 'firstSeen', '-lastSeen']) {
        const whole = (await get(server, `/api/v1/findings?sort=${sort}&limit=100`)).body.items.map((i) => i.id);
        const walked: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await get(
            server,
            `/api/v1/findings?sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          assert.equal(page.status, 200, page.text);
          assert.equal(page.body.total, 5);
          walked.push(...page.body.items.map((i) => i.id));
          cursor = page.body.nextCursor;
        } while (cursor !== undefined);
        assert.deepEqual(walked, whole, sort);
        assert.equal(new Set(walked).size, 5, sort);
      }
      const first = await get(server, '/api/v1/findings?limit=2&sort=address');
      const wrongSort = await get(
        server,
        `/api/v1/findings?limit=2&sort=-severity&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      );
      assert.equal(wrongSort.status, 400, 'a cursor carries its sort');
      assert.equal(wrongSort.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }));

  test(`${backend}: a page's total is as of the latest scan, and is counted again once another scan is recorded`, () =>
    withServer(async (server) => {
      const before = await get(server, '/api/v1/findings?severity=critical');
      assert.equal(before.body.asOfScanId, 'scan-2');
      assert.equal(before.body.total, 2);
      assert.equal((await get(server, '/api/v1/findings?severity=critical')).body.total, 2, 'kept for the same scan');
      // Scan 3 sees only b and e: c and f are resolved (d, an aws_instance, is in no observed scope:
      // not re-checked, still open), e changes to low.
      await record(
        server.store.history,
        scan('scan-3', T3, [finding('b', { severity: 'critical', kind: 'policy' }), finding('e', { severity: 'low' })]),
      );
      const after = await get(server, '/api/v1/findings?severity=critical');
      assert.equal(after.body.asOfScanId, 'scan-3');
      assert.equal(after.body.total, 1);
      assert.deepEqual(
        after.body.items.map((i) => i.id),
        ['b'],
      );
      const resolved = await get(server, '/api/v1/findings?status=resolved');
      assert.equal(resolved.body.total, 3);
      assert.deepEqual(resolved.body.items.map((i) => i.id).sort(), ['a', 'c', 'f']);
    }));

  // The seeded d (an aws_instance, in no observed scope) stays open beside the 1,000.
  test(`${backend}: deep cursor paging over 1,001 findings with equal sort keys visits each once`, () =>
    withServer(async (server) => {
      const many = Array.from({ length: 1000 }, (_, i) =>
        finding(`m${String(i).padStart(4, '0')}`, { severity: i % 3 === 0 ? 'high' : 'low' }),
      );
      await record(server.store.history, scan('scan-many', T3, many));
      for (const sort of ['-severity', 'address', '-lastSeen']) {
        const walked: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await get(
            server,
            `/api/v1/findings?sort=${sort}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          assert.equal(page.status, 200, page.text);
          assert.equal(page.body.total, 1001, sort);
          walked.push(...page.body.items.map((i) => i.id));
          cursor = page.body.nextCursor;
          pages++;
        } while (cursor !== undefined);
        assert.equal(pages, 11, sort);
        assert.equal(new Set(walked).size, 1001, `${sort}: every finding once`);
        assert.equal(walked.length, 1001, sort);
        if (sort === '-severity')
          assert.deepEqual(
            walked.slice(0, 334),
            many
              .filter((_, i) => i % 3 === 0)
              .map((f) => f.id)
              .sort()
              .reverse(),
            'most severe first, then by id descending',
          );
      }
    }));

  test(`${backend}: text search is a case-insensitive literal substring of address, resource id or type; hostile text matches nothing`, () =>
    withServer(async (server) => {
      const ids = async (q: string, more = '') => {
        const page = await get(server, `/api/v1/findings?q=${encodeURIComponent(q)}${more}`);
        assert.equal(page.status, 200, `${q}: ${page.text}`);
        assert.equal(page.body.total, page.body.items.length, q);
        return page.body.items.map((i) => i.id);
      };
      assert.deepEqual(await ids('Security_Group.E'), ['e'], 'the address, any case');
      assert.deepEqual(await ids('SG-c'), ['c'], 'the resource id');
      assert.deepEqual(await ids('AWS_INST'), ['d'], 'the type');
      assert.deepEqual(await ids('p.f'), ['f'], 'three characters');
      assert.equal((await ids('_')).length, 5, 'an underscore is a character, in every address here');
      assert.deepEqual(await ids('.E'), ['e'], 'fewer than three characters: the same meaning, without the index');
      assert.deepEqual(await ids('group.a', '&status=resolved'), ['a'], 'resolved findings too');
      assert.deepEqual(await ids('aws_security'), ['e', 'b', 'f', 'c'], 'in sort order');
      // FTS5 syntax, LIKE wildcards, quotes and backslashes are text: none of them is in any address.
      for (const hostile of [
        '"',
        '""',
        '" OR "',
        'NEAR(',
        'NEAR(aws sg)',
        'aws*',
        'sg-* OR aws',
        '%',
        'p_f',
        'p%f',
        '%_%',
        '%%%',
        '___',
        "a'b",
        '\\',
        'group.e"',
        '^aws',
        'aws_security_group.b AND aws_security_group.c',
        '-aws',
        'col:aws',
        '{address}: aws',
      ])
        assert.deepEqual(await ids(hostile), [], hostile);
      // A finding whose address and type change (same id) is found by the new ones only.
      await record(
        server.store.history,
        scan('scan-3', T3, [
          finding('b', { severity: 'critical', kind: 'policy' }),
          finding('c', { severity: 'high', environment: 'staging' }),
          finding('d', { severity: 'medium', type: 'aws_instance' }),
          finding('e', { severity: 'critical', type: 'aws_lb' }),
          finding('f', { severity: 'high' }),
        ]),
      );
      assert.deepEqual(await ids('aws_lb.E'), ['e']);
      assert.deepEqual(await ids('security_group.e'), []);
    }));

  test(`${backend}: a finding's detail has its changes, history and audit trail; an unknown id is a 404 problem`, () =>
    withServer(async (server) => {
      const detail = await api<Record<string, unknown>>(`${server.url}/api/v1/findings/b`, {
        token: server.tokens.viewer,
      });
      assert.equal(detail.status, 200, detail.text);
      assert.equal(detail.body['status'], 'open');
      assert.deepEqual(detail.body['changes'], [
        { path: 'description', recorded: 'a', observed: 'b', sensitive: false },
      ]);
      const history = detail.body['history'] as { sightings: Array<{ scanId: string }>; firstSeen: string };
      assert.deepEqual(
        history.sightings.map((s) => s.scanId),
        ['scan-1', 'scan-2'],
      );
      assert.equal(history.firstSeen, T1);
      const missing = await api(`${server.url}/api/v1/findings/no-such-finding`, { token: server.tokens.viewer });
      assert.equal(missing.status, 404);
      assert.equal(missing.body['type'], 'urn:driftwarden:problem:not-found');
    }));

  test(`${backend}: scans list newest first, with detail; the audit log pages and verifies`, () =>
    withServer(async (server) => {
      const scans = await api<{ items: Array<{ id: string; findingCount: number }> }>(`${server.url}/api/v1/scans`, {
        token: server.tokens.viewer,
      });
      assert.deepEqual(
        scans.body.items.map((s) => [s.id, s.findingCount]),
        [
          ['scan-2', 5],
          ['scan-1', 5],
        ],
      );
      const before = await api<{ items: Array<{ id: string }> }>(`${server.url}/api/v1/scans?before=scan-2`, {
        token: server.tokens.viewer,
      });
      assert.deepEqual(
        before.body.items.map((s) => s.id),
        ['scan-1'],
      );
      const one = await api(`${server.url}/api/v1/scans/scan-1`, { token: server.tokens.viewer });
      assert.equal(one.body['complete'], true);
      const audit = await api<{ items: Array<{ seq: number; action: string }>; nextBefore?: number }>(
        `${server.url}/api/v1/audit?limit=2`,
        { token: server.tokens.viewer },
      );
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.body.items.length, 2);
      assert.ok(audit.body.items[0]!.seq > audit.body.items[1]!.seq, 'newest first');
      const next = await api<{ items: Array<{ seq: number }> }>(
        `${server.url}/api/v1/audit?limit=2&before=${audit.body.nextBefore}`,
        { token: server.tokens.viewer },
      );
      assert.ok(next.body.items.every((e) => e.seq < audit.body.nextBefore!));
      const verify = await api(`${server.url}/api/v1/audit/verify`, { token: server.tokens.viewer });
      assert.equal(verify.body['ok'], true, verify.text);
      const exported = await api(`${server.url}/api/v1/audit/export`, { token: server.tokens.viewer });
      assert.equal(exported.headers.get('content-type'), 'application/x-ndjson');
      const lines = exported.text.trim().split('\n');
      assert.equal(lines.length, verify.body['entries']);
      assert.equal(JSON.parse(lines[0]!).seq, 1);
    }));
}
