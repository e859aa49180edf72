/**
 * aws_dynamodb_table: ListTables (100 a page) per region, then DescribeTable per table (DynamoDB
 * has no bulk describe). The provider's id and import id are the table name. As the provider's
 * read (resourceTableRead and its flatten functions): billing_mode PROVISIONED and table_class
 * STANDARD when AWS returns no summary, capacities only when ProvisionedThroughput is returned,
 * stream_view_type only when a stream specification is, a secondary index's `name` only with its
 * ProvisionedThroughput (flattenTableGlobalSecondaryIndex), and server_side_encryption's
 * kms_key_arn cleared when it is the region's default key alias/aws/dynamodb (clearSSEDefaultKey:
 * one DescribeKey per region, only when a table names a key).
 *
 * `ttl` and `point_in_time_recovery` each cost one more call per table (DescribeTimeToLive,
 * DescribeContinuousBackups): unread, read with --deep. Tags (ListTagsOfResource) and replica
 * details (calls in each replica's region) are unread.
 */
import type {
  GlobalSecondaryIndexDescription,
  LocalSecondaryIndexDescription,
  OnDemandThroughput,
  TableDescription,
} from '@aws-sdk/client-dynamodb';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

/** A described table and the ARN of its region's default DynamoDB key (undefined: none, or not needed). */
export interface DynamoDbTable {
  readonly table: TableDescription;
  readonly defaultKeyArn?: string | undefined;
}

async function dynamoDbTables(repos: AwsRepositories): Promise<DynamoDbTable[]> {
  const names = await repos.listing.list('dynamodb', 'ListTables', {}, (page) => page.TableNames, 100);
  const described = await repos.listing.each(names, async (TableName) => {
    // A table deleted between the listing and the read is gone, not a failure.
    const out = await repos.listing.read('dynamodb', 'DescribeTable', { TableName }, ['ResourceNotFoundException']);
    return out?.Table;
  });
  const tables = described.filter((t): t is TableDescription => t !== undefined);
  const defaultKeyArn = tables.some((t) => t.SSEDescription?.KMSMasterKeyArn)
    ? (await repos.listing.read('kms', 'DescribeKey', { KeyId: 'alias/aws/dynamodb' }, ['NotFoundException']))
        ?.KeyMetadata?.Arn
    : undefined;
  return tables.map((table) => ({ table, defaultKeyArn }));
}

/**
 * flattenOnDemandThroughput: [] or one block. Nested block fields the flatten function leaves out
 * are stored by the provider as their zero value, so they are filled in the same way here.
 */
function onDemand(o: OnDemandThroughput | undefined): unknown[] {
  if (!o) return [];
  return [{ max_read_request_units: o.MaxReadRequestUnits ?? 0, max_write_request_units: o.MaxWriteRequestUnits ?? 0 }];
}

function keyOf(schema: GlobalSecondaryIndexDescription['KeySchema'], type: 'HASH' | 'RANGE'): string {
  return schema?.find((k) => k.KeyType === type)?.AttributeName ?? '';
}

/** flattenTableGlobalSecondaryIndex, zero values where it sets nothing (the name without throughput). */
function globalIndex(g: GlobalSecondaryIndexDescription): Record<string, unknown> {
  return {
    name: g.ProvisionedThroughput ? (g.IndexName ?? '') : '',
    read_capacity: g.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
    write_capacity: g.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
    hash_key: keyOf(g.KeySchema, 'HASH'),
    range_key: keyOf(g.KeySchema, 'RANGE'),
    projection_type: g.Projection?.ProjectionType ?? '',
    non_key_attributes: [...(g.Projection?.NonKeyAttributes ?? [])],
    on_demand_throughput: onDemand(g.OnDemandThroughput),
  };
}

function localIndex(l: LocalSecondaryIndexDescription): Record<string, unknown> {
  return {
    name: l.IndexName ?? '',
    range_key: keyOf(l.KeySchema, 'RANGE'),
    projection_type: l.Projection?.ProjectionType ?? '',
    non_key_attributes: [...(l.Projection?.NonKeyAttributes ?? [])],
  };
}

