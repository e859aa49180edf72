/**
 * AWS observation benchmark against the emulator (moto): for estates of 1,000 and 5,000 resources
 * (the compute core scaled, plus BENCH_BREADTH resources, default 3, of each further type the
 * emulator serves: 80+ types observed),
 * the scan's wall time (observeAws over every catalogue type in eu-west-1, as `driftwarden scan`
 * observes) against a bare paginated listing of the same data with the SDK alone (aws-bare.ts, the
 * irreducible cost), measured alternately in the same process, several runs each, medians; the API
 * calls of both by operation, and a check that no operation of a bulk-listable type grows with N.
 * One full CLI scan with a state recording the same estate is timed once per size.
 * Targets: no per-resource calls for types that list in bulk; scan within 1.2x of the bare listing.
 * Parity: the run fails (exit 1) when an operation is made by the scan and not the bare peer or the
 * reverse (the two would not be the same work), and names the catalogue types the peer does not
 * list. The machine's load average is printed: figures taken under load are not "at rest".
 *
 *   node --expose-gc dist/bench/aws.bench.js [sizes...]     (default 1000 5000; BENCH_RUNS=5)
 *
 * Each size gets a fresh emulator, populated once. The Markdown report goes to standard output,
 * progress to standard error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { observeAws } from '../src/observers/aws/observe.js';
import { runCli } from '../test/support/cli.js';
import { MOTO_ACCOUNT, startMoto, type Moto } from '../test/support/moto.js';
import { catalogueTypes } from '../src/observers/aws/catalogue/index.js';
import {
  bareListing,
  compareOperations,
  notCoveredByPeer,
  parityProblem,
  PER_RESOURCE_OPERATIONS,
} from './aws-bare.js';
import { estateMix, populateEstate } from './aws-populate.js';
import { checkOperations, renderReport, type SizeResult } from './aws-report.js';
import { stateFromObserved } from './aws-state.js';

const REGION = 'eu-west-1';
const TARGET_RATIO = 1.2;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const runs = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 5));
const breadth = Math.max(0, Number(process.env['BENCH_BREADTH'] ?? 3));
const gc = (globalThis as { gc?: () => void }).gc;

const log = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

/** Wall time, and this process's CPU time (user + system; the emulator runs in its own process). */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/** Points the SDK's default chain (what observeAws and the CLI use) at the emulator, nothing else. */
function useEmulator(moto: Moto): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, moto.env());
}

const scan = () => observeAws({ regions: [REGION] });

/**
 * One full CLI scan: state, observation, engine, JSON report. CloudTrail attribution is off: it is
 * not observation, and the emulator does not implement LookupEvents (BENCH_ATTRIBUTION=1 keeps it).
 */
