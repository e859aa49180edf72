/**
 * aws_elasticache_subnet_group: DescribeCacheSubnetGroups, one paginated bulk call per region (100 a
 * page). The provider's id and import id are the group name (ElastiCache stores it lower-cased). As
 * the provider's read: `subnet_ids` a set, `vpc_id` the group's VPC. Tags need ListTagsForResource
 * per group: unread. The `default` group ElastiCache creates is observed as noise.
 */
import type { CacheSubnetGroup } from '@aws-sdk/client-elasticache';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const elasticacheSubnetGroup = defineResourceType<CacheSubnetGroup>({
  type: 'aws_elasticache_subnet_group',
  service: 'elasticache',
  list: (repos) =>
    repos.listing.list('elasticache', 'DescribeCacheSubnetGroups', {}, (page) => page.CacheSubnetGroups, 100),
  observe: (g) => ({
    id: g.CacheSubnetGroupName ?? '',
    attributes: {
      id: g.CacheSubnetGroupName,
      name: g.CacheSubnetGroupName,
      arn: g.ARN,
      description: g.CacheSubnetGroupDescription ?? '',
      subnet_ids: sortedStrings(g.Subnets?.map((s) => s.SubnetIdentifier)),
      vpc_id: g.VpcId ?? '',
    },
    ...(g.CacheSubnetGroupName === 'default'
      ? { noise: 'the subnet group ElastiCache creates for the default VPC (name "default")' }
      : {}),
  }),
  unread: unread(
    'DescribeCacheSubnetGroups returns no tags; ListTagsForResource is one call per group: not read',
    'tags',
    'tags_all',
  ),
  sets: ['subnet_ids'],
  // ElastiCache lower-cases the name; a state may hold it as written.
  caseInsensitive: ['name'],
  policy: ['subnet_ids'],
  forcesReplacement: ['name'],
  trailEvents: [
    'CreateCacheSubnetGroup',
    'ModifyCacheSubnetGroup',
    'DeleteCacheSubnetGroup',
    'AddTagsToResource',
    'RemoveTagsFromResource',
  ],
  revert: {
    attributes: ['subnet_ids', 'description'],
    sends: ['elasticache:ModifyCacheSubnetGroup'],
    plan: (f, ctx) => {
      const input: { CacheSubnetGroupName: string; SubnetIds?: string[]; CacheSubnetGroupDescription?: string } = {
        CacheSubnetGroupName: f.resource.id ?? '',
      };
      for (const change of f.changes) {
        if (change.path === 'subnet_ids' && Array.isArray(change.recorded))
          input.SubnetIds = change.recorded.map(String);
        else if (change.path === 'description' && typeof change.recorded === 'string')
          input.CacheSubnetGroupDescription = change.recorded;
        else return { unsupported: `${change.path}: no recorded value to put back` };
      }
      return { calls: [awsCall('elasticache', 'ModifyCacheSubnetGroup', regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['elasticache:DeleteCacheSubnetGroup'],
    plan: (f, ctx) => ({
      calls: [
        awsCall('elasticache', 'DeleteCacheSubnetGroup', regionOf(f, ctx), { CacheSubnetGroupName: f.resource.id }),
      ],
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
