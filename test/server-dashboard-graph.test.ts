/**
 * The dashboard's estate graph in Debian's Chromium, against a real server whose configuration
 * reads a real Terraform state (../shared/fixtures: a load balancer, its listener, subnets, a
 * security group) and whose store holds open findings on some of its resources (one with a hostile
 * address). The page is in the navigation, the picture fits at 1280 and 390 px, drifted nodes are
 * coloured by their worst finding and are links a keyboard reaches, Enter opens the finding, the
 * zoom controls change the transform, and the hostile text stays text. Screenshots in
 * test-output/dashboard/graph-1280.png and graph-390.png.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../src/config/load.js';
import { SEVERITY_FILL } from '../src/report/scan/graph-svg.js';
import { launchChromium } from './support/browser.js';
import { repoRoot } from './support/paths.js';
import { api, startTestServer, type TestServer } from './support/server.js';
import { finding, recordRefreshed, scan, T1 } from './support/store-contract.js';

const STATE = resolve(
  repoRoot,
  '..',
  'shared',
  'fixtures',
  'terraform',
  'driftctl',
  'aws_lb_listener',
  'terraform.tfstate',
);
const OUTPUT = join('test-output', 'dashboard');
const HOSTILE = 'aws_s3_bucket.x["<script>alert(1)</script>"]';

let browser: Browser;
let dir = '';
before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'dw-graph-page-'));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function configFile(): string {
  const file = join(dir, 'driftwarden.yaml');
  writeFileSync(file, ['environments:', '  prod:', '    tier: production', `    states: ['${STATE}']`, ''].join('\n'));
  return file;
}

/** Findings on two of the state's resources (critical and medium) and one no state holds. */
async function seed(server: TestServer): Promise<{ sg: string; lb: string }> {
  const graph = await api<{ nodes: Array<{ address: string }> }>(`${server.url}/api/v1/graph`, {
    token: server.tokens.viewer,
  });
  assert.equal(graph.status, 200, graph.text);
  const address = (type: string) => graph.body.nodes.find((n) => n.address.includes(`${type}.`))!.address;
  const sg = address('aws_security_group');
  const lb = address('aws_lb');
  const on = (id: string, target: string, severity: 'critical' | 'medium' | 'low') => {
    const base = finding(id, {
      severity,
      type: target.startsWith('aws_s3_bucket.') ? 'aws_s3_bucket' : target.split('.')[0]!,
    });
    return { ...base, resource: { ...base.resource, address: target } };
  };
  await recordRefreshed(
    server.store.history,
    scan('scan-graph', T1, [
      on('sg-open', sg, 'critical'),
      on('sg-minor', sg, 'low'),
      on('lb-size', lb, 'medium'),
      on('hostile', HOSTILE, 'low'),
    ]),
  );
  return { sg, lb };
}

async function signedIn(server: TestServer, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/ui/graph`);
  await page.getByLabel(/^API token/).fill(server.tokens.viewer);
  await page.getByLabel(/^API token/).press('Enter');
  await page.waitForURL(`${server.url}/ui/graph`);
  return page;
}

const node = (page: Page, address: string) =>
  page.locator(`svg.dependency-graph g.node[data-address=${JSON.stringify(address)}]`);

test('the estate graph: in the navigation, coloured by severity, nodes link to their worst finding, keyboard and zoom work', async () => {
  const server = await startTestServer({ config: loadConfig(configFile()) });
  try {
    const { sg, lb } = await seed(server);
    const page = await signedIn(server, 1280);
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Estate graph' });
    assert.equal(await nav.getAttribute('aria-current'), 'page');
    assert.match(await page.locator('main').innerText(), /resources \(3 with open findings\)/);

    assert.equal(await node(page, sg).locator('rect').getAttribute('fill'), SEVERITY_FILL.critical, 'worst of two');
    assert.equal(await node(page, lb).locator('rect').getAttribute('fill'), SEVERITY_FILL.medium);
    const clean = page.locator('svg.dependency-graph g.node:not(.drifted)');
    assert.ok((await clean.count()) >= 3, 'resources without findings are drawn too');
    assert.equal(await page.locator('svg.dependency-graph a.node-link').count(), 3, 'one link per drifted node');
    assert.equal(
      await page.locator('a.node-link', { has: page.locator(`g.node[data-address="${sg}"]`) }).getAttribute('href'),
      '/ui/findings/sg-open',
      'the worst open finding',
    );
    assert.ok((await page.locator('svg.dependency-graph path.edge').count()) >= 5, 'state dependencies are drawn');

    // Hostile text is text: one script on the page (ours), the address shown escaped in the picture.
    assert.equal(await page.locator('script').count(), 1);
    assert.match((await node(page, HOSTILE).locator('title').textContent()) ?? '', /<script>alert\(1\)<\/script>/);

    const frame = page.getByRole('region', { name: /^Estate graph, \d+ resources/ });
    const svg = page.locator('svg.dependency-graph');
    const box = (await svg.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 1280, `fits at 1280: ${JSON.stringify(box)}`);
    await page.screenshot({ path: join(OUTPUT, 'graph-1280.png'), fullPage: true });

    const transform = () => svg.evaluate((el) => (el as SVGElement).style.transform);
    const before = await transform();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForFunction(
      (t) => (document.querySelector('svg.dependency-graph') as SVGElement).style.transform !== t,
      before,
    );
    await frame.focus();
    await page.keyboard.press('0');
    await page.waitForFunction(() =>
      /scale\(1\)/.test((document.querySelector('svg.dependency-graph') as SVGElement).style.transform),
    );

    // From the frame, Tab reaches the node links; Enter on one opens its finding.
    let reached = '';
    for (let i = 0; i < 6 && reached === ''; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
    }
    assert.match(reached, /^\/ui\/findings\//, 'a node link takes focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}${reached}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    await page.context().close();

    const narrow = await signedIn(server, 390);
    const small = (await narrow.locator('svg.dependency-graph').boundingBox())!;
    assert.ok(small.x >= 0 && small.x + small.width <= 390, `fits at 390: ${JSON.stringify(small)}`);
    await narrow.screenshot({ path: join(OUTPUT, 'graph-390.png'), fullPage: true });
    await narrow.context().close();
  } finally {
    await server.close();
  }
});

test('without a configuration the estate graph page says what it needs', async () => {
  const server = await startTestServer();
  try {
    const page = await signedIn(server, 1280);
    assert.match(await page.getByRole('status').innerText(), /runs without a configuration/);
    assert.equal(await page.locator('svg.dependency-graph').count(), 0);
    await page.context().close();
  } finally {
    await server.close();
  }
});
