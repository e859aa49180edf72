/**
 * Every example in README.md, run as a new user would type it, wherever it needs no cloud: each
 * fenced block is extracted, `driftwarden` is the built CLI on PATH, and each command line runs
 * with bash in a sandbox holding the files the examples name (a real Terraform plan, states, code,
 * the README's own driftwarden.yaml and .driftignore). A line that needs AWS or Terraform's cloud
 * access is listed in NOT_RUN with the reason; a new example that is neither run nor listed fails
 * the test, so the README cannot gain an untested example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIgnoreMatcher, parseIgnoreFile } from '../src/config/ignore.js';
import { cliPath, fixture, ownFixture, repoRoot } from './support/paths.js';

interface Block {
  readonly lang: string;
  readonly line: number;
  readonly heading: string;
  readonly text: string;
}

function readmeBlocks(): Block[] {
  const text = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const blocks: Block[] = [];
  let heading = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#+ /.test(line)) heading = line.replace(/^#+ /, '');
    const open = /^```(\w*)\s*$/.exec(line);
    if (!open) continue;
    const body: string[] = [];
    const start = i + 1;
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    blocks.push({ lang: open[1]!, line: start, heading, text: body.join('\n') });
  }
  return blocks;
}

/** Command lines of a shell block, without their trailing comments. */
function commandLines(block: Block): Array<{ command: string; line: number }> {
  return block.text
    .split('\n')
    .map((text, i) => ({ command: text.replace(/\s+#\s.*$/, '').trim(), line: block.line + i }))
    .filter((c) => c.command !== '');
}

/** Lines the test does not run, each with the reason (matched by a prefix of the command). */
const NOT_RUN: ReadonlyArray<[string, string]> = [
  ['bash scripts/demo.sh', 'the README entry point itself: it installs packages (CI runs scripts/test.sh)'],
  ['bash scripts/test.sh', 'the README entry point itself: CI runs it, and it would run this test again'],
  ['terraform plan', "Terraform's refresh needs the cloud provider's credentials"],
  ['driftwarden scan --state s3://', 'reads state from S3 and observes live AWS'],
  ['driftwarden scan --config driftwarden.yaml', "the README's config reads state from S3 and observes AWS"],
  ['driftwarden reconcile', 'plans against live AWS (the scan it runs observes the cloud)'],
  ['driftwarden controller', 'a long-running loop against live AWS'],
  [
    'driftwarden server --config driftwarden.yaml',
    'a long-running server (test/server-start.test.ts starts the built CLI the same way and calls it)',
  ],
  [
    'export DRIFTWARDEN_DATABASE_URL=',
    'points at a shared PostgreSQL server (the lines after it run here against the SQLite store)',
  ],
  ['export VSPHERE_SERVER=', "a live vCenter's address and credentials"],
  ['sudo -u postgres', 'creates a user and a database on a PostgreSQL server (test/scale-out.test.ts starts its own)'],
  [
    'driftwarden worker',
    'long-running workers on a PostgreSQL queue (test/scale-out.test.ts runs three against a throwaway cluster)',
  ],
  [
    'driftwarden schedule',
    'plans scans onto a PostgreSQL queue for workers (test/scale-out.test.ts runs it with --once and as a standby)',
  ],
  [
    'driftwarden scan --state vsphere.tfstate --vsphere',
    'observes a live vCenter (test/vsphere-scan.test.ts runs the same scan against vcsim)',
  ],
];

function sandbox(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'dw-readme-'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'driftwarden'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
  chmodSync(join(bin, 'driftwarden'), 0o755);
  // The files the examples name.
  cpSync(fixture('hashicorp-terraform/equivalence-tests/drift_simple/plan.json'), join(dir, 'plan.json'));
  cpSync(ownFixture('terraform/code'), join(dir, 'infra'), { recursive: true });
  cpSync(ownFixture('terraform/states/modules-for-each.tfstate'), join(dir, 'network.tfstate'));
  cpSync(ownFixture('terraform/states/aliased-providers.tfstate'), join(dir, 'app.tfstate'));
  for (const env of ['dev', 'staging', 'prod']) {
    cpSync(ownFixture(`versions/live/${env}`), join(dir, 'live', env), { recursive: true });
  }
  for (const [name, env] of [
    ['a', 'dev'],
    ['b', 'staging'],
    ['c', 'prod'],
  ] as const) {
    cpSync(ownFixture(`versions/live/${env}`), join(dir, 'envs', name), { recursive: true });
  }
  cpSync(ownFixture('versions/modules'), join(dir, 'modules'), { recursive: true });
  return { dir, env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' } };
}

function bash(command: string, dir: string, env: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } {
  const run = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: dir, env, encoding: 'utf8' });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

const hasDot = spawnSync('bash', ['-c', 'command -v dot'], { stdio: 'ignore' }).status === 0;

test('every README example runs (or is listed with the reason it needs the cloud)', () => {
  const blocks = readmeBlocks();
  const { dir, env } = sandbox();
  const yaml = blocks.find((b) => b.lang === 'yaml' && b.heading.startsWith('Configuration'));
  assert.ok(yaml, 'the configuration example');
  // The README's examples are written for a project holding its driftwarden.yaml (break-glass
  // scopes name its environments), except the ones that name their own --plan or --state: the
  // README's config lists states in S3 (observed live), which those examples do without.
  const configFile = join(dir, 'driftwarden.yaml');
  const ignore = blocks.find((b) => b.lang === '' && b.heading.startsWith('Ignore rules'));
  assert.ok(ignore, 'the .driftignore example');
  writeFileSync(join(dir, '.driftignore'), `${ignore.text}\n`);

  let ran = 0;
  let sessionId = '';
  // The head hash an earlier `audit verify` printed stands in for the README's elided one.
  let headHash = '';
  const unclassified: string[] = [];
  for (const block of blocks.filter((b) => b.lang === 'sh')) {
    for (const { command, line } of commandLines(block)) {
      if (NOT_RUN.some(([prefix]) => command.startsWith(prefix))) continue;
      if (!command.startsWith('driftwarden ')) {
        unclassified.push(`README.md:${line}: ${command}`);
        continue;
      }
      let runnable = command
        .replace('[--all]', '--all')
        .replace('[-o json]', '-o json')
        .replace('[--out FILE]', '--out incident.json')
        .replace('<id>', sessionId)
        .replace(/--expect-head \S+/, `--expect-head ${headHash}`);
      if (!hasDot) runnable = runnable.replace(/\| dot -Tsvg > graph\.svg$/, '> graph.dot');
      if (!/--(plan|state) /.test(command)) writeFileSync(configFile, `${yaml.text}\n`);
      const run = bash(runnable, dir, env);
      rmSync(configFile, { force: true });
      assert.ok(run.code === 0 || run.code === 2, `README.md:${line}: ${runnable}\nexit ${run.code}\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /internal error|error:/, `README.md:${line}: ${run.stderr}`);
      headHash = /head hash: ([0-9a-f]{64})/.exec(run.stdout)?.[1] ?? headHash;
      if (command.startsWith('driftwarden breakglass open')) {
        sessionId = /\b(bg-[\w-]+)/.exec(run.stdout + run.stderr)?.[1] ?? '';
        assert.ok(sessionId, `README.md:${line}: no session id printed: ${run.stdout}`);
      }
      ran++;
    }
  }
  assert.deepEqual(unclassified, []);
  assert.ok(ran >= 10, `only ${ran} README commands ran`);
  if (!hasDot) assert.match(readFileSync(join(dir, 'graph.dot'), 'utf8'), /^digraph /);
  else assert.ok(existsSync(join(dir, 'graph.svg')));
});

test("the README's .driftignore example means what its comments say", () => {
  const block = readmeBlocks().find((b) => b.lang === '' && b.heading.startsWith('Ignore rules'));
  assert.ok(block);
  const ignore = createIgnoreMatcher(parseIgnoreFile(block.text, 'README.md'));
  // aws_instance.scratch   # ignore a whole resource
  assert.ok(ignore.ignoresResource('aws_instance.scratch', 'aws_instance'));
  assert.equal(ignore.ignoresResource('aws_instance.web', 'aws_instance'), undefined);
  // aws_autoscaling_group.*:desired_capacity   # ignore an attribute path on every group
  assert.ok(ignore.ignoresPath('aws_autoscaling_group.web', 'desired_capacity', 'aws_autoscaling_group'));
  assert.equal(ignore.ignoresPath('aws_autoscaling_group.web', 'max_size', 'aws_autoscaling_group'), undefined);
  // module.legacy.**   # everything in a module, at any depth
  assert.ok(ignore.ignoresResource('module.legacy.module.db.aws_db_instance.main', 'aws_db_instance'));
  // !module.legacy.aws_s3_bucket.logs   # ...except this bucket
  assert.equal(ignore.ignoresResource('module.legacy.aws_s3_bucket.logs', 'aws_s3_bucket'), undefined);
  // *:tags.LastScannedBy   # one tag on every resource
  assert.ok(ignore.ignoresPath('aws_instance.web', 'tags.LastScannedBy', 'aws_instance'));
  assert.ok(ignore.ignoresPath('module.net.aws_vpc.main', 'tags.LastScannedBy', 'aws_vpc'));
  assert.equal(ignore.ignoresPath('aws_instance.web', 'tags.Owner', 'aws_instance'), undefined);
});
