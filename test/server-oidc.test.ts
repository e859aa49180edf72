/**
 * Sign-in for people against a real OpenID Connect provider (the `oidc-provider` package, started
 * on a loopback port with its development login and consent pages), driven the way a browser
 * does: redirects followed, cookies kept per origin, forms posted. Proves the authorization code
 * flow with PKCE, the group-to-role mapping, the CSRF token on mutating calls, refusal of a person
 * without a mapped group (counted as a failed login), and sign-out.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { startTestServer, type TestServer } from './support/server.js';
import {
  freePort,
  OIDC_CLIENT_SECRET,
  oidcServerSection,
  startOidcProvider,
  type OidcProviderHandle,
} from './support/oidc-provider.js';

const GROUPS: Record<string, string[]> = {
  alice: ['platform-admins'],
  olga: ['oncall', 'engineering'],
  victor: ['engineering'],
  mallory: ['marketing'],
};

let provider: OidcProviderHandle;
let issuer: string;
let server: TestServer;
const dirs: string[] = [];

before(async () => {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ appUrl, groups: GROUPS });
  issuer = provider.issuer;

  const dir = mkdtempSync(join(tmpdir(), 'dw-server-oidc-'));
  dirs.push(dir);
  const file = join(dir, 'driftwarden.yaml');
  writeFileSync(
    file,
    ['environments:', '  prod:', '    tier: production', ...oidcServerSection(appUrl, issuer), ''].join('\n'),
  );
  server = await startTestServer({
    config: loadConfig(file),
    publicUrl: appUrl,
    oidcClientSecret: OIDC_CLIENT_SECRET,
    listenPort: port,
  });
});

after(async () => {
  await server?.close();
  await provider?.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A browser: cookies per origin, redirects followed by hand. */
class Browser {
  readonly #jar = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.#jar.get(new URL(url).origin)?.get(name);
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const origin = new URL(url).origin;
    const cookies = [...(this.#jar.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(cookies ? { cookie: cookies } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    const jar = this.#jar.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value.join('=') === '') jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    this.#jar.set(origin, jar);
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  }

  /** Follows redirects from `url`, posting the provider's login and consent forms, until a non-redirect answer. */
  async signIn(start: string, login: string) {
    let next: string | undefined = start;
    let last: Awaited<ReturnType<Browser['request']>> | undefined;
    let form: Record<string, string> | undefined;
    for (let hop = 0; hop < 20 && next !== undefined; hop++) {
      last = await this.request(next, form ? { form } : {});
      form = undefined;
      if (last.location !== null) {
        next = new URL(last.location, next).href;
        continue;
      }
      const action = /<form[^>]*action="([^"]+)"/.exec(last.text)?.[1];
      if (last.status === 200 && action !== undefined) {
        const prompt = /name="prompt" value="(\w+)"/.exec(last.text)?.[1];
        form = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt ?? 'consent' };
        next = new URL(action.replace(/&amp;/g, '&'), next).href;
        continue;
      }
      next = undefined;
    }
    return last!;
  }
}

