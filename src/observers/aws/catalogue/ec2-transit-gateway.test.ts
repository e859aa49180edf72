import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ec2TransitGateway } from './ec2-transit-gateway.js';

const observedItems = trackObservations(ec2TransitGateway);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_ec2_transit_gateway maps the options as the provider stores them', () => {
  const o = ec2TransitGateway.observe(
    {
      TransitGatewayId: 'tgw-1',
      TransitGatewayArn: 'arn:aws:ec2:eu-west-1:123456789012:transit-gateway/tgw-1',
      OwnerId: '123456789012',
      Description: 'hub',
      State: 'available',
      Options: {
        AmazonSideAsn: 64512,
        AutoAcceptSharedAttachments: 'disable',
        DefaultRouteTableAssociation: 'enable',
        AssociationDefaultRouteTableId: 'tgw-rtb-1',
        DefaultRouteTablePropagation: 'enable',
        PropagationDefaultRouteTableId: 'tgw-rtb-1',
        VpnEcmpSupport: 'enable',
        DnsSupport: 'enable',
        MulticastSupport: 'disable',
        SecurityGroupReferencingSupport: 'disable',
        TransitGatewayCidrBlocks: ['10.99.0.0/24', '10.98.0.0/24'],
      },
      Tags: [{ Key: 'Name', Value: 'hub' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'tgw-1',
    amazon_side_asn: 64512,
    arn: 'arn:aws:ec2:eu-west-1:123456789012:transit-gateway/tgw-1',
    association_default_route_table_id: 'tgw-rtb-1',
    auto_accept_shared_attachments: 'disable',
    default_route_table_association: 'enable',
    default_route_table_propagation: 'enable',
    description: 'hub',
    dns_support: 'enable',
    multicast_support: 'disable',
    owner_id: '123456789012',
    propagation_default_route_table_id: 'tgw-rtb-1',
    security_group_referencing_support: 'disable',
    transit_gateway_cidr_blocks: ['10.98.0.0/24', '10.99.0.0/24'],
    vpn_ecmp_support: 'enable',
    tags: { Name: 'hub' },
    tags_all: { Name: 'hub' },
  });
});

test('aws_ec2_transit_gateway prune deletes the gateway', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_ec2_transit_gateway', id: 'tgw-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(ec2TransitGateway.prune!.plan(finding, ctx), {
    calls: [
      { service: 'ec2', operation: 'DeleteTransitGateway', region: 'eu-west-1', input: { TransitGatewayId: 'tgw-1' } },
    ],
  });
});

test('every provider attribute of aws_ec2_transit_gateway is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ec2TransitGateway, observedItems);
});
