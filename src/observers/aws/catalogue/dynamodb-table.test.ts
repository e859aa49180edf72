import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { dynamodbTable } from './dynamodb-table.js';

const observedItems = trackObservations(dynamodbTable);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders';
const DEFAULT_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/default-dynamodb';
const OWN_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/own';

test('aws_dynamodb_table maps DescribeTable as resourceTableRead sets it (provisioned table with indexes and stream)', () => {
  const o = dynamodbTable.observe(
    {
      table: {
        TableName: 'orders',
        TableArn: ARN,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
          { AttributeName: 'gpk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by-g',
            KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'by-sk',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        LatestStreamArn: `${ARN}/stream/2024-01-01T00:00:00.000`,
        LatestStreamLabel: '2024-01-01T00:00:00.000',
        SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: OWN_KEY },
        DeletionProtectionEnabled: true,
      },
      defaultKeyArn: DEFAULT_KEY,
    },
    scope,
  );
  assert.equal(o.id, 'orders');
  assert.deepEqual(o.attributes, {
    id: 'orders',
    name: 'orders',
    arn: ARN,
    billing_mode: 'PROVISIONED',
    deletion_protection_enabled: true,
    read_capacity: 5,
    write_capacity: 2,
    attribute: [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'N' },
      { name: 'gpk', type: 'S' },
    ],
    hash_key: 'pk',
    range_key: 'sk',
    local_secondary_index: [{ name: 'by-sk', range_key: 'sk', projection_type: 'KEYS_ONLY', non_key_attributes: [] }],
    global_secondary_index: [
      {
        name: 'by-g',
        read_capacity: 1,
        write_capacity: 1,
        hash_key: 'gpk',
        range_key: '',
        projection_type: 'INCLUDE',
        non_key_attributes: ['total'],
        on_demand_throughput: [],
      },
    ],
    on_demand_throughput: [],
    stream_enabled: true,
    stream_view_type: 'NEW_IMAGE',
    stream_arn: `${ARN}/stream/2024-01-01T00:00:00.000`,
    stream_label: '2024-01-01T00:00:00.000',
    server_side_encryption: [{ enabled: true, kms_key_arn: OWN_KEY }],
    table_class: 'STANDARD',
  });
});

test('an on-demand table without summaries: billing and class as the provider defaults them, no stream view type', () => {
  const o = dynamodbTable.observe(
    {
      table: {
        TableName: 'events',
        TableArn: ARN.replace('orders', 'events'),
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        TableClassSummary: { TableClass: 'STANDARD_INFREQUENT_ACCESS' },
        OnDemandThroughput: { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 },
      },
    },
    scope,
  );
  assert.equal(o.attributes['billing_mode'], 'PAY_PER_REQUEST');
  assert.equal(o.attributes['table_class'], 'STANDARD_INFREQUENT_ACCESS');
  assert.equal(o.attributes['stream_enabled'], false);
  assert.ok(!('stream_view_type' in o.attributes), 'kept from the state when AWS returns no stream specification');
  assert.ok(!('read_capacity' in o.attributes) && !('range_key' in o.attributes));
  assert.deepEqual(o.attributes['on_demand_throughput'], [
    { max_read_request_units: 100, max_write_request_units: 50 },
  ]);
  assert.deepEqual(o.attributes['server_side_encryption'], []);
});

test('the default aws/dynamodb key is cleared to "" as clearSSEDefaultKey does (no drift against a state without a key)', () => {
  const o = dynamodbTable.observe(
    {
      table: {
        TableName: 'kms',
        SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: DEFAULT_KEY },
      },
      defaultKeyArn: DEFAULT_KEY,
    },
    scope,
  );
  assert.deepEqual(o.attributes['server_side_encryption'], [{ enabled: true, kms_key_arn: '' }]);
});

test('aws_dynamodb_table revert puts deletion protection back', () => {
  const finding = {
    resource: { type: 'aws_dynamodb_table', id: 'orders', region: 'eu-west-1', address: 'aws_dynamodb_table.orders' },
    kind: 'configuration',
    changes: [{ path: 'deletion_protection_enabled', recorded: true, observed: false, sensitive: false }],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(dynamodbTable.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'dynamodb',
        operation: 'UpdateTable',
        region: 'eu-west-1',
        input: { TableName: 'orders', DeletionProtectionEnabled: true },
      },
    ],
  });
  assert.equal(dynamodbTable.prune, undefined, 'never pruned: deleting a table deletes its data');
});

test('every provider attribute of aws_dynamodb_table is observed by these fixtures or declared with a reason', () => {
  assertAccounted(dynamodbTable, observedItems);
});
