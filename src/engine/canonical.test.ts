import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJsonDocument, canonicalOrderedJson, canonicalSet, isEmpty, stableStringify } from './canonical.js';
import { ignoreChangesCovers } from './suppress.js';

test('canonical JSON documents ignore key order, whitespace and single-versus-list, keep meaning', () => {
  const a = canonicalJsonDocument(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}',
  );
  const b = canonicalJsonDocument(
    '{ "Statement": {"Resource": ["*"], "Action": ["s3:ListBucket", "s3:GetObject"], "Effect": "Allow"}, "Version": "2012-10-17" }',
  );
  assert.equal(stableStringify(a), stableStringify(b));
  const c = canonicalJsonDocument(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}',
  );
  assert.notEqual(stableStringify(a), stableStringify(c));
  assert.equal(canonicalJsonDocument('not json'), 'not json');
  assert.equal(canonicalJsonDocument('{broken'), '{broken');
});

test('ordered JSON text ignores key order and whitespace at every depth but keeps array order', () => {
  const a = canonicalOrderedJson(
    '[{"name":"app","command":["sh","-c"],"logConfiguration":{"options":{"b":"2","a":"1"}}}]',
  );
  const b = canonicalOrderedJson(
    '[ {"logConfiguration": {"options": {"a":"1","b":"2"}}, "command": ["sh","-c"], "name": "app"} ]',
  );
  assert.equal(stableStringify(a), stableStringify(b));
  assert.equal(JSON.stringify(a), JSON.stringify(b), 'keys are sorted, so even plain JSON text agrees');
  const reordered = canonicalOrderedJson(
    '[{"name":"app","command":["-c","sh"],"logConfiguration":{"options":{"a":"1","b":"2"}}}]',
  );
  assert.notEqual(stableStringify(a), stableStringify(reordered), 'a reordered command is a change');
  assert.equal(canonicalOrderedJson('not json'), 'not json');
  assert.equal(canonicalOrderedJson('[broken'), '[broken');
});

test('canonical sets sort elements and the primitive lists inside them, and drop duplicates', () => {
  const x = <unknown[]>canonicalSet([
    { cidr_blocks: ['b', 'a'], port: 2 },
    { cidr_blocks: ['a'], port: 1 },
    { port: 1, cidr_blocks: ['a'] },
  ]);
  assert.equal(x.length, 2);
  assert.deepEqual(
    x,
    canonicalSet([
      { port: 1, cidr_blocks: ['a'] },
      { port: 2, cidr_blocks: ['a', 'b'] },
    ]),
  );
  assert.ok(x.some((e) => JSON.stringify(e) === JSON.stringify({ cidr_blocks: ['a', 'b'], port: 2 })));
  assert.deepEqual(canonicalSet(canonicalSet(['b', 'a'])), ['a', 'b']);
});

test('empty values', () => {
  for (const v of [null, undefined, '', [], {}]) assert.equal(isEmpty(v), true);
  for (const v of [0, false, 'x', [null], { a: 1 }]) assert.equal(isEmpty(v), false);
});

test('ignore_changes covers the attribute and everything under it', () => {
  assert.equal(ignoreChangesCovers(['tags'], 'tags.Owner'), 'tags');
  assert.equal(ignoreChangesCovers(['tags'], 'tags_all'), undefined);
  assert.equal(ignoreChangesCovers(['all'], 'ami'), 'all');
  assert.equal(ignoreChangesCovers(['ebs_block_device'], 'ebs_block_device[0].size'), 'ebs_block_device');
});
