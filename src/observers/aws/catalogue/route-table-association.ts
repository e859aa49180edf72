/**
 * aws_route_table_association: the subnet and gateway associations of every route table, from
 * DescribeRouteTables (the listing aws_route_table makes: memoized, one call serves all three). The
 * provider's id is the association id (`rtbassoc-…`); its read sets route_table_id, subnet_id and
 * gateway_id (absent: ""). A main association is another Terraform type
 * (aws_main_route_table_association) and a `disassociated` one is gone (the provider's finder treats
 * it as not found): neither is an item of this type.
 */
import type { RouteTable, RouteTableAssociation } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

export const routeTableAssociation = defineResourceType<RouteTableAssociation>({
  type: 'aws_route_table_association',
  service: 'ec2',
  list: async (repos) =>
    (await repos.ec2.routeTables()).flatMap((t: RouteTable) =>
      (t.Associations ?? []).filter((a) => a.Main !== true && a.AssociationState?.State !== 'disassociated'),
    ),
  observe: (a) => ({
    id: a.RouteTableAssociationId ?? '',
    attributes: {
      id: a.RouteTableAssociationId,
      route_table_id: a.RouteTableId,
      subnet_id: a.SubnetId ?? '',
      gateway_id: a.GatewayId ?? '',
    },
  }),
  computed: [],
  // Which table routes a subnet decides where its traffic goes.
  policy: ['route_table_id'],
  forcesReplacement: ['subnet_id', 'gateway_id'],
  trailEvents: ['AssociateRouteTable', 'DisassociateRouteTable', 'ReplaceRouteTableAssociation'],
  // No revert: ReplaceRouteTableAssociation gives the association a new id, which the state would
  // not hold (the provider's refresh would then lose it); the table change is reported for a person.
  limitations: 'no revert: moving an association back gives it a new id the state does not hold',
  prune: {
    sends: ['ec2:DisassociateRouteTable'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DisassociateRouteTable', regionOf(f, ctx), { AssociationId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'route_table_id', required: true },
      { name: 'subnet_id', default: '' },
      { name: 'gateway_id', default: '' },
    ],
  },
});
