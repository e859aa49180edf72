/**
 * Data and streaming services on the emulator: DynamoDB tables (ListTables, DescribeTable per
 * table, TTL and point-in-time recovery with --deep) and Step Functions state machines. Kinesis is
 * tested with recorded responses only: its SDK client speaks HTTP/2, which the emulator does not serve.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_dynamodb_table: one ListTables, one DescribeTable per table; ttl and point-in-time recovery only with --deep', async () => {
  const ddb = new DynamoDBClient(env.moto.clientConfig('eu-west-1'));
  await ddb.send(
    new CreateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      DeletionProtectionEnabled: true,
    }),
  );
  await ddb.send(
    new CreateTableCommand({
      TableName: 'events',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddb.send(
    new UpdateTimeToLiveCommand({
      TableName: 'events',
      TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
    }),
  );
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'events',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_dynamodb_table'] });
  const orders = snapshot.resources.find((r) => r.type === 'aws_dynamodb_table' && r.id === 'orders');
  assert.ok(orders, 'the table is observed under its name');
  assert.equal(orders.attributes['arn'], `arn:aws:dynamodb:eu-west-1:${MOTO_ACCOUNT}:table/orders`);
  assert.equal(orders.attributes['hash_key'], 'pk');
  assert.equal(orders.attributes['range_key'], 'sk');
  assert.equal(orders.attributes['read_capacity'], 5);
  assert.equal(orders.attributes['write_capacity'], 2);
  assert.equal(orders.attributes['stream_enabled'], true);
  assert.equal(orders.attributes['stream_view_type'], 'NEW_IMAGE');
  assert.equal(orders.attributes['deletion_protection_enabled'], true);
  assert.deepEqual(orders.attributes['attribute'], [
    { name: 'pk', type: 'S' },
    { name: 'sk', type: 'N' },
  ]);
  const events = snapshot.resources.find((r) => r.type === 'aws_dynamodb_table' && r.id === 'events');
  assert.equal(events?.attributes['billing_mode'], 'PAY_PER_REQUEST');
  assert.ok(!('ttl' in (events?.attributes ?? {})), 'ttl is not read without --deep');
  assert.equal(apiCalls['dynamodb:ListTables'], 1);
  assert.equal(apiCalls['dynamodb:DescribeTable'], 2);
  assert.equal(apiCalls['dynamodb:DescribeTimeToLive'], undefined);
  assert.deepEqual(snapshot.incompleteScopes, []);

  const deep = await observeAws({ regions: ['eu-west-1'], types: ['aws_dynamodb_table'], deep: () => true });
  const deepEvents = deep.snapshot.resources.find((r) => r.type === 'aws_dynamodb_table' && r.id === 'events');
  assert.deepEqual(deepEvents?.attributes['ttl'], [{ attribute_name: 'expires', enabled: true }]);
  assert.deepEqual(deepEvents?.attributes['point_in_time_recovery'], [{ enabled: true }]);
  const deepOrders = deep.snapshot.resources.find((r) => r.type === 'aws_dynamodb_table' && r.id === 'orders');
  assert.deepEqual(deepOrders?.attributes['point_in_time_recovery'], [{ enabled: false }]);
  assert.equal(deep.apiCalls['dynamodb:DescribeTimeToLive'], 2);
  assert.equal(deep.apiCalls['dynamodb:DescribeContinuousBackups'], 2);
  assert.deepEqual(deep.snapshot.incompleteScopes, []);
});

test('aws_sfn_state_machine: ListStateMachines, one DescribeStateMachine per state machine', async () => {
  const sfn = new SFNClient(env.moto.clientConfig('eu-west-1'));
  const definition = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
  const roleArn = `arn:aws:iam::${MOTO_ACCOUNT}:role/sfn`;
  const created = await sfn.send(new CreateStateMachineCommand({ name: 'orders', definition, roleArn }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_sfn_state_machine'] });
  const machine = snapshot.resources.find(
    (r) => r.type === 'aws_sfn_state_machine' && r.id === created.stateMachineArn,
  );
  assert.ok(machine, 'the state machine is observed under its ARN');
  assert.equal(machine.attributes['name'], 'orders');
  assert.equal(machine.attributes['role_arn'], roleArn);
  assert.deepEqual(JSON.parse(String(machine.attributes['definition'])), JSON.parse(definition));
  assert.equal(machine.attributes['type'], 'STANDARD');
  assert.equal(apiCalls['sfn:ListStateMachines'], 1);
  assert.equal(apiCalls['sfn:DescribeStateMachine'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
