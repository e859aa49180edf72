/**
 * aws_iam_policy: customer-managed policies from GetAccountAuthorizationDetails (which carries
 * every version's document, so no GetPolicyVersion per policy), tags from ListPolicyTags per
 * policy. The provider's id and import id are the policy ARN; `policy` is the default version.
 */
import { tagAttributes } from '../mapping.js';
import { decodePolicyDocument, type ManagedPolicyWithTags } from '../repositories/iam.js';
import { defineResourceType } from './define.js';

export const iamPolicy = defineResourceType<ManagedPolicyWithTags>({
  type: 'aws_iam_policy',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.managedPolicies(),
  observe: ({ policy: p, tags }) => {
    const current =
      p.PolicyVersionList?.find((v) => v.IsDefaultVersion) ??
      p.PolicyVersionList?.find((v) => v.VersionId === p.DefaultVersionId);
    return {
      id: p.Arn ?? '',
      attributes: {
        id: p.Arn,
        arn: p.Arn,
        // The emulator omits PolicyName here; the name is always the ARN's last segment.
        name: p.PolicyName ?? p.Arn?.slice(p.Arn.lastIndexOf('/') + 1),
        path: p.Path ?? '/',
        description: p.Description ?? '',
        policy_id: p.PolicyId,
        policy: decodePolicyDocument(current?.Document) ?? '',
        attachment_count: p.AttachmentCount ?? 0,
        ...tagAttributes(tags),
      },
    };
  },
  // attachment_count changes whenever anyone attaches the policy: the attachments themselves are compared.
  computed: ['name_prefix', 'policy_id', 'attachment_count'],
  json: ['policy'],
  policyType: true,
  policy: ['policy'],
  defaults: [{ path: 'path', value: '/', why: 'IAM puts policies under path / unless set' }],
  forcesReplacement: ['name', 'name_prefix', 'path', 'description'],
  trailEvents: [
    'CreatePolicy',
    'DeletePolicy',
    'CreatePolicyVersion',
    'DeletePolicyVersion',
    'SetDefaultPolicyVersion',
    'TagPolicy',
    'UntagPolicy',
  ],
  limitations:
    'tags cost one ListPolicyTags call per customer-managed policy (GetAccountAuthorizationDetails omits them)',
});
