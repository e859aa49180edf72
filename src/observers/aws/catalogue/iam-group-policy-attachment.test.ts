import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamGroupPolicyAttachment } from './iam-group-policy-attachment.js';

const observedItems = trackObservations(iamGroupPolicyAttachment);
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_iam_group_policy_attachment: id is the import id group/policy_arn, paired by group and policy', () => {
  const o = iamGroupPolicyAttachment.observe(
    { principalName: 'admins', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    { account: '1', region: 'global' },
  );
  assert.equal(o.id, 'admins/arn:aws:iam::aws:policy/ReadOnlyAccess');
  assert.deepEqual(o.attributes, {
    id: o.id,
    group: 'admins',
    policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  });
  assert.deepEqual(iamGroupPolicyAttachment.identityAttributes, ['group', 'policy_arn']);
});

test('aws_iam_group_policy_attachment prune detaches the policy from the group named in the id', () => {
  const finding = {
    resource: {
      type: 'aws_iam_group_policy_attachment',
      id: 'admins/arn:aws:iam::aws:policy/ReadOnlyAccess',
      address: 'unmanaged',
    },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(iamGroupPolicyAttachment.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'DetachGroupPolicy',
        region: 'global',
        input: { GroupName: 'admins', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
    ],
  });
});

test('every provider attribute of aws_iam_group_policy_attachment is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamGroupPolicyAttachment, observedItems);
});
