import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamUserPolicyAttachment } from './iam-user-policy-attachment.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(iamUserPolicyAttachment);

test('aws_iam_user_policy_attachment: id is the import id user/policy_arn', () => {
  const observed = iamUserPolicyAttachment.observe(
    { principalName: 'alice', policyArn: 'arn:aws:iam::1:policy/p' },
    { account: '1', region: 'global' },
  );
  assert.equal(observed.id, 'alice/arn:aws:iam::1:policy/p');
  assert.deepEqual(observed.attributes, { id: observed.id, user: 'alice', policy_arn: 'arn:aws:iam::1:policy/p' });
});

test('every provider attribute of aws_iam_user_policy_attachment is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamUserPolicyAttachment, observedItems);
});
