/**
 * The HTTP API against a real SQLite store, through a real server on a loopback port: the read
 * contract (server-contract.ts), bad input on every route (a 4xx problem document, never a stack
 * trace), the body size limit, break-glass through the API, environments, metrics and health.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { api, startTestServer, type TestServer } from './support/server.js';
import { seedHistory, serverContract } from './support/server-contract.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-server-api-'));
  dirs.push(dir);
  return dir;
}

serverContract('sqlite', async () => join(tempDir(), 'history.db'));

const T0 = '2026-03-01T10:00:00.000Z';

/** A config with prod (capped at 2h) and staging, for the routes that read it. */
function configFile(): string {
  const dir = tempDir();
  const file = join(dir, 'driftwarden.yaml');
  writeFileSync(
    file,
    [
      'environments:',
      '  prod:',
      '    tier: production',
      '  staging:',
      '    tier: staging',
      'breakglass:',
      '  max_ttl:',
      '    production: 2h',
      '',
    ].join('\n'),
  );
  return file;
}

async function withServer(fn: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer({ config: loadConfig(configFile()), now: T0 });
  try {
    await seedHistory(server);
    await fn(server);
  } finally {
    await server.close();
  }
}

/** Each route with input it must refuse: [method, path, body, expected status]. */
const BAD_INPUT: ReadonlyArray<[string, string, unknown, number]> = [
  ['GET', '/api/v1/findings?limit=0', undefined, 400],
  ['GET', '/api/v1/findings?limit=501', undefined, 400],
  ['GET', '/api/v1/findings?kind=nonsense', undefined, 400],
  ['GET', '/api/v1/findings?severity=urgent', undefined, 400],
  ['GET', '/api/v1/findings?status=closed', undefined, 400],
  ['GET', '/api/v1/findings?sort=price', undefined, 400],
  ['GET', '/api/v1/findings?environment=a%20b', undefined, 400],
  ['GET', '/api/v1/findings?cursor=not-a-cursor', undefined, 400],
  ['GET', '/api/v1/findings?unknown=1', undefined, 400],
  ['GET', '/api/v1/findings/does-not-exist', undefined, 404],
  ['GET', '/api/v1/scans?limit=-1', undefined, 400],
  ['GET', '/api/v1/scans/does-not-exist', undefined, 404],
  ['POST', '/api/v1/scans', { environments: ['nowhere'] }, 400],
  ['POST', '/api/v1/scans', { environments: 'prod' }, 400],
  ['POST', '/api/v1/scans', { everything: true }, 400],
  ['GET', '/api/v1/jobs/job-000000000000', undefined, 404],
  ['GET', '/api/v1/graph?environment=', undefined, 400],
  ['GET', '/api/v1/maturity?window=forever', undefined, 400],
  ['GET', '/api/v1/audit?limit=100000', undefined, 400],
  ['GET', '/api/v1/audit?from=yesterday', undefined, 400],
  ['GET', '/api/v1/audit?before=0', undefined, 400],
  ['POST', '/api/v1/breakglass', { scope: 'prod:**', reason: 'x' }, 400],
  ['POST', '/api/v1/breakglass', { scope: 'prod:aws_instance.web', reason: 'x', ttl: '3h' }, 400],
  ['POST', '/api/v1/breakglass', { scope: 'nowhere:aws_instance.web', reason: 'x', ttl: '1h' }, 400],
  ['POST', '/api/v1/breakglass', { scope: 'prod:aws_instance.web', reason: '   ', ttl: '1h' }, 400],
  ['POST', '/api/v1/breakglass', { scope: 'prod:aws_instance.web', reason: 'x', ttl: 'soon' }, 400],
  ['POST', '/api/v1/breakglass/bg-00000000/close', undefined, 404],
  ['GET', '/api/v1/breakglass/bg-00000000', undefined, 404],
  ['GET', '/api/v1/breakglass/bg-00000000/report', undefined, 404],
  ['GET', '/api/v1/breakglass?all=maybe', undefined, 400],
  ['POST', '/api/v1/reconcile/approvals', { findingIds: [] }, 400],
  ['POST', '/api/v1/reconcile/approvals', { findingIds: ['no-such-finding'] }, 409],
  ['POST', '/api/v1/reconcile/approvals', { findingIds: ['a'] }, 409],
  ['GET', '/api/v1/reconcile/plan', undefined, 404],
  ['POST', '/api/v1/tokens', { name: 'bad name!', role: 'viewer' }, 400],
  ['POST', '/api/v1/tokens', { name: 'ci', role: 'root' }, 400],
  ['POST', '/api/v1/tokens', { name: 'test-viewer', role: 'viewer' }, 400],
  ['DELETE', '/api/v1/tokens/zzzz', undefined, 400],
  ['DELETE', '/api/v1/tokens/00000000', undefined, 404],
  ['GET', '/api/v1/versions', undefined, 400],
  ['GET', '/api/v1/no-such-route', undefined, 404],
];

