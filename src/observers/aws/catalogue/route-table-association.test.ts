import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { routeTableAssociation } from './route-table-association.js';

const observedItems = trackObservations(routeTableAssociation);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_route_table_association maps a subnet association by its rtbassoc- id, absent targets ""', () => {
  const o = routeTableAssociation.observe(
    {
      RouteTableAssociationId: 'rtbassoc-1',
      RouteTableId: 'rtb-1',
      SubnetId: 'subnet-1',
      Main: false,
      AssociationState: { State: 'associated' },
    },
    scope,
  );
  assert.equal(o.id, 'rtbassoc-1');
  assert.deepEqual(o.attributes, { id: 'rtbassoc-1', route_table_id: 'rtb-1', subnet_id: 'subnet-1', gateway_id: '' });
  const gateway = routeTableAssociation.observe(
    { RouteTableAssociationId: 'rtbassoc-2', RouteTableId: 'rtb-1', GatewayId: 'igw-1' },
    scope,
  );
  assert.equal(gateway.attributes['gateway_id'], 'igw-1');
  assert.equal(gateway.attributes['subnet_id'], '');
});

test('the listing keeps subnet and gateway associations only: main and disassociated ones are not this type', async () => {
  const repos = {
    ec2: {
      routeTables: async () => [
        {
          RouteTableId: 'rtb-1',
          Associations: [
            { RouteTableAssociationId: 'rtbassoc-main', Main: true },
            { RouteTableAssociationId: 'rtbassoc-1', SubnetId: 'subnet-1', AssociationState: { State: 'associated' } },
            {
              RouteTableAssociationId: 'rtbassoc-old',
              SubnetId: 'subnet-2',
              AssociationState: { State: 'disassociated' },
            },
          ],
        },
      ],
    },
  } as never;
  const items = await routeTableAssociation.list(repos, scope);
  assert.deepEqual(
    items.map((a) => a.RouteTableAssociationId),
    ['rtbassoc-1'],
  );
});

test('aws_route_table_association prune disassociates; there is no revert (a new id)', () => {
  const finding = {
    resource: { type: 'aws_route_table_association', id: 'rtbassoc-1', region: 'eu-west-1', address: 'x' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(routeTableAssociation.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DisassociateRouteTable',
        region: 'eu-west-1',
        input: { AssociationId: 'rtbassoc-1' },
      },
    ],
  });
  assert.equal(routeTableAssociation.revert, undefined);
});

test('every provider attribute of aws_route_table_association is observed by these fixtures or declared with a reason', () => {
  assertAccounted(routeTableAssociation, observedItems);
});
