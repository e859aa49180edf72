/**
 * aws_vpn_gateway: DescribeVpnGateways (one call returns every gateway of the region: the API has
 * no pagination). The import id is the gateway id. As the provider's read: a `deleted` gateway is
 * gone; amazon_side_asn as a string; availability_zone only when AWS returns one; vpc_id is the VPC
 * of an `attached` attachment, else "".
 */
import type { VpnGateway } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const vpnGateway = defineResourceType<VpnGateway>({
  type: 'aws_vpn_gateway',
  service: 'ec2',
  list: async (repos) =>
    ((await repos.listing.read('ec2', 'DescribeVpnGateways', {}))?.VpnGateways ?? []).filter(
      (g) => g.State !== 'deleted',
    ),
  observe: (g, scope) => {
    const attached = (g.VpcAttachments ?? []).filter((a) => a.State === 'attached');
    return {
      id: g.VpnGatewayId ?? '',
      attributes: {
        id: g.VpnGatewayId,
        amazon_side_asn: g.AmazonSideAsn === undefined ? '' : String(g.AmazonSideAsn),
        arn: arnOf('ec2', scope.region, scope.account, `vpn-gateway/${g.VpnGatewayId}`),
        // Set only when returned: otherwise the provider keeps the configured zone (not compared).
        ...(g.AvailabilityZone ? { availability_zone: g.AvailabilityZone } : {}),
        // The provider sets the VPC of the last attached attachment.
        vpc_id: attached[attached.length - 1]?.VpcId ?? '',
        ...tagAttributes(g.Tags),
      },
    };
  },
  computed: [],
  policy: ['vpc_id'],
  forcesReplacement: ['amazon_side_asn', 'availability_zone'],
  trailEvents: [
    'CreateVpnGateway',
    'DeleteVpnGateway',
    'AttachVpnGateway',
    'DetachVpnGateway',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteVpnGateway'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteVpnGateway', regionOf(f, ctx), { VpnGatewayId: f.resource.id ?? '' })],
    }),
  },
  codify: { arguments: [{ name: 'vpc_id' }, { name: 'amazon_side_asn' }, { name: 'tags' }] },
});