test('a person signs in with authorization code + PKCE and gets the role their groups map to', async () => {
  const browser = new Browser();
  const start = await browser.request(`${server.url}/auth/login?returnTo=/api/v1/session`);
  assert.equal(start.status, 302);
  const authorize = new URL(start.location!);
  assert.equal(authorize.origin, issuer);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authorize.searchParams.get('code_challenge'));
  assert.ok(authorize.searchParams.get('state'));
  assert.ok(authorize.searchParams.get('nonce'));

  const landed = await browser.signIn(start.location!, 'olga');
  assert.equal(landed.status, 200, landed.text);
  const session = JSON.parse(landed.text) as { principal: string; role: string; csrfToken: string; kind: string };
  assert.equal(session.principal, 'oidc:olga@example.test');
  assert.equal(session.kind, 'session');
  assert.equal(session.role, 'operator', 'oncall maps to operator (the highest of her groups)');
  assert.ok(browser.cookie(server.url, 'dw_session'));
  const signedIn = await server.store.audit.lastEntry('api.signed-in');
  assert.equal(signedIn?.actor, 'oidc:olga@example.test');

  // CSRF: the cookie alone may read, but not act.
  const body = JSON.stringify({ scope: 'prod:aws_instance.web', reason: 'INC-1', ttl: '1h' });
  const withoutToken = await browser.request(`${server.url}/api/v1/breakglass`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(withoutToken.status, 403);
  assert.match(withoutToken.text, /CSRF token/);
  const forged = await fetch(`${server.url}/api/v1/breakglass`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `dw_session=${browser.cookie(server.url, 'dw_session')}`,
      'x-csrf-token': 'guessed',
    },
    body,
  });
  assert.equal(forged.status, 403);
  const opened = await fetch(`${server.url}/api/v1/breakglass`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `dw_session=${browser.cookie(server.url, 'dw_session')}`,
      'x-csrf-token': session.csrfToken,
    },
    body,
  });
  assert.equal(opened.status, 201, await opened.text());
  const entry = await server.store.audit.lastEntry('breakglass.opened');
  assert.equal(entry?.actor, 'oidc:olga@example.test');

  // An operator is not an admin.
  const tokens = await browser.request(`${server.url}/api/v1/tokens`);
  assert.equal(tokens.status, 403);

  // Sign-out ends the session on the server, not just in the browser.
  const cookie = browser.cookie(server.url, 'dw_session')!;
  const out = await browser.request(`${server.url}/auth/logout`, {
    method: 'POST',
    headers: { 'x-csrf-token': session.csrfToken },
  });
  assert.equal(out.status, 204);
  const replayed = await fetch(`${server.url}/api/v1/session`, { headers: { cookie: `dw_session=${cookie}` } });
  assert.equal(replayed.status, 401);
});

test('groups decide the role: admin and viewer; a person in no mapped group gets no session', async () => {
  const admin = new Browser();
  const adminLanded = await admin.signIn(`${server.url}/auth/login?returnTo=/api/v1/session`, 'alice');
  assert.equal(JSON.parse(adminLanded.text).role, 'admin');
  assert.equal((await admin.request(`${server.url}/api/v1/tokens`)).status, 200);

  const viewer = new Browser();
  const viewerLanded = await viewer.signIn(`${server.url}/auth/login?returnTo=/api/v1/session`, 'victor');
  const viewerSession = JSON.parse(viewerLanded.text) as { role: string; csrfToken: string };
  assert.equal(viewerSession.role, 'viewer');
  const refused = await viewer.request(`${server.url}/api/v1/breakglass/bg-00000000/close`, {
    method: 'POST',
    headers: { 'x-csrf-token': viewerSession.csrfToken },
  });
  assert.equal(refused.status, 403, 'a viewer may not close break-glass sessions');

  const outsider = new Browser();
  const denied = await outsider.signIn(`${server.url}/auth/login`, 'mallory');
  assert.equal(denied.status, 403);
  assert.match(denied.text, /in no group that server\.roles maps to a role/);
  assert.equal(outsider.cookie(server.url, 'dw_session'), undefined);
});

test('a callback with an unknown state or unknown parameters is refused, and repeated failures are rate limited', async () => {
  const browser = new Browser();
  const unknown = await browser.request(`${server.url}/auth/callback?state=forged&code=abc`);
  assert.equal(unknown.status, 403);
  assert.match(unknown.text, /unknown or expired sign-in/);
  const extra = await browser.request(`${server.url}/auth/callback?state=x&evil=1`);
  assert.equal(extra.status, 400, 'unknown parameters are bad input');
  // 10 failures in the window (mallory above counted too): the next attempt is refused outright.
  for (let i = 0; i < 10; i++) await browser.request(`${server.url}/auth/callback?state=forged-${i}&code=abc`);
  const limited = await browser.request(`${server.url}/auth/login`);
  assert.equal(limited.status, 429);
});
