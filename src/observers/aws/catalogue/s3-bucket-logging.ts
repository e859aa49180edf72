/**
 * aws_s3_bucket_logging: GetBucketLogging per bucket of the region (no bulk form). A bucket without
 * server access logging answers with no LoggingEnabled: no such resource. The provider's id and
 * import id are the bucket name (`bucket,expected_bucket_owner` when the owner is set). Grants on
 * the log objects are access: target_grant is policy.
 */
import type { LoggingEnabled, TargetGrant } from '@aws-sdk/client-s3';
import type { BucketWith } from '../repositories/s3.js';
import { defineResourceType } from './define.js';

/** flattenTargetGrants / flattenLoggingGrantee: grantee fields only when returned (zero value in state). */
function targetGrant(g: TargetGrant): Record<string, unknown> {
  return {
    permission: g.Permission ?? '',
    grantee: g.Grantee
      ? [
          {
            type: g.Grantee.Type ?? '',
            display_name: g.Grantee.DisplayName ?? '',
            email_address: g.Grantee.EmailAddress ?? '',
            id: g.Grantee.ID ?? '',
            uri: g.Grantee.URI ?? '',
          },
        ]
      : [],
  };
}

/** flattenTargetObjectKeyFormat: a one-element list only when S3 returned a key format. */
function keyFormat(l: LoggingEnabled): Record<string, unknown>[] {
  const f = l.TargetObjectKeyFormat;
  if (!f) return [];
  return [
    {
      partitioned_prefix: f.PartitionedPrefix
        ? [{ partition_date_source: f.PartitionedPrefix.PartitionDateSource ?? '' }]
        : [],
      simple_prefix: f.SimplePrefix ? [{}] : [],
    },
  ];
}

export const s3BucketLogging = defineResourceType<BucketWith<LoggingEnabled>>({
  type: 'aws_s3_bucket_logging',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketLogging()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => ({
    id: bucket,
    attributes: {
      id: bucket,
      bucket,
      expected_bucket_owner: '',
      // d.Set of the SDK's string pointers: "" when absent.
      target_bucket: value?.TargetBucket ?? '',
      target_prefix: value?.TargetPrefix ?? '',
      target_grant: (value?.TargetGrants ?? []).map(targetGrant),
      target_object_key_format: value ? keyFormat(value) : [],
    },
  }),
  // expected_bucket_owner is a request header the provider keeps from its id: never returned by S3.
  computed: ['expected_bucket_owner'],
  sets: ['target_grant'],
  policy: ['target_grant'],
  forcesReplacement: ['bucket', 'expected_bucket_owner'],
  trailEvents: ['PutBucketLogging'],
  limitations: 'one GetBucketLogging call per bucket (the API has no bulk form)',
  codify: {
    arguments: [
      { name: 'bucket', required: true },
      { name: 'target_bucket', required: true },
      { name: 'target_prefix', required: true },
      {
        name: 'target_grant',
        block: [
          {
            name: 'grantee',
            required: true,
            block: [{ name: 'type', required: true }, { name: 'id' }, { name: 'email_address' }, { name: 'uri' }],
          },
          { name: 'permission', required: true },
        ],
      },
    ],
  },
});
