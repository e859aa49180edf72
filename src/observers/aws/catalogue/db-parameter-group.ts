/**
 * aws_db_parameter_group: DescribeDBParameterGroups, one paginated bulk call per region (100 a page).
 * The provider's id and import id are the group name. The `parameter` set (DescribeDBParameters,
 * paged per group) and the tags (ListTagsForResource per group) are unread. The `default.<family>`
 * groups RDS creates are observed as noise.
 */
import type { DBParameterGroup } from '@aws-sdk/client-rds';
import { awsCall, regionOf } from '../calls.js';
import { unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const dbParameterGroup = defineResourceType<DBParameterGroup>({
  type: 'aws_db_parameter_group',
  service: 'rds',
  list: (repos) => repos.listing.list('rds', 'DescribeDBParameterGroups', {}, (page) => page.DBParameterGroups, 100),
  observe: (g) => ({
    id: g.DBParameterGroupName ?? '',
    attributes: {
      id: g.DBParameterGroupName,
      name: g.DBParameterGroupName,
      arn: g.DBParameterGroupArn,
      description: g.Description ?? '',
      family: g.DBParameterGroupFamily ?? '',
    },
    ...(g.DBParameterGroupName?.startsWith('default.')
      ? { noise: 'a default parameter group RDS creates for its engine family (default.*): no state can create it' }
      : {}),
  }),
  unread: [
    ...unread('DescribeDBParameters is paged per group: the parameter set is not read', 'parameter'),
    ...unread(
      'DescribeDBParameterGroups returns no tags; ListTagsForResource is one call per group: not read',
      'tags',
      'tags_all',
    ),
  ],
  // Configuration-only: the name prefix, and whether destroy leaves the group in place.
  computed: ['name_prefix', 'skip_destroy'],
  forcesReplacement: ['name', 'name_prefix', 'family', 'description'],
  trailEvents: [
    'CreateDBParameterGroup',
    'ModifyDBParameterGroup',
    'ResetDBParameterGroup',
    'DeleteDBParameterGroup',
    'AddTagsToResource',
    'RemoveTagsFromResource',
  ],
  limitations: 'the parameter set is not compared (one paged DescribeDBParameters per group)',
  prune: {
    sends: ['rds:DeleteDBParameterGroup'],
    plan: (f, ctx) => ({
      calls: [awsCall('rds', 'DeleteDBParameterGroup', regionOf(f, ctx), { DBParameterGroupName: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'family', required: true },
      { name: 'description', default: 'Managed by Terraform' },
    ],
  },
});
