/**
 * The benchmark's bare peer (bench/aws-bare.ts) against the scan on the emulator: the same
 * operations, call for call, over a small estate of every type bench/aws-populate builds (80+
 * types). When this fails after a new catalogue type, the message names the operation: add the
 * same listing and reads to bench/bare/<service>.ts and the type to BARE_COVERED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observeAws } from '../src/observers/aws/observe.js';
import { bareListing, compareOperations, parityProblem } from '../bench/aws-bare.js';
import { estateMix, populateEstate } from '../bench/aws-populate.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('bare peer: makes every operation the scan makes (and no other), the same count for every read', async () => {
  const config = env.moto.clientConfig('eu-west-1');
  await populateEstate(config, estateMix(20), 1);
  const scan = await observeAws({ regions: ['eu-west-1'] });
  assert.deepEqual(scan.snapshot.incompleteScopes, []);
  const bare = await bareListing(config);
  const parity = compareOperations(scan.apiCalls, bare.apiCalls);
  assert.equal(parityProblem(parity), undefined);
  assert.deepEqual(parity.differentCounts, [], 'same estate, same calls per operation');
  assert.ok(new Set(scan.snapshot.resources.map((r) => r.type)).size >= 60, 'the estate spans at least 60 types');
});
