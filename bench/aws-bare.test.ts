import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueTypes } from '../src/observers/aws/catalogue/index.js';
import { BARE_COVERED, compareOperations, notCoveredByPeer, parityProblem } from './aws-bare.js';

test('compareOperations: names operations made by one side only; the account lookup is not a listing', () => {
  const parity = compareOperations(
    { 'sts:GetCallerIdentity': 1, 'sqs:ListQueues': 1, 'sqs:GetQueueAttributes': 3, 'ecs:ListServices': 2 },
    { 'sqs:ListQueues': 1, 'sqs:GetQueueAttributes': 2, 'kinesis:ListStreams': 1, 'eks:ListClusters': 0 },
  );
  assert.deepEqual(parity.onlyScan, ['ecs:ListServices']);
  assert.deepEqual(parity.onlyBare, ['kinesis:ListStreams']);
  assert.deepEqual(parity.differentCounts, ['sqs:GetQueueAttributes (scan 3, bare 2)']);
  assert.match(
    parityProblem(parity) ?? '',
    /scan, not the bare peer: ecs:ListServices.*bare peer, not the scan: kinesis:ListStreams/,
  );
  assert.equal(parityProblem(compareOperations({ 'sqs:ListQueues': 1 }, { 'sqs:ListQueues': 4 })), undefined);
});

test('BARE_COVERED: only catalogue types, each once; the uncovered ones are named, in catalogue order', () => {
  const types = catalogueTypes();
  assert.deepEqual(
    BARE_COVERED.filter((t) => !types.includes(t)),
    [],
    'a type the catalogue no longer has is not claimed',
  );
  assert.equal(new Set(BARE_COVERED).size, BARE_COVERED.length);
  assert.deepEqual(notCoveredByPeer(['aws_sqs_queue', 'aws_new_type', 'aws_vpc']), ['aws_new_type']);
});
