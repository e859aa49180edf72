import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineCode, renderMarkdown } from './markdown.js';
import { manyFindings, sampleScanResult } from '../../../test/support/sample-result.js';

test('headline with counts and an incomplete-scan warning', () => {
  const output = renderMarkdown(sampleScanResult());
  assert.match(output, /^## Driftwarden: 7 findings \(2 critical, 2 high, 2 medium, 1 low, 2 new\)/);
  assert.match(output, /> \[!WARNING\]\n> \*\*Scan incomplete:\*\*/);
  assert.match(output, /aws\\_iam\\_role 123456789012 us-east-1: access denied/);
});

test('findings table: one row per finding, critical first, NEW marked, impact shown', () => {
  const output = renderMarkdown(sampleScanResult());
  const rows = output.split('\n').filter((line) => /^\| (🔴|🟠|🟡|🔵)/.test(line));
  assert.equal(rows.length, 7);
  assert.match(rows[0]!, /critical \| configuration .*`aws_instance\.web\[0\]`.*replace \(ami\)/);
  assert.match(rows[1]!, /critical \*\*NEW\*\*/);
  assert.equal((output.match(/<details>/g) ?? []).length, 7);
});

test('values cannot break the table, open code or HTML', () => {
  const output = renderMarkdown(sampleScanResult());
  const outsideCode = output.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
  assert.ok(output.includes('<script>'), 'the hostile value is shown (as code)');
  assert.doesNotMatch(outsideCode, /<script>/, 'outside code spans, < is always escaped');
  for (const line of output.split('\n').filter((l) => l.startsWith('| `tags.Owner`'))) {
    // header has three cells: an unescaped | in the value would make more
    const cells = line.replace(/\\\|/g, '').split('|').length - 2;
    assert.equal(cells, 3, line);
  }
  assert.match(output, /`` <script>alert\(1\)<\/script> & "quoted" 'single' \]\]> a\\\|b `tick` ``/);
});

test('inlineCode picks a fence longer than any backtick run and escapes pipes', () => {
  assert.equal(inlineCode('plain'), '`plain`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('``x'), '``` ``x ```');
  assert.equal(inlineCode('a|b'), '`a\\|b`');
});

test('1,000 findings stay within a GitHub comment and say what was left out', () => {
  const output = renderMarkdown(sampleScanResult(manyFindings(1000)));
  assert.ok(output.length < 65_536, `length ${output.length}`);
  assert.match(output, /## Driftwarden: 1000 findings/);
  assert.match(output, /_Showing 100 of 1000 findings; the JSON or HTML report lists all of them\._/);
  assert.match(output, /_Details shown for the first 25 of 1000 findings\._/);
});

test('no findings: a clean headline and no table', () => {
  const output = renderMarkdown(sampleScanResult([]));
  assert.match(output, /^## Driftwarden: no drift found/);
  assert.doesNotMatch(output, /### Findings/);
});
