/**
 * Start-up benchmark: the wall time of whole `driftwarden` processes, as a user meets them.
 *
 *   node dist/bench/startup.bench.js            (npm run bench:startup; BENCH_RUNS=20)
 *   DRIFTWARDEN_BENCH_CLI=/other/checkout/dist/src/cli/main.js node dist/bench/startup.bench.js
 *
 * Budgets (on the project's 2-core machine at rest):
 *   - `driftwarden --version` and `driftwarden --help`: under 150 ms;
 *   - `driftwarden scan --plan PLAN` of a small plan (Terraform's own drift_simple plan, history
 *     recorded as by default): under 400 ms;
 *   - `driftwarden scan --config driftwarden.yaml` of the seed estate (the demo's estate with its
 *     hand changes, in the emulator; history recorded, attribution off as the emulator has no
 *     LookupEvents): within 1.5x of a fresh process that loads the SDK and lists every type the
 *     scan observes, and nothing else (startup-bare.ts).
 *
 * Timer: `hyperfine` (installed by `DRIFTWARDEN_SETUP_BENCH=1 bash scripts/setup.sh`, which
 * `npm run bench` runs) with warm-up runs and no shell; without it, the same runs are timed here
 * and the median reported. Each command's exit code is checked once before it is timed. The
 * machine's load average is printed first: figures taken under load are not "at rest".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyClickOps, SCENARIOS } from '../demo/clickops.js';
import { buildEstate } from '../demo/estate.js';
import { demoConfig } from '../demo/config.js';
import { MOTO_ACCOUNT, startMoto } from '../demo/moto.js';
import { median } from './aws-report.js';
import { cliPath as builtCli, fixture, repoRoot } from '../test/support/paths.js';

/** The CLI to time: this checkout's build, or another build for a before/after pair. */
const cliPath = process.env['DRIFTWARDEN_BENCH_CLI'] ?? builtCli;
const runs = Math.max(3, Number(process.env['BENCH_RUNS'] ?? 20));
const REGION = 'eu-west-1';

interface Case {
  readonly name: string;
  readonly args: ReadonlyArray<string>;
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that mean the command did its job (a scan that finds drift exits 2). */
  readonly ok: ReadonlyArray<number>;
}

interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  readonly timer: string;
}

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

function hasHyperfine(): boolean {
  return spawnSync('hyperfine', ['--version'], { stdio: 'ignore' }).status === 0;
}

function checkOnce(c: Case): void {
  const run = spawnSync(process.execPath, c.args as string[], {
    cwd: c.cwd,
    env: { ...process.env, ...c.env },
    encoding: 'utf8',
  });
  if (run.status === null || !c.ok.includes(run.status)) {
    throw new Error(`${c.name}: exit ${run.status} (expected ${c.ok.join(' or ')}): ${run.stderr}`);
  }
}

function timeWithHyperfine(c: Case): Timing {
  const out = join(mkdtempSync(join(tmpdir(), 'dw-bench-')), 'hyperfine.json');
  // --shell=none: no shell start-up inside the figures; -i: a scan that finds drift exits 2.
  const command = [process.execPath, ...c.args].join(' ');
  const run = spawnSync(
    'hyperfine',
    ['--shell=none', '-i', '--warmup', '2', '--runs', String(runs), '--style', 'none', '--export-json', out, command],
    { cwd: c.cwd, env: { ...process.env, ...c.env }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`hyperfine failed for ${c.name}: ${run.stderr}`);
  const result = (JSON.parse(readFileSync(out, 'utf8')) as { results: { times: number[] }[] }).results[0]!;
  const ms = result.times.map((s) => s * 1000);
  return { medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), runs: ms.length, timer: 'hyperfine' };
}

function timeHere(c: Case): Timing {
  const ms: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, c.args as string[], { cwd: c.cwd, env: { ...process.env, ...c.env }, stdio: 'ignore' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= 2) ms.push(elapsed); // the first two are warm-up (file cache)
  }
  return { medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), runs: ms.length, timer: 'spawnSync' };
}

function time(c: Case, useHyperfine: boolean): Timing {
  checkOnce(c);
  log(`timing ${c.name} (${runs} runs)`);
  return useHyperfine ? timeWithHyperfine(c) : timeHere(c);
}

const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  const useHyperfine = hasHyperfine();
  const [one, five, fifteen] = loadavg();
  log(`timer: ${useHyperfine ? 'hyperfine' : 'repeated spawnSync runs (hyperfine not installed)'}`);
  const work = mkdtempSync(join(tmpdir(), 'dw-startup-'));
  const rows: string[] = [];
  let missed = 0;
  const verdict = (ok: boolean): string => {
    if (!ok) missed++;
    return ok ? 'yes' : '**no**';
  };
  try {
    const plan = fixture('hashicorp-terraform/equivalence-tests/drift_simple/plan.json');
    const cases: Array<[Case, number]> = [
      [{ name: '--version', args: [cliPath, '--version'], cwd: work, ok: [0] }, 150],
      [{ name: '--help', args: [cliPath, '--help'], cwd: work, ok: [0] }, 150],
      [{ name: 'scan --plan (drift_simple)', args: [cliPath, 'scan', '--plan', plan], cwd: work, ok: [0, 2] }, 400],
    ];
    for (const [c, budget] of cases) {
      const t = time(c, useHyperfine);
      rows.push(
        `| \`${c.name}\` | ${fmt(t.medianMs)} | ${fmt(t.minMs)} | ${fmt(t.maxMs)} | < ${budget} ms | ${verdict(t.medianMs < budget)} |`,
      );
    }

    log('starting the emulator and building the seed estate');
    const moto = await startMoto();
    try {
      const estate = await buildEstate({ aws: moto.clientConfig(REGION), dir: work, account: MOTO_ACCOUNT });
      await applyClickOps(moto.clientConfig(REGION), estate.ids, SCENARIOS);
      const config = join(work, 'driftwarden.yaml');
      writeFileSync(config, demoConfig(estate.statePath, MOTO_ACCOUNT, REGION));
      const env = { ...moto.env(), AWS_MAX_ATTEMPTS: '2' };
      const scan = time(
        { name: 'scan (seed estate)', args: [cliPath, 'scan', '--config', config], cwd: work, env, ok: [2] },
        useHyperfine,
      );
      const bare = time(
        {
          name: 'bare SDK listing',
          args: [join(repoRoot, 'dist/bench/startup-bare.js'), REGION],
          cwd: work,
          env,
          ok: [0],
        },
        useHyperfine,
      );
      const ratio = scan.medianMs / bare.medianMs;
      rows.push(
        `| \`scan\` of the seed estate (moto) | ${fmt(scan.medianMs)} | ${fmt(scan.minMs)} | ${fmt(scan.maxMs)} | < 1.5x bare | ${verdict(ratio < 1.5)} (${ratio.toFixed(2)}x) |`,
      );
      rows.push(
        `| bare SDK listing of the same (fresh process) | ${fmt(bare.medianMs)} | ${fmt(bare.minMs)} | ${fmt(bare.maxMs)} | | |`,
      );
    } finally {
      await moto.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      `Start-up, ${runs} runs each (${useHyperfine ? 'hyperfine' : 'spawnSync'}), Node.js ${process.version}, load average at start ${one!.toFixed(2)} / ${five!.toFixed(2)} / ${fifteen!.toFixed(2)}`,
      '',
      '| command | median | min | max | budget | within |',
      '| --- | ---: | ---: | ---: | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  if (missed > 0) log(`${missed} budget(s) missed`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
