/**
 * aws_iam_role_policy: inline policies of roles, from GetAccountAuthorizationDetails (shared).
 * The provider's id and import id are `role_name:policy_name`.
 */
import type { RoleInlinePolicy } from '../repositories/iam.js';
import { awsCall } from '../calls.js';
import { notOnManagedRole, splitId } from './iam-role.js';
import { defineResourceType } from './define.js';

export const iamRolePolicy = defineResourceType<RoleInlinePolicy>({
  type: 'aws_iam_role_policy',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.roleInlinePolicies(),
  observe: (p) => ({
    id: `${p.roleName}:${p.policyName}`,
    attributes: { id: `${p.roleName}:${p.policyName}`, role: p.roleName, name: p.policyName, policy: p.document },
  }),
  computed: ['name_prefix'],
  json: ['policy'],
  policyType: true,
  policy: ['policy'],
  forcesReplacement: ['name', 'name_prefix', 'role'],
  trailEvents: ['PutRolePolicy', 'DeleteRolePolicy', 'DeleteRole'],
  revert: {
    attributes: ['policy'],
    unmanaged: true,
    sends: ['iam:DeleteRolePolicy', 'iam:PutRolePolicy'],
    plan: (f, ctx) => {
      const parts = splitId(f.resource.id, ':');
      if (!parts) return { unsupported: `unexpected id ${f.resource.id ?? '(none)'}` };
      const [RoleName, PolicyName] = parts;
      if (f.kind === 'unmanaged') {
        const notManaged = notOnManagedRole(RoleName, ctx);
        if (notManaged) return { unsupported: notManaged };
        return { calls: [awsCall('iam', 'DeleteRolePolicy', 'global', { RoleName, PolicyName })] };
      }
      const policy = f.changes.find((c) => c.path === 'policy');
      if (!policy || policy.sensitive || typeof policy.recorded !== 'string')
        return { unsupported: 'the recorded policy document is not available' };
      const PolicyDocument = policy.recorded;
      return { calls: [awsCall('iam', 'PutRolePolicy', 'global', { RoleName, PolicyName, PolicyDocument })] };
    },
  },
});
