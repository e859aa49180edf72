/**
 * Terraform itself as the oracle (differential test). For each case below: `terraform apply` a
 * small configuration against the emulator with the real AWS provider 5.100.0, scan the state
 * Terraform wrote with Driftwarden (no finding expected on a recorded resource), make a
 * console-style change with the SDK, and compare the attributes Driftwarden reports changed with
 * the `resource_drift` of `terraform plan -refresh-only` (its JSON plan): every attribute Terraform
 * reports, Driftwarden reports, and nothing more (compared by top-level attribute name).
 *
 * One configuration holds every case, so the test pays for one init, one apply, one refresh-only
 * plan and two scans, whatever the number of types. A case the provider cannot create on the
 * emulator is reported as such (never faked); a known difference is listed with its reason in
 * KNOWN_DIFFERENCES and docs/terraform-oracle.md, and the test fails when one goes away or a new one
 * appears. Skipped, with the reason, where Terraform or the provider mirror is absent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startMoto, type Moto } from './support/moto.js';
import { runCli } from './support/cli.js';
import { terraformDir, terraformUnavailable, type Terraform } from './support/terraform.js';
import { ORACLE_CASES, KNOWN_DIFFERENCES, REGION, type OracleCase } from './support/terraform-oracle-cases.js';

const unavailable = terraformUnavailable();
if (unavailable) console.log(`terraform oracle skipped: ${unavailable}`);

let moto: Moto;
let root: string;
let tf: Terraform;

before(async () => {
  if (unavailable) return;
  moto = await startMoto();
  root = mkdtempSync(join(tmpdir(), 'dw-tf-oracle-'));
  tf = terraformDir(root, moto.endpoint, REGION);
});
after(async () => {
  await moto?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Finding {
  kind: string;
  resource: { address: string; type: string };
  changes: Array<{ path: string }>;
}

/** `tags.Name` -> `tags`, `ingress[0].cidr_blocks` -> `ingress`. */
const topLevel = (path: string) => path.split(/[.[]/, 1)[0] ?? path;

async function scan(types: ReadonlyArray<string>): Promise<Finding[]> {
  const args = ['scan', '--state', join(tf.dir, 'terraform.tfstate'), '--region', REGION, '--no-history', '-o', 'json'];
  const run = await runCli([...args, ...types.flatMap((t) => ['--type', t])], {
    env: moto.env({ AWS_REGION: REGION, AWS_DEFAULT_REGION: REGION }),
    timeoutMs: 600_000,
  });
  assert.ok([0, 2].includes(run.code), `driftwarden scan exit ${run.code}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
}

/** null, {} and [] are one value: the provider writes either for an unset tag map or block list. */
function normal(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(normal);
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, normal(v)] as const);
    return entries.length === 0 ? null : Object.fromEntries(entries);
  }
  return value;
}

/**
 * Top-level attributes whose value differs between `before` and `after` of each drifted address.
 * Two comparison rules, both Driftwarden's documented semantics (src/engine/diff.ts), not findings
 * hidden: a refresh that turns an unset `tags` (null) into `{}` changes nothing; `tags_all` is
 * `tags` plus the provider's default_tags and Driftwarden reports the effective tags once, as `tags`.
 */
function terraformDrift(plan: unknown): Map<string, string[]> {
  const drift = new Map<string, string[]>();
  const items = (plan as { resource_drift?: Array<Record<string, unknown>> }).resource_drift ?? [];
  for (const item of items) {
    const change = item['change'] as {
      actions: string[];
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
    };
    const address = item['address'] as string;
    const beforeValues = change.before ?? {};
    const afterValues = change.after ?? {};
    const keys = new Set([...Object.keys(beforeValues), ...Object.keys(afterValues)]);
    const changed = [...keys]
      .filter((k) => !isDeepStrictEqual(normal(beforeValues[k]), normal(afterValues[k])))
      .map((k) => (k === 'tags_all' ? 'tags' : k));
    drift.set(address, change.actions.includes('delete') ? ['(deleted)'] : [...new Set(changed)].sort());
  }
  return drift;
}

interface Row {
  readonly type: string;
  readonly result: string;
}

test(
  'terraform oracle: Driftwarden reports exactly the attributes `terraform plan -refresh-only` reports drifted',
  { skip: unavailable, timeout: 40 * 60_000 },
  async () => {
    const started = Date.now();
    writeFileSync(join(tf.dir, 'main.tf'), ORACLE_CASES.map((c) => c.hcl).join('\n'));
    await tf.must(['init', '-input=false', '-no-color']);
    const apply = await tf.run(['apply', '-auto-approve', '-input=false', '-no-color']);
    const state = JSON.parse(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8')) as {
      resources: Array<{
        type: string;
        name: string;
        mode: string;
        instances: Array<{ attributes: Record<string, unknown> }>;
      }>;
    };
    const created = new Map<string, Record<string, unknown>>();
    for (const r of state.resources)
      if (r.mode === 'managed' && r.instances[0]) created.set(`${r.type}.${r.name}`, r.instances[0].attributes);
    const rows: Row[] = [];
    const live: OracleCase[] = [];
    for (const c of ORACLE_CASES) {
      if (created.has(c.address)) live.push(c);
      else {
        const why = new RegExp(`Error: ([^\\n]*)\\n[\\s\\S]{0,400}?with ${c.address.replace('.', '\\.')}`).exec(
          apply.stderr,
        );
        rows.push({ type: c.type, result: `provider cannot create on moto: ${why?.[1] ?? 'not created'}` });
      }
    }
    assert.ok(live.length > 0, `terraform created nothing:\n${apply.stderr}`);

    // 1. The state Terraform just wrote, against the emulator: nothing may differ.
    const types = [...new Set(live.map((c) => c.type))];
    const clean = await scan(types);
    const parity = new Map<string, string[]>();
    for (const f of clean.filter((f) => f.kind !== 'unmanaged'))
      parity.set(
        f.resource.address,
        f.changes.map((c) => c.path),
      );

    // 2. Console-style changes, then both tools look.
    for (const c of live) await c.mutate(moto, created.get(c.address)!);
    await tf.must(['plan', '-refresh-only', '-input=false', '-no-color', '-out=refresh.plan']);
    const plan = JSON.parse(await tf.must(['show', '-json', 'refresh.plan'])) as unknown;
    const expected = terraformDrift(plan);
    const drifted = await scan(types);

    const failures: string[] = [];
    for (const c of live) {
      const ours = [
        ...new Set(
          drifted
            .filter((f) => f.resource.address === c.address)
            .flatMap((f) => (f.kind === 'missing' ? ['(deleted)'] : f.changes.map((ch) => topLevel(ch.path)))),
        ),
      ].sort();
      const theirs = expected.get(c.address) ?? [];
      const cleanPaths = parity.get(c.address);
      const agree = isDeepStrictEqual(ours, theirs) && cleanPaths === undefined;
      const detail = cleanPaths
        ? `fresh state already differs: ${cleanPaths.join(', ')}`
        : `terraform [${theirs.join(', ')}], driftwarden [${ours.join(', ')}]`;
      const known = KNOWN_DIFFERENCES[c.type];
      if (agree) {
        rows.push({ type: c.type, result: `agree (${c.change}: ${theirs.join(', ')})` });
        if (known) failures.push(`${c.type} now agrees: remove it from KNOWN_DIFFERENCES`);
      } else {
        rows.push({ type: c.type, result: `differs: ${detail}${known ? ` (known: ${known})` : ''}` });
        if (!known) failures.push(`${c.type}: ${detail}`);
      }
      if (theirs.length === 0) failures.push(`${c.type}: the console change (${c.change}) is not drift to Terraform`);
    }
    rows.sort((x, y) => (x.type < y.type ? -1 : 1));
    console.log(
      [
        `terraform oracle: ${live.length}/${ORACLE_CASES.length} types created, ${Math.round((Date.now() - started) / 1000)} s`,
        '| type | result |',
        '| --- | --- |',
        ...rows.map((r) => `| \`${r.type}\` | ${r.result} |`),
      ].join('\n'),
    );
    assert.deepEqual(failures, []);
  },
);
