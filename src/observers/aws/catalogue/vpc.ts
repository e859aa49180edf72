/** aws_vpc: DescribeVpcs. The import id is the VPC id. */
import type { Vpc, VpcAttributeName } from '@aws-sdk/client-ec2';
import { arnOf, tagAttributes, unread } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** The settings DescribeVpcAttribute reads one at a time, by the provider's attribute name. */
const DEEP_ATTRIBUTES = new Map<string, VpcAttributeName>([
  ['enable_dns_support', 'enableDnsSupport'],
  ['enable_dns_hostnames', 'enableDnsHostnames'],
  ['enable_network_address_usage_metrics', 'enableNetworkAddressUsageMetrics'],
]);

export const vpc = defineResourceType<Vpc>({
  type: 'aws_vpc',
  service: 'ec2',
  list: (repos) => repos.ec2.vpcs(),
  observe: (v, scope) => {
    const ipv6 = v.Ipv6CidrBlockAssociationSet?.find((a) => a.Ipv6CidrBlockState?.State === 'associated');
    return {
      id: v.VpcId ?? '',
      attributes: {
        id: v.VpcId,
        arn: arnOf('ec2', scope.region, v.OwnerId ?? scope.account, `vpc/${v.VpcId}`),
        cidr_block: v.CidrBlock,
        instance_tenancy: v.InstanceTenancy,
        dhcp_options_id: v.DhcpOptionsId,
        owner_id: v.OwnerId,
        ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '',
        ipv6_association_id: ipv6?.AssociationId ?? '',
        ...tagAttributes(v.Tags),
      },
      ...(v.IsDefault
        ? { noise: 'the default VPC AWS creates in every region (Terraform manages it only as aws_default_vpc)' }
        : {}),
    };
  },
  unread: unread(
    'needs DescribeVpcAttribute, one call per VPC and attribute (no bulk form): read with --deep',
    ...DEEP_ATTRIBUTES.keys(),
  ),
  deep: {
    attributes: [...DEEP_ATTRIBUTES.keys()],
    // As the provider's read: each setting from its own DescribeVpcAttribute call.
    read: async (item, repos) => {
      const out: Record<string, unknown> = {};
      for (const [attribute, name] of DEEP_ATTRIBUTES) out[attribute] = await repos.ec2.vpcAttribute(item.id, name);
      return out;
    },
  },
  computed: [
    // Ids of objects AWS creates with the VPC; derived elsewhere, not part of the VPC's configuration.
    'main_route_table_id',
    'default_route_table_id',
    'default_network_acl_id',
    'default_security_group_id',
    // Configuration-only inputs the API does not echo back.
    'assign_generated_ipv6_cidr_block',
    'ipv4_ipam_pool_id',
    'ipv4_netmask_length',
    'ipv6_ipam_pool_id',
    'ipv6_netmask_length',
    'ipv6_cidr_block_network_border_group',
  ],
  defaults: [
    { path: 'instance_tenancy', value: 'default', why: 'AWS reports tenancy `default` when none was requested' },
  ],
  forcesReplacement: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
  trailEvents: [
    'CreateVpc',
    'DeleteVpc',
    'ModifyVpcAttribute',
    'ModifyVpcTenancy',
    'AssociateVpcCidrBlock',
    'DisassociateVpcCidrBlock',
    'CreateTags',
    'DeleteTags',
  ],
  limitations:
    'enable_dns_support, enable_dns_hostnames and enable_network_address_usage_metrics are compared only with --deep (one DescribeVpcAttribute call per VPC and attribute)',
  revert: ec2TagRevert,
  codify: {
    arguments: [
      { name: 'cidr_block', required: true },
      { name: 'instance_tenancy', default: 'default' },
      { name: 'enable_dns_support', default: true },
      { name: 'enable_dns_hostnames', default: false },
      { name: 'tags' },
    ],
  },
});
