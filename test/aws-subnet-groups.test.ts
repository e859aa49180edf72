/** RDS and ElastiCache subnet and parameter groups on the emulator: one bulk listing each. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateDBParameterGroupCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateCacheSubnetGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

async function twoSubnets(): Promise<{ vpcId: string; subnets: string[] }> {
  const ec2 = new EC2Client(env.moto.clientConfig('eu-west-1'));
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnets: string[] = [];
  for (const [cidr, az] of [
    ['10.9.1.0/24', 'eu-west-1a'],
    ['10.9.2.0/24', 'eu-west-1b'],
  ] as const) {
    const s = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }));
    subnets.push(s.Subnet?.SubnetId ?? '');
  }
  return { vpcId, subnets: subnets.sort() };
}

test('aws_db_subnet_group: DescribeDBSubnetGroups once, subnets as a sorted set, the VPC', async () => {
  const { vpcId, subnets } = await twoSubnets();
  const rds = new RDSClient(env.moto.clientConfig('eu-west-1'));
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'app',
      DBSubnetGroupDescription: 'app dbs',
      SubnetIds: subnets,
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_db_subnet_group'] });
  const group = snapshot.resources.find((r) => r.type === 'aws_db_subnet_group' && r.id === 'app');
  assert.ok(group);
  assert.deepEqual(group.attributes['subnet_ids'], subnets);
  assert.equal(group.attributes['vpc_id'], vpcId);
  assert.equal(group.attributes['description'], 'app dbs');
  assert.equal(apiCalls['rds:DescribeDBSubnetGroups'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_elasticache_subnet_group: DescribeCacheSubnetGroups once, subnets as a sorted set', async () => {
  const { subnets } = await twoSubnets();
  const ec = new ElastiCacheClient(env.moto.clientConfig('eu-west-1'));
  await ec.send(
    new CreateCacheSubnetGroupCommand({
      CacheSubnetGroupName: 'cache',
      CacheSubnetGroupDescription: 'cache subnets',
      SubnetIds: subnets,
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_elasticache_subnet_group'] });
  const group = snapshot.resources.find((r) => r.type === 'aws_elasticache_subnet_group' && r.id === 'cache');
  assert.ok(group);
  assert.deepEqual(group.attributes['subnet_ids'], subnets);
  assert.equal(group.attributes['description'], 'cache subnets');
  assert.equal(apiCalls['elasticache:DescribeCacheSubnetGroups'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_db_parameter_group: DescribeDBParameterGroups once, AWS default groups as noise', async () => {
  const rds = new RDSClient(env.moto.clientConfig('eu-west-1'));
  await rds.send(
    new CreateDBParameterGroupCommand({
      DBParameterGroupName: 'app-pg15',
      DBParameterGroupFamily: 'postgres15',
      Description: 'app settings',
    }),
  );

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_db_parameter_group'],
  });
  const group = snapshot.resources.find((r) => r.type === 'aws_db_parameter_group' && r.id === 'app-pg15');
  assert.ok(group);
  assert.equal(group.attributes['family'], 'postgres15');
  assert.equal(group.attributes['description'], 'app settings');
  for (const other of snapshot.resources.filter((r) => r.type === 'aws_db_parameter_group' && r.id !== 'app-pg15')) {
    assert.match(String(other.id), /^default\./);
    assert.ok(expectedUnmanaged.some((e) => e.address === other.address));
  }
  assert.equal(apiCalls['rds:DescribeDBParameterGroups'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
