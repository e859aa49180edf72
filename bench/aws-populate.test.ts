import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estateMix } from './aws-populate.js';

test('estateMix: scales with the size, at least one of each kind, one DB instance (emulator ids collide)', () => {
  const small = estateMix(1000);
  const large = estateMix(5000);
  assert.equal(large.instances, small.instances * 5);
  assert.equal(large.buckets, small.buckets * 5);
  assert.equal(large.dbInstances, 1);
  assert.ok(Object.values(estateMix(10)).every((n) => n >= 1));
});
