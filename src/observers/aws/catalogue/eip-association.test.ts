import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { eipAssociation } from './eip-association.js';

const observedItems = trackObservations(eipAssociation);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_eip_association: the association id and what it binds; always noise (part of its aws_eip)', () => {
  const o = eipAssociation.observe(
    {
      AllocationId: 'eipalloc-1',
      AssociationId: 'eipassoc-1',
      InstanceId: 'i-1',
      NetworkInterfaceId: 'eni-1',
      PrivateIpAddress: '10.0.1.10',
      PublicIp: '203.0.113.5',
      Domain: 'vpc',
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'eipassoc-1',
    allocation_id: 'eipalloc-1',
    instance_id: 'i-1',
    network_interface_id: 'eni-1',
    private_ip_address: '10.0.1.10',
    public_ip: '203.0.113.5',
  });
  assert.match(o.noise ?? '', /aws_eip\.instance/);
});

test('aws_eip_association prune disassociates the address', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_eip_association', id: 'eipassoc-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(eipAssociation.prune!.plan(finding, ctx), {
    calls: [
      { service: 'ec2', operation: 'DisassociateAddress', region: 'eu-west-1', input: { AssociationId: 'eipassoc-1' } },
    ],
  });
});

test('every provider attribute of aws_eip_association is observed by these fixtures or declared with a reason', () => {
  assertAccounted(eipAssociation, observedItems);
});
