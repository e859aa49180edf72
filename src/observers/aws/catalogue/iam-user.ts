/**
 * aws_iam_user: GetAccountAuthorizationDetails (shared; carries tags and the permissions
 * boundary, which ListUsers omits). The provider's id and import id are the user name.
 */
import type { UserDetail } from '@aws-sdk/client-iam';
import { tagAttributes } from '../mapping.js';
import { defineResourceType } from './define.js';

export const iamUser = defineResourceType<UserDetail>({
  type: 'aws_iam_user',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.userDetails(),
  observe: (u) => ({
    id: u.UserName ?? '',
    attributes: {
      id: u.UserName,
      arn: u.Arn,
      name: u.UserName,
      path: u.Path ?? '/',
      unique_id: u.UserId,
      permissions_boundary: u.PermissionsBoundary?.PermissionsBoundaryArn ?? '',
      ...tagAttributes(u.Tags),
    },
  }),
  // force_destroy is configuration-only (what to do on delete), unique_id is set by AWS.
  computed: ['force_destroy', 'unique_id'],
  policyType: true,
  policy: ['permissions_boundary'],
  defaults: [{ path: 'path', value: '/', why: 'IAM puts users under path / unless set' }],
  // Name and path are updated in place (UpdateUser): nothing forces a new user.
  forcesReplacement: [],
  trailEvents: [
    'CreateUser',
    'DeleteUser',
    'UpdateUser',
    'PutUserPermissionsBoundary',
    'DeleteUserPermissionsBoundary',
    'AttachUserPolicy',
    'DetachUserPolicy',
    'PutUserPolicy',
    'DeleteUserPolicy',
    'TagUser',
    'UntagUser',
  ],
});
