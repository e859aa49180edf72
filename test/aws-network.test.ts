/**
 * EC2/VPC networking types added for issue 15 (breadth-net), on the emulator: each type's
 * resources are created through the SDK, then observed with the provider's ids and attributes,
 * through the listings they share (one DescribeRouteTables for tables, routes and associations).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { observeAws } from '../src/observers/aws/observe.js';
import { routeId } from '../src/observers/aws/catalogue/route.js';
import { networkAclRuleId } from '../src/observers/aws/catalogue/network-acl-rule.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const ec2 = (region = 'eu-west-1') => new EC2Client(env.moto.clientConfig(region));

async function vpcWithSubnet(cidr: string, subnetCidr: string): Promise<{ vpcId: string; subnetId: string }> {
  const vpcId = (await ec2().send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId ?? '';
  const subnetId =
    (await ec2().send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: subnetCidr, AvailabilityZone: 'eu-west-1a' })))
      .Subnet?.SubnetId ?? '';
  return { vpcId, subnetId };
}

test('aws_nat_gateway, aws_route, aws_route_table_association: one route table listing serves all, ids as the provider builds them', async () => {
  const { vpcId, subnetId } = await vpcWithSubnet('10.20.0.0/16', '10.20.1.0/24');
  const allocationId = (await ec2().send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '';
  const nat = (await ec2().send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: allocationId })))
    .NatGateway;
  const natId = nat?.NatGatewayId ?? '';
  const rtbId = (await ec2().send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId ?? '';
  await ec2().send(
    new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }),
  );
  const associationId =
    (await ec2().send(new AssociateRouteTableCommand({ RouteTableId: rtbId, SubnetId: subnetId }))).AssociationId ?? '';

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_nat_gateway', 'aws_route', 'aws_route_table_association', 'aws_route_table'],
  });
  const find = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id);

  const gateway = find('aws_nat_gateway', natId);
  assert.ok(gateway, 'the NAT gateway is observed');
  assert.equal(gateway.attributes['subnet_id'], subnetId);
  assert.equal(gateway.attributes['allocation_id'], allocationId);
  // The emulator omits ConnectivityType; the provider would then store "" (its d.Set of an empty enum).
  assert.equal(gateway.attributes['connectivity_type'], '');
  assert.match(String(gateway.attributes['public_ip']), /^\d+\.\d+\.\d+\.\d+$/);
  assert.deepEqual(gateway.attributes['secondary_allocation_ids'], []);

  const natRoute = find('aws_route', routeId(rtbId, '0.0.0.0/0'));
  assert.ok(natRoute, 'the route is observed under the provider id');
  assert.equal(natRoute.attributes['route_table_id'], rtbId);
  assert.equal(natRoute.attributes['nat_gateway_id'], natId);
  assert.equal(natRoute.attributes['gateway_id'], '');
  const local = find('aws_route', routeId(rtbId, '10.20.0.0/16'));
  assert.ok(local, 'the local route is observed');
  assert.ok(expectedUnmanaged.some((e) => e.address === local.address && /local route/.test(e.why)));
  // A route made by hand is part of its table (aws_route_table.route compares it), never a second finding.
  assert.ok(expectedUnmanaged.some((e) => e.address === natRoute.address && /part of its route table/.test(e.why)));

  const association = find('aws_route_table_association', associationId);
  assert.ok(association, 'the association is observed by its id');
  assert.deepEqual(association.attributes, {
    id: associationId,
    route_table_id: rtbId,
    subnet_id: subnetId,
    gateway_id: '',
  });

  assert.equal(apiCalls['ec2:DescribeRouteTables'], 1, 'one listing serves route tables, routes and associations');
  assert.equal(apiCalls['ec2:DescribeNatGateways'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_network_acl and aws_network_acl_rule: one DescribeNetworkAcls serves both; the default ACL and every entry are noise with reasons', async () => {
  const { vpcId } = await vpcWithSubnet('10.30.0.0/16', '10.30.1.0/24');
  const aclId = (await ec2().send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl?.NetworkAclId ?? '';
  await ec2().send(
    new CreateNetworkAclEntryCommand({
      NetworkAclId: aclId,
      RuleNumber: 100,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '10.0.0.0/8',
      PortRange: { From: 443, To: 443 },
    }),
  );

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_network_acl', 'aws_network_acl_rule'],
  });
  const acl = snapshot.resources.find((r) => r.type === 'aws_network_acl' && r.id === aclId);
  assert.ok(acl, 'the ACL is observed');
  assert.equal(acl.attributes['vpc_id'], vpcId);
  assert.deepEqual(acl.attributes['ingress'], [
    {
      action: 'allow',
      cidr_block: '10.0.0.0/8',
      from_port: 443,
      icmp_code: 0,
      icmp_type: 0,
      ipv6_cidr_block: '',
      protocol: '6',
      rule_no: 100,
      to_port: 443,
    },
  ]);
  assert.ok(!expectedUnmanaged.some((e) => e.address === acl.address), 'an ACL made by hand is not noise');
  const defaults = snapshot.resources.filter(
    (r) => r.type === 'aws_network_acl' && r.attributes['vpc_id'] === vpcId && r.id !== aclId,
  );
  assert.equal(defaults.length, 1, 'the VPC came with its default ACL');
  assert.ok(expectedUnmanaged.some((e) => e.address === defaults[0]?.address && /aws_default_network_acl/.test(e.why)));

  const rule = snapshot.resources.find(
    (r) => r.type === 'aws_network_acl_rule' && r.id === networkAclRuleId(aclId, 100, false, '6'),
  );
  assert.ok(rule, 'the entry is observed under the provider id');
  assert.equal(rule.attributes['from_port'], 443);
  assert.equal(rule.attributes['rule_action'], 'allow');
  assert.equal(apiCalls['ec2:DescribeNetworkAcls'], 1, 'one listing serves both types');
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_default_*: the default VPC and what AWS made with it, observed on the listings the aws_* twins use, noise until adopted', async () => {
  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: [
      'aws_vpc',
      'aws_default_vpc',
      'aws_default_subnet',
      'aws_default_security_group',
      'aws_default_route_table',
      'aws_default_network_acl',
    ],
  });
  const ofType = (type: string) => snapshot.resources.filter((r) => r.type === type);
  const [defaultVpc] = ofType('aws_default_vpc');
  assert.ok(defaultVpc, 'the emulator made a default VPC');
  assert.equal(ofType('aws_default_vpc').length, 1, 'only the default VPC is an aws_default_vpc');
  const twin = ofType('aws_vpc').find((r) => r.id === defaultVpc.id);
  assert.deepEqual(twin?.attributes, defaultVpc.attributes, 'the same read as aws_vpc');
  const vpcId = defaultVpc.id;
  assert.ok(ofType('aws_default_subnet').length > 0);
  for (const s of ofType('aws_default_subnet')) assert.equal(s.attributes['vpc_id'], vpcId);
  const groups = ofType('aws_default_security_group').filter((g) => g.attributes['vpc_id'] === vpcId);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]?.attributes['name'], 'default');
  const tables = ofType('aws_default_route_table').filter((t) => t.attributes['vpc_id'] === vpcId);
  assert.equal(tables.length, 1);
  assert.equal(tables[0]?.attributes['default_route_table_id'], tables[0]?.id);
  const acls = ofType('aws_default_network_acl').filter((a) => a.attributes['vpc_id'] === vpcId);
  assert.equal(acls.length, 1);
  assert.equal(acls[0]?.attributes['default_network_acl_id'], acls[0]?.id);
  // Every AWS-made object is explained, under both types, until a state adopts it.
  for (const r of snapshot.resources)
    assert.ok(
      expectedUnmanaged.some((e) => e.address === r.address),
      `${r.address} is expected noise`,
    );
  for (const call of [
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeRouteTables',
    'ec2:DescribeNetworkAcls',
  ])
    assert.equal(apiCalls[call], 1, `${call} once`);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
