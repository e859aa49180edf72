import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEPT_WHEN_OMITTED, NotReturned, keptWhenOmitted, splitNotReturned, zeroWhenOmitted } from './omitted.js';
import { diffResource } from '../../engine/diff.js';
import { resource } from '../../../test/support/engine-fixtures.js';

test('zeroWhenOmitted gives the provider zero value only for an absent field', () => {
  assert.equal(zeroWhenOmitted(undefined, false), false);
  assert.equal(zeroWhenOmitted(true, false), true);
  assert.equal(zeroWhenOmitted(0, 5), 0);
});

test('keptWhenOmitted marks an absent value as not returned, with the reason', () => {
  assert.equal(keptWhenOmitted(false), false);
  const marker = keptWhenOmitted(undefined, 'only TCP groups have it');
  assert.ok(marker instanceof NotReturned);
  assert.equal(marker.why, `${KEPT_WHEN_OMITTED}; only TCP groups have it`);
});

test('splitNotReturned takes markers out at any depth, keeping the keys, and leaves the input alone', () => {
  const input = {
    a: keptWhenOmitted(undefined),
    b: 1,
    block: [{ x: keptWhenOmitted(null), y: 'kept' }],
    tags: { Name: 'n' },
  };
  const { attributes, notReturned } = splitNotReturned(input);
  assert.deepEqual(
    notReturned.map((n) => n.path),
    [['a'], ['block', 0, 'x']],
  );
  assert.ok('a' in attributes && attributes['a'] === undefined);
  assert.deepEqual(attributes['block'], [{ x: undefined, y: 'kept' }]);
  assert.equal(attributes['tags'], input.tags, 'untouched values are not copied');
  assert.ok(input.a instanceof NotReturned, 'the mapping output is not mutated');
});

test('a not-returned attribute is not compared and is a not-returned suppression when the record holds a value', () => {
  const rec = resource({ address: 'aws_x.a', type: 'aws_x', id: 'x', attributes: { flag: false, other: 1 } });
  const split = splitNotReturned({ flag: keptWhenOmitted(undefined), other: 2 });
  const obs = {
    ...resource({ address: 'aws_x.a', type: 'aws_x', id: 'x', attributes: split.attributes }),
    notReturned: split.notReturned,
  };
  const diff = diffResource(rec, obs, { type: 'aws_x' }, true);
  assert.deepEqual(
    diff.changes.map((c) => c.pathText),
    ['other'],
  );
  assert.deepEqual(diff.suppressed, [{ path: 'flag', rule: 'not-returned:flag', why: KEPT_WHEN_OMITTED }]);
  // Without the marker (the old `?? false` would give false, undefined here), the absence is drift.
  const bare = diffResource(
    rec,
    resource({ address: 'aws_x.a', type: 'aws_x', id: 'x', attributes: { flag: undefined, other: 1 } }),
    undefined,
    true,
  );
  assert.deepEqual(
    bare.changes.map((c) => c.pathText),
    ['flag'],
  );
});

test('a null record at a not-returned path needs no suppression; a nested path is skipped even without its key', () => {
  const rec = resource({
    address: 'aws_x.a',
    type: 'aws_x',
    id: 'x',
    attributes: { flag: null, block: [{ x: 'recorded', y: 1 }] },
  });
  // The key is gone, as after the distributed observer's JSON round trip.
  const obs = {
    ...resource({ address: 'aws_x.a', type: 'aws_x', id: 'x', attributes: { flag: undefined, block: [{ y: 1 }] } }),
    notReturned: [
      { path: ['flag'], why: 'w' },
      { path: ['block', 0, 'x'], why: 'w2' },
    ],
  };
  const diff = diffResource(rec, obs, { type: 'aws_x' }, true);
  assert.deepEqual(diff.changes, []);
  assert.deepEqual(diff.suppressed, [{ path: 'block[0].x', rule: 'not-returned:block[0].x', why: 'w2' }]);
});
