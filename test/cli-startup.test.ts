/**
 * What each kind of run loads: `--help` and `--version` load commander and the command
 * declarations only; a scan of a plan loads no AWS SDK package; a scan of one type loads only that
 * service's SDK. Checked through a module-resolution hook in the real CLI process (the start-up
 * time itself is a benchmark, bench/startup.bench.ts, never a timed test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliPath, fixture } from './support/paths.js';
import { startMoto } from './support/moto.js';

const HEAVY = [
  '@aws-sdk/',
  '@smithy/',
  'better-sqlite3',
  'zod',
  'yaml',
  'cli-table3',
  'cli-progress',
  'fastify',
  '@fastify/',
  'openid-client',
  'prom-client',
  'pg',
];

/** Runs the CLI with a hook that writes every resolved module URL to a file; returns the URLs. */
async function loadedModules(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; urls: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-startup-'));
  const logFile = join(dir, 'loaded.txt');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function resolve(specifier, context, next) {\n` +
      `  const result = await next(specifier, context);\n` +
      `  appendFileSync(${JSON.stringify(logFile)}, result.url + '\\n');\n` +
      `  return result;\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  writeFileSync(logFile, '');
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(register).href, cliPath, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: 'ignore',
    });
    child.on('error', fail);
    child.on('close', (c) => done(c ?? -1));
  });
  return { code, urls: [...new Set(readFileSync(logFile, 'utf8').split('\n').filter(Boolean))] };
}

/** The HCL parser is ours (Go built to WebAssembly): its loader and Go's wasm_exec.js count as heavy. */
const HEAVY_OWN = ['/dist/src/sources/terraform/hcl-parser.js', '/dist/src/sources/terraform/hclparse/'];

const heavy = (urls: string[]): string[] =>
  urls.filter((u) => HEAVY.some((h) => u.includes(`/node_modules/${h}`)) || HEAVY_OWN.some((h) => u.includes(h)));

test('--help and --version load the command declarations and commander, nothing heavy', async () => {
  for (const flag of ['--help', '--version']) {
    const run = await loadedModules([flag]);
    assert.equal(run.code, 0);
    assert.deepEqual(heavy(run.urls), [], `${flag} loaded heavy modules`);
    // No command implementation either: only the declarations under src/cli/commands/.
    const implementations = run.urls.filter((u) =>
      /\/dist\/src\/cli\/(scan|graph|reconcile|controller|server)\.js$/.test(u),
    );
    assert.deepEqual(implementations, []);
    assert.ok(run.urls.some((u) => u.includes('/dist/src/cli/commands/scan.js')));
  }
});

test('subcommand help is complete without loading the implementation', async () => {
  for (const args of [
    ['scan', '--help'],
    ['server', '--help'],
    ['server', 'token', 'create', '--help'],
  ]) {
    const run = await loadedModules(args);
    assert.equal(run.code, 0, args.join(' '));
    assert.deepEqual(heavy(run.urls), [], `${args.join(' ')} loaded heavy modules`);
  }
});

test('scan of a plan (no history) loads no AWS SDK, XML parser, SQLite or configuration loader', async () => {
  const run = await loadedModules([
    'scan',
    '--no-history',
    '-o',
    'json',
    '--plan',
    fixture('hashicorp-terraform/equivalence-tests/drift_simple/plan.json'),
  ]);
  assert.equal(run.code, 2);
  const sdk = run.urls.filter((u) =>
    ['@aws-sdk/', 'zod/', 'yaml/', 'fast-xml-parser/', 'better-sqlite3/'].some((m) => u.includes(`/node_modules/${m}`)),
  );
  assert.deepEqual(sdk, []);
});

test('a live scan of one EC2 type loads the EC2 client and STS, not the other services', async () => {
  const moto = await startMoto();
  try {
    const run = await loadedModules(
      ['scan', '--no-history', '--no-attribution', '-o', 'json', '--region', 'eu-west-1', '--type', 'aws_vpc'],
      moto.env(),
    );
    // The default VPC is observed and suppressed: no drift, complete scan.
    assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}`);
    const clients = [
      ...new Set(run.urls.map((u) => /\/node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(u)?.[1]).filter(Boolean)),
    ].sort();
    assert.deepEqual(clients, ['client-ec2', 'client-sts']);
  } finally {
    await moto.stop();
  }
});
