import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamInstanceProfile } from './iam-instance-profile.js';

const observedItems = trackObservations(iamInstanceProfile);
const scope = { account: '123456789012', region: 'global' };
const created = new Date('2026-11-30T10:20:30.456Z');

test('aws_iam_instance_profile maps ListInstanceProfiles as the provider reads it: the first role by name', () => {
  const o = iamInstanceProfile.observe(
    {
      InstanceProfileName: 'app',
      InstanceProfileId: 'AIPAEXAMPLE',
      Arn: 'arn:aws:iam::123456789012:instance-profile/app',
      Path: '/',
      CreateDate: created,
      Roles: [
        {
          RoleName: 'app-role',
          RoleId: 'AROAEXAMPLE',
          Arn: 'arn:aws:iam::123456789012:role/app-role',
          Path: '/',
          CreateDate: created,
        },
      ],
    },
    scope,
  );
  assert.equal(o.id, 'app');
  assert.deepEqual(o.attributes, {
    id: 'app',
    arn: 'arn:aws:iam::123456789012:instance-profile/app',
    name: 'app',
    path: '/',
    role: 'app-role',
    unique_id: 'AIPAEXAMPLE',
    create_date: '2026-11-30T10:20:30Z',
  });
});

test('a profile without a role is observed with no role, never an invented empty name', () => {
  const o = iamInstanceProfile.observe(
    {
      InstanceProfileName: 'bare',
      InstanceProfileId: 'AIPABARE',
      Arn: 'arn:aws:iam::123456789012:instance-profile/bare',
      Path: '/',
      CreateDate: created,
      Roles: [],
    },
    scope,
  );
  assert.equal(o.attributes['role'], undefined);
});

test('aws_iam_instance_profile revert swaps the role back (remove first: a profile holds one role)', () => {
  const finding = {
    resource: { type: 'aws_iam_instance_profile', id: 'app', address: 'aws_iam_instance_profile.app' },
    kind: 'policy',
    changes: [{ path: 'role', recorded: 'app-role', observed: 'admin', sensitive: false }],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const planned = iamInstanceProfile.revert!.plan(finding, ctx);
  assert.ok('calls' in planned);
  assert.deepEqual(
    planned.calls.map((c) => [c.operation, c.input['RoleName']]),
    [
      ['RemoveRoleFromInstanceProfile', 'admin'],
      ['AddRoleToInstanceProfile', 'app-role'],
    ],
  );
  const prune = iamInstanceProfile.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.before === 'removeRoles');
  assert.ok(iamInstanceProfile.steps?.['removeRoles']?.before);
});

test('every provider attribute of aws_iam_instance_profile is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamInstanceProfile, observedItems);
});
