/** writeReportFile on the real file system: atomic replace, and nothing partial on failure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReportFile } from '../src/report/write-file.js';
import { isDriftwardenError } from '../src/model/errors.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'dw-write-'));
}

test('writes a new file and replaces an existing one, leaving no temporary files', async () => {
  const directory = scratch();
  try {
    const file = join(directory, 'report.json');
    await writeReportFile(file, '{"first":true}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"first":true}\n');
    await writeReportFile(file, 'second ✓\n');
    assert.equal(readFileSync(file, 'utf8'), 'second ✓\n');
    assert.deepEqual(readdirSync(directory), ['report.json']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a failure after the temporary file is written leaves the existing file untouched and no temp file', async () => {
  const directory = scratch();
  try {
    const file = join(directory, 'report.html');
    writeFileSync(file, 'previous report');
    await assert.rejects(
      writeReportFile(file, 'new report', {
        beforeRename: () => {
          throw new Error('disk vanished');
        },
      }),
      /disk vanished/,
    );
    assert.equal(readFileSync(file, 'utf8'), 'previous report');
    assert.deepEqual(readdirSync(directory), ['report.html']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a target that is a directory fails with a DriftwardenError and cleans up', async () => {
  const directory = scratch();
  try {
    const target = join(directory, 'out');
    mkdirSync(target);
    await assert.rejects(writeReportFile(target, 'x'), (err: unknown) => {
      return (
        isDriftwardenError(err) && err.code === 'usage' && err.details.file === target && Boolean(err.details.nextStep)
      );
    });
    assert.deepEqual(readdirSync(directory), ['out']);
    assert.deepEqual(readdirSync(target), []);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a missing directory fails with a DriftwardenError naming the file', async () => {
  const directory = scratch();
  try {
    const target = join(directory, 'no-such-dir', 'report.json');
    await assert.rejects(
      writeReportFile(target, 'x'),
      (err: unknown) => isDriftwardenError(err) && err.details.file === target,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
