/**
 * aws_iam_role_policy: inline policies of roles, from GetAccountAuthorizationDetails (shared).
 * The provider's id and import id are `role_name:policy_name`.
 */
import type { RoleInlinePolicy } from '../repositories/iam.js';
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
});
