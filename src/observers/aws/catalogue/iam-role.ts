/**
 * aws_iam_role: GetAccountAuthorizationDetails (shared with every IAM type) joined with ListRoles
 * (description, max_session_duration). The provider's id and
 * import id are the role name. `inline_policy` and `managed_policy_arns` are what the provider reads
 * back into state whether or not they are configured, so a policy attached or put by hand shows as
 * policy drift on the role as well as an unmanaged attachment.
 */
import { tagAttributes } from '../mapping.js';
import { decodePolicyDocument, normalizeJsonText } from '../repositories/iam-documents.js';
import type { RoleWithDetails } from '../repositories/iam.js';
import type { PlanContext } from '../../../model/catalogue.js';
import { awsCall, type ApiCall } from '../calls.js';
import { defineResourceType } from './define.js';
import { keptWhenOmitted, zeroWhenOmitted } from '../omitted.js';

/** Service-linked roles live under this path; AWS creates them, Terraform never needs to manage them. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

const NOT_LISTED = 'ListRoles did not list the role (created between the two listings)';

export const iamRole = defineResourceType<RoleWithDetails>({
  type: 'aws_iam_role',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.roleDetails(),
  // resourceRoleRead (internal/service/iam/role.go) d.Sets the GetRole pointers as they are: "" / 0
  // when omitted, permissions_boundary "" without a boundary. Description and max_session_duration
  // come from ListRoles here: a role it did not list has them unknown, not omitted (kept as recorded).
  observe: (r) => ({
    id: r.RoleName ?? '',
    attributes: {
      id: r.RoleName,
      arn: r.Arn,
      name: r.RoleName,
      path: zeroWhenOmitted(r.Path, ''),
      unique_id: r.RoleId,
      create_date: r.CreateDate?.toISOString(),
      description:
        r.listedByListRoles !== false ? zeroWhenOmitted(r.Description, '') : keptWhenOmitted(undefined, NOT_LISTED),
      assume_role_policy: zeroWhenOmitted(decodePolicyDocument(r.AssumeRolePolicyDocument), ''),
      max_session_duration:
        r.listedByListRoles !== false
          ? zeroWhenOmitted(r.MaxSessionDuration, 0)
          : keptWhenOmitted(undefined, NOT_LISTED),
      permissions_boundary: zeroWhenOmitted(r.PermissionsBoundary?.PermissionsBoundaryArn, ''),
      inline_policy: zeroWhenOmitted(r.RolePolicyList, [])
        .map((p) => ({
          name: zeroWhenOmitted(p.PolicyName, ''),
          policy: normalizeJsonText(decodePolicyDocument(p.PolicyDocument)),
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      managed_policy_arns: zeroWhenOmitted(r.AttachedManagedPolicies, [])
        .map((p) => zeroWhenOmitted(p.PolicyArn, ''))
        .sort(),
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
  revert: {
    attributes: ['managed_policy_arns', 'inline_policy'],
    sends: ['iam:DetachRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePolicy'],
    plan: (f) => {
      const RoleName = f.resource.id ?? ''; // not-observation: a revert's input
      const calls: ApiCall[] = [];
      const managed = f.changes.find((c) => c.path === 'managed_policy_arns');
      if (managed) {
        const recorded = new Set(stringList(managed.recorded));
        const observed = new Set(stringList(managed.observed));
        for (const PolicyArn of observed)
          if (!recorded.has(PolicyArn))
            calls.push(awsCall('iam', 'DetachRolePolicy', 'global', { RoleName, PolicyArn }));
        for (const PolicyArn of recorded)
          if (!observed.has(PolicyArn))
            calls.push(awsCall('iam', 'AttachRolePolicy', 'global', { RoleName, PolicyArn }));
      }
      const inline = f.changes.find((c) => c.path === 'inline_policy');
      if (inline) {
        if (inline.sensitive) return { unsupported: 'the inline policies are sensitive in the record' };
        const byName = (v: unknown) =>
          new Map(
            (Array.isArray(v) ? (v as { name: string; policy: string }[]) : [])
              .filter((p) => p.name)
              .map((p) => [p.name, p.policy]),
          );
        const recorded = byName(inline.recorded);
        const observed = byName(inline.observed);
        for (const PolicyName of observed.keys())
          if (!recorded.has(PolicyName))
            calls.push(awsCall('iam', 'DeleteRolePolicy', 'global', { RoleName, PolicyName }));
        for (const [PolicyName, PolicyDocument] of recorded)
          if (observed.get(PolicyName) !== PolicyDocument)
            calls.push(awsCall('iam', 'PutRolePolicy', 'global', { RoleName, PolicyName, PolicyDocument }));
      }
      return { calls };
    },
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'path', default: '/' },
      { name: 'description' },
      { name: 'assume_role_policy', required: true, json: true },
      { name: 'max_session_duration', default: 3600 },
      { name: 'permissions_boundary' },
      { name: 'tags' },
    ],
  },
});

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Splits `role/arn` (attachment) or `role:name` (inline policy) ids. */
export function splitId(id: string | undefined, separator: string): [string, string] | undefined {
  const at = id?.indexOf(separator) ?? -1; // not-observation: parses an id
  return id && at > 0 ? [id.slice(0, at), id.slice(at + 1)] : undefined;
}

/**
 * Why a hand-made attachment or inline policy on `role` is not reverted, or undefined when the role
 * is managed by a state (then removing what was added by hand puts the role back to its record).
 */
export function notOnManagedRole(role: string, ctx: PlanContext): string | undefined {
  const managed = ctx.managedIds('aws_iam_role');
  if (managed === undefined) return 'cannot tell whether the role is managed (no dependency graph)';
  return managed.has(role) ? undefined : `role ${role} is not managed by any state: prune it instead`;
}
