import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { dbParameterGroup } from './db-parameter-group.js';

const observedItems = trackObservations(dbParameterGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_db_parameter_group maps DescribeDBParameterGroups as the provider reads it', () => {
  const o = dbParameterGroup.observe(
    {
      DBParameterGroupName: 'app-pg15',
      DBParameterGroupFamily: 'postgres15',
      Description: 'app settings',
      DBParameterGroupArn: 'arn:aws:rds:eu-west-1:123456789012:pg:app-pg15',
    },
    scope,
  );
  assert.deepEqual(o, {
    id: 'app-pg15',
    attributes: {
      id: 'app-pg15',
      name: 'app-pg15',
      arn: 'arn:aws:rds:eu-west-1:123456789012:pg:app-pg15',
      description: 'app settings',
      family: 'postgres15',
    },
  });
});

test('the default parameter groups RDS creates are observed as noise; the parameter set is declared unread', () => {
  assert.match(dbParameterGroup.observe({ DBParameterGroupName: 'default.postgres15' }, scope).noise ?? '', /default/);
  assert.ok(dbParameterGroup.unread?.some((u) => u.path === 'parameter'));
});

test('aws_db_parameter_group: no revert (parameters are not read); prune deletes the group', () => {
  assert.equal(dbParameterGroup.revert, undefined);
  const finding = {
    resource: { type: 'aws_db_parameter_group', id: 'app-pg15', region: 'eu-west-1', address: 'a.b' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(dbParameterGroup.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'rds',
        operation: 'DeleteDBParameterGroup',
        region: 'eu-west-1',
        input: { DBParameterGroupName: 'app-pg15' },
      },
    ],
  });
});

test('every provider attribute of aws_db_parameter_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(dbParameterGroup, observedItems);
});
