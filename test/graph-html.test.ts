/**
 * The dependency graph picture in a real headless Chromium: the inline SVG renders with the
 * drifted resources visible and coloured, the blast-radius factors expand in the findings table,
 * and opening the report requests nothing but the file. The picture fits the viewport at 1280 and
 * 390 px, the zoom buttons, keys and dragging change its transform, and the findings sort by
 * blast radius. Saves test-output/graph.png, graph-390.png and graph-zoomed.png for a look.
 */
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderHtml } from '../src/report/scan/html.js';
import { analyzedEstateResult } from './support/analysis-fixtures.js';
import { repoRoot } from './support/paths.js';
import { useReportInBrowser } from './support/browser.js';

const report = useReportInBrowser('graph-html', () => renderHtml(analyzedEstateResult()));

test('the graph renders as an SVG with the drifted nodes visible, coloured, and explained on hover', async () => {
  const context = await report.browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(report.url, { waitUntil: 'load' });

  const svg = page.locator('svg.dependency-graph');
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  assert.ok(box && box.width > 300 && box.height > 100, `the picture has a size: ${JSON.stringify(box)}`);
  const drifted = page.locator('svg.dependency-graph g.node.drifted');
  assert.equal(await drifted.count(), 3);
  const group = page.locator('svg.dependency-graph g.node[data-address="network/aws_security_group.web"]');
  assert.equal(await group.isVisible(), true);
  assert.equal(await group.locator('rect').getAttribute('fill'), '#d9480f');
  assert.match((await group.locator('title').textContent()) ?? '', /1 finding\(s\), worst high/);
  assert.ok(
    (await page.locator('svg.dependency-graph path.edge').count()) >= 8,
    'state dependencies and id references are drawn',
  );

  const row = page.locator('tr.finding', { hasText: 'network/aws_security_group.web' });
  const blast = row.locator('td.blast details');
  assert.match(await blast.locator('summary').innerText(), /81\s+critical/);
  assert.equal(await blast.locator('li').first().isVisible(), false, 'factors are folded');
  await blast.locator('summary').click();
  assert.match(await blast.locator('ul').innerText(), /centrality \+10\.3 \(0\.52 x 0\.2\): 5 resources depend on it/);

  const output = resolve(repoRoot, 'test-output');
  mkdirSync(output, { recursive: true });
  await page.locator('#dependency-graph').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(output, 'graph.png'), fullPage: true });
  assert.deepEqual(requests, [report.url], 'nothing but the file itself is requested');
  await context.close();
});

const output = resolve(repoRoot, 'test-output');

/** The SVG's inline transform (set by the pan and zoom library; empty before the first move). */
const transformOf = (page: Page) =>
  page.locator('svg.dependency-graph').evaluate((svg) => (svg as SVGElement).style.transform);

for (const width of [1280, 390]) {
  test(`at ${width} px the whole picture fits the viewport, scaled down, with and without scripts`, async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await report.browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(report.url, { waitUntil: 'load' });
      const svg = page.locator('svg.dependency-graph');
      await svg.scrollIntoViewIfNeeded();
      const box = (await svg.boundingBox())!;
      const natural = Number(await svg.getAttribute('width'));
      assert.ok(box.x >= 0 && box.x + box.width <= width, `inside the viewport: ${JSON.stringify(box)} at ${width}`);
      assert.ok(box.height <= 800, `not taller than the viewport: ${box.height}`);
      if (natural > width) assert.ok(box.width < natural, `scaled down from ${natural}: ${box.width}`);
      const frame = (await page.locator('.graph-frame').boundingBox())!;
      assert.ok(frame.x + frame.width <= width, `the frame fits: ${JSON.stringify(frame)}`);
      assert.equal(
        await page.locator('.graph-tools').isVisible(),
        javaScriptEnabled,
        'zoom controls only with the script',
      );
      if (javaScriptEnabled && width === 390) {
        mkdirSync(output, { recursive: true });
        await page.locator('#dependency-graph').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(output, 'graph-390.png') });
      }
      await context.close();
    }
  });
}

