import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamAccessKey } from './iam-access-key.js';

const observedItems = trackObservations(iamAccessKey);

test('aws_iam_access_key maps ListAccessKeys metadata: id is the key id, create_date in RFC 3339', () => {
  const o = iamAccessKey.observe(
    {
      UserName: 'deploy',
      AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      Status: 'Inactive',
      CreateDate: new Date('2024-05-06T07:08:09.123Z'),
    },
    { account: '1', region: 'global' },
  );
  assert.equal(o.id, 'AKIAIOSFODNN7EXAMPLE');
  assert.deepEqual(o.attributes, {
    id: 'AKIAIOSFODNN7EXAMPLE',
    user: 'deploy',
    status: 'Inactive',
    create_date: '2024-05-06T07:08:09Z',
  });
});

test('aws_iam_access_key never observes a secret: the secrets are declared, never mapped, and marked secret', () => {
  const o = iamAccessKey.observe(
    { UserName: 'deploy', AccessKeyId: 'AKIA2', Status: 'Active' },
    {
      account: '1',
      region: 'global',
    },
  );
  for (const secret of ['secret', 'ses_smtp_password_v4', 'encrypted_secret', 'encrypted_ses_smtp_password_v4'])
    assert.ok(!(secret in o.attributes), `${secret} is not observed`);
  assert.deepEqual(iamAccessKey.secretAttributes, ['secret', 'ses_smtp_password_v4']);
  assert.equal(iamAccessKey.revert, undefined, 'no revert: UpdateAccessKey needs the user, absent from a finding');
});

test('every provider attribute of aws_iam_access_key is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamAccessKey, observedItems);
});
