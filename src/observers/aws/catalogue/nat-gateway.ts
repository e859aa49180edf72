/**
 * aws_nat_gateway: DescribeNatGateways through the generic listing. The import id is the gateway
 * id. As the provider's read: the primary address (or the only one) gives allocation_id,
 * association_id, network_interface_id, private_ip and public_ip; the other addresses give the
 * secondary allocation ids and private IPs; a `deleted` gateway is gone (the provider's finder
 * treats it as not found), `failed` and `deleting` ones still exist.
 */
import type { NatGateway } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const natGateway = defineResourceType<NatGateway>({
  type: 'aws_nat_gateway',
  service: 'ec2',
  list: async (repos) =>
    (await repos.listing.list('ec2', 'DescribeNatGateways', {}, (page) => page.NatGateways, 1000)).filter(
      (g) => g.State !== 'deleted',
    ),
  observe: (g) => {
    const addresses = g.NatGatewayAddresses ?? [];
    const primary = addresses.find((a) => a.IsPrimary === true || addresses.length === 1);
    const secondary = addresses.filter((a) => a !== primary && a.IsPrimary !== true);
    const secondaryIps = sortedStrings(secondary.map((a) => a.PrivateIp || undefined));
    return {
      id: g.NatGatewayId ?? '',
      attributes: {
        id: g.NatGatewayId,
        // The provider sets these from the primary address only: absent values stay "".
        allocation_id: primary?.AllocationId ?? '',
        association_id: primary?.AssociationId ?? '',
        network_interface_id: primary?.NetworkInterfaceId ?? '',
        private_ip: primary?.PrivateIp ?? '',
        public_ip: primary?.PublicIp ?? '',
        connectivity_type: g.ConnectivityType ?? '',
        secondary_allocation_ids: sortedStrings(secondary.map((a) => a.AllocationId || undefined)),
        secondary_private_ip_address_count: secondaryIps.length,
        secondary_private_ip_addresses: secondaryIps,
        subnet_id: g.SubnetId,
        ...tagAttributes(g.Tags),
      },
    };
  },
  computed: [],
  sets: ['secondary_allocation_ids', 'secondary_private_ip_addresses'],
  // The public address a NAT gateway egresses through is exposure-relevant.
  policy: ['allocation_id', 'public_ip', 'connectivity_type'],
  forcesReplacement: [
    'allocation_id',
    'connectivity_type',
    'private_ip',
    'secondary_private_ip_address_count',
    'subnet_id',
  ],
  trailEvents: [
    'CreateNatGateway',
    'DeleteNatGateway',
    'AssociateNatGatewayAddress',
    'DisassociateNatGatewayAddress',
    'AssignPrivateNatGatewayAddress',
    'UnassignPrivateNatGatewayAddress',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteNatGateway'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteNatGateway', regionOf(f, ctx), { NatGatewayId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'subnet_id', required: true },
      { name: 'connectivity_type', default: 'public' },
      { name: 'allocation_id' },
      { name: 'secondary_allocation_ids' },
      { name: 'tags' },
    ],
  },
});
