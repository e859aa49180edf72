import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eip } from './eip.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(eip);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_eip maps DescribeAddresses: id is the allocation id, association fields empty when unassociated', () => {
  const o = eip.observe(
    {
      AllocationId: 'eipalloc-1',
      PublicIp: '198.51.100.7',
      Domain: 'vpc',
      InstanceId: 'i-1',
      AssociationId: 'eipassoc-1',
      PrivateIpAddress: '10.0.0.5',
      PublicIpv4Pool: 'amazon',
      NetworkBorderGroup: 'eu-west-1',
    },
    scope,
  );
  assert.equal(o.id, 'eipalloc-1');
  assert.equal(o.attributes['public_ip'], '198.51.100.7');
  assert.equal(o.attributes['instance'], 'i-1');
  assert.equal(o.attributes['domain'], 'vpc');
  assert.equal(o.attributes['arn'], 'arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-1');
  const free = eip.observe({ AllocationId: 'eipalloc-2', PublicIp: '198.51.100.8', Domain: 'vpc' }, scope);
  assert.equal(free.attributes['instance'], '');
  assert.equal(free.attributes['association_id'], '');
});

test('every provider attribute of aws_eip is observed by these fixtures or declared with a reason', () => {
  assertAccounted(eip, observedItems);
});
