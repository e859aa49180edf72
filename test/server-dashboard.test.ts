// The page functions run in Chromium and use its DOM types (before, @cdktf/hcl2json's typings brought them in).
/// <reference lib="dom" />
/**
 * The dashboard in real headless Chromium (Debian's, through playwright-core), against a real
 * server whose scans read moto and whose people sign in at a real OpenID Connect provider. The
 * journeys: an operator sees a new critical finding after a scan and approves its revert (the
 * security group in moto loses the rule); an operator opens and closes a break-glass session and
 * reads its incident report; a viewer is shown no actions and is refused the form posts; a form
 * without the session's CSRF token is refused. Every control has a label, and the journeys are
 * done with the keyboard where it matters. Screenshots at 1280 and 390 px wide are kept in
 * test-output/dashboard/ (git-ignored).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { applyClickOps } from '../demo/clickops.js';
import { loadConfig } from '../src/config/load.js';
import { useMoto } from './aws-support.js';
import { port22Open, workspace, type Workspace } from './reconcile-support.js';
import { launchChromium } from './support/browser.js';
import {
  freePort,
  OIDC_CLIENT_SECRET,
  oidcServerSection,
  startOidcProvider,
  type OidcProviderHandle,
} from './support/oidc-provider.js';
import { api, startTestServer, waitForJob, type TestServer } from './support/server.js';

const env = useMoto();
const OUTPUT = join('test-output', 'dashboard');
const GROUPS = { olga: ['oncall'], victor: ['engineering'] };
let browser: Browser;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

interface Setup {
  readonly ws: Workspace;
  readonly server: TestServer;
  readonly provider: OidcProviderHandle;
  readonly url: string;
  close(): Promise<void>;
}

async function setUp(): Promise<Setup> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({ appUrl: url, groups: GROUPS });
  const ws = await workspace(env.moto);
  appendFileSync(ws.config, [...oidcServerSection(url, provider.issuer), ''].join('\n'));
  const server = await startTestServer({
    config: loadConfig(ws.config),
    storeLocation: ws.store,
    env: env.moto.env({ AWS_MAX_ATTEMPTS: '1' }),
    publicUrl: url,
    oidcClientSecret: OIDC_CLIENT_SECRET,
    listenPort: port,
  });
  return {
    ws,
    server,
    provider,
    url,
    close: async () => {
      await server.close();
      await provider.close();
      rmSync(ws.dir, { recursive: true, force: true });
    },
  };
}

/** Opens the dashboard, signs in at the provider's own login and consent pages, lands on `path`. */
async function signIn(setup: Setup, login: string, width: number, path = '/ui'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${setup.url}${path}`);
  assert.ok(page.url().startsWith(setup.provider.issuer), `redirected to the provider, at ${page.url()}`);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click(); // consent
  await page.waitForURL(`${setup.url}${path}`);
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: join(OUTPUT, `${name}-${width}.png`), fullPage: true });
}

/** Every visible form control has an accessible name: a <label>, an aria-label, or its text. */
async function assertLabelled(page: Page): Promise<void> {
  const unlabelled = await page.locator('input:not([type=hidden]), select, textarea, button').evaluateAll((elements) =>
    elements
      .filter((el) => {
        const control = el as HTMLInputElement;
        const named =
          (control.labels?.length ?? 0) > 0 ||
          (el.getAttribute('aria-label') ?? '') !== '' ||
          (el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '');
        return !named;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  assert.deepEqual(unlabelled, [], `controls without a label on ${page.url()}`);
}

/** Presses Tab until the focused element's text or label matches, then returns; fails after 80 presses. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el
        ? `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''} ${(el as HTMLInputElement).value ?? ''}`
        : '';
    });
    if (name.test(focused)) return;
  }
  assert.fail(`${name} is not reachable with the keyboard on ${page.url()}`);
}

async function waitForJobPage(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /Finished|Failed/ })
    .waitFor({ timeout: 240_000 });
}

test('journey: an operator sees a new critical finding after a scan and approves its revert', async () => {
  const setup = await setUp();
  try {
    // A clean baseline scan, then someone opens SSH to the world by hand.
    const baseline = await api(`${setup.url}/api/v1/scans`, { token: setup.server.tokens.operator, body: {} });
    assert.equal(baseline.status, 202, baseline.text);
    const done = await waitForJob(setup.url, setup.server.tokens.operator, String(baseline.body['id']));
    assert.equal(done['status'], 'succeeded', JSON.stringify(done));
    await applyClickOps(env.moto.clientConfig(), setup.ws.estate.ids, ['ssh-open-to-world']);

    const page = await signIn(setup, 'olga', 1280);
    await shoot(page, 'overview-before');
    // Every accounting bucket of the scan is named, as in the CLI's summary.
    const card = await page.locator('main').innerText();
    for (const bucket of [
      /Coverage\s+\d+% of managed resources checked/,
      /Unchecked\s+\d+ resource\(s\), \d+ scope\(s\) not observed/,
      /Existence only\s+\d+ resource\(s\)/,
      /Not covered\s+\d+ resource\(s\) no observer covers/,
    ])
      assert.match(card, bucket);
    await assertLabelled(page);
    // The first Tab lands on the skip link; the scan button is reachable and works from the keyboard.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await tabTo(page, /Scan every environment now/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ui\/jobs\//);
    await waitForJobPage(page);
    assert.match(await page.locator('main').innerText(), /Finished/);

    await page.goto(`${setup.url}/ui/findings`);
    await page.getByRole('checkbox', { name: 'critical' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/severity=critical/);
    const row = page.locator('tbody tr', { hasText: 'aws_security_group.web' });
    assert.equal(await row.count(), 1, await page.locator('main').innerText());
    assert.match(await row.innerText(), /critical\s+new\s+demo/);
    await assertLabelled(page);
    await shoot(page, 'findings');

    await row.getByRole('link').click();
    await page.waitForURL(/\/ui\/findings\/dw-/);
    const detail = await page.locator('main').innerText();
    assert.match(detail, /world-open ingress \(0\.0\.0\.0\/0\) on port 22/);
    assert.match(detail, /What changed[\s\S]*ingress/);
    assert.match(detail, /Blast radius/);
    await shoot(page, 'finding');
    await tabTo(page, /Approve reconcile of this finding/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ui\/jobs\//);
    await waitForJobPage(page);
    const job = await page.locator('main').innerText();
    assert.match(job, /Finished/, job);
    assert.match(job, /aws_security_group\.web\s+reverted/, job);
    assert.equal(await port22Open(env.moto, setup.ws), false, 'the rule is gone in the cloud');

    await page.goto(`${setup.url}/ui/audit`);
    const audit = await page.locator('main').innerText();
    assert.match(audit, /Chain verified/);
    assert.match(audit, /oidc:olga@example\.test\s+api\.approved/);
    assert.match(audit, /oidc:olga@example\.test\s+action\.applied/);
    await shoot(page, 'audit');

    const phone = await signIn(setup, 'olga', 390, '/ui/findings');
    await shoot(phone, 'findings');
    await phone.goto(`${setup.url}/ui`);
    await shoot(phone, 'overview-after');
    // Nothing wider than the screen at 390 px (tables scroll inside their own box).
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the overview is ${overflow}px wider than a 390px screen`);
  } finally {
    await setup.close();
  }
});