test('bad input on every route is a 4xx problem document naming what was wrong, without a stack trace', () =>
  withServer(async (server) => {
    for (const [method, path, body, status] of BAD_INPUT) {
      const answer = await api(`${server.url}${path}`, {
        token: server.tokens.admin,
        method,
        ...(body !== undefined ? { body } : {}),
      });
      const what = `${method} ${path} ${JSON.stringify(body)}: ${answer.text}`;
      assert.equal(answer.status, status, what);
      assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
      assert.equal(answer.body['status'], status, what);
      assert.match(String(answer.body['type']), /^urn:driftwarden:problem:/, what);
      assert.equal(typeof answer.body['title'], 'string', what);
      assert.doesNotMatch(answer.text, /at .*\.js:\d+|node_modules|\/dist\/src\//, what);
    }
  }));

test('a malformed JSON body, a wrong content type and a body over the limit are refused as problems', () =>
  withServer(async (server) => {
    const token = server.tokens.operator;
    const badJson = await api(`${server.url}/api/v1/breakglass`, { token, rawBody: '{"scope": ' });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const wrongType = await api(`${server.url}/api/v1/breakglass`, {
      token,
      rawBody: 'scope=prod',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(wrongType.status, 415);
    const huge = await api(`${server.url}/api/v1/breakglass`, {
      token,
      body: { scope: 'prod:aws_instance.web', reason: 'x'.repeat(100_000), ttl: '1h' },
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body['status'], 413);
    const sessions = await api<{ items: unknown[] }>(`${server.url}/api/v1/breakglass?all=true`, { token });
    assert.deepEqual(sessions.body.items, [], 'nothing refused was written');
  }));

test('break-glass through the API: open within the cap, list, report, close; the principal is the actor', () =>
  withServer(async (server) => {
    const token = server.tokens.operator;
    const opened = await api(`${server.url}/api/v1/breakglass`, {
      token,
      body: { scope: 'prod:module.payments.**', reason: 'INC-4711: scaling by hand', ttl: '90m' },
    });
    assert.equal(opened.status, 201, opened.text);
    const id = String(opened.body['id']);
    assert.equal(opened.body['openedBy'], 'token:test-operator');
    assert.equal(opened.body['expiresAt'], '2026-03-01T11:30:00.000Z');
    assert.equal(opened.headers.get('location'), `/api/v1/breakglass/${id}`);
    const open = await api<{ items: Array<{ id: string }> }>(`${server.url}/api/v1/breakglass`, { token });
    assert.deepEqual(
      open.body.items.map((s) => s.id),
      [id],
    );
    server.setNow('2026-03-01T10:30:00.000Z');
    const closed = await api(`${server.url}/api/v1/breakglass/${id}/close`, { token, method: 'POST' });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.body['status'], 'closed');
    assert.equal(closed.body['closedBy'], 'token:test-operator');
    const again = await api(`${server.url}/api/v1/breakglass/${id}/close`, { token, method: 'POST' });
    assert.equal(again.status, 400, 'already closed');
    const report = await api(`${server.url}/api/v1/breakglass/${id}/report`, { token: server.tokens.viewer });
    assert.equal(report.status, 200, report.text);
    const entries = await server.store.audit.entries({ subject: id });
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor]),
      [
        ['breakglass.opened', 'token:test-operator'],
        ['breakglass.closed', 'token:test-operator'],
      ],
    );
  }));

