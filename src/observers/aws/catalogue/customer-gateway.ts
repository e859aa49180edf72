/**
 * aws_customer_gateway: DescribeCustomerGateways (one call returns every gateway of the region: the
 * API has no pagination). The import id is the gateway id. As the provider's read: a `deleted`
 * gateway is gone; the other attributes as returned, the ARN with this account.
 */
import type { CustomerGateway } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const customerGateway = defineResourceType<CustomerGateway>({
  type: 'aws_customer_gateway',
  service: 'ec2',
  list: async (repos) =>
    ((await repos.listing.read('ec2', 'DescribeCustomerGateways', {}))?.CustomerGateways ?? []).filter(
      (g) => g.State !== 'deleted',
    ),
  observe: (g, scope) => ({
    id: g.CustomerGatewayId ?? '',
    attributes: {
      id: g.CustomerGatewayId,
      arn: arnOf('ec2', scope.region, scope.account, `customer-gateway/${g.CustomerGatewayId}`),
      bgp_asn: g.BgpAsn ?? '',
      bgp_asn_extended: g.BgpAsnExtended ?? '',
      certificate_arn: g.CertificateArn ?? '',
      device_name: g.DeviceName ?? '',
      ip_address: g.IpAddress ?? '',
      type: g.Type,
      ...tagAttributes(g.Tags),
    },
  }),
  computed: [],
  // The address and identity of the remote end a VPN trusts.
  policy: ['ip_address', 'certificate_arn', 'bgp_asn'],
  forcesReplacement: ['bgp_asn', 'bgp_asn_extended', 'certificate_arn', 'device_name', 'ip_address', 'type'],
  trailEvents: ['CreateCustomerGateway', 'DeleteCustomerGateway', 'CreateTags', 'DeleteTags'],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteCustomerGateway'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteCustomerGateway', regionOf(f, ctx), { CustomerGatewayId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'type', required: true },
      { name: 'bgp_asn' },
      { name: 'ip_address' },
      { name: 'device_name' },
      { name: 'certificate_arn' },
      { name: 'tags' },
    ],
  },
});
