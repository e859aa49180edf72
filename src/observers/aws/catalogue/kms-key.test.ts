import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmsKey } from './kms-key.js';
import { isDeleted } from '../repositories/kms.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(kmsKey);

test('aws_kms_key: id is the key id, with rotation, policy and tags', () => {
  const observed = kmsKey.observe(
    {
      metadata: {
        KeyId: 'k-1',
        Arn: 'arn:aws:kms:eu-west-1:1:key/k-1',
        Description: 'data',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        Enabled: true,
        MultiRegion: false,
        KeyManager: 'CUSTOMER',
      },
      policy: '{"Statement":[]}',
      rotationEnabled: true,
      rotationPeriodInDays: 365,
      tags: [{ TagKey: 'env', TagValue: 'prod' }],
    },
    { account: '1', region: 'eu-west-1' },
  );
  assert.equal(observed.id, 'k-1');
  assert.equal(observed.attributes['enable_key_rotation'], true);
  assert.equal(observed.attributes['rotation_period_in_days'], 365);
  assert.equal(observed.attributes['policy'], '{"Statement":[]}');
  assert.deepEqual(observed.attributes['tags_all'], { env: 'prod' });
  assert.ok(kmsKey.computed?.includes('deletion_window_in_days'));
});

test('an AWS-managed key is observed as noise with its reason, never dropped; a key pending deletion is gone', () => {
  const observed = kmsKey.observe(
    {
      metadata: { KeyId: 'k-aws', Arn: 'arn:aws:kms:eu-west-1:1:key/k-aws', KeyManager: 'AWS', Enabled: true },
      policy: undefined,
      rotationEnabled: undefined,
      rotationPeriodInDays: undefined,
      tags: [],
      awsManaged: true,
    },
    { account: '1', region: 'eu-west-1' },
  );
  assert.equal(observed.id, 'k-aws');
  assert.match(observed.noise ?? '', /AWS-managed key/);
  const customer = observedItems.find((item) => item.id === 'k-1');
  assert.equal(customer?.noise, undefined);
  assert.equal(isDeleted({ KeyId: 'b', KeyManager: 'CUSTOMER', KeyState: 'PendingDeletion' }), true);
  assert.equal(isDeleted({ KeyId: 'c', KeyManager: 'CUSTOMER', KeyState: 'Enabled' }), false);
});

test('every provider attribute of aws_kms_key is observed by these fixtures or declared with a reason', () => {
  assertAccounted(kmsKey, observedItems);
});