test('a session past its TTL is expired by the next call, at its expiry time', () =>
  withServer(async (server) => {
    const token = server.tokens.operator;
    const opened = await api(`${server.url}/api/v1/breakglass`, {
      token,
      body: { scope: 'staging:aws_instance.*', reason: 'load test', ttl: '30m' },
    });
    assert.equal(opened.status, 201, opened.text);
    server.setNow('2026-03-01T12:00:00.000Z');
    const listed = await api<{ items: Array<{ status: string; endedAt: string }> }>(
      `${server.url}/api/v1/breakglass?all=true`,
      { token },
    );
    assert.equal(listed.body.items[0]!.status, 'expired');
    assert.equal(listed.body.items[0]!.endedAt, '2026-03-01T10:30:00.000Z');
  }));

test('environments: configured ones with tier and mode, and open findings by severity', () =>
  withServer(async (server) => {
    const envs = await api<{ items: Array<Record<string, unknown>> }>(`${server.url}/api/v1/environments`, {
      token: server.tokens.viewer,
    });
    const prod = envs.body.items.find((e) => e['name'] === 'prod')!;
    assert.equal(prod['tier'], 'production');
    assert.equal(prod['openFindings'], 4);
    assert.deepEqual(prod['bySeverity'], { low: 0, medium: 1, high: 1, critical: 2 });
    const staging = envs.body.items.find((e) => e['name'] === 'staging')!;
    assert.equal(staging['openFindings'], 1);
  }));

test('metrics: open findings by kind, severity and environment; break-glass sessions; HTTP requests', () =>
  withServer(async (server) => {
    await api(`${server.url}/api/v1/breakglass`, {
      token: server.tokens.operator,
      body: { scope: 'prod:aws_instance.web', reason: 'r', ttl: '1h' },
    });
    const metrics = await api(`${server.url}/metrics`, { token: server.tokens.viewer });
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(
      metrics.text,
      /^driftwarden_findings_open\{kind="policy",severity="critical",environment="prod"\} 1$/m,
    );
    assert.match(
      metrics.text,
      /^driftwarden_findings_open\{kind="configuration",severity="critical",environment="prod"\} 1$/m,
    );
    assert.doesNotMatch(metrics.text, /severity="low"/, 'the resolved finding is not open');
    assert.match(metrics.text, /^driftwarden_breakglass_sessions_open 1$/m);
    assert.match(metrics.text, /^driftwarden_last_scan_incomplete_scopes 0$/m);
    assert.match(metrics.text, /^driftwarden_reconcile_actions_total\{result="applied"\} 0$/m);
    assert.match(metrics.text, /^driftwarden_controller_cycle_failures_total 0$/m);
    assert.match(
      metrics.text,
      /^driftwarden_http_requests_total\{method="POST",route="\/api\/v1\/breakglass",status="201"\} 1$/m,
    );
    const anonymous = await api(`${server.url}/metrics`);
    assert.equal(anonymous.status, 401, 'metrics need a token');
  }));

test('healthz and readyz answer without credentials', () =>
  withServer(async (server) => {
    assert.deepEqual((await api(`${server.url}/healthz`)).body, { status: 'ok' });
    const ready = await api(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(ready.body['status'], 'ready');
    assert.equal(ready.body['store'], 'sqlite');
  }));

test('an unknown dashboard page is an HTML 404 page (escaped path), for anyone; an unknown API path stays a problem document', () =>
  withServer(async (server) => {
    for (const token of [undefined, server.tokens.viewer]) {
      const response = await fetch(`${server.url}/ui/no-such-page/%3Cscript%3Ex?y=1`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const text = await response.text();
      assert.equal(response.status, 404);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(text, /<html/i);
      assert.match(text, /Not found/);
      assert.doesNotMatch(text, /<script>x/, 'the path is escaped');
    }
    const apiMiss = await fetch(`${server.url}/api/v1/no-such-route`, {
      headers: { authorization: `Bearer ${server.tokens.viewer}` },
    });
    assert.equal(apiMiss.status, 404);
    assert.equal(apiMiss.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  }));
