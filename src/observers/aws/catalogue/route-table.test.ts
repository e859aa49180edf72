import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeTable } from './route-table.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(routeTable);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_route_table leaves out the local and propagated routes, splits gateway kinds, and marks the main table as noise', () => {
  const o = routeTable.observe(
    {
      RouteTableId: 'rtb-1',
      VpcId: 'vpc-1',
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable' },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', Origin: 'CreateRoute' },
        { DestinationIpv6CidrBlock: '::/0', GatewayId: 'eigw-1', Origin: 'CreateRoute' },
        { DestinationPrefixListId: 'pl-1', GatewayId: 'vpce-1', Origin: 'CreateRoute' },
        { DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'vgw-1', Origin: 'EnableVgwRoutePropagation' },
      ],
      PropagatingVgws: [{ GatewayId: 'vgw-1' }],
      Associations: [{ Main: false, SubnetId: 'subnet-1' }],
    },
    scope,
  );
  const routes = o.attributes['route'] as Record<string, string>[];
  assert.equal(routes.length, 3);
  assert.equal(routes[0]?.['gateway_id'], 'igw-1');
  assert.equal(routes[0]?.['cidr_block'], '0.0.0.0/0');
  assert.equal(routes[0]?.['nat_gateway_id'], '', 'every target key is present, empty when unused');
  assert.equal(routes[1]?.['egress_only_gateway_id'], 'eigw-1');
  assert.equal(routes[1]?.['gateway_id'], '');
  assert.equal(routes[2]?.['vpc_endpoint_id'], 'vpce-1');
  assert.equal(routes[2]?.['gateway_id'], '');
  assert.deepEqual(o.attributes['propagating_vgws'], ['vgw-1']);
  assert.equal(o.noise, undefined);
  assert.match(
    routeTable.observe({ RouteTableId: 'rtb-m', Associations: [{ Main: true }] }, scope).noise ?? '',
    /main route table/,
  );
});

test('every provider attribute of aws_route_table is observed by these fixtures or declared with a reason', () => {
  assertAccounted(routeTable, observedItems);
});
