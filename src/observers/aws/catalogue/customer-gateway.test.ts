import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { customerGateway } from './customer-gateway.js';

const observedItems = trackObservations(customerGateway);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_customer_gateway maps DescribeCustomerGateways; absent fields are ""', () => {
  const o = customerGateway.observe(
    {
      CustomerGatewayId: 'cgw-1',
      BgpAsn: '65000',
      IpAddress: '203.0.113.10',
      Type: 'ipsec.1',
      State: 'available',
      DeviceName: 'edge',
      Tags: [{ Key: 'Name', Value: 'office' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'cgw-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:customer-gateway/cgw-1',
    bgp_asn: '65000',
    bgp_asn_extended: '',
    certificate_arn: '',
    device_name: 'edge',
    ip_address: '203.0.113.10',
    type: 'ipsec.1',
    tags: { Name: 'office' },
    tags_all: { Name: 'office' },
  });
});

test('aws_customer_gateway prune deletes the gateway', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_customer_gateway', id: 'cgw-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(customerGateway.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DeleteCustomerGateway',
        region: 'eu-west-1',
        input: { CustomerGatewayId: 'cgw-1' },
      },
    ],
  });
});

test('every provider attribute of aws_customer_gateway is observed by these fixtures or declared with a reason', () => {
  assertAccounted(customerGateway, observedItems);
});
