/**
 * Hostile local inputs through the built CLI (issue 10, item 12): a FIFO, a device or a directory
 * given as any file input is refused with one message naming it, never blocks (each run has a
 * deadline: the old code hung until it was killed); configuration and ignore files are read bounded;
 * an over-long rule is never echoed whole. The second block covers every other file option: the
 * server's TLS certificate and key, the vSphere CA file, --plan, a directory named like a .tf file in
 * --code, a .driftignore found in the working directory, and a saved plan (--apply-plan).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { fixture } from './support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-inputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const plan = fixture('hashicorp-terraform/show-json/drift/output.json');
const fifo = join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);
const codeWithFifo = join(dir, 'code');
mkdirSync(codeWithFifo);
execFileSync('mkfifo', [join(codeWithFifo, 'main.tf')]);

// A blocked read shows as a killed run (code -1): far above the start-up time on a loaded machine.
const DEADLINE_MS = 60_000;

/** The run failed with exit 1 and one error naming `file`, and wrote no report. */
function assertRefused(run: { code: number; stdout: string; stderr: string }, file: string, what: RegExp): void {
  assert.equal(run.code, 1, `expected exit 1 (a blocked read is killed: -1); stderr: ${run.stderr}`);
  assert.equal(run.stdout, '');
  const errors = run.stderr.split('\n').filter((line) => line.startsWith('driftwarden: error:'));
  assert.equal(errors.length, 1, run.stderr);
  assert.ok(errors[0]!.includes(file), `the message names ${file}: ${errors[0]}`);
  assert.match(errors[0]!, what);
}

describe('non-regular files are refused by name, never read', () => {
  const cases: Array<{ name: string; args: () => string[]; file: string; what: RegExp }> = [
    { name: 'a FIFO as --config', args: () => ['--plan', plan, '--config', fifo], file: fifo, what: /FIFO/ },
    {
      name: 'a device as --config',
      args: () => ['--plan', plan, '--config', '/dev/zero'],
      file: '/dev/zero',
      what: /device/,
    },
    { name: 'a directory as --config', args: () => ['--plan', plan, '--config', dir], file: dir, what: /directory/ },
    { name: 'a FIFO as --ignore', args: () => ['--plan', plan, '--ignore', fifo], file: fifo, what: /FIFO/ },
    {
      name: 'a device as --ignore',
      args: () => ['--plan', plan, '--ignore', '/dev/zero'],
      file: '/dev/zero',
      what: /device/,
    },
    { name: 'a directory as --ignore', args: () => ['--plan', plan, '--ignore', dir], file: dir, what: /directory/ },
    {
      name: 'a FIFO named main.tf in --code',
      args: () => ['--plan', plan, '--code', codeWithFifo],
      file: join(codeWithFifo, 'main.tf'),
      what: /Terraform file is a FIFO/,
    },
    { name: 'a FIFO as --code', args: () => ['--plan', plan, '--code', fifo], file: fifo, what: /not a directory/ },
    { name: 'a FIFO as --plan', args: () => ['--plan', fifo], file: fifo, what: /FIFO/ },
    {
      name: 'a FIFO as --state',
      args: () => ['--state', fifo, '--region', 'us-east-1'],
      file: fifo,
      what: /state file is a FIFO/,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const run = await runCli(['scan', ...c.args()], {
        timeoutMs: DEADLINE_MS,
        env: { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
      });
      assertRefused(run, c.file, c.what);
    });
  }

  test('versions reports a FIFO .tf file as not read and goes on', async () => {
    const other = join(dir, 'other');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'main.tf'), 'terraform {\n  required_version = "1.11.0"\n}\n');
    const run = await runCli(['versions', codeWithFifo, other], { timeoutMs: DEADLINE_MS });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /main\.tf: the Terraform file is a FIFO \(named pipe\), not a regular file/);
  });
});

describe('configuration and ignore files are read bounded', () => {
  test('a 20 MB configuration is refused at once by its size, naming the file and the limit', async () => {
    const big = join(dir, 'big.yaml');
    const rules = Array.from({ length: (20 * 1024 * 1024) / 40 }, (_, i) => `  - "aws_instance.web_${i}:tags.Owner"`);
    writeFileSync(big, `version: 1\nenvironments: {}\nignore:\n${rules.join('\n')}\n`);
    const run = await runCli(['scan', '--plan', plan, '--config', big], { timeoutMs: DEADLINE_MS });
    assertRefused(run, big, /configuration file is \d+(\.\d)? MiB, above the limit of 2 MiB/);
  });

  test('a 2 MB ignore file is refused by its size', async () => {
    const big = join(dir, 'big.driftignore');
    writeFileSync(big, `aws_instance.${'a'.repeat(2 * 1024 * 1024)}\n`);
    const run = await runCli(['scan', '--plan', plan, '--ignore', big], { timeoutMs: DEADLINE_MS });
    assertRefused(run, big, /ignore file is 2 MiB, above the limit of 1 MiB/);
  });

  test('an over-long rule is echoed bounded: its first 200 characters and its length', async () => {
    const file = join(dir, 'long.driftignore');
    const rule = `aws_instance.${'a'.repeat(900 * 1024)} oops`;
    writeFileSync(file, `${rule}\n`);
    const run = await runCli(['scan', '--plan', plan, '--ignore', file], { timeoutMs: DEADLINE_MS });
    assertRefused(
      run,
      `${file}:1`,
      /invalid ignore rule "aws_instance\.a{187}… \(921618 characters\)": longer than 4096/,
    );
    assert.ok(run.stderr.length < 1_000, `stderr is ${run.stderr.length} characters`);
  });
});

