/**
 * aws_network_interface: DescribeNetworkInterfaces through the generic listing (shared with
 * aws_vpc_endpoint's subnet_configuration). The import id is the interface id. As the provider's
 * read: the private addresses as a set (private_ips) and in API order (private_ip_list, the primary
 * first), private_ips_count as their number minus the primary, the attachment as a one-element
 * block, security groups by id.
 */
import type { NetworkInterface } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, sortedStrings, tagAttributes, unread } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';
import { networkInterfaces } from './vpc-endpoint.js';

/** Why an interface no state manages as aws_network_interface is expected, or undefined. */
function noiseOf(i: NetworkInterface): string | undefined {
  if (i.RequesterManaged) return 'an interface an AWS service created and manages (its requester-managed flag)';
  if (i.InterfaceType && i.InterfaceType !== 'interface')
    return `an interface AWS creates for a ${i.InterfaceType} (its interface type)`;
  if (i.Attachment?.DeviceIndex === 0 && i.Attachment.InstanceId)
    return 'the primary interface EC2 creates with its instance (part of the aws_instance)';
  return undefined;
}

export const networkInterface = defineResourceType<NetworkInterface>({
  type: 'aws_network_interface',
  service: 'ec2',
  list: (repos) => networkInterfaces(repos),
  observe: (i, scope) => {
    const privateIps = (i.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress ?? '');
    const ipv6 = (i.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? '');
    const attachment = i.Attachment;
    const noise = noiseOf(i);
    return {
      id: i.NetworkInterfaceId ?? '',
      attributes: {
        id: i.NetworkInterfaceId,
        arn: arnOf('ec2', scope.region, i.OwnerId ?? '', `network-interface/${i.NetworkInterfaceId}`),
        attachment: attachment
          ? [
              {
                attachment_id: attachment.AttachmentId ?? '',
                device_index: attachment.DeviceIndex ?? 0,
                instance: attachment.InstanceId ?? '',
              },
            ]
          : [],
        description: i.Description ?? '',
        interface_type: i.InterfaceType ?? '',
        ipv4_prefixes: sortedStrings((i.Ipv4Prefixes ?? []).map((p) => p.Ipv4Prefix)),
        ipv4_prefix_count: (i.Ipv4Prefixes ?? []).length,
        ipv6_address_count: ipv6.length,
        ipv6_address_list: ipv6,
        ipv6_addresses: [...ipv6].sort(),
        ipv6_prefixes: sortedStrings((i.Ipv6Prefixes ?? []).map((p) => p.Ipv6Prefix)),
        ipv6_prefix_count: (i.Ipv6Prefixes ?? []).length,
        mac_address: i.MacAddress ?? '',
        outpost_arn: i.OutpostArn ?? '',
        owner_id: i.OwnerId ?? '',
        private_dns_name: i.PrivateDnsName ?? '',
        private_ip: i.PrivateIpAddress ?? '',
        private_ips: [...privateIps].sort(),
        // The provider's len(addresses) - 1: the secondary addresses (the primary is private_ip).
        private_ips_count: privateIps.length - 1,
        private_ip_list: privateIps,
        security_groups: sortedStrings((i.Groups ?? []).map((g) => g.GroupId)),
        source_dest_check: i.SourceDestCheck ?? false,
        subnet_id: i.SubnetId,
        ...tagAttributes(i.TagSet),
      },
      ...(noise ? { noise } : {}),
    };
  },
  // Configuration switches the provider never reads back (they choose which list argument applies).
  computed: ['private_ip_list_enabled', 'ipv6_address_list_enabled'],
  unread: unread(
    "the provider's read does not set it (the state keeps the configured value; the API has no field for it)",
    'enable_primary_ipv6',
  ),
  sets: ['attachment', 'ipv4_prefixes', 'ipv6_addresses', 'ipv6_prefixes', 'private_ips', 'security_groups'],
  policy: ['security_groups', 'source_dest_check'],
  forcesReplacement: ['subnet_id', 'interface_type', 'enable_primary_ipv6'],
  trailEvents: [
    'CreateNetworkInterface',
    'DeleteNetworkInterface',
    'AttachNetworkInterface',
    'DetachNetworkInterface',
    'ModifyNetworkInterfaceAttribute',
    'AssignPrivateIpAddresses',
    'UnassignPrivateIpAddresses',
    'AssignIpv6Addresses',
    'UnassignIpv6Addresses',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteNetworkInterface'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteNetworkInterface', regionOf(f, ctx), { NetworkInterfaceId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'subnet_id', required: true },
      { name: 'description' },
      { name: 'private_ips' },
      { name: 'security_groups' },
      { name: 'source_dest_check', default: true },
      { name: 'tags' },
    ],
  },
});
