/**
 * aws_iam_group_policy: inline policies of groups, from GetAccountAuthorizationDetails (shared).
 * The provider's id and import id are `group_name:policy_name` (see ../iam-inline-policy.ts).
 */
import { defineResourceType } from './define.js';
import { inlinePolicyParts } from '../iam-inline-policy.js';

export const iamGroupPolicy = defineResourceType({
  ...inlinePolicyParts('group'),
  type: 'aws_iam_group_policy',
  list: (repos) => repos.iam.groupInlinePolicies(),
  trailEvents: ['PutGroupPolicy', 'DeleteGroupPolicy', 'DeleteGroup'],
});
