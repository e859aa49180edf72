import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, human, neutralize, safeLines } from './text.js';

test('control characters, the one-byte CSI and bidi overrides become visible escapes', () => {
  assert.equal(neutralize('aws_instance.web'), 'aws_instance.web');
  assert.equal(neutralize('a\nb\r\tc'), 'a\\nb\\r\\tc');
  assert.equal(neutralize('\u001b[2J\u001b]0;pwned\u0007'), '\\x1b[2J\\x1b]0;pwned\\x07');
  assert.equal(neutralize('x\u009b31my'), 'x\\x9b31my');
  assert.equal(neutralize('admin\u202egnp.exe'), 'admin\\u202egnp.exe');
  assert.equal(neutralize('tag: ünïcødé ✓'), 'tag: ünïcødé ✓');
});

test('excerpt cuts long input with an ellipsis and the full length', () => {
  const rule = `aws_instance.${'a'.repeat(2 * 1024 * 1024)}`;
  const shown = excerpt(rule, 40);
  assert.equal(shown, `${rule.slice(0, 40)}… (${rule.length} characters)`);
  assert.equal(excerpt('short'), 'short');
});

test('safeLines keeps the line breaks of a message and neutralizes each line', () => {
  assert.equal(safeLines('first "x\u001b[31m"\n  next step: y'), 'first "x\\x1b[31m"\n  next step: y');
  assert.ok(safeLines('z'.repeat(5000), 100).length < 200);
});

test('NEL and the Unicode line and paragraph separators are escaped too', () => {
  assert.equal(neutralize('a\u0085b\u2028c\u2029d'), 'a\\x85b\\u2028c\\u2029d');
  assert.equal(neutralize('\u2066x\u2069\u061c\u200f'), '\\u2066x\\u2069\\u061c\\u200f');
});

test('human keeps its own text and line breaks and neutralizes every value', () => {
  const by = 'eve\n\u001b[2Jroot';
  assert.equal(human`closed by ${by} at ${3}\n`, 'closed by eve\\n\\x1b[2Jroot at 3\n');
});
