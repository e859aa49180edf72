import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenKeyPath, hasForbiddenSegment, PROTOTYPE_KEYS, setOwn } from './untrusted.js';

test('forbiddenKeyPath names the path of the first __proto__ key, however it was written in JSON', () => {
  assert.equal(forbiddenKeyPath(JSON.parse('{"a":[{"b":1},{"c":{"__proto__":{"x":1}}}]}')), 'a[1].c.__proto__');
  assert.equal(forbiddenKeyPath(JSON.parse('{"\\u005f_proto__":1}')), '__proto__');
  assert.equal(forbiddenKeyPath(JSON.parse('[[{"__proto__":null}]]')), '[0][0].__proto__');
  assert.equal(forbiddenKeyPath(JSON.parse('{"constructor":{"prototype":{"x":1}},"proto":1}')), undefined);
  assert.equal(forbiddenKeyPath('__proto__'), undefined);
});

test('forbiddenKeyPath walks nesting deeper than the call stack', () => {
  const depth = 200_000;
  const text = `${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}`;
  const path = forbiddenKeyPath(JSON.parse(text));
  assert.ok(path?.endsWith('[0].__proto__'));
});

test('hasForbiddenSegment finds __proto__ between dots only', () => {
  assert.equal(hasForbiddenSegment('__proto__.x'), true);
  assert.equal(hasForbiddenSegment('tags.__proto__'), true);
  assert.equal(hasForbiddenSegment('tags.__proto__x'), false);
});

test('setOwn makes __proto__ an own key and never a prototype', () => {
  const out: Record<string, string> = {};
  setOwn(out, '__proto__', 'x');
  setOwn(out, 'constructor', 'y');
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.keys(out), ['__proto__', 'constructor']);
  assert.equal(({} as Record<string, unknown>)['x'], undefined);
});

test('forbiddenKeyPath with the prototype keys finds constructor and prototype too', () => {
  assert.equal(forbiddenKeyPath({ a: { constructor: 1 } }), undefined);
  assert.equal(forbiddenKeyPath({ a: { constructor: 1 } }, PROTOTYPE_KEYS), 'a.constructor');
  assert.equal(forbiddenKeyPath({ a: [{ prototype: {} }] }, PROTOTYPE_KEYS), 'a[0].prototype');
});
