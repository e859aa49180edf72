import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { vpnGateway } from './vpn-gateway.js';

const observedItems = trackObservations(vpnGateway);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_vpn_gateway: ASN as a string, the attached VPC, the zone only when returned', () => {
  const o = vpnGateway.observe(
    {
      VpnGatewayId: 'vgw-1',
      AmazonSideAsn: 64512,
      AvailabilityZone: 'eu-west-1a',
      VpcAttachments: [
        { VpcId: 'vpc-old', State: 'detached' },
        { VpcId: 'vpc-1', State: 'attached' },
      ],
      Tags: [{ Key: 'Name', Value: 'vpn' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'vgw-1',
    amazon_side_asn: '64512',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:vpn-gateway/vgw-1',
    availability_zone: 'eu-west-1a',
    vpc_id: 'vpc-1',
    tags: { Name: 'vpn' },
    tags_all: { Name: 'vpn' },
  });
  const detached = vpnGateway.observe(
    { VpnGatewayId: 'vgw-2', VpcAttachments: [{ VpcId: 'v', State: 'detaching' }] },
    scope,
  );
  assert.equal(detached.attributes['vpc_id'], '');
  assert.equal(
    'availability_zone' in detached.attributes,
    false,
    'not returned: the provider keeps the configured zone',
  );
});

test('aws_vpn_gateway prune deletes the gateway', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_vpn_gateway', id: 'vgw-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(vpnGateway.prune!.plan(finding, ctx), {
    calls: [{ service: 'ec2', operation: 'DeleteVpnGateway', region: 'eu-west-1', input: { VpnGatewayId: 'vgw-1' } }],
  });
});

test('every provider attribute of aws_vpn_gateway is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpnGateway, observedItems);
});
