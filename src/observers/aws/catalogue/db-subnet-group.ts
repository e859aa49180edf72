/**
 * aws_db_subnet_group: DescribeDBSubnetGroups, one paginated bulk call per region (100 a page). The
 * provider's id and import id are the group name. As the provider's read: `subnet_ids` and
 * `supported_network_types` sets, `vpc_id` the group's VPC. Tags need ListTagsForResource per
 * group: unread. The `default` group RDS creates in each default VPC is observed as noise.
 */
import type { DBSubnetGroup } from '@aws-sdk/client-rds';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { sortedStrings, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const dbSubnetGroup = defineResourceType<DBSubnetGroup>({
  type: 'aws_db_subnet_group',
  service: 'rds',
  list: (repos) => repos.listing.list('rds', 'DescribeDBSubnetGroups', {}, (page) => page.DBSubnetGroups, 100),
  observe: (g) => ({
    id: g.DBSubnetGroupName ?? '',
    attributes: {
      id: g.DBSubnetGroupName,
      name: g.DBSubnetGroupName,
      arn: g.DBSubnetGroupArn,
      description: g.DBSubnetGroupDescription ?? '',
      subnet_ids: sortedStrings(g.Subnets?.map((s) => s.SubnetIdentifier)),
      supported_network_types: sortedStrings(g.SupportedNetworkTypes),
      vpc_id: g.VpcId ?? '',
    },
    ...(g.DBSubnetGroupName === 'default'
      ? { noise: 'the subnet group RDS creates for the default VPC (name "default")' }
      : {}),
  }),
  unread: unread(
    'DescribeDBSubnetGroups returns no tags; ListTagsForResource is one call per group: not read',
    'tags',
    'tags_all',
  ),
  // Configuration-only: the provider derives the name from name_prefix once.
  computed: ['name_prefix'],
  sets: ['subnet_ids', 'supported_network_types'],
  // Which subnets (and so which networks) the databases can be placed in.
  policy: ['subnet_ids'],
  forcesReplacement: ['name', 'name_prefix'],
  trailEvents: [
    'CreateDBSubnetGroup',
    'ModifyDBSubnetGroup',
    'DeleteDBSubnetGroup',
    'AddTagsToResource',
    'RemoveTagsFromResource',
  ],
  revert: {
    attributes: ['subnet_ids', 'description'],
    sends: ['rds:ModifyDBSubnetGroup'],
    plan: (f, ctx) => {
      const subnets = recordedOf(f, 'subnet_ids');
      const description = recordedOf(f, 'description');
      // ModifyDBSubnetGroup always takes the full subnet list.
      if (f.changes.some((c) => c.path !== 'subnet_ids' && c.path !== 'description'))
        return { unsupported: 'only subnet_ids and description are reverted' };
      if (!Array.isArray(subnets) && subnets !== undefined)
        return { unsupported: 'the recorded subnet_ids are not available' };
      if (subnets === undefined) return { unsupported: 'ModifyDBSubnetGroup needs the recorded subnet_ids' };
      return {
        calls: [
          awsCall('rds', 'ModifyDBSubnetGroup', regionOf(f, ctx), {
            DBSubnetGroupName: f.resource.id,
            SubnetIds: subnets.map(String),
            ...(typeof description === 'string' ? { DBSubnetGroupDescription: description } : {}),
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['rds:DeleteDBSubnetGroup'],
    plan: (f, ctx) => ({
      calls: [awsCall('rds', 'DeleteDBSubnetGroup', regionOf(f, ctx), { DBSubnetGroupName: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'subnet_ids', required: true },
      { name: 'description', default: 'Managed by Terraform' },
    ],
  },
});
