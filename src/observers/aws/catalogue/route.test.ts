import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { route, routeId } from './route.js';

const observedItems = trackObservations(route);
const scope = { account: '123456789012', region: 'eu-west-1' };
const table = { RouteTableId: 'rtb-1', VpcId: 'vpc-1', Associations: [{ Main: false, SubnetId: 'subnet-1' }] };

test('aws_route ids are the provider RouteCreateID: r-<table> plus the CRC-32 of the destination', () => {
  // zlib.crc32(b'0.0.0.0/0') == 1080289494 (computed independently in Python).
  assert.equal(routeId('rtb-1', '0.0.0.0/0'), 'r-rtb-11080289494');
});

test('aws_route maps every target key ("" when unused) and moves a vpce- gateway to vpc_endpoint_id', () => {
  const o = route.observe(
    {
      table,
      route: { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', Origin: 'CreateRoute', State: 'active' },
      defaultVpcMain: false,
    },
    scope,
  );
  assert.equal(o.id, 'r-rtb-11080289494');
  assert.deepEqual(o.attributes, {
    id: 'r-rtb-11080289494',
    route_table_id: 'rtb-1',
    destination_cidr_block: '0.0.0.0/0',
    destination_ipv6_cidr_block: '',
    destination_prefix_list_id: '',
    carrier_gateway_id: '',
    core_network_arn: '',
    egress_only_gateway_id: '',
    gateway_id: '',
    vpc_endpoint_id: '',
    instance_id: '',
    instance_owner_id: '',
    local_gateway_id: '',
    nat_gateway_id: 'nat-1',
    network_interface_id: '',
    transit_gateway_id: '',
    vpc_peering_connection_id: '',
    origin: 'CreateRoute',
    state: 'active',
  });
  assert.match(o.noise ?? '', /part of its route table/, 'reported with its table, never as a second finding');
  const endpoint = route.observe(
    {
      table,
      route: { DestinationPrefixListId: 'pl-1', GatewayId: 'vpce-1', Origin: 'CreateRoute' },
      defaultVpcMain: false,
    },
    scope,
  );
  assert.equal(endpoint.attributes['vpc_endpoint_id'], 'vpce-1');
  assert.equal(endpoint.attributes['gateway_id'], '');
  assert.equal(endpoint.attributes['destination_prefix_list_id'], 'pl-1');
});

test('AWS-made routes are observed as noise with their reason: local, propagated, the default VPC main table', () => {
  const local = route.observe(
    { table, route: { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }, defaultVpcMain: false },
    scope,
  );
  assert.equal(local.id, 'r-rtb-1179966490');
  assert.match(local.noise ?? '', /local route/);
  const propagated = route.observe(
    {
      table,
      route: { DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'vgw-1', Origin: 'EnableVgwRoutePropagation' },
      defaultVpcMain: false,
    },
    scope,
  );
  assert.match(propagated.noise ?? '', /propagated/);
  const defaultRoute = route.observe(
    { table, route: { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }, defaultVpcMain: true },
    scope,
  );
  assert.match(defaultRoute.noise ?? '', /default VPC/);
  assert.equal(defaultRoute.attributes['gateway_id'], 'igw-1');
});

test('every provider attribute of aws_route is observed by these fixtures or declared with a reason', () => {
  assertAccounted(route, observedItems);
});
