import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamRolePolicyAttachment } from './iam-role-policy-attachment.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(iamRolePolicyAttachment);

test('aws_iam_role_policy_attachment: id is the import id role/policy_arn', () => {
  const observed = iamRolePolicyAttachment.observe(
    { principalName: 'app', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    { account: '1', region: 'global' },
  );
  assert.equal(observed.id, 'app/arn:aws:iam::aws:policy/ReadOnlyAccess');
  assert.deepEqual(observed.attributes, {
    id: observed.id,
    role: 'app',
    policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  });
  assert.equal(iamRolePolicyAttachment.policyType, true);
});

test('every provider attribute of aws_iam_role_policy_attachment is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamRolePolicyAttachment, observedItems);
});
