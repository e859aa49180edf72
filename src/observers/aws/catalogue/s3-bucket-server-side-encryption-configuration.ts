/**
 * aws_s3_bucket_server_side_encryption_configuration: GetBucketEncryption per bucket of the region
 * (no bulk form). The provider's id and import id are the bucket name (`bucket,expected_bucket_owner`
 * when the owner is set). Since January 2023 S3 encrypts every bucket by default (SSE-S3, AES256), so
 * on AWS every bucket answers with a rule; ServerSideEncryptionConfigurationNotFoundError (the
 * emulator, older S3-compatible stores) means no such resource. An unmanaged configuration that is
 * exactly that default is noise: no state has to manage it.
 */
import type { ServerSideEncryption, ServerSideEncryptionRule } from '@aws-sdk/client-s3';
import type { BucketWith } from '../repositories/s3.js';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

/** One `rule` element as the provider's flattenServerSideEncryptionRules stores it. */
interface SseRuleAttributes {
  apply_server_side_encryption_by_default: { sse_algorithm: string; kms_master_key_id: string }[];
  bucket_key_enabled: boolean;
}

/**
 * flattenServerSideEncryptionRules: the default block only when returned; kms_master_key_id and
 * bucket_key_enabled only when returned, which SDKv2 state keeps as the zero value ("" and false).
 */
export function sseRules(rules: ReadonlyArray<ServerSideEncryptionRule>): SseRuleAttributes[] {
  return rules.map((r) => ({
    apply_server_side_encryption_by_default: r.ApplyServerSideEncryptionByDefault
      ? [
          {
            sse_algorithm: r.ApplyServerSideEncryptionByDefault.SSEAlgorithm ?? '',
            kms_master_key_id: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID ?? '',
          },
        ]
      : [],
    bucket_key_enabled: r.BucketKeyEnabled ?? false,
  }));
}

/** True for the configuration S3 gives every bucket itself: one SSE-S3 rule, no key, no bucket key. */
function isAwsDefault(rules: ReadonlyArray<SseRuleAttributes>): boolean {
  if (rules.length !== 1) return false;
  const [rule] = rules;
  const byDefault = rule?.apply_server_side_encryption_by_default[0];
  return byDefault?.sse_algorithm === 'AES256' && byDefault.kms_master_key_id === '' && !rule?.bucket_key_enabled;
}

/** The recorded `rule` set back in PutBucketEncryption's shape (expandServerSideEncryptionRules). */
function expandRules(recorded: unknown): ServerSideEncryptionRule[] | undefined {
  if (!Array.isArray(recorded) || recorded.length === 0) return undefined;
  return (recorded as Partial<SseRuleAttributes>[]).map((r) => {
    const byDefault = r.apply_server_side_encryption_by_default?.[0];
    return {
      ...(byDefault
        ? {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: byDefault.sse_algorithm as ServerSideEncryption,
              ...(byDefault.kms_master_key_id ? { KMSMasterKeyID: byDefault.kms_master_key_id } : {}),
            },
          }
        : {}),
      BucketKeyEnabled: r.bucket_key_enabled ?? false,
    };
  });
}

export const s3BucketServerSideEncryptionConfiguration = defineResourceType<BucketWith<ServerSideEncryptionRule[]>>({
  type: 'aws_s3_bucket_server_side_encryption_configuration',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketEncryption()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => {
    const rule = sseRules(value ?? []);
    return {
      id: bucket,
      attributes: { id: bucket, bucket, expected_bucket_owner: '', rule },
      ...(isAwsDefault(rule)
        ? { noise: 'S3 applies SSE-S3 (AES256) default encryption to every bucket since January 2023' }
        : {}),
    };
  },
  // expected_bucket_owner is a request header the provider keeps from its id: never returned by S3.
  computed: ['expected_bucket_owner'],
  sets: ['rule'],
  forcesReplacement: ['bucket', 'expected_bucket_owner'],
  trailEvents: ['PutBucketEncryption', 'DeleteBucketEncryption'],
  limitations: 'one GetBucketEncryption call per bucket (the API has no bulk form)',
  revert: {
    attributes: ['rule'],
    sends: ['s3:PutBucketEncryption'],
    plan: (f, ctx) => {
      const Rules = expandRules(recordedOf(f, 'rule'));
      if (!Rules) return { unsupported: 'the recorded encryption rules are not available' };
      return {
        calls: [
          awsCall('s3', 'PutBucketEncryption', regionOf(f, ctx), {
            Bucket: f.resource.id,
            ServerSideEncryptionConfiguration: { Rules },
          }),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'bucket', required: true },
      {
        name: 'rule',
        required: true,
        block: [
          {
            name: 'apply_server_side_encryption_by_default',
            block: [{ name: 'sse_algorithm', required: true }, { name: 'kms_master_key_id' }],
          },
          { name: 'bucket_key_enabled', default: false },
        ],
      },
    ],
  },
});
