/**
 * aws_iam_instance_profile: ListInstanceProfiles, one paginated bulk call per account. The
 * provider's id and import id are the profile name. As the provider's read: `role` is the name of
 * the profile's first role (a profile holds at most one), absent when it has none; `create_date` is
 * RFC 3339 without fractions. ListInstanceProfiles returns no tags (ListInstanceProfileTags is one
 * call per profile), so tags are declared unread.
 */
import type { InstanceProfile } from '@aws-sdk/client-iam';
import { awsCall, type ApiCall } from '../calls.js';
import { unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const iamInstanceProfile = defineResourceType<InstanceProfile>({
  type: 'aws_iam_instance_profile',
  service: 'iam',
  global: true,
  list: (repos) => repos.listing.list('iam', 'ListInstanceProfiles', {}, (page) => page.InstanceProfiles, 1000),
  observe: (p) => ({
    id: p.InstanceProfileName ?? '',
    attributes: {
      id: p.InstanceProfileName,
      arn: p.Arn,
      name: p.InstanceProfileName,
      path: p.Path,
      role: p.Roles?.[0]?.RoleName,
      unique_id: p.InstanceProfileId,
      create_date: p.CreateDate?.toISOString().replace(/\.\d+Z$/, 'Z'),
    },
  }),
  unread: unread(
    'ListInstanceProfiles returns no tags; ListInstanceProfileTags is one call per profile: not read',
    'tags',
    'tags_all',
  ),
  // Set by AWS at creation, or configuration-only (the provider derives the name from name_prefix once).
  computed: ['create_date', 'unique_id', 'name_prefix'],
  // The role decides what every instance launched with the profile may do.
  policy: ['role'],
  forcesReplacement: ['name', 'name_prefix', 'path'],
  trailEvents: [
    'CreateInstanceProfile',
    'DeleteInstanceProfile',
    'AddRoleToInstanceProfile',
    'RemoveRoleFromInstanceProfile',
    'TagInstanceProfile',
    'UntagInstanceProfile',
  ],
  revert: {
    attributes: ['role'],
    sends: ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'],
    plan: (f) => {
      const InstanceProfileName = f.resource.id ?? '';
      const change = f.changes.find((c) => c.path === 'role');
      const calls: ApiCall[] = [];
      // Remove first: a profile holds one role, so the recorded one can only be added after.
      if (typeof change?.observed === 'string' && change.observed !== '')
        calls.push(
          awsCall('iam', 'RemoveRoleFromInstanceProfile', 'global', { InstanceProfileName, RoleName: change.observed }),
        );
      if (typeof change?.recorded === 'string' && change.recorded !== '')
        calls.push(
          awsCall('iam', 'AddRoleToInstanceProfile', 'global', { InstanceProfileName, RoleName: change.recorded }),
        );
      return { calls };
    },
  },
  prune: {
    sends: ['iam:DeleteInstanceProfile'],
    plan: (f) => ({
      calls: [
        awsCall(
          'iam',
          'DeleteInstanceProfile',
          'global',
          { InstanceProfileName: f.resource.id },
          { note: 'removes its role first', before: 'removeRoles' },
        ),
      ],
    }),
  },
  steps: {
    // IAM refuses to delete a profile that still holds a role.
    removeRoles: {
      before: async (input, ctx) => {
        const InstanceProfileName = String(input['InstanceProfileName']);
        const out = (await ctx.send('iam', 'GetInstanceProfile', { InstanceProfileName })) as {
          InstanceProfile?: { Roles?: { RoleName?: string }[] };
        };
        for (const { RoleName } of out.InstanceProfile?.Roles ?? [])
          await ctx.send('iam', 'RemoveRoleFromInstanceProfile', { InstanceProfileName, RoleName });
        return input;
      },
    },
  },
  codify: {
    arguments: [{ name: 'name', required: true }, { name: 'path', default: '/' }, { name: 'role' }, { name: 'tags' }],
  },
});
