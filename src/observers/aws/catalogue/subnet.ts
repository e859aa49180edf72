/** aws_subnet: DescribeSubnets. The import id is the subnet id. */
import type { Subnet } from '@aws-sdk/client-ec2';
import { tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const subnet = defineResourceType<Subnet>({
  type: 'aws_subnet',
  service: 'ec2',
  list: (repos) => repos.ec2.subnets(),
  observe: (s) => {
    const ipv6 = s.Ipv6CidrBlockAssociationSet?.find((a) => a.Ipv6CidrBlockState?.State === 'associated');
    const dns = s.PrivateDnsNameOptionsOnLaunch;
    return {
      id: s.SubnetId ?? '',
      attributes: {
        id: s.SubnetId,
        arn: s.SubnetArn,
        vpc_id: s.VpcId,
        cidr_block: s.CidrBlock,
        availability_zone: s.AvailabilityZone,
        availability_zone_id: s.AvailabilityZoneId,
        map_public_ip_on_launch: s.MapPublicIpOnLaunch ?? false,
        assign_ipv6_address_on_creation: s.AssignIpv6AddressOnCreation ?? false,
        ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '',
        ipv6_cidr_block_association_id: ipv6?.AssociationId ?? '',
        ipv6_native: s.Ipv6Native ?? false,
        enable_dns64: s.EnableDns64 ?? false,
        enable_resource_name_dns_a_record_on_launch: dns?.EnableResourceNameDnsARecord ?? false,
        enable_resource_name_dns_aaaa_record_on_launch: dns?.EnableResourceNameDnsAAAARecord ?? false,
        private_dns_hostname_type_on_launch: dns?.HostnameType,
        map_customer_owned_ip_on_launch: s.MapCustomerOwnedIpOnLaunch ?? false,
        customer_owned_ipv4_pool: s.CustomerOwnedIpv4Pool ?? '',
        outpost_arn: s.OutpostArn ?? '',
        owner_id: s.OwnerId,
        ...tagAttributes(s.Tags),
      },
      ...(s.DefaultForAz
        ? { noise: 'a default subnet of the default VPC (Terraform manages it only as aws_default_subnet)' }
        : {}),
    };
  },
  computed: ['enable_lni_at_device_index', 'ipv4_ipam_pool_id', 'ipv6_ipam_pool_id'],
  defaults: [
    {
      path: 'private_dns_hostname_type_on_launch',
      value: 'ip-name',
      why: 'AWS names instances by IP unless told otherwise',
    },
  ],
  policy: ['map_public_ip_on_launch'],
  forcesReplacement: [
    'vpc_id',
    'cidr_block',
    'availability_zone',
    'availability_zone_id',
    'outpost_arn',
    'ipv6_native',
  ],
  trailEvents: [
    'CreateSubnet',
    'DeleteSubnet',
    'ModifySubnetAttribute',
    'AssociateSubnetCidrBlock',
    'DisassociateSubnetCidrBlock',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  codify: {
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'cidr_block', required: true },
      { name: 'availability_zone' },
      { name: 'map_public_ip_on_launch', default: false },
      { name: 'assign_ipv6_address_on_creation', default: false },
      { name: 'ipv6_cidr_block' },
      { name: 'tags' },
    ],
  },
});
