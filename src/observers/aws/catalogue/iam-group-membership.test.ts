import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamGroupMembership } from './iam-group-membership.js';

const observedItems = trackObservations(iamGroupMembership);
const scope = { account: '1', region: 'global' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_iam_group_membership: one item per group with its member set, paired by group', () => {
  const o = iamGroupMembership.observe({ groupName: 'admins', users: ['alice', 'bob'] }, scope);
  assert.equal(o.id, 'admins');
  assert.deepEqual(o.attributes, { id: 'admins', group: 'admins', users: ['alice', 'bob'] });
  assert.equal(o.noise, undefined);
  assert.deepEqual(iamGroupMembership.identityAttributes, ['group']);
  assert.deepEqual(iamGroupMembership.sets, ['users']);
});

test('a group without members is observed with users [] and marked noise (nothing for a configuration to own)', () => {
  const o = iamGroupMembership.observe({ groupName: 'empty', users: [] }, scope);
  assert.deepEqual(o.attributes['users'], []);
  assert.match(o.noise ?? '', /without members/);
});

test('aws_iam_group_membership revert removes users added by hand and adds back removed ones', () => {
  const finding = {
    resource: { type: 'aws_iam_group_membership', id: 'admins', address: 'aws_iam_group_membership.admins' },
    kind: 'configuration',
    changes: [{ path: 'users', recorded: ['alice', 'bob'], observed: ['alice', 'mallory'], sensitive: false }],
  } as never;
  assert.deepEqual(iamGroupMembership.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'RemoveUserFromGroup',
        region: 'global',
        input: { GroupName: 'admins', UserName: 'mallory' },
      },
      {
        service: 'iam',
        operation: 'AddUserToGroup',
        region: 'global',
        input: { GroupName: 'admins', UserName: 'bob' },
      },
    ],
  });
});

test('every provider attribute of aws_iam_group_membership is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamGroupMembership, observedItems);
});
