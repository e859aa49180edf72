/**
 * Hostile text in every human-facing output (issue 10, item 15). A hand-written plan
 * (test/fixtures/hostile/plan.json) puts ESC sequences (CSI clear screen, an OSC 8 hyperlink ended
 * by BEL), CR LF with a forged line, NUL, backspace, DEL, the one-byte CSI, NEL, the Unicode line
 * and paragraph separators and the bidi overrides and isolates into addresses, ids, tag keys and
 * values and rule descriptions; test/fixtures/hostile/versions does the same to module sources,
 * provider constraints and AMI ids; the store lives in a directory whose name is hostile too, and
 * break-glass gets hostile --by and --reason. The CLI runs over every human format and no raw
 * control, separator or bidi character may reach stdout or stderr, nor may a forged line start a
 * line; JSON keeps the exact value (JSON escapes it).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './support/cli.js';
import { ownFixture } from './support/paths.js';

const plan = ownFixture('hostile/plan.json');
const versionsDir = ownFixture('hostile/versions');

// Written out independently of src/model/text.ts on purpose: the test checks the rule, not the code.
// Tab is allowed (no renderer moves the cursor with it, and none writes one itself); LF is checked
// by the forged-line rule below.
// eslint-disable-next-line no-control-regex -- finding control characters is the point of the test
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** A line the input forged: "FAKE: no drift" at the start of a line, after table borders or quotes. */
const FORGED = /^[\s│|>*-]*FAKE: no drift/mu;
/** The text every hostile value carries: the forged line after CR LF. */
const HOSTILE_MARK = '\r\nFAKE: no drift';

// The hostile --by and --reason: CSI, OSC 8 with BEL, CR LF forging a line, RLO, NEL, LINE SEPARATOR.
const H = '\u001b[2J\u001b]8;;https://evil.example/\u0007x\u001b]8;;\u0007\r\nFAKE: no drift\u202e\u0085\u2028z';

function assertSafe(run: CliRun, what: string): void {
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    const raw = RAW.exec(text);
    assert.equal(
      raw,
      null,
      `${what}: raw U+${raw?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} in ${stream} at ${raw?.index}: ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 60), (raw?.index ?? 0) + 20))}`,
    );
    const forged = FORGED.exec(text);
    assert.equal(forged, null, `${what}: a forged line in ${stream}: ${JSON.stringify(forged?.[0])}`);
  }
}

