/**
 * aws_iam_policy: customer-managed policies from GetAccountAuthorizationDetails (which carries
 * every version's document, so no GetPolicyVersion per policy), tags from ListPolicyTags per
 * policy. The provider's id and import id are the policy ARN; `policy` is the default version.
 */
import { tagAttributes } from '../mapping.js';
import { decodePolicyDocument } from '../repositories/iam-documents.js';
import type { ManagedPolicyWithTags } from '../repositories/iam.js';
import { awsCall } from '../calls.js';
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
  prune: {
    sends: ['iam:DeletePolicy'],
    plan: (f) => ({
      calls: [
        awsCall(
          'iam',
          'DeletePolicy',
          'global',
          { PolicyArn: f.resource.id },
          { note: 'detaches it everywhere and deletes its other versions first', before: 'detachEverywhere' },
        ),
      ],
    }),
  },
  steps: {
    // IAM refuses to delete a policy that is attached or has non-default versions.
    detachEverywhere: {
      before: async (input, ctx) => {
        const PolicyArn = String(input['PolicyArn']);
        const entities = (await ctx.send('iam', 'ListEntitiesForPolicy', { PolicyArn })) as {
          PolicyRoles?: { RoleName?: string }[];
          PolicyUsers?: { UserName?: string }[];
          PolicyGroups?: { GroupName?: string }[];
        };
        for (const { RoleName } of entities.PolicyRoles ?? [])
          await ctx.send('iam', 'DetachRolePolicy', { RoleName, PolicyArn });
        for (const { UserName } of entities.PolicyUsers ?? [])
          await ctx.send('iam', 'DetachUserPolicy', { UserName, PolicyArn });
        for (const { GroupName } of entities.PolicyGroups ?? [])
          await ctx.send('iam', 'DetachGroupPolicy', { GroupName, PolicyArn });
        const versions = (await ctx.send('iam', 'ListPolicyVersions', { PolicyArn })) as {
          Versions?: { VersionId?: string; IsDefaultVersion?: boolean }[];
        };
        for (const { VersionId, IsDefaultVersion } of versions.Versions ?? [])
          if (!IsDefaultVersion) await ctx.send('iam', 'DeletePolicyVersion', { PolicyArn, VersionId });
        return input;
      },
    },
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'path', default: '/' },
      { name: 'description' },
      { name: 'policy', required: true, json: true },
      { name: 'tags' },
    ],
  },
});
