/**
 * The HTML report in a real headless Chromium: what a reader sees, that filtering works, that it
 * reads without scripts, that hostile values stay text, and that opening it requests nothing but
 * the file itself. Saves a screenshot to test-output/report.png for a human look.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { renderHtml } from '../src/report/scan/html.js';
import { HOSTILE_VALUE, sampleScanResult } from './support/sample-result.js';
import { repoRoot } from './support/paths.js';
import { useReportInBrowser } from './support/browser.js';

const report = useReportInBrowser('html', () => renderHtml(sampleScanResult()));

async function openReport(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const context = await report.browser.newContext({
    viewport: { width: 1360, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(report.url, { waitUntil: 'load' });
  return { page, requests, dialogs };
}

test('summary, incomplete banner, critical rows and history are visible; nothing is requested', async () => {
  const { page, requests, dialogs } = await openReport();
  const banner = page.locator('#scan-status');
  assert.equal(await banner.isVisible(), true);
  assert.match(await banner.innerText(), /Scan INCOMPLETE: 1 scope\(s\) could not be checked/);
  assert.match(await banner.innerText(), /aws_iam_role 123456789012 us-east-1: access denied for iam:ListRoles/);

  assert.match(await page.locator('#summary').innerText(), /142\s+MANAGED/i);

  const critical = page.locator('tr.finding[data-severity="critical"]');
  assert.equal(await critical.count(), 2);
  assert.equal(await critical.first().isVisible(), true);
  const amiRow = page.locator('tr.finding[data-id="f-web-ami"]');
  const amiText = await amiRow.innerText();
  assert.match(amiText, /aws_instance\.web\[0\]/);
  assert.match(amiText, /t3\.micro/);
  assert.match(amiText, /t3\.large/);
  assert.match(amiText, /replace \(ami\)/);
  assert.match(await page.locator('tr.finding[data-id="f-sg-ssh"]').innerText(), /NEW/);
  assert.match(await page.locator('tr.finding[data-id="f-db-password"]').innerText(), /\(sensitive\)/);
  assert.match(await page.locator('#resolved').innerText(), /Resolved since the last scan \(2\)/);

  assert.deepEqual(requests, [report.url], 'the page requests nothing but itself');
  assert.deepEqual(dialogs, []);

  const output = resolve(repoRoot, 'test-output');
  mkdirSync(output, { recursive: true });
  await page.screenshot({ path: join(output, 'report.png'), fullPage: true });
  await page.context().close();
});

test('a hostile value is shown as text and never runs', async () => {
  const { page, dialogs } = await openReport();
  assert.equal(await page.locator('tr.finding script').count(), 0, 'no script element inside findings');
  assert.ok((await page.locator('tr.finding[data-id="f-web-ami"]').innerText()).includes(HOSTILE_VALUE.split(' ')[0]!));
  assert.ok((await page.locator('body').innerText()).includes('<script>alert(1)</script>'));
  assert.deepEqual(dialogs, []);
  await page.context().close();
});

test('filtering by severity and kind hides the other rows', async () => {
  const { page } = await openReport();
  const visibleRows = () => page.locator('tr.finding:visible').count();
  assert.equal(await visibleRows(), 7);
  await page.selectOption('#filter-severity', 'critical');
  assert.equal(await visibleRows(), 2);
  await page.selectOption('#filter-kind', 'policy');
  assert.equal(await visibleRows(), 1);
  assert.match(await page.locator('#visible-count').innerText(), /1 shown/);
  await page.selectOption('#filter-severity', '');
  await page.selectOption('#filter-kind', '');
  await page.fill('#filter-text', 'vol-0badc0ffee');
  assert.equal(await visibleRows(), 1);
  await page.context().close();
});

test('sorting by severity puts low first, then critical first again', async () => {
  const { page } = await openReport();
  const firstSeverity = () => page.locator('tr.finding').first().getAttribute('data-severity');
  await page.click('th[data-sort="rank"]');
  assert.equal(await firstSeverity(), 'low');
  await page.click('th[data-sort="rank"]');
  assert.equal(await firstSeverity(), 'critical');
  await page.context().close();
});

test('without JavaScript every finding is still listed and the inert filters are hidden', async () => {
  const { page } = await openReport({ javaScriptEnabled: false });
  assert.equal(await page.locator('tr.finding:visible').count(), 7);
  assert.equal(await page.locator('#filters').isVisible(), false);
  await page.context().close();
});
