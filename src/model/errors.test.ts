import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DriftwardenError } from './errors.js';
import { excerpt } from './text.js';

test('an error shows file, key and quoted input with control characters escaped, each part bounded', () => {
  const value = `x\u001b[2J\ny${'z'.repeat(5000)}`;
  const err = new DriftwardenError('input.invalid', `bad value "${excerpt(value, 200)}"`, {
    file: '/tmp/a\rb\n.yaml',
    key: 'environments.\u202eprod',
    nextStep: 'fix it',
  });
  const text = err.describe();
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(text), JSON.stringify(text.slice(0, 200)));
  assert.equal(text.split('\n').length, 2, 'only the line break Driftwarden put before the next step');
  assert.match(
    text,
    /^\/tmp\/a\\rb\\n\.yaml: bad value "x\\x1b\[2J\\nyz+… \(5007 characters\)" \(at environments\.\\u202eprod\)\n {2}next step: fix it$/,
  );
  assert.ok(text.length < 400);
});

test('a message built around raw input is still escaped and bounded per line', () => {
  const text = new DriftwardenError('usage', `unknown "\u001b]0;owned\u0007${'q'.repeat(5000)}"`).describe();
  assert.ok(!text.includes('\u001b') && !text.includes('\u0007'));
  assert.ok(text.length < 1_100);
});
