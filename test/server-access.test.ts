/**
 * Access control through a real server: each role is refused what it may not do (and nothing is
 * written when refused), tokens are shown once, stored hashed, revocable and expire; failed logins
 * are rate limited; every mutating call is an audit entry naming the principal; the CLI creates
 * tokens; and the built server serves HTTPS from certificate files.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { rawAll } from './support/raw-database.js';
import { runCli } from './support/cli.js';
import { api, spawnServer, startTestServer, type TestServer } from './support/server.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-server-access-'));
  dirs.push(dir);
  return dir;
}

const T0 = '2026-03-01T10:00:00.000Z';

function config() {
  const file = join(tempDir(), 'driftwarden.yaml');
  writeFileSync(file, 'environments:\n  prod:\n    tier: production\n');
  return loadConfig(file);
}

async function withServer(fn: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer({ config: config(), now: T0 });
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

/** Mutating routes and the least role each needs, with a body that would succeed or fail on its merits. */
const GUARDED: ReadonlyArray<{ method: string; path: string; body?: unknown; role: 'operator' | 'admin' }> = [
  { method: 'POST', path: '/api/v1/scans', body: {}, role: 'operator' },
  {
    method: 'POST',
    path: '/api/v1/breakglass',
    body: { scope: 'prod:aws_instance.web', reason: 'r', ttl: '1h' },
    role: 'operator',
  },
  { method: 'POST', path: '/api/v1/breakglass/bg-00000000/close', role: 'operator' },
  { method: 'POST', path: '/api/v1/reconcile/approvals', body: { findingIds: ['x'] }, role: 'operator' },
  { method: 'GET', path: '/api/v1/tokens', role: 'admin' },
  { method: 'POST', path: '/api/v1/tokens', body: { name: 'new', role: 'admin' }, role: 'admin' },
  { method: 'DELETE', path: '/api/v1/tokens/00000000', role: 'admin' },
];
const READS = [
  '/api/v1/findings',
  '/api/v1/scans',
  '/api/v1/environments',
  '/api/v1/breakglass',
  '/api/v1/audit',
  '/api/v1/audit/verify',
  '/api/v1/maturity',
  '/api/v1/jobs',
  '/api/v1/session',
  '/metrics',
];

test('each role is refused what it may not do, and a refused call writes nothing', () =>
  withServer(async (server) => {
    const before = (await server.store.audit.verify()).entries;
    const lower = { operator: ['viewer'], admin: ['viewer', 'operator'] } as const;
    for (const route of GUARDED) {
      for (const role of lower[route.role]) {
        const answer = await api(`${server.url}${route.path}`, {
          token: server.tokens[role],
          method: route.method,
          ...(route.body !== undefined ? { body: route.body } : {}),
        });
        assert.equal(answer.status, 403, `${role} ${route.method} ${route.path}: ${answer.text}`);
        assert.match(String(answer.body['detail']), new RegExp(`needs the ${route.role} role`));
      }
      const allowed = await api(`${server.url}${route.path}`, {
        token: server.tokens[route.role],
        method: route.method,
        ...(route.body !== undefined ? { body: route.body } : {}),
      });
      assert.ok(![401, 403].includes(allowed.status), `${route.role} ${route.method} ${route.path}: ${allowed.text}`);
    }
    assert.equal(
      (await server.store.audit.entries({ actions: ['breakglass.opened'] })).length,
      1,
      'only the operator opened',
    );
    const refusedActors = (await server.store.audit.entries()).slice(before).map((e) => e.actor);
    assert.ok(!refusedActors.includes('token:test-viewer'), 'no entry by a refused viewer');
    for (const path of READS) {
      const read = await api(`${server.url}${path}`, { token: server.tokens.viewer });
      assert.equal(read.status, 200, `viewer GET ${path}: ${read.text}`);
      const anonymous = await api(`${server.url}${path}`);
      assert.equal(anonymous.status, 401, `anonymous GET ${path}`);
      assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="driftwarden"');
    }
    for (const route of GUARDED) {
      const anonymous = await api(`${server.url}${route.path}`, {
        method: route.method,
        ...(route.body !== undefined ? { body: route.body } : {}),
      });
      assert.equal(anonymous.status, 401, `anonymous ${route.method} ${route.path}`);
    }
  }));

test('every mutating call is an audit entry with the principal, written before the handler runs', () =>
  withServer(async (server) => {
    const opened = await api(`${server.url}/api/v1/breakglass`, {
      token: server.tokens.operator,
      body: { scope: 'prod:aws_instance.web', reason: 'r', ttl: '1h' },
    });
    assert.equal(opened.status, 201);
    const failed = await api(`${server.url}/api/v1/breakglass/bg-00000000/close`, {
      token: server.tokens.operator,
      method: 'POST',
    });
    assert.equal(failed.status, 404);
    const requests = await server.store.audit.entries({ actions: ['api.request'] });
    assert.deepEqual(
      requests.map((e) => [e.actor, e.subject]),
      [
        ['token:test-operator', 'POST /api/v1/breakglass'],
        ['token:test-operator', 'POST /api/v1/breakglass/:id/close'],
      ],
    );
    assert.deepEqual(requests[1]!.details['params'], { id: 'bg-00000000' });
  }));

