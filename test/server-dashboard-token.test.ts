/**
 * The dashboard without OpenID Connect, in Debian's Chromium: a browser is sent to the sign-in
 * page, a wrong API token is refused (and counted as a failed login), a good one opens a browser
 * session that acts as the token (its name and role, in the audit log); sign-out ends it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { seedHistory } from './support/server-contract.js';
import { api, startTestServer } from './support/server.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('without OIDC the dashboard signs people in with an API token; a wrong token is refused', async () => {
  const server = await startTestServer();
  try {
    await seedHistory(server);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const first = await page.goto(`${server.url}/ui/findings`);
    assert.equal(first?.status(), 401);
    await page.getByLabel(/^API token/).fill('dw_00000000_not-a-real-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.getByRole('alert').innerText(), /that token is not valid/);

    await page.getByLabel(/^API token/).fill(server.tokens.operator);
    await page.getByLabel(/^API token/).press('Enter');
    await page.waitForURL(`${server.url}/ui/findings`);
    assert.match(await page.locator('header').innerText(), /test-operator\s+\(operator\)/);
    assert.equal(await page.locator('tbody tr').count(), 5);
    mkdirSync(join('test-output', 'dashboard'), { recursive: true });
    await page.screenshot({ path: join('test-output', 'dashboard', 'token-findings-1280.png'), fullPage: true });

    const audit = await api<{ items: Array<{ actor: string; action: string }> }>(`${server.url}/api/v1/audit`, {
      token: server.tokens.viewer,
    });
    assert.ok(
      audit.body.items.some((e) => e.actor === 'token:test-operator' && e.action === 'api.signed-in'),
      JSON.stringify(audit.body.items.slice(0, 5)),
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/ui/signed-out`);
    const after = await page.goto(`${server.url}/ui/findings`);
    assert.equal(after?.status(), 401, 'the session ended');
    await context.close();
  } finally {
    await server.close();
  }
});
