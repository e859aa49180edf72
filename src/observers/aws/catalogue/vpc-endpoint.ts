/**
 * aws_vpc_endpoint: DescribeVpcEndpoints through the generic listing. The import id is the endpoint
 * id. As the provider's read: the service's prefix list (by name, from one DescribePrefixLists)
 * gives cidr_blocks and prefix_list_id; subnet_configuration comes from the endpoint's network
 * interfaces (one DescribeNetworkInterfaces listing, shared with aws_network_interface, made only
 * when some endpoint has interfaces); an empty endpoint type reads as `Gateway`.
 */
import type { NetworkInterface, PrefixList, VpcEndpoint } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, sortedStrings, tagAttributes } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export interface VpcEndpointItem {
  readonly endpoint: VpcEndpoint;
  /** Prefix lists by name (an AWS service's prefix list is named after the service). */
  readonly prefixLists: ReadonlyMap<string, PrefixList>;
  /** Network interfaces by id. */
  readonly interfaces: ReadonlyMap<string, NetworkInterface>;
}

/** Every network interface of the region: one listing shared by the types that need it. */
export function networkInterfaces(repos: AwsRepositories): Promise<NetworkInterface[]> {
  return repos.listing.list('ec2', 'DescribeNetworkInterfaces', {}, (page) => page.NetworkInterfaces, 1000);
}

export const vpcEndpoint = defineResourceType<VpcEndpointItem>({
  type: 'aws_vpc_endpoint',
  service: 'ec2',
  list: async (repos) => {
    const endpoints = await repos.listing.list('ec2', 'DescribeVpcEndpoints', {}, (page) => page.VpcEndpoints, 1000);
    if (endpoints.length === 0) return [];
    const withInterfaces = endpoints.some((e) => (e.NetworkInterfaceIds ?? []).length > 0);
    const [prefixLists, interfaces] = await Promise.all([
      repos.listing.list('ec2', 'DescribePrefixLists', {}, (page) => page.PrefixLists, 1000),
      withInterfaces ? networkInterfaces(repos) : Promise.resolve([]),
    ]);
    const byName = new Map(prefixLists.map((p) => [p.PrefixListName ?? '', p]));
    const byId = new Map(interfaces.map((i) => [i.NetworkInterfaceId ?? '', i]));
    return endpoints.map((endpoint) => ({ endpoint, prefixLists: byName, interfaces: byId }));
  },
  observe: ({ endpoint: e, prefixLists, interfaces }, scope) => {
    const prefixList = e.ServiceName ? prefixLists.get(e.ServiceName) : undefined;
    const dns = e.DnsOptions;
    return {
      id: e.VpcEndpointId ?? '',
      attributes: {
        id: e.VpcEndpointId,
        arn: arnOf('ec2', scope.region, e.OwnerId ?? '', `vpc-endpoint/${e.VpcEndpointId}`),
        cidr_blocks: prefixList?.Cidrs ?? [],
        dns_entry: (e.DnsEntries ?? []).map((d) => ({
          dns_name: d.DnsName ?? '',
          hosted_zone_id: d.HostedZoneId ?? '',
        })),
        dns_options: dns
          ? [
              {
                dns_record_ip_type: dns.DnsRecordIpType ?? '',
                private_dns_only_for_inbound_resolver_endpoint: dns.PrivateDnsOnlyForInboundResolverEndpoint ?? false,
              },
            ]
          : [],
        ip_address_type: e.IpAddressType ?? '',
        network_interface_ids: sortedStrings(e.NetworkInterfaceIds),
        owner_id: e.OwnerId ?? '',
        policy: e.PolicyDocument ?? '',
        prefix_list_id: prefixList?.PrefixListId ?? '',
        private_dns_enabled: e.PrivateDnsEnabled ?? false,
        requester_managed: e.RequesterManaged ?? false,
        resource_configuration_arn: e.ResourceConfigurationArn ?? '',
        route_table_ids: sortedStrings(e.RouteTableIds),
        security_group_ids: sortedStrings((e.Groups ?? []).map((g) => g.GroupId)),
        service_name: e.ServiceName ?? '',
        service_network_arn: e.ServiceNetworkArn ?? '',
        service_region: e.ServiceRegion ?? '',
        state: e.State ?? '',
        subnet_configuration: (e.NetworkInterfaceIds ?? [])
          .map((id) => interfaces.get(id))
          .filter((i): i is NetworkInterface => i !== undefined)
          .map((i) => ({ ipv4: i.PrivateIpAddress ?? '', ipv6: i.Ipv6Address ?? '', subnet_id: i.SubnetId ?? '' }))
          .sort((a, b) => a.subnet_id.localeCompare(b.subnet_id) || a.ipv4.localeCompare(b.ipv4)),
        subnet_ids: sortedStrings(e.SubnetIds),
        vpc_endpoint_type: e.VpcEndpointType || 'Gateway',
        vpc_id: e.VpcId,
        ...tagAttributes(e.Tags),
      },
      ...(e.RequesterManaged ? { noise: 'an endpoint an AWS service created and manages in your VPC' } : {}),
    };
  },
  // auto_accept is configuration only: the provider never reads it back.
  computed: ['auto_accept'],
  json: ['policy'],
  sets: ['network_interface_ids', 'route_table_ids', 'security_group_ids', 'subnet_ids', 'subnet_configuration'],
  policy: ['policy', 'private_dns_enabled', 'security_group_ids', 'route_table_ids'],
  forcesReplacement: [
    'resource_configuration_arn',
    'service_name',
    'service_network_arn',
    'service_region',
    'vpc_endpoint_type',
    'vpc_id',
  ],
  trailEvents: [
    'CreateVpcEndpoint',
    'ModifyVpcEndpoint',
    'DeleteVpcEndpoints',
    'AcceptVpcEndpointConnections',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteVpcEndpoints'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteVpcEndpoints', regionOf(f, ctx), { VpcEndpointIds: [f.resource.id ?? ''] })],
    }),
  },
  codify: {
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'service_name', required: true },
      { name: 'vpc_endpoint_type', default: 'Gateway' },
      { name: 'route_table_ids' },
      { name: 'subnet_ids' },
      { name: 'security_group_ids' },
      { name: 'private_dns_enabled', default: false },
      { name: 'policy', json: true },
      { name: 'tags' },
    ],
  },
});
