/**
 * aws_placement_group: DescribePlacementGroups (one call returns every group of the region: the API
 * has no pagination). The import id is the group name. As the provider's read: a `deleted` group is
 * gone; the ARN from the name with this account; the other attributes as returned.
 */
import type { PlacementGroup } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, tagAttributes } from '../mapping.js';
import { defineResourceType } from './define.js';

export const placementGroup = defineResourceType<PlacementGroup>({
  type: 'aws_placement_group',
  service: 'ec2',
  list: async (repos) =>
    ((await repos.listing.read('ec2', 'DescribePlacementGroups', {}))?.PlacementGroups ?? []).filter(
      (g) => g.State !== 'deleted',
    ),
  observe: (g, scope) => ({
    id: g.GroupName ?? '',
    attributes: {
      id: g.GroupName,
      arn: arnOf('ec2', scope.region, scope.account, `placement-group/${g.GroupName}`),
      name: g.GroupName,
      partition_count: g.PartitionCount ?? 0,
      placement_group_id: g.GroupId ?? '',
      spread_level: g.SpreadLevel ?? '',
      strategy: g.Strategy,
      ...tagAttributes(g.Tags),
    },
  }),
  computed: [],
  limitations: 'the emulator does not serve DescribePlacementGroups: tested with recorded responses',
  forcesReplacement: ['name', 'partition_count', 'spread_level', 'strategy'],
  trailEvents: ['CreatePlacementGroup', 'DeletePlacementGroup', 'CreateTags', 'DeleteTags'],
  // No tag revert: EC2 tags a placement group by its group id, which a finding (keyed by name) does not carry.
  prune: {
    sends: ['ec2:DeletePlacementGroup'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeletePlacementGroup', regionOf(f, ctx), { GroupName: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'strategy', required: true },
      { name: 'partition_count', when: (a) => a['strategy'] === 'partition' },
      { name: 'spread_level', when: (a) => a['strategy'] === 'spread' },
      { name: 'tags' },
    ],
  },
});
