import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VSPHERE_CATALOGUE, vsphereSemantics } from './index.js';

test('every entry file in the vSphere catalogue folder is listed in the index, once', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(here).filter(
    (f) => f.endsWith('.js') && !f.endsWith('.test.js') && !['index.js', 'define.js', 'mapping.js'].includes(f),
  );
  assert.equal(files.length, VSPHERE_CATALOGUE.length, `files ${files.join(', ')}`);
  assert.equal(new Set(VSPHERE_CATALOGUE.map((e) => e.type)).size, VSPHERE_CATALOGUE.length);
  for (const entry of VSPHERE_CATALOGUE) {
    assert.match(entry.type, /^vsphere_/);
    const semantics = vsphereSemantics(entry.type);
    assert.ok(semantics && !('observe' in semantics), `${entry.type}: semantics are plain data`);
  }
});
