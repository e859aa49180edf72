import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../../../test/support/paths.js';
import { VSPHERE_CATALOGUE } from './catalogue/index.js';
import { renderVsphereSupportTable, replaceVsphereSupportTable } from './support-table.js';

test('the README lists every vSphere catalogue type, as generated (npm run docs:support-table)', () => {
  const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
  assert.equal(replaceVsphereSupportTable(readme, renderVsphereSupportTable(VSPHERE_CATALOGUE)), readme);
  for (const entry of VSPHERE_CATALOGUE) assert.ok(readme.includes(`\`${entry.type}\``), entry.type);
});
