#!/usr/bin/env node
/**
 * The built-in demo (`npm run demo`, or `bash scripts/demo.sh`): starts the moto AWS emulator,
 * builds a small estate with the Terraform state an apply would have written, makes eight
 * hand changes as a console user would, then runs `driftwarden scan` (the built CLI, as a user
 * runs it), shows what `driftwarden reconcile` would do (a dry run) and writes the HTML, JSON and
 * SARIF reports into the demo folder.
 *
 * `--serve`: afterwards, `driftwarden server` over the demo's store and configuration (the emulator
 * stays up, so the dashboard's scans and approvals work), with an admin token to sign in with; the
 * dashboard URL is printed and both run until Ctrl-C. DRIFTWARDEN_DEMO_LISTEN sets where it listens
 * (default 127.0.0.1:8080).
 *
 * Exit code: 0 when the scan ran, even though it found drift (finding drift is the point of the
 * demo); 1 when the demo itself could not run (no emulator, a failed scan).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyClickOps, SCENARIO_STORIES, SCENARIOS } from './clickops.js';
import { demoConfig } from './config.js';
import { buildEstate } from './estate.js';
import { MOTO_ACCOUNT, startMoto, type Moto } from './moto.js';
import { runVsphereDemo, vsphereDemoUnavailable } from './vsphere.js';

// As in the CLI: the pinned SDK supports Node.js 20; its notice about future releases is noise here.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = join(repoRoot, 'dist/src/cli/main.js');
/** Inside `.driftwarden/`, which .gitignore already excludes. */
const DEFAULT_DIR = join(repoRoot, '.driftwarden', 'demo');

const say = (line = ''): void => void process.stdout.write(`${line}\n`);

/** Runs the built CLI with the emulator's environment; output to this terminal unless captured. */
function runCli(
  args: ReadonlyArray<string>,
  cwd: string,
  moto: Moto,
  capture: boolean,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd,
      env: { ...process.env, ...moto.env(), AWS_MAX_ATTEMPTS: '2', ...extraEnv },
      stdio: ['ignore', capture ? 'ignore' : 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!capture) process.stderr.write(chunk);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stderr }));
  });
}

/** Runs the built CLI and returns its standard output (the token create command prints the token there). */
function cliOutput(
  args: ReadonlyArray<string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/** `driftwarden server` over the demo until Ctrl-C (or SIGTERM): prints the dashboard URL and a token. */
async function serve(configPath: string, workDir: string, moto: Moto): Promise<number> {
  const token = await cliOutput(
    ['server', 'token', 'create', '--name', 'demo-admin', '--role', 'admin', '--config', configPath],
    workDir,
  );
  if (token.code !== 0) {
    process.stderr.write(`demo: could not create the dashboard token: ${token.stderr}\n`);
    return 1;
  }
  const listen = process.env['DRIFTWARDEN_DEMO_LISTEN'] ?? '127.0.0.1:8080';
  const child = spawn(process.execPath, [cliPath, 'server', '--config', configPath, '--listen', listen], {
    cwd: workDir,
    env: { ...process.env, ...moto.env(), AWS_MAX_ATTEMPTS: '2' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  let stderr = '';
  const url = await new Promise<string | undefined>((done) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving (https?:\/\/\S+)/.exec(stderr);
      if (match) done(match[1]);
    });
    void exited.then(() => done(undefined));
  });
  if (url === undefined) {
    process.stderr.write(`demo: the server did not start:\n${stderr}`);
    return 1;
  }
  say();
  say(`Dashboard: ${url}/ui`);
  say(`Sign in with this admin API token (shown only now): ${token.stdout.trim()}`);
  say('The server and the emulator run until Ctrl-C.');
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await exited;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return code === 0 ? 0 : 1;
}

export async function runDemo(dir: string = process.env['DRIFTWARDEN_DEMO_DIR'] ?? DEFAULT_DIR): Promise<number> {
  const workDir = resolve(dir);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  say('Driftwarden demo');
  say('1. starting the AWS emulator (moto) on 127.0.0.1 ...');
  const moto = await startMoto();
  try {
    say(`   listening on ${moto.endpoint}`);
    say('2. building the estate: VPC, subnets, security groups, 2 instances, an Auto Scaling group,');
    say('   a load balancer, an EBS volume, an IAM role, an S3 bucket, a KMS key, a PostgreSQL instance ...');
    const region = 'eu-west-1';
    const estate = await buildEstate({ aws: moto.clientConfig(region), dir: workDir, account: MOTO_ACCOUNT });
    const configPath = join(workDir, 'driftwarden.yaml');
    writeFileSync(configPath, demoConfig(estate.statePath, MOTO_ACCOUNT, region));
    say(`   Terraform state: ${relative(process.cwd(), estate.statePath)}`);
    say('3. hand changes in the "console" (ClickOps):');
    await applyClickOps(moto.clientConfig(region), estate.ids, SCENARIOS);
    for (const scenario of SCENARIOS) say(`   - ${SCENARIO_STORIES[scenario]}`);
    say('4. driftwarden scan');
    say();
    // The scan's stdout is a pipe here: it is told the width of the demo's terminal (160 without one).
    const width = String(process.stdout.columns ?? 160);
    const table = await runCli(['scan', '--config', configPath, '--width', width], workDir, moto, false);
    if (table.code !== 0 && table.code !== 2) {
      process.stderr.write(`demo: the scan failed (exit ${table.code})\n`);
      return 1;
    }
    say();
    say('5. driftwarden reconcile (a dry run: the plan, nothing is changed)');
    say();
    const plan = await runCli(['reconcile', '--config', configPath], workDir, moto, false);
    if (plan.code !== 0 && plan.code !== 2) {
      process.stderr.write(`demo: the reconcile dry run failed (exit ${plan.code})\n`);
      return 1;
    }
    const reports: string[] = [];
    for (const [format, file] of [
      ['html', 'report.html'],
      ['json', 'report.json'],
      ['sarif', 'report.sarif'],
    ] as const) {
      const out = join(workDir, file);
      const run = await runCli(
        ['scan', '--config', configPath, '--no-history', '-o', format, '--out', out],
        workDir,
        moto,
        true,
      );
      if (run.code !== 0 && run.code !== 2) {
        process.stderr.write(`demo: the ${format} report failed (exit ${run.code}): ${run.stderr}\n`);
        return 1;
      }
      reports.push(out);
    }
    const noVsphere = vsphereDemoUnavailable();
    if (noVsphere === undefined) {
      say();
      const vsphere = await runVsphereDemo(
        workDir,
        say,
        async (args, env) => (await runCli(args, workDir, moto, false, env)).code,
      );
      if (vsphere !== 0) {
        process.stderr.write(`demo: the vSphere part failed (exit ${vsphere})\n`);
        return 1;
      }
    } else {
      say();
      say(`6. vSphere part skipped: ${noVsphere}`);
    }
    say();
    say(`The scan ran and found the drift above (its exit code was ${table.code}: 2 means drift found).`);
    say('Reports:');
    for (const report of reports) say(`   ${relative(process.cwd(), report)}`);
    say(
      `Configuration used: ${relative(process.cwd(), configPath)} (the emulator stops now, so rescanning needs a new demo run).`,
    );
    say('The demo succeeded.');
    if (process.argv.includes('--serve')) return await serve(configPath, workDir, moto);
    return 0;
  } finally {
    await moto.stop();
  }
}

runDemo().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
