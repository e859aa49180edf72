/**
 * A native SQLite module that cannot be loaded (install scripts skipped, or built for another
 * Node.js) is reported as such, with the rebuild command: never as a file-permission problem. The
 * failure is made real by a preload that fails the addon's dlopen, as an ABI mismatch does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, fixture } from './support/paths.js';

test('a native module that does not load says how to rebuild it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-native-'));
  const preload = join(dir, 'fail-dlopen.cjs');
  writeFileSync(
    preload,
    `const dlopen = process.dlopen;\n` +
      `process.dlopen = function (module, file, ...rest) {\n` +
      `  if (String(file).includes('better_sqlite3')) {\n` +
      `    const err = new Error(file + ': was compiled against a different Node.js version');\n` +
      `    err.code = 'ERR_DLOPEN_FAILED';\n    throw err;\n  }\n` +
      `  return dlopen.call(this, module, file, ...rest);\n};\n`,
  );
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      preload,
      cliPath,
      'scan',
      '--plan',
      fixture('hashicorp-terraform/equivalence-tests/drift_simple/plan.json'),
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /native module \(better-sqlite3\) cannot be loaded/);
  assert.match(run.stderr, /npm rebuild better-sqlite3/);
  assert.doesNotMatch(run.stderr, /readable and writable/);
  assert.equal(run.stdout, '', 'no partial report');
});
