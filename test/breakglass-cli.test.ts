/**
 * `driftwarden breakglass` end to end through the built CLI: real config files, a real state file
 * for scope validation, a real SQLite database, and a fixed clock injected through the test-only
 * launcher (test/support/cli-launcher.ts); the production binary takes its time from nowhere else.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './support/cli.js';
import { fixture } from './support/paths.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const T0 = '2025-03-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** A project folder with a config (prod capped at 4h, one real local state) and its default database. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bg-cli-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'driftwarden.yaml'),
    [
      'environments:',
      '  prod:',
      '    tier: production',
      '    states:',
      `      - ${JSON.stringify(fixture('driftctl/aws_lb_listener/terraform.tfstate'))}`,
      '  dev:',
      '    tier: development',
      'breakglass:',
      '  max_ttl:',
      '    production: 4h',
      '',
    ].join('\n'),
  );
  return dir;
}

const cli = (dir: string, args: string[], now?: string): Promise<CliRun> =>
  runCli(args, { cwd: dir, ...(now ? { now } : {}) });

interface ExportedEntry {
  readonly seq: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Record<string, unknown>;
}

async function exported(dir: string): Promise<ExportedEntry[]> {
  const run = await cli(dir, ['audit', 'export']);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.trim() === ''
    ? []
    : run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ExportedEntry);
}

function sessionId(run: CliRun): string {
  assert.equal(run.code, 0, run.stderr);
  const id = run.stdout.split('\n')[0]!;
  assert.match(id, /^bg-[0-9a-f]{8}$/);
  return id;
}

test('open, list, close, list --all: each step in the audit log, which verifies', async () => {
  const dir = project();
  const opened = await cli(
    dir,
    [
      'breakglass',
      'open',
      '--scope',
      'prod:aws_lb.test',
      '--reason',
      'INC-42: hand-scaling the LB',
      '--ttl',
      '2h',
      '--by',
      'alice',
    ],
    T0,
  );
  const id = sessionId(opened);
  assert.match(opened.stdout, new RegExp(`opened by alice over prod:aws_lb.test for 2h, until ${at(120)}`));
  assert.doesNotMatch(opened.stderr, /warning/, 'aws_lb.test is in the prod state');

  const listed = await cli(dir, ['breakglass', 'list'], at(5));
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`${id}\\s+open\\s+prod:aws_lb.test\\s+alice`));

  const closed = await cli(dir, ['breakglass', 'close', id, '--by', 'bob'], at(30));
  assert.equal(closed.code, 0, closed.stderr);
  assert.match(closed.stdout, new RegExp(`${id} closed by bob at ${at(30)}`));

  assert.match((await cli(dir, ['breakglass', 'list'], at(31))).stdout, /no open break-glass sessions/);
  const all = await cli(dir, ['breakglass', 'list', '--all', '-o', 'json'], at(31));
  const sessions = JSON.parse(all.stdout) as Array<{ id: string; status: string; closedBy: string; endedAt: string }>;
  assert.deepEqual(
    sessions.map((s) => [s.id, s.status, s.closedBy, s.endedAt]),
    [[id, 'closed', 'bob', at(30)]],
  );

  const entries = await exported(dir);
  assert.deepEqual(
    entries.map((e) => [e.action, e.actor]),
    [
      ['config.changed', 'driftwarden'],
      ['breakglass.opened', 'alice'],
      ['breakglass.closed', 'bob'],
    ],
  );
  assert.equal(entries[1]!.details['reason'], 'INC-42: hand-scaling the LB');
  const verified = await cli(dir, ['audit', 'verify']);
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /3 entries verified/);
});

test('a scope that matches nothing known is accepted with a warning', async () => {
  const dir = project();
  const run = await cli(
    dir,
    [
      'breakglass',
      'open',
      '--scope',
      'aws_lb.tset',
      '--env',
      'prod',
      '--reason',
      'INC-1',
      '--ttl',
      '1h',
      '--by',
      'alice',
    ],
    T0,
  );
  sessionId(run);
  assert.match(
    run.stderr,
    /warning: the scope prod:aws_lb.tset matches nothing known \(0 finding\(s\) of the latest scan, 7 resource\(s\) in local states\)/,
  );
});

test('bad input is refused with a clear message, exit 1, and leaves the audit log consistent', async () => {
  const dir = project();
  const id = sessionId(
    await cli(
      dir,
      [
        'breakglass',
        'open',
        '--scope',
        'prod:**',
        '--whole-environment',
        '--reason',
        'INC-5',
        '--ttl',
        '1h',
        '--by',
        'alice',
      ],
      T0,
    ),
  );
  await cli(dir, ['breakglass', 'close', id, '--by', 'alice'], at(1));
  const before = await exported(dir);

  const cases: Array<{ args: string[]; message: RegExp }> = [
    {
      args: ['open', '--scope', 'prod:aws_lb.test', '--reason', 'x', '--ttl', '5h', '--by', 'alice'],
      message: /--ttl 5h is above the break-glass limit of 4h for tier production \(environment prod\)/,
    },
    {
      args: ['open', '--scope', 'aws_lb.test', '--reason', 'x', '--ttl', '5h', '--by', 'alice'],
      message: /limit of 4h for tier production/,
    },
    {
      args: ['open', '--scope', 'prod:aws_lb.test', '--ttl', '1h', '--by', 'alice'],
      message: /breakglass open needs --reason/,
    },
    {
      args: ['open', '--scope', 'prod:aws_lb.test', '--reason', '  ', '--ttl', '1h', '--by', 'alice'],
      message: /needs --reason/,
    },
    {
      args: ['open', '--scope', 'prod:aws_lb.test', '--reason', 'x', '--ttl', '90 minutes', '--by', 'alice'],
      message: /invalid duration "90 minutes" for --ttl/,
    },
    {
      args: ['open', '--scope', 'prod:aws_lb.test', '--reason', 'x', '--ttl', '0h', '--by', 'alice'],
      message: /invalid duration "0h"/,
    },
    {
      args: ['open', '--scope', 'qa:aws_lb.test', '--reason', 'x', '--ttl', '1h', '--by', 'alice'],
      message: /unknown environment "qa"/,
    },
    {
      args: ['open', '--scope', 'prod:aws_lb..test', '--reason', 'x', '--ttl', '1h', '--by', 'alice'],
      message: /invalid break-glass scope/,
    },
    { args: ['close', 'bg-00000000', '--by', 'bob'], message: /there is no break-glass session bg-00000000/ },
    { args: ['close', id, '--by', 'bob'], message: new RegExp(`session ${id} is already closed`) },
  ];
  for (const { args, message } of cases) {
    const run = await cli(dir, ['breakglass', ...args], at(2));
    assert.equal(run.code, 1, `${args.join(' ')}\n${run.stderr}`);
    assert.match(run.stderr, /^driftwarden: error: /);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /next step: /);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.deepEqual(await exported(dir), before, 'no refused command wrote anything');
  assert.equal((await cli(dir, ['audit', 'verify'])).code, 0);
});

test('sessions expire with the clock even when nothing ran at the expiry time, exactly once', async () => {
  const dir = project();
  const id = sessionId(
    await cli(
      dir,
      [
        'breakglass',
        'open',
        '--scope',
        'dev:**',
        '--whole-environment',
        '--reason',
        'INC-8',
        '--ttl',
        '1h',
        '--by',
        'alice',
      ],
      T0,
    ),
  );
  assert.match((await cli(dir, ['breakglass', 'list'], at(59))).stdout, new RegExp(`${id}\\s+open`));

  const later = await cli(dir, ['breakglass', 'list'], at(180));
  assert.equal(later.code, 0, later.stderr);
  assert.match(later.stderr, new RegExp(`session ${id} \\(dev:\\*\\* \\[WHOLE ENVIRONMENT\\]\\) expired at ${at(60)}`));
  assert.match(later.stdout, /no open break-glass sessions/);
  assert.match(
    (await cli(dir, ['breakglass', 'list', '--all'], at(181))).stdout,
    new RegExp(`${id}\\s+expired.*ended ${at(60)}`),
  );

  const closing = await cli(dir, ['breakglass', 'close', id, '--by', 'alice'], at(182));
  assert.equal(closing.code, 1);
  assert.match(closing.stderr, /already expired/);

  const expiries = (await exported(dir)).filter((e) => e.action === 'breakglass.expired');
  assert.deepEqual(
    expiries.map((e) => [e.subject, e.actor, e.details['expiredAt']]),
    [[id, 'driftwarden', at(60)]],
  );
  assert.equal((await cli(dir, ['audit', 'verify'])).code, 0);
});

test('the driftwarden binary takes its time from the system clock only: DRIFTWARDEN_NOW in its environment forges nothing', async () => {
  const dir = project();
  const before = Date.now();
  const honest = sessionId(
    await cli(dir, [
      'breakglass',
      'open',
      '--scope',
      'dev:aws_lb.*',
      '--reason',
      'INC-9',
      '--ttl',
      '1h',
      '--by',
      'alice',
    ]),
  );
  // What the issue reproduced: a session "until 2099" that also expires everyone else's.
  const forged = { env: { DRIFTWARDEN_NOW: '2099-01-01T00:00:00Z' }, cwd: dir };
  const mallory = await runCli(
    ['breakglass', 'open', '--scope', 'dev:aws_lb.*', '--reason', 'INC-10', '--ttl', '4h', '--by', 'mallory'],
    forged,
  );
  sessionId(mallory);
  assert.doesNotMatch(mallory.stdout, /2099/);
  assert.doesNotMatch(mallory.stderr, /expired/, "alice's session is not expired");
  const listed = await runCli(['breakglass', 'list', '-o', 'json'], forged);
  const after = Date.now();
  const sessions = JSON.parse(listed.stdout) as Array<{ id: string; status: string; expiresAt: string }>;
  assert.deepEqual(
    sessions.map((s) => s.status),
    ['open', 'open'],
  );
  assert.ok(sessions.some((s) => s.id === honest));
  for (const session of sessions) {
    const expires = Date.parse(session.expiresAt);
    assert.ok(expires >= before + 3_600_000 && expires <= after + 4 * 3_600_000, session.expiresAt);
  }
  for (const entry of (await exported(dir)) as unknown as Array<{ time: string }>) {
    const time = Date.parse(entry.time);
    assert.ok(time >= before - 1_000 && time <= after + 1_000, `audit time ${entry.time} is the real time`);
  }
  assert.equal((await cli(dir, ['audit', 'verify'])).code, 0);
});

test('a scope of wildcards only needs --whole-environment, and is shown as such in list, JSON and the report', async () => {
  const dir = project();
  for (const scope of ['prod:**', '**', 'dev:*', '*.*']) {
    const refused = await cli(
      dir,
      ['breakglass', 'open', '--scope', scope, '--reason', 'INC-7', '--ttl', '1h', '--by', 'alice'],
      T0,
    );
    assert.equal(refused.code, 1, `${scope}: ${refused.stdout}`);
    assert.match(
      refused.stderr,
      /holds back every resource of (environment \w+|every environment): opening it needs --whole-environment/,
    );
  }
  const narrow = await cli(
    dir,
    [
      'breakglass',
      'open',
      '--scope',
      'prod:aws_lb.*',
      '--whole-environment',
      '--reason',
      'INC-7',
      '--ttl',
      '1h',
      '--by',
      'alice',
    ],
    T0,
  );
  assert.equal(narrow.code, 1);
  assert.match(narrow.stderr, /--whole-environment is only for a scope of wildcards/);
  assert.equal(existsSync(join(dir, '.driftwarden', 'history.db')), false, 'refused before the store was touched');

  const opened = await cli(
    dir,
    [
      'breakglass',
      'open',
      '--scope',
      'prod:**',
      '--whole-environment',
      '--reason',
      'INC-7',
      '--ttl',
      '1h',
      '--by',
      'alice',
    ],
    T0,
  );
  const id = sessionId(opened);
  assert.match(opened.stdout, /over prod:\*\* \[WHOLE ENVIRONMENT\] for 1h/);
  const every = sessionId(
    await cli(
      dir,
      ['breakglass', 'open', '--scope', '**', '--whole-environment', '--reason', 'INC-8', '--ttl', '1h', '--by', 'bob'],
      T0,
    ),
  );
  const table = await cli(dir, ['breakglass', 'list'], at(1));
  assert.match(table.stdout, new RegExp(`${id}\\s+open\\s+prod:\\*\\* \\[WHOLE ENVIRONMENT\\]\\s+alice`));
  assert.match(table.stdout, new RegExp(`${every}\\s+open\\s+\\*\\* \\[EVERY ENVIRONMENT\\]\\s+bob`));
  const json = JSON.parse((await cli(dir, ['breakglass', 'list', '-o', 'json'], at(1))).stdout) as Array<{
    id: string;
    wholeEnvironment: boolean;
  }>;
  assert.deepEqual(
    json.map((s) => [s.id, s.wholeEnvironment]),
    [
      [every, true],
      [id, true],
    ],
    'newest first: both opened at T0, the later opening first',
  );
  const report = JSON.parse((await cli(dir, ['breakglass', 'report', id], at(2))).stdout) as {
    session: { wholeEnvironment: boolean };
  };
  assert.equal(report.session.wholeEnvironment, true);
  const opening = (await exported(dir)).find((e) => e.subject === id && e.action === 'breakglass.opened');
  assert.equal(opening?.details['wholeEnvironment'], true, 'the audit entry says so too');
});

test('the report of a session lists the drift found in its scope during the window', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bg-report-'));
  dirs.push(dir);
  const store = join(dir, 'history.db');
  const id = sessionId(
    await runCli(
      [
        'breakglass',
        'open',
        '--scope',
        'test_instance.*',
        '--reason',
        'INC-3',
        '--ttl',
        '1h',
        '--by',
        'alice',
        '--store',
        store,
      ],
      { cwd: dir },
    ),
  );
  const scan = await runCli(
    ['scan', '--plan', fixture('hashicorp-terraform/show-json/drift/output.json'), '--store', store, '-o', 'json'],
    { cwd: dir },
  );
  assert.equal(scan.code, 2, scan.stderr);
  const closed = await runCli(['breakglass', 'close', id, '--by', 'alice', '--store', store], { cwd: dir });
  assert.equal(closed.code, 0, closed.stderr);

  const run = await runCli(['breakglass', 'report', id, '--store', store], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    session: { id: string };
    window: { ongoing: boolean };
    findings: Array<{ address: string; kind: string }>;
    sessionEntries: Array<{ action: string }>;
  };
  assert.equal(report.session.id, id);
  assert.equal(report.window.ongoing, false);
  assert.deepEqual(
    report.findings.map((f) => [f.address, f.kind]),
    [['test_instance.should_refresh', 'configuration']],
  );
  assert.deepEqual(
    report.sessionEntries.map((e) => e.action),
    ['breakglass.opened', 'breakglass.closed'],
  );
});