/** A sparse file of `bytes`: as large as the limit checks see, without writing it. */
function sparse(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

describe('every other file option refuses a FIFO, a directory and an oversized file by name', () => {
  const emptyState = join(dir, 'empty.tfstate');
  writeFileSync(
    emptyState,
    '{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"x","outputs":{},"resources":[]}',
  );
  const bigPem = sparse('big.pem', 5 * 1024 * 1024);
  const cwdWithFifo = join(dir, 'cwd');
  mkdirSync(cwdWithFifo);
  execFileSync('mkfifo', [join(cwdWithFifo, '.driftignore')]);
  const codeWithDir = join(dir, 'code-dir');
  mkdirSync(join(codeWithDir, 'main.tf'), { recursive: true });
  const server = (cert: string, key: string) => [
    'server',
    '--store',
    join(dir, 'server.db'),
    '--listen',
    '127.0.0.1:0',
    '--tls-cert',
    cert,
    '--tls-key',
    key,
  ];
  const vsphere = (caFile: string) => [
    'scan',
    '--state',
    emptyState,
    '--no-history',
    '--vsphere',
    '--vsphere-server',
    '127.0.0.1:9',
    '--vsphere-ca-file',
    caFile,
  ];
  const cases: Array<{ name: string; args: () => string[]; file: string; what: RegExp; cwd?: string }> = [
    {
      name: 'a FIFO as --tls-cert',
      args: () => server(fifo, fifo),
      file: fifo,
      what: /TLS file is a FIFO.*--tls-cert/,
    },
    { name: 'a directory as --tls-cert', args: () => server(dir, dir), file: dir, what: /directory.*--tls-cert/ },
    {
      name: 'a 5 MiB --tls-cert',
      args: () => server(bigPem, bigPem),
      file: bigPem,
      what: /5 MiB, above the limit of 4 MiB/,
    },
    { name: 'a FIFO as --tls-key', args: () => server(plan, fifo), file: fifo, what: /TLS file is a FIFO.*--tls-key/ },
    {
      name: 'a FIFO as --vsphere-ca-file',
      args: () => vsphere(fifo),
      file: fifo,
      what: /CA file is a FIFO.*--vsphere-ca-file/,
    },
    {
      name: 'a directory as --vsphere-ca-file',
      args: () => vsphere(dir),
      file: dir,
      what: /CA file location is a directory/,
    },
    {
      name: 'a 5 MiB --vsphere-ca-file',
      args: () => vsphere(bigPem),
      file: bigPem,
      what: /CA file is 5 MiB, above the limit/,
    },
    {
      name: 'a directory as --plan',
      args: () => ['scan', '--plan', dir],
      file: dir,
      what: /plan file location is a directory/,
    },
    {
      name: 'a 300 MiB --plan',
      args: () => ['scan', '--plan', sparse('big-plan.json', 300 * 1024 * 1024)],
      file: 'big-plan.json',
      what: /plan file is 300 MiB, above the limit of 256 MiB/,
    },
    {
      name: 'a directory named main.tf in --code',
      args: () => ['scan', '--plan', plan, '--code', codeWithDir],
      file: join(codeWithDir, 'main.tf'),
      what: /Terraform file location is a directory/,
    },
    {
      name: 'a FIFO as the .driftignore found in the working directory',
      args: () => ['scan', '--plan', plan],
      cwd: cwdWithFifo,
      file: join(cwdWithFifo, '.driftignore'),
      what: /ignore file is a FIFO/,
    },
    {
      name: 'a FIFO as --apply-plan',
      args: () => ['reconcile', '--apply-plan', fifo, '--state', emptyState],
      file: fifo,
      what: /saved plan is a FIFO/,
    },
    {
      name: 'a directory as --apply-plan',
      args: () => ['reconcile', '--apply-plan', dir, '--state', emptyState],
      file: dir,
      what: /directory/,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const run = await runCli(c.args(), {
        timeoutMs: DEADLINE_MS,
        ...(c.cwd !== undefined ? { cwd: c.cwd } : {}),
        env: {
          VSPHERE_USER: 'u',
          VSPHERE_PASSWORD: 'p',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'y',
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        },
      });
      assertRefused(run, c.file, c.what);
    });
  }
});
