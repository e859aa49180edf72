/**
 * State entries of the network: module.network (VPC, subnets for_each over the zones, internet
 * gateway, public route table) and the root security groups, in hashicorp/aws 5.x shapes.
 */
import type { IpPermission, SecurityGroup, Subnet } from '@aws-sdk/client-ec2';
import type { EstateResources } from '../estate-aws.js';
import { tagsOf, type StateContext, type StateInstance } from './render.js';

const NETWORK = 'module.network';
const VPC_ADDRESS = `${NETWORK}.aws_vpc.main`;

function tagsFrom(
  tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined,
  context: StateContext,
): Record<string, string> {
  // `tags` is what the configuration set: the live tags minus the provider's default_tags.
  const own: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key && !(tag.Key in context.defaultTags)) own[tag.Key] = tag.Value ?? '';
  return own;
}

export function networkInstances(r: EstateResources, context: StateContext): StateInstance[] {
  const vpcId = r.vpc.VpcId ?? '';
  const owner = r.vpc.OwnerId ?? context.account;
  const out: StateInstance[] = [
    {
      module: NETWORK,
      type: 'aws_vpc',
      name: 'main',
      schemaVersion: 1,
      attributes: {
        arn: `arn:aws:ec2:${context.region}:${owner}:vpc/${vpcId}`,
        assign_generated_ipv6_cidr_block: false,
        cidr_block: r.vpc.CidrBlock,
        default_network_acl_id: r.vpcDefaults.defaultNetworkAclId,
        default_route_table_id: r.vpcDefaults.mainRouteTableId,
        default_security_group_id: r.vpcDefaults.defaultSecurityGroupId,
        dhcp_options_id: r.vpc.DhcpOptionsId,
        enable_dns_hostnames: true,
        enable_dns_support: true,
        enable_network_address_usage_metrics: false,
        id: vpcId,
        instance_tenancy: 'default',
        ipv4_ipam_pool_id: null,
        ipv4_netmask_length: null,
        ipv6_association_id: '',
        ipv6_cidr_block: '',
        ipv6_cidr_block_network_border_group: '',
        ipv6_ipam_pool_id: '',
        ipv6_netmask_length: 0,
        main_route_table_id: r.vpcDefaults.mainRouteTableId,
        owner_id: owner,
        ...tagsOf(context, tagsFrom(r.vpc.Tags, context)),
      },
    },
  ];
  for (const [kind, subnets] of [
    ['private', r.privateSubnets],
    ['public', r.publicSubnets],
  ] as const) {
    for (const [az, subnet] of Object.entries(subnets)) out.push(subnetInstance(kind, az, subnet, context));
  }
  const igwId = r.internetGateway.InternetGatewayId ?? '';
  out.push({
    module: NETWORK,
    type: 'aws_internet_gateway',
    name: 'main',
    schemaVersion: 0,
    dependencies: [VPC_ADDRESS],
    attributes: {
      arn: `arn:aws:ec2:${context.region}:${owner}:internet-gateway/${igwId}`,
      id: igwId,
      owner_id: owner,
      ...tagsOf(context, tagsFrom(r.internetGateway.Tags, context)),
      timeouts: null,
      vpc_id: vpcId,
    },
  });
  const rtbId = r.routeTable.RouteTableId ?? '';
  out.push({
    module: NETWORK,
    type: 'aws_route_table',
    name: 'public',
    schemaVersion: 0,
    dependencies: [VPC_ADDRESS, `${NETWORK}.aws_internet_gateway.main`],
    attributes: {
      arn: `arn:aws:ec2:${context.region}:${owner}:route-table/${rtbId}`,
      id: rtbId,
      owner_id: owner,
      propagating_vgws: [],
      route: [
        {
          carrier_gateway_id: '',
          cidr_block: '0.0.0.0/0',
          core_network_arn: '',
          destination_prefix_list_id: '',
          egress_only_gateway_id: '',
          gateway_id: igwId,
          ipv6_cidr_block: '',
          local_gateway_id: '',
          nat_gateway_id: '',
          network_interface_id: '',
          transit_gateway_id: '',
          vpc_endpoint_id: '',
          vpc_peering_connection_id: '',
        },
      ],
      ...tagsOf(context, tagsFrom(r.routeTable.Tags, context)),
      timeouts: null,
      vpc_id: vpcId,
    },
  });
  out.push(
    securityGroupInstance('web', r.webSecurityGroup, context),
    securityGroupInstance('bastion', r.bastionSecurityGroup, context),
  );
  return out;
}

function subnetInstance(kind: 'private' | 'public', az: string, s: Subnet, context: StateContext): StateInstance {
  return {
    module: NETWORK,
    type: 'aws_subnet',
    name: kind,
    indexKey: az,
    schemaVersion: 1,
    dependencies: [VPC_ADDRESS],
    attributes: {
      arn: s.SubnetArn ?? `arn:aws:ec2:${context.region}:${context.account}:subnet/${s.SubnetId}`,
      assign_ipv6_address_on_creation: false,
      availability_zone: az,
      availability_zone_id: s.AvailabilityZoneId,
      cidr_block: s.CidrBlock,
      customer_owned_ipv4_pool: '',
      enable_dns64: false,
      enable_lni_at_device_index: 0,
      enable_resource_name_dns_a_record_on_launch: false,
      enable_resource_name_dns_aaaa_record_on_launch: false,
      id: s.SubnetId,
      ipv6_cidr_block: '',
      ipv6_cidr_block_association_id: '',
      ipv6_native: false,
      map_customer_owned_ip_on_launch: false,
      map_public_ip_on_launch: kind === 'public',
      outpost_arn: '',
      owner_id: s.OwnerId ?? context.account,
      private_dns_hostname_type_on_launch: 'ip-name',
      ...tagsOf(context, tagsFrom(s.Tags, context)),
      timeouts: null,
      vpc_id: s.VpcId,
    },
  };
}

/** The configured rules, in the provider's inline-rule shape (one object per rule block). */
function rulesOf(permissions: ReadonlyArray<IpPermission>): Record<string, unknown>[] {
  return permissions.flatMap((p) =>
    (p.IpRanges ?? []).map((range) => ({
      cidr_blocks: [range.CidrIp],
      description: range.Description ?? '',
      from_port: p.IpProtocol === '-1' ? 0 : p.FromPort,
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      protocol: p.IpProtocol,
      security_groups: [],
      self: false,
      to_port: p.IpProtocol === '-1' ? 0 : p.ToPort,
    })),
  );
}

function securityGroupInstance(name: string, g: SecurityGroup, context: StateContext): StateInstance {
  return {
    type: 'aws_security_group',
    name,
    schemaVersion: 1,
    dependencies: [VPC_ADDRESS],
    attributes: {
      arn: `arn:aws:ec2:${context.region}:${g.OwnerId ?? context.account}:security-group/${g.GroupId}`,
      description: g.Description,
      egress: rulesOf(g.IpPermissionsEgress ?? []),
      id: g.GroupId,
      ingress: rulesOf(g.IpPermissions ?? []),
      name: g.GroupName,
      name_prefix: '',
      owner_id: g.OwnerId ?? context.account,
      revoke_rules_on_delete: false,
      ...tagsOf(context, tagsFrom(g.Tags, context)),
      timeouts: null,
      vpc_id: g.VpcId,
    },
  };
}
