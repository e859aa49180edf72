/**
 * The published package holds only what runs: the compiled CLI and library under dist/src (no unit
 * tests, no integration tests, benchmarks, demo or fixtures) with the HCL parser's WebAssembly,
 * package.json, README.md and LICENSE.
 * Listed by `npm pack --dry-run`, as npm itself would publish it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { repoRoot } from './support/paths.js';

interface PackEntry {
  readonly path: string;
}

let packed: string[] | undefined;

/** npm's own list (computed once: npm pack takes seconds). */
function packedFiles(): string[] {
  if (packed) return packed;
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const [pack] = JSON.parse(run.stdout) as Array<{ files: PackEntry[] }>;
  packed = pack!.files.map((f) => f.path).sort();
  return packed;
}

/** The HCL parser (Go built to WebAssembly) and the wasm_exec.js of the same Go release: both run. */
const HCL_PARSER = [
  'dist/src/sources/terraform/hclparse/hclparse.wasm',
  'dist/src/sources/terraform/hclparse/wasm_exec.js',
];

test('npm pack lists only the compiled program, package.json, README.md and LICENSE', () => {
  const files = packedFiles();
  const stray = files.filter(
    (f) => !['package.json', 'README.md', 'LICENSE', ...HCL_PARSER].includes(f) && !/^dist\/src\/.+\.js$/.test(f),
  );
  assert.deepEqual(stray, []);
  const tests = files.filter((f) => /\.test\.js$|(^|\/)(test|bench|demo|fixtures)\//.test(f));
  assert.deepEqual(tests, []);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const bin of Object.values(pkg.bin)) assert.ok(files.includes(normalize(bin)), `bin ${bin} is not packed`);
  assert.ok(files.includes('LICENSE'));
  for (const file of HCL_PARSER) assert.ok(files.includes(file), `${file} is not packed`);
});

test('every relative import of a packed module is packed too', () => {
  const files = packedFiles();
  const shipped = new Set(files);
  const missing: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = normalize(join(dirname(file), m[1]!));
      if (!shipped.has(target) && target !== 'package.json') missing.push(`${file} -> ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('LICENSE is the full Mozilla Public License 2.0, as package.json says', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { license: string };
  assert.equal(pkg.license, 'MPL-2.0');
  const text = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
  assert.match(text, /^Mozilla Public License Version 2\.0\n/);
  assert.match(text, /Exhibit B - "Incompatible With Secondary Licenses" Notice/);
  assert.ok(text.length > 16_000, 'the full text, not a summary');
});