test('tokens: created by an admin and shown once, stored hashed, listed without secret, revoked for good', () =>
  withServer(async (server) => {
    const created = await api(`${server.url}/api/v1/tokens`, {
      token: server.tokens.admin,
      body: { name: 'grafana', role: 'viewer' },
    });
    assert.equal(created.status, 201, created.text);
    const token = String(created.body['token']);
    assert.match(token, /^dw_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const secret = token.split('_').slice(2).join('_');
    const listed = await api(`${server.url}/api/v1/tokens`, { token: server.tokens.admin });
    assert.ok(!listed.text.includes(secret), 'the list never shows a secret');
    const rows = rawAll(server.context.storeLocation, 'SELECT * FROM api_tokens');
    assert.ok(!JSON.stringify(rows).includes(secret), 'the database never holds a secret');
    assert.equal((await api(`${server.url}/api/v1/findings`, { token })).status, 200);
    const revoked = await api(`${server.url}/api/v1/tokens/${String(created.body['id'])}`, {
      token: server.tokens.admin,
      method: 'DELETE',
    });
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal((await api(`${server.url}/api/v1/findings`, { token })).status, 401);
    const actions = (await server.store.audit.entries({ subject: `token:${String(created.body['id'])}` })).map((e) => [
      e.action,
      e.actor,
    ]);
    assert.deepEqual(actions, [
      ['api.token-created', 'token:test-admin'],
      ['api.token-revoked', 'token:test-admin'],
    ]);
  }));

test('a token with a TTL stops working when it expires; a forged secret never works', () =>
  withServer(async (server) => {
    const created = await api(`${server.url}/api/v1/tokens`, {
      token: server.tokens.admin,
      body: { name: 'short', role: 'viewer', ttl: '1h' },
    });
    const token = String(created.body['token']);
    assert.equal((await api(`${server.url}/api/v1/findings`, { token })).status, 200);
    const forged = `${token.slice(0, 12)}${'A'.repeat(43)}`;
    assert.equal((await api(`${server.url}/api/v1/findings`, { token: forged })).status, 401);
    server.setNow('2026-03-01T11:00:01.000Z');
    assert.equal((await api(`${server.url}/api/v1/findings`, { token })).status, 401);
  }));

test('failed logins are rate limited per address: the 11th attempt is refused even with a good token, until the window passes', () =>
  withServer(async (server) => {
    for (let i = 0; i < 10; i++) {
      const wrong = await api(`${server.url}/api/v1/findings`, { token: `dw_0000000${i}_${'x'.repeat(43)}` });
      assert.equal(wrong.status, 401);
    }
    const limited = await api(`${server.url}/api/v1/findings`, { token: server.tokens.viewer });
    assert.equal(limited.status, 429, limited.text);
    assert.equal(limited.headers.get('retry-after'), '300');
    assert.equal(limited.body['type'], 'urn:driftwarden:problem:too-many-failed-logins');
    server.setNow('2026-03-01T10:05:01.000Z');
    assert.equal((await api(`${server.url}/api/v1/findings`, { token: server.tokens.viewer })).status, 200);
  }));

test('driftwarden server token create prints a token once that the server process accepts; revoke ends it', async () => {
  const dir = tempDir();
  const store = join(dir, 'history.db');
  const created = await runCli(['server', 'token', 'create', '--name', 'ci', '--role', 'operator', '--store', store]);
  assert.equal(created.code, 0, created.stderr);
  const token = created.stdout.trim();
  assert.match(token, /^dw_[0-9a-f]{8}_/);
  assert.match(created.stderr, /shown only now/);
  const bad = await runCli(['server', 'token', 'create', '--name', 'x', '--role', 'root', '--store', store]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown role "root"/);
  const server = await spawnServer(['--store', store]);
  try {
    const session = await api(`${server.url}/api/v1/session`, { token });
    assert.deepEqual(session.body, { principal: 'token:ci', kind: 'token', role: 'operator' });
    const id = token.slice(3, 11);
    const revoked = await runCli(['server', 'token', 'revoke', id, '--store', store]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((await api(`${server.url}/api/v1/session`, { token })).status, 401);
  } finally {
    assert.equal(await server.stop(), 0, server.stderr());
  }
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'openssl is not installed (it makes the test certificate)';
  }
})();

test('the server serves HTTPS from certificate files', { skip: openssl }, async () => {
  const dir = tempDir();
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const server = await spawnServer(['--store', join(dir, 'history.db'), '--tls-cert', cert, '--tls-key', key]);
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((done, fail) => {
      httpsGet(`${server.url}/healthz`, { ca: readFileSync(cert) }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(text));
      }).on('error', fail);
    });
    assert.deepEqual(JSON.parse(body), { status: 'ok' });
  } finally {
    await server.stop();
  }
  const half = await runCli(['server', '--listen', '127.0.0.1:0', '--store', join(dir, 'h2.db'), '--tls-cert', cert]);
  assert.equal(half.code, 1);
  assert.match(half.stderr, /TLS needs both a certificate and its key/);
});
