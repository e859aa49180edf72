/**
 * aws_iam_group: GetAccountAuthorizationDetails (shared with every IAM type, filter Group). The
 * provider's id and import id are the group name; its read (resourceGroupRead, GetGroup) sets
 * arn, name, path and unique_id, all of which the bulk listing returns.
 */
import type { GroupDetail } from '@aws-sdk/client-iam';
import { awsCall, recordedOf } from '../calls.js';
import { defineResourceType } from './define.js';

export const iamGroup = defineResourceType<GroupDetail>({
  type: 'aws_iam_group',
  service: 'iam',
  global: true,
  list: (repos) => repos.iam.groupDetails(),
  observe: (g) => ({
    id: g.GroupName ?? '',
    attributes: { id: g.GroupName, arn: g.Arn, name: g.GroupName, path: g.Path, unique_id: g.GroupId },
  }),
  // unique_id is set by AWS at creation.
  computed: ['unique_id'],
  policyType: true,
  trailEvents: ['CreateGroup', 'UpdateGroup', 'DeleteGroup'],
  revert: {
    attributes: ['path'],
    sends: ['iam:UpdateGroup'],
    plan: (f) => {
      const NewPath = recordedOf(f, 'path');
      if (typeof NewPath !== 'string') return { unsupported: 'the recorded path is not available' };
      return { calls: [awsCall('iam', 'UpdateGroup', 'global', { GroupName: f.resource.id, NewPath })] };
    },
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'path', default: '/' },
    ],
  },
});
