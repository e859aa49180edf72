/**
 * aws_iam_user_policy_attachment: managed policies attached to users, from
 * GetAccountAuthorizationDetails (shared). As with role attachments, the provider stores a random
 * id for a created attachment; the observed id is the import id `<user>/<policy_arn>`.
 */
import type { PolicyAttachment } from '../repositories/iam.js';
import { defineResourceType } from './define.js';

export const iamUserPolicyAttachment = defineResourceType<PolicyAttachment>({
  type: 'aws_iam_user_policy_attachment',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.userPolicyAttachments(),
  observe: (a) => ({
    id: `${a.principalName}/${a.policyArn}`,
    attributes: { id: `${a.principalName}/${a.policyArn}`, user: a.principalName, policy_arn: a.policyArn },
  }),
  policyType: true,
  policy: ['user', 'policy_arn'],
  forcesReplacement: ['user', 'policy_arn'],
  // The provider stores a random id for a created attachment; AWS knows it by user and policy.
  identityAttributes: ['user', 'policy_arn'],
  trailEvents: ['AttachUserPolicy', 'DetachUserPolicy'],
  limitations: 'matched by user and policy_arn: the id the provider stores for a created attachment is random',
});