export const dynamodbTable = defineResourceType<DynamoDbTable>({
  type: 'aws_dynamodb_table',
  service: 'dynamodb',
  list: dynamoDbTables,
  observe: ({ table: t, defaultKeyArn }) => {
    const hash = keyOf(t.KeySchema, 'HASH');
    const range = keyOf(t.KeySchema, 'RANGE');
    const kmsKeyArn = t.SSEDescription?.KMSMasterKeyArn ?? '';
    return {
      id: t.TableName ?? '',
      attributes: {
        id: t.TableName,
        name: t.TableName,
        arn: t.TableArn,
        billing_mode: t.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
        deletion_protection_enabled: t.DeletionProtectionEnabled ?? false,
        ...(t.ProvisionedThroughput
          ? {
              read_capacity: t.ProvisionedThroughput.ReadCapacityUnits ?? 0,
              write_capacity: t.ProvisionedThroughput.WriteCapacityUnits ?? 0,
            }
          : {}),
        attribute: (t.AttributeDefinitions ?? []).map((a) => ({ name: a.AttributeName ?? '', type: a.AttributeType })),
        hash_key: hash,
        // Set only for a table with a sort key; otherwise the state keeps what was configured.
        ...(range !== '' ? { range_key: range } : {}),
        local_secondary_index: (t.LocalSecondaryIndexes ?? []).map(localIndex),
        global_secondary_index: (t.GlobalSecondaryIndexes ?? []).map(globalIndex),
        on_demand_throughput: onDemand(t.OnDemandThroughput),
        ...(t.StreamSpecification
          ? {
              stream_enabled: t.StreamSpecification.StreamEnabled ?? false,
              stream_view_type: t.StreamSpecification.StreamViewType ?? '',
            }
          : { stream_enabled: false }),
        stream_arn: t.LatestStreamArn ?? '',
        stream_label: t.LatestStreamLabel ?? '',
        server_side_encryption: t.SSEDescription
          ? [
              {
                enabled: t.SSEDescription.Status === 'ENABLED',
                kms_key_arn: kmsKeyArn !== '' && kmsKeyArn === defaultKeyArn ? '' : kmsKeyArn,
              },
            ]
          : [],
        table_class: t.TableClassSummary?.TableClass ?? 'STANDARD',
      },
    };
  },
  unread: [
    ...unread('DescribeTable returns no tags: ListTagsOfResource is one call per table, not read', 'tags', 'tags_all'),
    ...unread(
      "replica details (ARN, stream, key, point-in-time recovery) need calls in each replica's region: not read",
      'replica',
    ),
    ...unread(
      'one DescribeTimeToLive and one DescribeContinuousBackups call per table: read with --deep',
      'ttl',
      'point_in_time_recovery',
    ),
  ],
  deep: {
    attributes: ['ttl', 'point_in_time_recovery'],
    // As the provider's flattenTTL and flattenPITR: enabled false when AWS describes nothing.
    read: async (item, repos) => {
      const TableName = item.id;
      const [ttl, backups] = await Promise.all([
        repos.listing.read('dynamodb', 'DescribeTimeToLive', { TableName }),
        repos.listing.read('dynamodb', 'DescribeContinuousBackups', { TableName }, [
          'TableNotFoundException',
          'UnknownOperationException',
        ]),
      ]);
      const t = ttl?.TimeToLiveDescription;
      const pitr = backups?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
      return {
        ttl: [
          t ? { attribute_name: t.AttributeName ?? '', enabled: t.TimeToLiveStatus === 'ENABLED' } : { enabled: false },
        ],
        point_in_time_recovery: [{ enabled: pitr?.PointInTimeRecoveryStatus === 'ENABLED' }],
      };
    },
  },
  computed: [
    // Configuration-only: how the table was created (restored or imported), never read back.
    'restore_date_time',
    'restore_source_name',
    'restore_source_table_arn',
    'restore_to_latest_time',
    'import_table',
    // Set by AWS with every new stream.
    'stream_arn',
    'stream_label',
  ],
  sets: ['attribute', 'global_secondary_index', 'local_secondary_index'],
  // Who can read the data at rest, and whether it survives a delete.
  policy: ['server_side_encryption', 'deletion_protection_enabled'],
  forcesReplacement: ['name', 'hash_key', 'range_key', 'local_secondary_index'],
  trailEvents: [
    'CreateTable',
    'UpdateTable',
    'DeleteTable',
    'UpdateTimeToLive',
    'UpdateContinuousBackups',
    'TagResource',
    'UntagResource',
  ],
  limitations:
    'one DescribeTable call per table (the API has no bulk form); ttl and point_in_time_recovery only with --deep; tags and replica details not read',
  revert: {
    attributes: ['deletion_protection_enabled'],
    sends: ['dynamodb:UpdateTable'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'deletion_protection_enabled');
      if (typeof recorded !== 'boolean')
        return { unsupported: 'the recorded deletion_protection_enabled is not available' };
      return {
        calls: [
          awsCall('dynamodb', 'UpdateTable', regionOf(f, ctx), {
            TableName: f.resource.id,
            DeletionProtectionEnabled: recorded,
          }),
        ],
      };
    },
  },
  // No prune: deleting a table deletes its data.
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'billing_mode', default: 'PROVISIONED' },
      { name: 'hash_key' },
      { name: 'range_key' },
      { name: 'read_capacity', when: (a) => a['billing_mode'] === 'PROVISIONED' },
      { name: 'write_capacity', when: (a) => a['billing_mode'] === 'PROVISIONED' },
      { name: 'table_class', default: 'STANDARD' },
      { name: 'deletion_protection_enabled', default: false },
      {
        name: 'attribute',
        block: [
          { name: 'name', required: true },
          { name: 'type', required: true },
        ],
      },
    ],
  },
});