test('zoom buttons, keys, Ctrl + wheel and dragging change the transform; reset restores it', async () => {
  const context = await report.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(report.url, { waitUntil: 'load' });
  await page.locator('#dependency-graph').scrollIntoViewIfNeeded();
  const initial = await transformOf(page);
  const scale = async () => Number(/scale\(([\d.]+)\)/.exec(await transformOf(page))?.[1] ?? 1);

  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForFunction(
    (t) => (document.querySelector('svg.dependency-graph') as SVGElement).style.transform !== t,
    initial,
  );
  assert.ok((await scale()) > 1, `zoomed in: ${await transformOf(page)}`);

  await page.getByRole('button', { name: 'Reset view' }).click();
  await page.waitForFunction(() =>
    /scale\(1\)/.test((document.querySelector('svg.dependency-graph') as SVGElement).style.transform),
  );

  const frame = page.locator('.graph-frame');
  await frame.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.waitForFunction(() =>
    /scale\(1\.[1-9]/.test((document.querySelector('svg.dependency-graph') as SVGElement).style.transform),
  );
  const zoomed = await scale();
  assert.ok(zoomed > 1.2, `two presses of + zoom in: ${zoomed}`);
  await page.keyboard.press('-');
  await page.waitForFunction((s) => {
    const m = /scale\(([\d.]+)\)/.exec((document.querySelector('svg.dependency-graph') as SVGElement).style.transform);
    return m !== null && Number(m[1]) < s;
  }, zoomed);

  const before = await transformOf(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    (t) => (document.querySelector('svg.dependency-graph') as SVGElement).style.transform !== t,
    before,
  );

  const box = (await frame.boundingBox())!;
  const afterKeys = await transformOf(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 30, { steps: 8 });
  await page.mouse.up();
  const dragged = await transformOf(page);
  assert.notEqual(dragged, afterKeys, 'dragging pans');
  assert.match(dragged, /translate\(/);

  await page.keyboard.press('0');
  await page.waitForFunction(() =>
    /scale\(1\)/.test((document.querySelector('svg.dependency-graph') as SVGElement).style.transform),
  );
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction(
    () => !/scale\(1\)/.test((document.querySelector('svg.dependency-graph') as SVGElement).style.transform),
  );
  assert.ok((await scale()) > 1, `Ctrl + wheel zooms in: ${await transformOf(page)}`);

  mkdirSync(output, { recursive: true });
  await page.screenshot({ path: join(output, 'graph-zoomed.png') });
  await context.close();
});

test('the findings sort by blast radius (widest first, then narrowest), by severity in its own order, and say so', async () => {
  const context = await report.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(report.url, { waitUntil: 'load' });
  const blasts = () =>
    page.locator('tr.finding').evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.blast)));
  const initial = await blasts();
  const header = page.locator('th[data-sort="blast"]');
  const button = header.getByRole('button', { name: 'blast radius' });
  assert.equal(await header.getAttribute('aria-sort'), null);
  assert.equal(await page.locator('th[data-sort="rank"]').getAttribute('aria-sort'), 'descending');

  await button.click();
  const widest = await blasts();
  assert.deepEqual(
    widest,
    [...initial].sort((a, b) => b - a),
    'widest blast radius first',
  );
  assert.notDeepEqual(widest, initial, 'the fixture is not already in that order');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('th[data-sort="rank"]').getAttribute('aria-sort'), null, 'one sorted column');

  await button.press('Enter');
  assert.deepEqual(
    await blasts(),
    [...initial].sort((a, b) => a - b),
    'Enter on the button sorts narrowest first',
  );
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');

  const severities = () =>
    page.locator('tr.finding').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.severity!));
  const order = ['low', 'medium', 'high', 'critical'];
  const bySeverity = (list: string[]) => [...list].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  await page.locator('th[data-sort="rank"] button').click();
  const ranks = await severities();
  assert.deepEqual(ranks, bySeverity(ranks).reverse(), 'most severe first, in severity order');
  await page.locator('th[data-sort="rank"] button').click();
  assert.deepEqual(await severities(), bySeverity(ranks), 'then least severe first');
  await page.locator('th[data-sort="type"] button').click();
  const types = await page
    .locator('tr.finding')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.type!));
  assert.deepEqual(
    types,
    [...types].sort((a, b) => a.localeCompare(b)),
    'type A to Z',
  );
  await context.close();
});
