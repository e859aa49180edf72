import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SENSITIVE } from '../model/finding.js';
import {
  changeValue,
  describeChange,
  formatCoverage,
  impactLabel,
  isFilePath,
  shorten,
  sortFindings,
} from './values.js';
import { sampleFindings } from '../../test/support/sample-result.js';

test('sortFindings puts critical first and is stable by kind, environment, address', () => {
  const sorted = sortFindings([...sampleFindings].reverse());
  assert.deepEqual(
    sorted.map((finding) => finding.severity),
    ['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low'],
  );
  assert.equal(sorted[0]?.resource.address, 'aws_instance.web[0]'); // configuration before policy
});

test('a change flagged sensitive never shows its value, even if upstream forgot to redact it', () => {
  const leaked = { path: 'password', recorded: 'hunter2', observed: 'hunter3', sensitive: true, added: ['hunter4'] };
  assert.equal(changeValue(leaked, 'recorded'), SENSITIVE);
  assert.equal(changeValue(leaked, 'observed'), SENSITIVE);
  assert.doesNotMatch(describeChange(leaked), /hunter/);
});

test('shorten keeps short text and cuts long JSON to one line with an ellipsis', () => {
  assert.equal(shorten('t3.micro', 40), 't3.micro');
  const cut = shorten(JSON.stringify({ Statement: 'x'.repeat(100) }, null, 2), 30);
  assert.equal(cut.length, 30);
  assert.ok(cut.endsWith('…'));
  assert.doesNotMatch(cut, /\n/);
});

test('describeChange shows recorded -> observed, and set elements as added/removed', () => {
  assert.equal(
    describeChange({ path: 'instance_type', recorded: 't3.micro', observed: 't3.large', sensitive: false }),
    'instance_type: t3.micro -> t3.large',
  );
  assert.equal(
    describeChange({ path: 'tags.Env', recorded: undefined, observed: '', sensitive: false }),
    'tags.Env: (none) -> ""',
  );
  assert.equal(
    describeChange({
      path: 'cidrs',
      recorded: ['a'],
      observed: ['a', 'b'],
      sensitive: false,
      added: ['b'],
      removed: [],
    }),
    'cidrs: +["b"]',
  );
});

test('impactLabel names the replace-forcing attributes', () => {
  assert.equal(
    impactLabel({ action: 'replace', replacePaths: ['ami', 'user_data'], source: 'rules' }),
    'replace (ami, user_data)',
  );
  assert.equal(impactLabel({ action: 'update', replacePaths: [], source: 'plan' }), 'update');
  assert.equal(impactLabel(undefined), '');
});

test('isFilePath tells local state files from remote locations', () => {
  assert.equal(isFilePath('states/prod/terraform.tfstate'), true);
  assert.equal(isFilePath('/abs/plan.json'), true);
  assert.equal(isFilePath('s3://bucket/key'), false);
  assert.equal(isFilePath('https://state.example/x'), false);
  assert.equal(isFilePath(undefined), false);
});

test('formatCoverage rounds down to one decimal, never says 100% short of everything, and says n/a when unknown', () => {
  assert.equal(formatCoverage(0.9345), '93.4%');
  assert.equal(formatCoverage(9999 / 10000), '99.9%');
  assert.equal(formatCoverage(1), '100%');
  assert.equal(formatCoverage(null), 'n/a');
});