test('journey: an operator opens and closes a break-glass session; a viewer gets no actions and is refused', async () => {
  const setup = await setUp();
  try {
    const page = await signIn(setup, 'olga', 1280, '/ui/breakglass');
    await assertLabelled(page);
    await page.getByLabel('Scope').fill('demo:aws_security_group.web');
    await page.getByLabel('Reason').fill('INC-42: SSH needed for a hotfix');
    await page.getByLabel('Time to live').fill('30m');
    await page.getByLabel('Reason').press('Enter');
    await page.waitForURL(/\/ui\/breakglass\/bg-/);
    let text = await page.locator('main').innerText();
    assert.match(text, /Session opened/);
    assert.match(text, /Status\s+open/);
    assert.match(text, /Remaining\s+30m/);
    assert.match(text, /INC-42: SSH needed for a hotfix/);
    await shoot(page, 'breakglass-open');

    await page.getByRole('button', { name: 'Close this session' }).click();
    await page.waitForURL(/\/ui\/breakglass\/bg-[^?]*$/);
    text = await page.locator('main').innerText();
    assert.match(text, /Status\s+closed/);
    assert.match(text, /Incident report/);
    assert.match(text, /by oidc:olga@example\.test/);
    assert.match(text, /breakglass\.opened[\s\S]*breakglass\.closed/);
    await shoot(page, 'breakglass-closed');

    // Without the session's CSRF token the same form post is refused, and nothing is opened.
    const forged = await page.request.post(`${setup.url}/ui/breakglass`, {
      form: { scope: 'demo:*', reason: 'forged', ttl: '1h' },
      maxRedirects: 0,
    });
    assert.equal(forged.status(), 403);
    assert.match(await forged.text(), /CSRF/);

    const viewer = await signIn(setup, 'victor', 390, '/ui/breakglass');
    assert.equal(await viewer.getByRole('button', { name: 'Open session' }).count(), 0);
    await shoot(viewer, 'breakglass-viewer');
    const csrf = await viewer.locator('input[name=_csrf]').first().inputValue();
    const refused = await viewer.request.post(`${setup.url}/ui/breakglass`, {
      form: { _csrf: csrf, scope: 'demo:*', reason: 'not allowed', ttl: '1h' },
      maxRedirects: 0,
    });
    assert.equal(refused.status(), 403);
    assert.match(await refused.text(), /needs the operator role/);
    const sessions = await api<{ items: unknown[] }>(`${setup.url}/api/v1/breakglass?all=true`, {
      token: setup.server.tokens.viewer,
    });
    assert.equal(sessions.body.items.length, 1, 'only the operator session exists');
  } finally {
    await setup.close();
  }
});