let dir = '';
let store = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-hostile-'));
  // The store's path is shown by maturity and audit verify: its directory name is hostile too
  // (a file name may hold anything but NUL and "/").
  const storeDir = join(dir, `db\u001b[2J\r\nFAKE: no drift\u202e\u2028`);
  mkdirSync(storeDir);
  store = join(storeDir, 'history.db');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('scan: the table (with --verbose) and Markdown show hostile addresses, ids, tags and values escaped', async () => {
  for (const args of [['-v'], ['-o', 'markdown'], ['-o', 'markdown', '-v']]) {
    const run = await runCli(['scan', '--plan', plan, '--store', store, ...args]);
    assert.equal(run.code, 2, run.stderr);
    assertSafe(run, `scan ${args.join(' ')}`);
    // The escaped form is shown, not dropped: a reader sees that the address holds an ESC.
    assert.match(run.stdout, /aws_instance\.app\[/);
    assert.match(run.stdout, /\\x1b\[2J/);
  }
});

test('scan -o json keeps the exact hostile values (JSON escapes them)', async () => {
  const run = await runCli(['scan', '--plan', plan, '-o', 'json', '--no-history']);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(RAW.exec(run.stdout), null, 'JSON escapes every control character');
  const report = JSON.parse(run.stdout) as { findings: Array<{ resource: { address: string; id?: string } }> };
  const source = JSON.parse(readFileSync(plan, 'utf8')) as { resource_drift: Array<{ address: string }> };
  const addresses = report.findings.map((finding) => finding.resource.address);
  for (const drift of source.resource_drift) assert.ok(addresses.includes(drift.address), drift.address);
  assert.ok(addresses.every((address) => address.includes(HOSTILE_MARK)));
});

test('graph --format dot escapes hostile addresses inside its quoted strings', async () => {
  const run = await runCli(['graph', '--plan', plan, '--format', 'dot']);
  assert.equal(run.code, 0, run.stderr);
  assertSafe(run, 'graph dot');
  // Every quoted DOT string is closed on its own line: a node statement is one line.
  for (const line of run.stdout.split('\n').filter((l) => l.includes('aws_'))) {
    assert.match(line, /^\s+".*\];$|^\s+".*" -> ".*\];$/u, line);
  }
});

test('versions: table and Markdown escape hostile module sources, constraints and AMI ids', async () => {
  for (const format of ['table', 'markdown']) {
    const run = await runCli(['versions', join(versionsDir, 'prod'), join(versionsDir, 'staging'), '-o', format]);
    assertSafe(run, `versions -o ${format}`);
    assert.match(run.stdout, /module\.net/);
  }
});

test('break-glass: open, list and close with hostile --by and --reason; the report and JSON keep the values', async () => {
  // The scope is hostile too: refused with a message that shows it escaped.
  const refused = await runCli([
    'breakglass',
    'open',
    '--store',
    store,
    '--scope',
    `aws_instance.*${H}`,
    '--by',
    'eve',
    '--reason',
    'x',
    '--ttl',
    '1h',
  ]);
  assert.equal(refused.code, 1);
  assertSafe(refused, 'breakglass open with a hostile scope');

  const opened = await runCli([
    'breakglass',
    'open',
    '--store',
    store,
    '--scope',
    'aws_instance.**',
    '--by',
    `eve${H}`,
    '--reason',
    `INC-1${H}`,
    '--ttl',
    '1h',
  ]);
  assert.equal(opened.code, 0, opened.stderr);
  assertSafe(opened, 'breakglass open');
  const id = opened.stdout.split('\n')[0]!;

  const listed = await runCli(['breakglass', 'list', '--store', store]);
  assert.equal(listed.code, 0, listed.stderr);
  assertSafe(listed, 'breakglass list');
  assert.match(listed.stdout, /eve\\x1b\[2J/);

  const json = await runCli(['breakglass', 'list', '--store', store, '-o', 'json']);
  const sessions = JSON.parse(json.stdout) as Array<{ openedBy: string; reason: string }>;
  assert.equal(sessions[0]?.openedBy, `eve${H}`);
  assert.equal(sessions[0]?.reason, `INC-1${H}`);

  const report = await runCli(['breakglass', 'report', id, '--store', store]);
  assert.equal(report.code, 0, report.stderr);
  assertSafe(report, 'breakglass report');
  assert.ok(
    JSON.stringify(JSON.parse(report.stdout)).includes(JSON.stringify(`INC-1${H}`)),
    'the window report keeps the reason (JSON)',
  );

  const closed = await runCli(['breakglass', 'close', id, '--store', store, '--by', `mallory${H}`]);
  assert.equal(closed.code, 0, closed.stderr);
  assertSafe(closed, 'breakglass close');
  const all = await runCli(['breakglass', 'list', '--all', '--store', store]);
  assertSafe(all, 'breakglass list --all');
});

test('audit verify and export, and maturity over the hostile store', async () => {
  const verify = await runCli(['audit', 'verify', '--store', store]);
  assert.equal(verify.code, 0, verify.stderr);
  assertSafe(verify, 'audit verify');
  const exported = await runCli(['audit', 'export', '--store', store]);
  assert.equal(exported.code, 0, exported.stderr);
  assertSafe(exported, 'audit export');
  const entries = exported.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.stringify(JSON.parse(line)));
  assert.ok(
    entries.some((entry) => entry.includes(JSON.stringify(`eve${H}`).slice(1, -1))),
    'the audit entries keep the exact --by',
  );
  for (const format of ['table', 'markdown']) {
    const run = await runCli(['maturity', '--store', store, '-o', format]);
    assertSafe(run, `maturity -o ${format}`);
  }
});
