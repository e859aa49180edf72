/**
 * aws_route_table: DescribeRouteTables. The import id is the route table id. `route` is a set of
 * objects with every target key present ("" when unused), as the provider stores it; the `local`
 * route and routes propagated from a virtual private gateway are left out, as the provider leaves
 * them out (they are not configuration).
 */
import type { Route, RouteTable } from '@aws-sdk/client-ec2';
import { arnOf, sortedStrings, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export function routeOf(r: Route): Record<string, string> {
  const isCoreNetwork = r.CoreNetworkArn !== undefined;
  return {
    cidr_block: r.DestinationCidrBlock ?? '',
    ipv6_cidr_block: r.DestinationIpv6CidrBlock ?? '',
    destination_prefix_list_id: r.DestinationPrefixListId ?? '',
    carrier_gateway_id: r.CarrierGatewayId ?? '',
    core_network_arn: isCoreNetwork ? (r.CoreNetworkArn as string) : '',
    // The API reports egress-only gateways under GatewayId too; the provider splits them.
    egress_only_gateway_id: r.EgressOnlyInternetGatewayId ?? (r.GatewayId?.startsWith('eigw-') ? r.GatewayId : ''),
    gateway_id: r.GatewayId && !r.GatewayId.startsWith('eigw-') && !r.GatewayId.startsWith('vpce-') ? r.GatewayId : '',
    local_gateway_id: r.LocalGatewayId ?? '',
    nat_gateway_id: r.NatGatewayId ?? '',
    network_interface_id: r.NetworkInterfaceId ?? '',
    transit_gateway_id: r.TransitGatewayId ?? '',
    vpc_endpoint_id: r.GatewayId?.startsWith('vpce-') ? r.GatewayId : '',
    vpc_peering_connection_id: r.VpcPeeringConnectionId ?? '',
  };
}

export const routeTable = defineResourceType<RouteTable>({
  type: 'aws_route_table',
  service: 'ec2',
  list: (repos) => repos.ec2.routeTables(),
  observe: (t, scope) => {
    const routes = (t.Routes ?? [])
      .filter((r) => r.GatewayId !== 'local' && r.Origin !== 'EnableVgwRoutePropagation')
      .map(routeOf);
    const isMain = (t.Associations ?? []).some((a) => a.Main);
    return {
      id: t.RouteTableId ?? '',
      attributes: {
        id: t.RouteTableId,
        arn: arnOf('ec2', scope.region, t.OwnerId ?? scope.account, `route-table/${t.RouteTableId}`),
        vpc_id: t.VpcId,
        owner_id: t.OwnerId,
        route: routes,
        propagating_vgws: sortedStrings(t.PropagatingVgws?.map((v) => v.GatewayId)),
        ...tagAttributes(t.Tags),
      },
      ...(isMain
        ? { noise: 'the main route table AWS creates with every VPC (Terraform manages it as aws_default_route_table)' }
        : {}),
    };
  },
  computed: [],
  sets: ['route', 'propagating_vgws'],
  policy: ['route'],
  forcesReplacement: ['vpc_id'],
  trailEvents: [
    'CreateRouteTable',
    'DeleteRouteTable',
    'CreateRoute',
    'DeleteRoute',
    'ReplaceRoute',
    'EnableVgwRoutePropagation',
    'DisableVgwRoutePropagation',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
});
