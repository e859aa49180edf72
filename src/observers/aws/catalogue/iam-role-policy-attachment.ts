/**
 * aws_iam_role_policy_attachment: managed policies attached to roles, from
 * GetAccountAuthorizationDetails (shared). The provider gives a created attachment a random id
 * (`<role>-<timestamp-based suffix>`) and an imported one `<role>-<policy_arn>`; its import id is
 * `<role>/<policy_arn>`. The observed id is that import id: the only one derivable from the API.
 * Matching a recorded attachment therefore needs its `role` and `policy_arn` (see the report).
 */
import type { PolicyAttachment } from '../repositories/iam.js';
import { awsCall } from '../calls.js';
import { notOnManagedRole, splitId } from './iam-role.js';
import { defineResourceType } from './define.js';

export const iamRolePolicyAttachment = defineResourceType<PolicyAttachment>({
  type: 'aws_iam_role_policy_attachment',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.rolePolicyAttachments(),
  observe: (a) => ({
    id: `${a.principalName}/${a.policyArn}`,
    attributes: { id: `${a.principalName}/${a.policyArn}`, role: a.principalName, policy_arn: a.policyArn },
  }),
  policyType: true,
  policy: ['role', 'policy_arn'],
  forcesReplacement: ['role', 'policy_arn'],
  // The provider stores a random id for a created attachment; AWS knows it by role and policy.
  identityAttributes: ['role', 'policy_arn'],
  trailEvents: ['AttachRolePolicy', 'DetachRolePolicy'],
  limitations: 'matched by role and policy_arn: the id the provider stores for a created attachment is random',
  revert: {
    attributes: [],
    unmanaged: true,
    sends: ['iam:DetachRolePolicy'],
    plan: (f, ctx) => {
      const parts = splitId(f.resource.id, '/');
      if (f.kind !== 'unmanaged' || !parts)
        return { unsupported: 'only a hand-made attachment on a managed role is reverted (detached)' };
      const notManaged = notOnManagedRole(parts[0], ctx);
      if (notManaged) return { unsupported: notManaged };
      return { calls: [awsCall('iam', 'DetachRolePolicy', 'global', { RoleName: parts[0], PolicyArn: parts[1] })] };
    },
  },
});
