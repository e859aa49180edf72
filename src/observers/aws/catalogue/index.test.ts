import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { awsSemantics, CATALOGUE, catalogueEntry } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const NOT_ENTRIES = new Set(['define.js', 'index.js', 'entries.js']);

test('every entry file in catalogue/ is listed in CATALOGUE, and every entry defines a type once', async () => {
  const files = readdirSync(here).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js') && !NOT_ENTRIES.has(f));
  assert.ok(files.length > 0);
  for (const file of files) {
    const module = (await import(pathToFileURL(`${here}/${file}`).href)) as Record<string, unknown>;
    const entries = Object.values(module).filter(
      (v): v is { type: string } => typeof v === 'object' && v !== null && 'type' in v && 'observe' in v && 'list' in v,
    );
    assert.ok(entries.length > 0, `${file} exports no catalogue entry`);
    for (const entry of entries)
      assert.ok(
        CATALOGUE.includes(entry as never),
        `${file}: ${entry.type} is not in CATALOGUE: run npm run docs:support-table (regenerates catalogue/entries.ts)`,
      );
  }
  const types = CATALOGUE.map((e) => e.type);
  assert.equal(new Set(types).size, types.length, 'a type is defined twice');
});

test('awsSemantics gives the engine data only, and nothing for unknown types', () => {
  const semantics = awsSemantics('aws_vpc');
  assert.ok(semantics);
  assert.equal(semantics.type, 'aws_vpc');
  assert.ok(semantics.forcesReplacement?.includes('cidr_block'));
  for (const value of Object.values(semantics)) assert.notEqual(typeof value, 'function');
  assert.equal(awsSemantics('aws_nothing'), undefined);
  assert.equal(catalogueEntry('aws_vpc')?.service, 'ec2');
});

test('one semantics lookup spans catalogues, keeps only compare data, and refuses a type defined twice', async () => {
  const { semanticsLookup } = await import('../../../model/catalogue.js');
  const other = { type: 'vsphere_example', sets: ['tags'], observe: () => [], limitations: 'x' };
  const lookup = semanticsLookup(CATALOGUE, [other]);
  assert.deepEqual(lookup('vsphere_example'), { type: 'vsphere_example', sets: ['tags'] });
  assert.equal(lookup('aws_vpc')?.type, 'aws_vpc');
  assert.equal('revert' in (lookup('aws_vpc') ?? {}), false);
  assert.throws(() => semanticsLookup(CATALOGUE, [{ type: 'aws_vpc' }]), /aws_vpc is defined twice/);
});

test('policy attributes come from the entries alone: an undeclared attribute is never policy drift', async () => {
  const { isPolicyAttribute } = await import('../../../engine/classify.js');
  assert.equal(isPolicyAttribute('ingress', awsSemantics('aws_security_group')), true);
  assert.equal(isPolicyAttribute('associate_public_ip_address', awsSemantics('aws_instance')), true);
  // alpn_policy names a TLS negotiation policy, not access: the old name pattern called it policy drift.
  assert.equal(isPolicyAttribute('alpn_policy', awsSemantics('aws_lb_listener')), false);
  assert.equal(isPolicyAttribute('policy', undefined), false);
});

test('every entry has its test, and that test accounts for every provider attribute of its fixtures', () => {
  // The sources, not dist: the check reads what the entry tests say.
  const sources = here.replace(/\/dist\/src\//, '/src/');
  for (const file of readdirSync(sources).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    if (NOT_ENTRIES.has(file.replace(/\.ts$/, '.js'))) continue;
    const testFile = `${sources}/${file.replace(/\.ts$/, '.test.ts')}`;
    assert.ok(existsSync(testFile), `${file} has no test ${file.replace(/\.ts$/, '.test.ts')}`);
    assert.match(
      readFileSync(testFile, 'utf8'),
      /assertAccounted\(/,
      `${testFile} never calls assertAccounted (test/support/catalogue-accounting.ts) on its fixtures`,
    );
  }
});
