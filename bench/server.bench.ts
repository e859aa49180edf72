/**
 * `npm run bench` (server part): `driftwarden server` over an embedded SQLite store holding 100k
 * findings (one recorded scan; severities, kinds, environments and types mixed; each finding with
 * a change, reasons and a blast radius like a real one). Measured with autocannon against the real
 * `driftwarden server` (a child process, as deployed) on a loopback port, authenticated by an API
 * token like any client:
 *   - p50/p95/p99 latency of the findings list, a page of 100 (the default sort: most severe first),
 *     and of a page deep in the list (the cursor of page 500); the first page once more over one
 *     connection (the time one request takes, without queueing behind nine others); and pages
 *     filtered by environment, by severity under another sort, by status new, and by text (a
 *     substring search reads every open finding: no index serves it);
 *   - p50/p95/p99 of a finding's detail (ids spread over the store);
 *   - the dashboard's first page transfer size (the findings page with 100 rows, its stylesheet;
 *     the overview) as sent (the server does not compress) and gzipped, for a compressing proxy.
 * Targets (issue 13): p95 under 50 ms for a page of 100; the first page under 300 KB.
 * `node dist/bench/server.bench.js [findings] [seconds]`, defaults 100000 and 10.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import type { Finding } from '../src/model/finding.js';
import { SEVERITIES, DRIFT_KINDS } from '../src/model/finding.js';
import { createToken } from '../src/server/auth/tokens.js';
import { openStore } from '../src/store/index.js';
import { OBSERVED_ALL, scan } from '../test/support/store-contract.js';
import { spawnServer } from '../test/support/server.js';

const count = Number(process.argv[2] ?? 100_000);
const seconds = Number(process.argv[3] ?? 10);
const TYPES = ['aws_security_group', 'aws_instance', 'aws_s3_bucket', 'aws_iam_role', 'aws_ebs_volume', 'aws_lb'];
const ENVIRONMENTS = ['prod', 'staging', 'dev', 'shared'];

function syntheticFinding(i: number): Finding {
  const type = TYPES[i % TYPES.length]!;
  const id = `dw-${i.toString(16).padStart(16, '0')}`;
  const severity = SEVERITIES[(i * 7) % SEVERITIES.length]!;
  return {
    id,
    kind: DRIFT_KINDS[i % 4]!,
    severity,
    environment: ENVIRONMENTS[i % ENVIRONMENTS.length]!,
    resource: {
      address: `module.app_${i % 97}.${type}.r${i}`,
      type,
      id: `res-${i}`,
      account: '123456789012',
      region: i % 2 ? 'eu-west-1' : 'us-east-1',
    },
    changes: [
      { path: 'tags.Owner', recorded: 'platform', observed: `someone-${i % 13}`, sensitive: false },
      { path: 'description', recorded: 'managed by terraform', observed: 'edited in the console', sensitive: false },
    ],
    summary: `module.app_${i % 97}.${type}.r${i}: 2 attributes changed outside Terraform (tags.Owner, description)`,
    reasons: ['changed outside Terraform'],
    blastRadius: {
      score: (i * 13) % 100,
      level: 'medium',
      factors: [{ name: 'tier', value: 0.5, weight: 0.3, contribution: 15, why: 'staging tier' }],
    },
  } as Finding;
}

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/** autocannon reports p90 and p97.5, not p95: every response time is kept and the percentiles computed here. */
async function load(url: string, token: string, paths: string[], connections = 10) {
  let next = 0;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
      },
      (err, out) => (err ? fail(err) : done(out)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: Math.round(result.requests.average),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'driftwarden-server-bench-'));
try {
  const file = join(dir, 'history.db');
  const started = Date.now();
  const seed = await openStore(file);
  const findings = Array.from({ length: count }, (_, i) => syntheticFinding(i));
  await seed.history.recordScan(scan('bench-scan', '2026-01-01T10:00:00Z', findings), OBSERVED_ALL);
  const seededMs = Date.now() - started;
  const { token } = await createToken(seed, { name: 'bench', role: 'viewer', by: 'bench' });
  await seed.close();

  // The built `driftwarden server` in its own process, as deployed (its request log included):
  // autocannon in the server's process would take turns with it on one event loop.
  const server = await spawnServer(['--store', file]);
  try {
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return Buffer.from(await response.arrayBuffer());
    };
    // The cursor of page 500 (49,900 findings in), for a deep page.
    let cursor: string | undefined;
    for (let page = 1; page < 500 && page * 100 < count; page++) {
      const body = JSON.parse(
        (await get(`/api/v1/findings?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).toString(),
      ) as { nextCursor?: string };
      cursor = body.nextCursor;
    }
    const list = await load(server.url, token, ['/api/v1/findings?limit=100']);
    const single = await load(server.url, token, ['/api/v1/findings?limit=100'], 1);
    const deep = cursor
      ? await load(server.url, token, [`/api/v1/findings?limit=100&cursor=${encodeURIComponent(cursor)}`])
      : undefined;
    const filtered = {
      'environment=prod': await load(server.url, token, ['/api/v1/findings?limit=100&environment=prod']),
      'severity=critical&sort=-lastSeen': await load(server.url, token, [
        '/api/v1/findings?limit=100&severity=critical&sort=-lastSeen',
      ]),
      'status=new': await load(server.url, token, ['/api/v1/findings?limit=100&status=new']),
      'q=r4242 (text)': await load(server.url, token, ['/api/v1/findings?limit=100&q=r4242']),
    };
    const detailPaths = Array.from({ length: 1000 }, (_, i) => `/api/v1/findings/${findings[(i * 9973) % count]!.id}`);
    const detail = await load(server.url, token, detailPaths);

    const sizes: Record<string, { bytes: number; gzip: number }> = {};
    for (const path of ['/ui/findings', '/ui/style.css', '/ui']) {
      const body = await get(path);
      sizes[path] = { bytes: body.length, gzip: gzipSync(body).length };
    }
    const first = sizes['/ui/findings']!.bytes + sizes['/ui/style.css']!.bytes;
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
      `| ${name} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${r.requests} | ${r.errors} |`;
    console.log(
      `server benchmark: ${count} findings in SQLite (seeded in ${(seededMs / 1000).toFixed(1)} s), autocannon 10 connections x ${seconds} s each, Node ${process.version}, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} (${cpus().length} cores)`,
    );
    console.log('| request | p50 ms | p95 ms | p99 ms | req/s | requests | errors |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('GET /api/v1/findings?limit=100 (first page)', list));
    console.log(row('GET /api/v1/findings?limit=100 (first page, 1 connection)', single));
    if (deep) console.log(row('GET /api/v1/findings?limit=100&cursor=<page 500>', deep));
    for (const [query, result] of Object.entries(filtered))
      console.log(row(`GET /api/v1/findings?limit=100&${query}`, result));
    console.log(row('GET /api/v1/findings/:id (1000 ids)', detail));
    console.log('');
    for (const [path, size] of Object.entries(sizes))
      console.log(`${path}: ${kb(size.bytes)} sent, ${kb(size.gzip)} gzipped`);
    console.log(
      `dashboard first page (/ui/findings + stylesheet): ${kb(first)} (target < 300 KB): ${first < 300 * 1024 ? 'met' : 'NOT met'}`,
    );
    console.log(`findings page p95 target (< 50 ms): ${list.p95 < 50 ? 'met' : 'NOT met'}`);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
