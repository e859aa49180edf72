import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { natGateway } from './nat-gateway.js';

const observedItems = trackObservations(natGateway);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_nat_gateway maps the primary address to the top-level attributes and the others to the secondary sets', () => {
  const o = natGateway.observe(
    {
      NatGatewayId: 'nat-1',
      SubnetId: 'subnet-1',
      ConnectivityType: 'public',
      State: 'available',
      NatGatewayAddresses: [
        { AllocationId: 'eipalloc-2', PrivateIp: '10.0.1.9', PublicIp: '3.3.3.3', IsPrimary: false },
        {
          AllocationId: 'eipalloc-1',
          AssociationId: 'eipassoc-1',
          NetworkInterfaceId: 'eni-1',
          PrivateIp: '10.0.1.5',
          PublicIp: '1.2.3.4',
          IsPrimary: true,
        },
      ],
      Tags: [{ Key: 'Name', Value: 'egress' }],
    },
    scope,
  );
  assert.equal(o.id, 'nat-1');
  assert.deepEqual(o.attributes, {
    id: 'nat-1',
    allocation_id: 'eipalloc-1',
    association_id: 'eipassoc-1',
    network_interface_id: 'eni-1',
    private_ip: '10.0.1.5',
    public_ip: '1.2.3.4',
    connectivity_type: 'public',
    secondary_allocation_ids: ['eipalloc-2'],
    secondary_private_ip_address_count: 1,
    secondary_private_ip_addresses: ['10.0.1.9'],
    subnet_id: 'subnet-1',
    tags: { Name: 'egress' },
    tags_all: { Name: 'egress' },
  });
});

test('a private NAT gateway with one address (no IsPrimary flag) takes it as primary; absent ids stay ""', () => {
  const o = natGateway.observe(
    {
      NatGatewayId: 'nat-2',
      SubnetId: 'subnet-2',
      ConnectivityType: 'private',
      NatGatewayAddresses: [{ NetworkInterfaceId: 'eni-2', PrivateIp: '10.0.2.7' }],
    },
    scope,
  );
  assert.equal(o.attributes['allocation_id'], '');
  assert.equal(o.attributes['public_ip'], '');
  assert.equal(o.attributes['private_ip'], '10.0.2.7');
  assert.deepEqual(o.attributes['secondary_private_ip_addresses'], []);
  assert.equal(o.attributes['secondary_private_ip_address_count'], 0);
});

test('aws_nat_gateway prune deletes the gateway', () => {
  const finding = {
    resource: { type: 'aws_nat_gateway', id: 'nat-1', region: 'eu-west-1', address: 'aws_nat_gateway."nat-1"' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(natGateway.prune!.plan(finding, ctx), {
    calls: [{ service: 'ec2', operation: 'DeleteNatGateway', region: 'eu-west-1', input: { NatGatewayId: 'nat-1' } }],
  });
});

test('every provider attribute of aws_nat_gateway is observed by these fixtures or declared with a reason', () => {
  assertAccounted(natGateway, observedItems);
});
