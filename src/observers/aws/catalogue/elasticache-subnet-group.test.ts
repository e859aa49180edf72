import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { elasticacheSubnetGroup } from './elasticache-subnet-group.js';

const observedItems = trackObservations(elasticacheSubnetGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_elasticache_subnet_group maps DescribeCacheSubnetGroups as the provider reads it', () => {
  const o = elasticacheSubnetGroup.observe(
    {
      CacheSubnetGroupName: 'cache',
      ARN: 'arn:aws:elasticache:eu-west-1:123456789012:subnetgroup:cache',
      CacheSubnetGroupDescription: 'cache subnets',
      VpcId: 'vpc-1',
      Subnets: [{ SubnetIdentifier: 'subnet-b' }, { SubnetIdentifier: 'subnet-a' }],
    },
    scope,
  );
  assert.deepEqual(o, {
    id: 'cache',
    attributes: {
      id: 'cache',
      name: 'cache',
      arn: 'arn:aws:elasticache:eu-west-1:123456789012:subnetgroup:cache',
      description: 'cache subnets',
      subnet_ids: ['subnet-a', 'subnet-b'],
      vpc_id: 'vpc-1',
    },
  });
  assert.match(elasticacheSubnetGroup.observe({ CacheSubnetGroupName: 'default' }, scope).noise ?? '', /default VPC/);
});

test('aws_elasticache_subnet_group revert puts subnets and description back; prune deletes', () => {
  const finding = {
    resource: { type: 'aws_elasticache_subnet_group', id: 'cache', region: 'eu-west-1', address: 'a.b' },
    kind: 'configuration',
    changes: [{ path: 'description', recorded: 'cache subnets', observed: 'x', sensitive: false }],
  } as never;
  assert.deepEqual(elasticacheSubnetGroup.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'elasticache',
        operation: 'ModifyCacheSubnetGroup',
        region: 'eu-west-1',
        input: { CacheSubnetGroupName: 'cache', CacheSubnetGroupDescription: 'cache subnets' },
      },
    ],
  });
  const prune = elasticacheSubnetGroup.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteCacheSubnetGroup');
});

test('every provider attribute of aws_elasticache_subnet_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(elasticacheSubnetGroup, observedItems);
});
