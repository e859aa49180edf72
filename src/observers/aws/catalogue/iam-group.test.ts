import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamGroup } from './iam-group.js';

const observedItems = trackObservations(iamGroup);
const scope = { account: '123456789012', region: 'global' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_iam_group maps a GroupDetail as resourceGroupRead sets it: id and name are the group name', () => {
  const o = iamGroup.observe(
    {
      GroupName: 'admins',
      GroupId: 'AGPAEXAMPLE',
      Arn: 'arn:aws:iam::123456789012:group/ops/admins',
      Path: '/ops/',
      CreateDate: new Date('2024-01-02T03:04:05Z'),
      GroupPolicyList: [],
      AttachedManagedPolicies: [],
    },
    scope,
  );
  assert.equal(o.id, 'admins');
  assert.deepEqual(o.attributes, {
    id: 'admins',
    arn: 'arn:aws:iam::123456789012:group/ops/admins',
    name: 'admins',
    path: '/ops/',
    unique_id: 'AGPAEXAMPLE',
  });
  assert.equal(o.noise, undefined);
});

test('aws_iam_group revert moves the group back to its recorded path', () => {
  const finding = {
    resource: { type: 'aws_iam_group', id: 'admins', address: 'aws_iam_group.admins' },
    kind: 'configuration',
    changes: [{ path: 'path', recorded: '/ops/', observed: '/', sensitive: false }],
  } as never;
  assert.deepEqual(iamGroup.revert!.plan(finding, ctx), {
    calls: [
      { service: 'iam', operation: 'UpdateGroup', region: 'global', input: { GroupName: 'admins', NewPath: '/ops/' } },
    ],
  });
});

test('every provider attribute of aws_iam_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamGroup, observedItems);
});
