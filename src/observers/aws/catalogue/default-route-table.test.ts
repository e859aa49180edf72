import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { defaultRouteTable } from './default-route-table.js';

const observedItems = trackObservations(defaultRouteTable);
const scope = { account: '123456789012', region: 'eu-west-1' };
const MAIN = {
  RouteTableId: 'rtb-m',
  VpcId: 'vpc-1',
  OwnerId: '123456789012',
  Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-m' }],
  Routes: [
    { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
    { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', Origin: 'CreateRoute' as const },
  ],
};

test('aws_default_route_table observes main tables only; default_route_table_id is the table id; local route left out', async () => {
  const repos = { ec2: { routeTables: async () => [MAIN, { RouteTableId: 'rtb-1', Associations: [] }] } } as never;
  assert.deepEqual(
    (await defaultRouteTable.list(repos, scope)).map((t) => t.RouteTableId),
    ['rtb-m'],
  );
  const o = defaultRouteTable.observe(MAIN, scope);
  assert.equal(o.id, 'rtb-m');
  assert.equal(o.attributes['default_route_table_id'], 'rtb-m');
  assert.equal((o.attributes['route'] as unknown[]).length, 1);
  assert.match(o.noise ?? '', /aws_default_route_table/);
});

test('every provider attribute of aws_default_route_table is observed by these fixtures or declared with a reason', () => {
  assertAccounted(defaultRouteTable, observedItems);
});
