import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { placementGroup } from './placement-group.js';

const observedItems = trackObservations(placementGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_placement_group maps DescribePlacementGroups, id and ARN from the name', () => {
  const o = placementGroup.observe(
    {
      GroupName: 'hpc',
      GroupId: 'pg-0abc',
      Strategy: 'partition',
      PartitionCount: 3,
      State: 'available',
      Tags: [{ Key: 'team', Value: 'hpc' }],
    },
    scope,
  );
  assert.equal(o.id, 'hpc');
  assert.deepEqual(o.attributes, {
    id: 'hpc',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:placement-group/hpc',
    name: 'hpc',
    partition_count: 3,
    placement_group_id: 'pg-0abc',
    spread_level: '',
    strategy: 'partition',
    tags: { team: 'hpc' },
    tags_all: { team: 'hpc' },
  });
});

test('aws_placement_group prune deletes by name; no tag revert (tags need the group id)', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_placement_group', id: 'hpc', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(placementGroup.prune!.plan(finding, ctx), {
    calls: [{ service: 'ec2', operation: 'DeletePlacementGroup', region: 'eu-west-1', input: { GroupName: 'hpc' } }],
  });
  assert.equal(placementGroup.revert, undefined);
});

test('every provider attribute of aws_placement_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(placementGroup, observedItems);
});
