/**
 * aws_iam_group_membership: the users of one group, joined from GetAccountAuthorizationDetails
 * (shared: each user's GroupList), no call per group. The provider's read (GetGroup) sets only
 * `users`, the whole member set of the group (the resource is exclusive: it owns every member);
 * `name` and `group` stay what the configuration says. The provider's id is that configured name,
 * which AWS never sees: pairing goes by `group`.
 *
 * Every group is observed, members or not, so that a managed membership whose users were all
 * removed shows as drift in `users`; an unmanaged group without members is noise.
 */
import type { GroupMembers } from '../repositories/iam.js';
import { awsCall, type ApiCall } from '../calls.js';
import { defineResourceType } from './define.js';

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const iamGroupMembership = defineResourceType<GroupMembers>({
  type: 'aws_iam_group_membership',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.groupMembers(),
  observe: (m) => ({
    id: m.groupName,
    attributes: { id: m.groupName, group: m.groupName, users: [...m.users] },
    ...(m.users.length === 0
      ? { noise: 'a group without members: there is no membership for a configuration to own' }
      : {}),
  }),
  // The provider's id and `name` are the configured resource name: AWS keeps no such thing.
  computed: ['name'],
  sets: ['users'],
  identityAttributes: ['group'],
  policyType: true,
  policy: ['users'],
  forcesReplacement: ['group'],
  trailEvents: ['AddUserToGroup', 'RemoveUserFromGroup', 'DeleteGroup'],
  limitations:
    'matched by group: the id the provider stores is the configured name; the membership owns every member of the group',
  revert: {
    attributes: ['users'],
    sends: ['iam:AddUserToGroup', 'iam:RemoveUserFromGroup'],
    plan: (f) => {
      const change = f.changes.find((c) => c.path === 'users');
      if (!change || !Array.isArray(change.recorded)) return { unsupported: 'the recorded users are not available' };
      const GroupName = f.resource.id ?? '';
      const recorded = new Set(names(change.recorded));
      const observed = new Set(names(change.observed));
      const calls: ApiCall[] = [];
      for (const UserName of observed)
        if (!recorded.has(UserName))
          calls.push(awsCall('iam', 'RemoveUserFromGroup', 'global', { GroupName, UserName }));
      for (const UserName of recorded)
        if (!observed.has(UserName)) calls.push(awsCall('iam', 'AddUserToGroup', 'global', { GroupName, UserName }));
      return { calls };
    },
  },
});
