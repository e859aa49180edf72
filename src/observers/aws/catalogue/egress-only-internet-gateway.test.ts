import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { egressOnlyInternetGateway } from './egress-only-internet-gateway.js';

const observedItems = trackObservations(egressOnlyInternetGateway);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_egress_only_internet_gateway maps the attached VPC and tags; a gateway not attached has vpc_id ""', () => {
  const o = egressOnlyInternetGateway.observe(
    {
      EgressOnlyInternetGatewayId: 'eigw-1',
      Attachments: [{ VpcId: 'vpc-1', State: 'attached' }],
      Tags: [{ Key: 'Name', Value: 'v6' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, { id: 'eigw-1', vpc_id: 'vpc-1', tags: { Name: 'v6' }, tags_all: { Name: 'v6' } });
  assert.equal(
    egressOnlyInternetGateway.observe({ EgressOnlyInternetGatewayId: 'eigw-2' }, scope).attributes['vpc_id'],
    '',
  );
  // The provider keeps the VPC only while the one attachment is `attached` (a detaching gateway reads "").
  assert.equal(
    egressOnlyInternetGateway.observe(
      { EgressOnlyInternetGatewayId: 'eigw-3', Attachments: [{ VpcId: 'vpc-1', State: 'detaching' }] },
      scope,
    ).attributes['vpc_id'],
    '',
  );
});

test('aws_egress_only_internet_gateway prune deletes the gateway', () => {
  const finding = {
    resource: { type: 'aws_egress_only_internet_gateway', id: 'eigw-1', region: 'eu-west-1', address: 'x' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(egressOnlyInternetGateway.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DeleteEgressOnlyInternetGateway',
        region: 'eu-west-1',
        input: { EgressOnlyInternetGatewayId: 'eigw-1' },
      },
    ],
  });
});

test('every provider attribute of aws_egress_only_internet_gateway is observed by these fixtures or declared with a reason', () => {
  assertAccounted(egressOnlyInternetGateway, observedItems);
});
