/**
 * aws_route: one route of a route table, from DescribeRouteTables (the listing aws_route_table
 * makes: memoized, one call serves both). The provider's id is `r-<route table id><hashcode of the
 * destination>` (RouteCreateID); its read sets every target key from the API (absent: ""), with a
 * `vpce-` GatewayId moved to vpc_endpoint_id.
 *
 * Every route is observed and marked noise unless a state manages it as an aws_route, like the
 * entries of a network ACL: a route is also part of its table's `route` attribute, so a route added
 * by hand to a managed table is drift on that table, and a route in a table no state manages comes
 * with its table's unmanaged finding. The noise reason says which case applies: the `local` route
 * of every table, routes propagated from a virtual private gateway, the routes AWS puts in the
 * default VPC's main route table, or any other route (part of its table).
 */
import type { Route, RouteTable } from '@aws-sdk/client-ec2';
import { terraformHashcode } from '../mapping.js';
import { defineResourceType } from './define.js';

export interface RouteItem {
  readonly table: RouteTable;
  readonly route: Route;
  /** True when the table is the main route table of a default VPC (AWS made it and its routes). */
  readonly defaultVpcMain: boolean;
}

/** The destination the provider keys a route by: the IPv4 block, else the IPv6 block, else the prefix list. */
export function routeDestination(r: Route): string {
  return r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '';
}

/** The provider's RouteCreateID. */
export function routeId(routeTableId: string, destination: string): string {
  return `r-${routeTableId}${terraformHashcode(destination)}`;
}

/** Why a route no state manages as an aws_route is expected: every route has a reason. */
function routeNoise(item: RouteItem): string {
  const { route } = item;
  if (route.GatewayId === 'local')
    return 'the local route AWS puts in every route table (it cannot be deleted; Terraform manages it only by import)';
  if (route.Origin === 'EnableVgwRoutePropagation')
    return 'a route propagated from a virtual private gateway (not configuration: it follows the gateway)';
  if (item.defaultVpcMain) return 'a route AWS creates in the main route table of the default VPC';
  return 'part of its route table: compared as aws_route_table.route, reported with the table when no state manages it';
}

export const route = defineResourceType<RouteItem>({
  type: 'aws_route',
  service: 'ec2',
  list: async (repos) => {
    const [tables, vpcs] = await Promise.all([repos.ec2.routeTables(), repos.ec2.vpcs()]);
    const defaultVpcIds = new Set(vpcs.filter((v) => v.IsDefault && v.VpcId).map((v) => v.VpcId as string));
    return tables.flatMap((table) => {
      const defaultVpcMain =
        table.VpcId !== undefined &&
        defaultVpcIds.has(table.VpcId) &&
        (table.Associations ?? []).some((a) => a.Main === true);
      return (table.Routes ?? []).map((r) => ({ table, route: r, defaultVpcMain }));
    });
  },
  observe: (item) => {
    const { table, route: r } = item;
    const tableId = table.RouteTableId ?? '';
    const endpoint = r.GatewayId?.startsWith('vpce-') === true;
    const noise = routeNoise(item);
    return {
      id: routeId(tableId, routeDestination(r)),
      attributes: {
        id: routeId(tableId, routeDestination(r)),
        route_table_id: tableId,
        destination_cidr_block: r.DestinationCidrBlock ?? '',
        destination_ipv6_cidr_block: r.DestinationIpv6CidrBlock ?? '',
        destination_prefix_list_id: r.DestinationPrefixListId ?? '',
        carrier_gateway_id: r.CarrierGatewayId ?? '',
        core_network_arn: r.CoreNetworkArn ?? '',
        egress_only_gateway_id: r.EgressOnlyInternetGatewayId ?? '',
        gateway_id: endpoint ? '' : (r.GatewayId ?? ''),
        vpc_endpoint_id: endpoint ? r.GatewayId : '',
        instance_id: r.InstanceId ?? '',
        instance_owner_id: r.InstanceOwnerId ?? '',
        local_gateway_id: r.LocalGatewayId ?? '',
        nat_gateway_id: r.NatGatewayId ?? '',
        network_interface_id: r.NetworkInterfaceId ?? '',
        transit_gateway_id: r.TransitGatewayId ?? '',
        vpc_peering_connection_id: r.VpcPeeringConnectionId ?? '',
        origin: r.Origin,
        state: r.State,
      },
      noise,
    };
  },
  // Read back for information: the route's origin and state (blackhole) are AWS's, never configuration.
  computed: ['origin', 'state', 'instance_owner_id'],
  // Where a route sends traffic is what it exposes: every target is policy-relevant.
  policy: [
    'gateway_id',
    'nat_gateway_id',
    'network_interface_id',
    'transit_gateway_id',
    'vpc_peering_connection_id',
    'vpc_endpoint_id',
    'egress_only_gateway_id',
    'carrier_gateway_id',
    'core_network_arn',
    'local_gateway_id',
  ],
  forcesReplacement: [
    'route_table_id',
    'destination_cidr_block',
    'destination_ipv6_cidr_block',
    'destination_prefix_list_id',
  ],
  trailEvents: ['CreateRoute', 'DeleteRoute', 'ReplaceRoute'],
  limitations:
    'no revert or prune: a finding carries the hashed route id, not the destination ReplaceRoute and DeleteRoute need',
  codify: {
    arguments: [
      { name: 'route_table_id', required: true },
      { name: 'destination_cidr_block', default: '' },
      { name: 'destination_ipv6_cidr_block', default: '' },
      { name: 'destination_prefix_list_id', default: '' },
      { name: 'gateway_id', default: '' },
      { name: 'nat_gateway_id', default: '' },
      { name: 'network_interface_id', default: '' },
      { name: 'transit_gateway_id', default: '' },
      { name: 'vpc_peering_connection_id', default: '' },
      { name: 'vpc_endpoint_id', default: '' },
      { name: 'egress_only_gateway_id', default: '' },
      { name: 'carrier_gateway_id', default: '' },
      { name: 'core_network_arn', default: '' },
      { name: 'local_gateway_id', default: '' },
    ],
  },
});
