/**
 * The dependency graph picture in a real headless Chromium: the inline SVG renders with the
 * drifted resources visible and coloured, the blast-radius factors expand in the findings table,
 * and opening the report requests nothing but the file. Saves test-output/graph.png for a look.
 */
import { test } from 'node:test';
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