async function timeCliScan(moto: Moto, statePath: string, dir: string): Promise<SizeResult['cli']> {
  const reportPath = join(dir, 'report.json');
  const attribution = process.env['BENCH_ATTRIBUTION'] === '1' ? [] : ['--no-attribution'];
  const start = process.hrtime.bigint();
  // --account: without it, src/scan/run.ts sliceRecorded drops every recorded resource that has an
  // account (reported to the lead); naming the account keeps the engine's full work in the timing.
  const args = [
    'scan',
    '--state',
    statePath,
    '--region',
    REGION,
    '--account',
    MOTO_ACCOUNT,
    '--no-history',
    ...attribution,
    '-o',
    'json',
    '--out',
    reportPath,
  ];
  const run = await runCli(args, {
    cwd: dir,
    env: moto.env(),
    timeoutMs: 300_000,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.code !== 0 && run.code !== 2) {
    log(`CLI scan failed (exit ${run.code}): ${run.stderr.slice(0, 500)}`);
    return { ms, exitCode: run.code, findings: 0 };
  }
  type ReportFinding = { kind: string; resource: { type: string }; changes?: { path: string }[] };
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { findings?: ReportFinding[] };
  if (process.env['BENCH_KEEP_REPORT']) writeFileSync(process.env['BENCH_KEEP_REPORT'], JSON.stringify(report));
  // The state records what was observed, so any finding is worth a look: say what it is.
  const kinds = new Map<string, number>();
  for (const f of report.findings ?? []) {
    const key = `${f.kind} ${f.resource.type}${f.changes?.length ? ` (${f.changes.map((c) => c.path).join(', ')})` : ''}`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  for (const [key, n] of kinds) log(`CLI finding x${n}: ${key}`);
  return { ms, exitCode: run.code, findings: report.findings?.length ?? 0 };
}

async function measureSize(size: number, dir: string): Promise<SizeResult> {
  const moto = await startMoto();
  try {
    useEmulator(moto);
    const config = moto.clientConfig(REGION);
    const populated = await timed(() => populateEstate(config, estateMix(size), breadth));
    log(`${size}: populated in ${(populated.ms / 1000).toFixed(1)} s`);

    // Warm-up, not measured: JIT, sockets, and the emulator's first-call caches on both sides.
    const first = await scan();
    const firstBare = await bareListing(config);
    const problem = parityProblem(compareOperations(first.apiCalls, firstBare.apiCalls));
    if (problem) parityFailures.push(`${size}: ${problem}`);
    const observedTypes = new Set(first.snapshot.resources.map((r) => r.type));
    log(`${size}: ${observedTypes.size} types observed, ${first.snapshot.resources.length} resources`);

    const scanMs: number[] = [];
    const bareMs: number[] = [];
    const scanCpuMs: number[] = [];
    const bareCpuMs: number[] = [];
    let scanCalls = first.apiCalls;
    let bareCalls: Record<string, number> = {};
    // Alternate the order every run so neither side always runs on a warmer (or busier) emulator.
    for (let r = 0; r < runs; r++) {
      const measureScan = async () => {
        const { ms, cpuMs, value } = await timed(scan);
        scanMs.push(ms);
        scanCpuMs.push(cpuMs);
        scanCalls = value.apiCalls;
      };
      const measureBare = async () => {
        const { ms, cpuMs, value } = await timed(() => bareListing(config));
        bareMs.push(ms);
        bareCpuMs.push(cpuMs);
        bareCalls = value.apiCalls;
      };
      if (r % 2 === 0) {
        await measureScan();
        await measureBare();
      } else {
        await measureBare();
        await measureScan();
      }
      log(`${size}: run ${r + 1}/${runs} scan ${scanMs.at(-1)!.toFixed(0)} ms, bare ${bareMs.at(-1)!.toFixed(0)} ms`);
    }

    const statePath = join(dir, `state-${size}.json`);
    writeFileSync(
      statePath,
      stateFromObserved(first.snapshot.resources, new Set(first.expectedUnmanaged.map((e) => e.address))),
    );
    const cli = await timeCliScan(moto, statePath, dir);
    log(`${size}: CLI scan ${cli?.ms.toFixed(0)} ms, exit ${cli?.exitCode}`);

    return {
      size,
      observed: first.snapshot.resources.length,
      observedTypes: observedTypes.size,
      incompleteScopes: first.snapshot.incompleteScopes.length,
      scanMs,
      bareMs,
      scanCpuMs,
      bareCpuMs,
      scanCalls,
      bareCalls,
      ...(cli ? { cli } : {}),
    };
  } finally {
    await moto.stop();
  }
}

const parityFailures: string[] = [];
const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'driftwarden-aws-bench-'));
const results: SizeResult[] = [];
try {
  for (const size of sizes.length ? sizes : [1_000, 5_000]) results.push(await measureSize(size, dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const checks = checkOperations(results, PER_RESOURCE_OPERATIONS);
const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(' ');
console.log(
  `Node ${process.version}, moto emulator, region ${REGION}, ${new Date().toISOString()}; medians of ${runs} alternating runs after one warm-up; load average ${load(loadBefore)} at start, ${load(loadavg())} at end`,
);
console.log(renderReport(results, checks, TARGET_RATIO));
const uncovered = notCoveredByPeer(catalogueTypes());
console.log('');
console.log(
  uncovered.length
    ? `Catalogue types the bare peer does not list (${uncovered.length}; their calls are missing from the peer, and the ratio leaves their work out of the peer only if the estate holds them): ${uncovered.join(', ')}.`
    : 'The bare peer lists every catalogue type.',
);
if (parityFailures.length) {
  console.log(`Parity: FAILED. ${parityFailures.join(' | ')}`);
  process.exitCode = 1;
} else console.log('Parity: the scan and the bare peer made the same operations.');
