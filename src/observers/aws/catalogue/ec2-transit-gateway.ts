/**
 * aws_ec2_transit_gateway: DescribeTransitGateways through the generic listing. The import id is
 * the gateway id. As the provider's read: a `deleted` gateway is gone; the options as returned
 * (enable/disable strings, amazon_side_asn a number, the CIDR blocks a set); the ARN as AWS gives it.
 */
import type { TransitGateway } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const ec2TransitGateway = defineResourceType<TransitGateway>({
  type: 'aws_ec2_transit_gateway',
  service: 'ec2',
  list: async (repos) =>
    (await repos.listing.list('ec2', 'DescribeTransitGateways', {}, (page) => page.TransitGateways, 1000)).filter(
      (g) => g.State !== 'deleted',
    ),
  observe: (g) => {
    const o = g.Options ?? {};
    return {
      id: g.TransitGatewayId ?? '',
      attributes: {
        id: g.TransitGatewayId,
        amazon_side_asn: o.AmazonSideAsn ?? 0,
        arn: g.TransitGatewayArn ?? '',
        association_default_route_table_id: o.AssociationDefaultRouteTableId ?? '',
        auto_accept_shared_attachments: o.AutoAcceptSharedAttachments ?? '',
        default_route_table_association: o.DefaultRouteTableAssociation ?? '',
        default_route_table_propagation: o.DefaultRouteTablePropagation ?? '',
        description: g.Description ?? '',
        dns_support: o.DnsSupport ?? '',
        multicast_support: o.MulticastSupport ?? '',
        owner_id: g.OwnerId ?? '',
        propagation_default_route_table_id: o.PropagationDefaultRouteTableId ?? '',
        security_group_referencing_support: o.SecurityGroupReferencingSupport ?? '',
        transit_gateway_cidr_blocks: sortedStrings(o.TransitGatewayCidrBlocks),
        vpn_ecmp_support: o.VpnEcmpSupport ?? '',
        ...tagAttributes(g.Tags),
      },
    };
  },
  computed: [],
  sets: ['transit_gateway_cidr_blocks'],
  // Shared attachments accepted without review, and which networks are routed to each other by default.
  policy: [
    'auto_accept_shared_attachments',
    'default_route_table_association',
    'default_route_table_propagation',
    'security_group_referencing_support',
  ],
  forcesReplacement: ['multicast_support'],
  trailEvents: ['CreateTransitGateway', 'ModifyTransitGateway', 'DeleteTransitGateway', 'CreateTags', 'DeleteTags'],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteTransitGateway'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteTransitGateway', regionOf(f, ctx), { TransitGatewayId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'description' },
      { name: 'amazon_side_asn', default: 64512 },
      { name: 'auto_accept_shared_attachments', default: 'disable' },
      { name: 'default_route_table_association', default: 'enable' },
      { name: 'default_route_table_propagation', default: 'enable' },
      { name: 'dns_support', default: 'enable' },
      { name: 'vpn_ecmp_support', default: 'enable' },
      { name: 'transit_gateway_cidr_blocks' },
      { name: 'tags' },
    ],
  },
});
