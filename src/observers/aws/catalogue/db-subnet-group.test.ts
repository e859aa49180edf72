import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { dbSubnetGroup } from './db-subnet-group.js';

const observedItems = trackObservations(dbSubnetGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_db_subnet_group maps DescribeDBSubnetGroups as the provider reads it: subnet ids as a sorted set', () => {
  const o = dbSubnetGroup.observe(
    {
      DBSubnetGroupName: 'app',
      DBSubnetGroupArn: 'arn:aws:rds:eu-west-1:123456789012:subgrp:app',
      DBSubnetGroupDescription: 'app databases',
      VpcId: 'vpc-1',
      Subnets: [{ SubnetIdentifier: 'subnet-b' }, { SubnetIdentifier: 'subnet-a' }],
      SupportedNetworkTypes: ['IPV4'],
    },
    scope,
  );
  assert.deepEqual(o, {
    id: 'app',
    attributes: {
      id: 'app',
      name: 'app',
      arn: 'arn:aws:rds:eu-west-1:123456789012:subgrp:app',
      description: 'app databases',
      subnet_ids: ['subnet-a', 'subnet-b'],
      supported_network_types: ['IPV4'],
      vpc_id: 'vpc-1',
    },
  });
});

test('the default subnet group RDS creates is observed as noise', () => {
  assert.match(dbSubnetGroup.observe({ DBSubnetGroupName: 'default' }, scope).noise ?? '', /default VPC/);
});

test('aws_db_subnet_group revert sends the full recorded subnet list; prune deletes', () => {
  const finding = {
    resource: { type: 'aws_db_subnet_group', id: 'app', region: 'eu-west-1', address: 'a.b' },
    kind: 'configuration',
    changes: [{ path: 'subnet_ids', recorded: ['subnet-a', 'subnet-b'], observed: ['subnet-a'], sensitive: false }],
  } as never;
  assert.deepEqual(dbSubnetGroup.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'rds',
        operation: 'ModifyDBSubnetGroup',
        region: 'eu-west-1',
        input: { DBSubnetGroupName: 'app', SubnetIds: ['subnet-a', 'subnet-b'] },
      },
    ],
  });
  const prune = dbSubnetGroup.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteDBSubnetGroup');
});

test('every provider attribute of aws_db_subnet_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(dbSubnetGroup, observedItems);
});
