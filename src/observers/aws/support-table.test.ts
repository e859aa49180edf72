import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from './catalogue/index.js';
import { renderSupportTable, replaceSupportTable } from './support-table.js';

const readme = fileURLToPath(new URL('../../../../README.md', import.meta.url));

test('the README support table lists every catalogue entry as the catalogue says (run npm run docs:support-table)', () => {
  const text = readFileSync(readme, 'utf8');
  assert.equal(replaceSupportTable(text, renderSupportTable(CATALOGUE)), text);
  for (const entry of CATALOGUE) assert.ok(text.includes(`| \`${entry.type}\` |`), entry.type);
});
