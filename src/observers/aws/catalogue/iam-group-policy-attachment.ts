/**
 * aws_iam_group_policy_attachment: managed policies attached to groups, from
 * GetAccountAuthorizationDetails (shared). As with user and role attachments, the provider stores
 * a random id for a created attachment (`<group>-<unique suffix>`); the observed id is the import
 * id `<group>/<policy_arn>` and pairing goes by group and policy ARN.
 */
import type { PolicyAttachment } from '../repositories/iam.js';
import { awsCall } from '../calls.js';
import { defineResourceType } from './define.js';
import { splitId } from './iam-role.js';

export const iamGroupPolicyAttachment = defineResourceType<PolicyAttachment>({
  type: 'aws_iam_group_policy_attachment',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.groupPolicyAttachments(),
  observe: (a) => ({
    id: `${a.principalName}/${a.policyArn}`,
    attributes: { id: `${a.principalName}/${a.policyArn}`, group: a.principalName, policy_arn: a.policyArn },
  }),
  policyType: true,
  policy: ['group', 'policy_arn'],
  forcesReplacement: ['group', 'policy_arn'],
  // The provider stores a random id for a created attachment; AWS knows it by group and policy.
  identityAttributes: ['group', 'policy_arn'],
  trailEvents: ['AttachGroupPolicy', 'DetachGroupPolicy'],
  limitations: 'matched by group and policy_arn: the id the provider stores for a created attachment is random',
  prune: {
    sends: ['iam:DetachGroupPolicy'],
    plan: (f) => {
      const parts = splitId(f.resource.id, '/');
      if (!parts) return { unsupported: `unexpected id ${f.resource.id ?? '(none)'}` };
      const [GroupName, PolicyArn] = parts;
      return { calls: [awsCall('iam', 'DetachGroupPolicy', 'global', { GroupName, PolicyArn })] };
    },
  },
  codify: {
    arguments: [
      { name: 'group', required: true },
      { name: 'policy_arn', required: true },
    ],
  },
});
