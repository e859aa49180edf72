/**
 * aws_iam_role: GetAccountAuthorizationDetails (shared with every IAM type) joined with ListRoles
 * (description, max_session_duration). The provider's id and
 * import id are the role name. `inline_policy` and `managed_policy_arns` are what the provider reads
 * back into state whether or not they are configured, so a policy attached or put by hand shows as
 * policy drift on the role as well as an unmanaged attachment.
 */
import { tagAttributes } from '../mapping.js';
import { decodePolicyDocument, normalizeJsonText, type RoleWithDetails } from '../repositories/iam.js';
import { defineResourceType } from './define.js';

/** Service-linked roles live under this path; AWS creates them, Terraform never needs to manage them. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

export const iamRole = defineResourceType<RoleWithDetails>({
  type: 'aws_iam_role',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.roleDetails(),
  observe: (r) => ({
    id: r.RoleName ?? '',
    attributes: {
      id: r.RoleName,
      arn: r.Arn,
      name: r.RoleName,
      path: r.Path ?? '/',
      unique_id: r.RoleId,
      create_date: r.CreateDate?.toISOString(),
      description: r.Description ?? '',
      assume_role_policy: decodePolicyDocument(r.AssumeRolePolicyDocument) ?? '',
      max_session_duration: r.MaxSessionDuration ?? 3600,
      permissions_boundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? '',
      inline_policy: (r.RolePolicyList ?? [])
        .map((p) => ({ name: p.PolicyName ?? '', policy: normalizeJsonText(decodePolicyDocument(p.PolicyDocument)) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      managed_policy_arns: (r.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn ?? '').sort(),
      ...tagAttributes(r.Tags),
    },
    ...(r.Path?.startsWith(SERVICE_LINKED_PATH)
      ? { noise: 'a service-linked role AWS creates for a service (path /aws-service-role/)' }
      : {}),
  }),
  // force_detach_policies and name_prefix are configuration-only; create_date and unique_id are set by AWS.
  computed: ['force_detach_policies', 'name_prefix', 'create_date', 'unique_id'],
  json: ['assume_role_policy'],
  sets: ['inline_policy', 'managed_policy_arns'],
  policyType: true,
  policy: ['assume_role_policy', 'permissions_boundary', 'inline_policy', 'managed_policy_arns'],
  defaults: [
    { path: 'max_session_duration', value: 3600, why: 'IAM gives roles a one-hour maximum session unless set' },
    { path: 'path', value: '/', why: 'IAM puts roles under path / unless set' },
    {
      path: 'inline_policy',
      value: [{ name: '', policy: '' }],
      why: 'older AWS provider versions record one empty inline_policy block for a role without inline policies',
    },
  ],
  forcesReplacement: ['name', 'name_prefix', 'path'],
  trailEvents: [
    'CreateRole',
    'DeleteRole',
    'UpdateRole',
    'UpdateRoleDescription',
    'UpdateAssumeRolePolicy',
    'PutRolePermissionsBoundary',
    'DeleteRolePermissionsBoundary',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'PutRolePolicy',
    'DeleteRolePolicy',
    'TagRole',
    'UntagRole',
  ],
});
