/**
 * aws_iam_user_policy: inline policies of users, from GetAccountAuthorizationDetails (shared).
 * The provider's id and import id are `user_name:policy_name` (see ../iam-inline-policy.ts).
 */
import { defineResourceType } from './define.js';
import { inlinePolicyParts } from '../iam-inline-policy.js';

export const iamUserPolicy = defineResourceType({
  ...inlinePolicyParts('user'),
  type: 'aws_iam_user_policy',
  list: (repos) => repos.iam.userInlinePolicies(),
  trailEvents: ['PutUserPolicy', 'DeleteUserPolicy', 'DeleteUser'],
});
