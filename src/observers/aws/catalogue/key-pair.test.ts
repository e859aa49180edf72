import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { keyPair } from './key-pair.js';

const observedItems = trackObservations(keyPair);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_key_pair maps DescribeKeyPairs to the provider attributes, the ARN built from the key name', () => {
  const o = keyPair.observe(
    {
      KeyName: 'deploy',
      KeyPairId: 'key-0abc',
      KeyFingerprint: '1f:51:ae:28',
      KeyType: 'ed25519',
      Tags: [
        { Key: 'team', Value: 'ops' },
        { Key: 'aws:cloudformation:stack-name', Value: 'x' },
      ],
    },
    scope,
  );
  assert.equal(o.id, 'deploy');
  assert.deepEqual(o.attributes, {
    id: 'deploy',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:key-pair/deploy',
    fingerprint: '1f:51:ae:28',
    key_name: 'deploy',
    key_pair_id: 'key-0abc',
    key_type: 'ed25519',
    tags: { team: 'ops' },
    tags_all: { team: 'ops' },
  });
  assert.equal(o.noise, undefined, 'every key pair is made by someone: never noise');
});

test('aws_key_pair prune deletes by key name; no tag revert (tags need the key-pair id)', () => {
  const finding = {
    resource: { type: 'aws_key_pair', id: 'deploy', region: 'eu-west-1', address: 'x' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(keyPair.prune!.plan(finding, ctx), {
    calls: [{ service: 'ec2', operation: 'DeleteKeyPair', region: 'eu-west-1', input: { KeyName: 'deploy' } }],
  });
  assert.equal(keyPair.revert, undefined);
});

test('every provider attribute of aws_key_pair is observed by these fixtures or declared with a reason', () => {
  assertAccounted(keyPair, observedItems);
});
