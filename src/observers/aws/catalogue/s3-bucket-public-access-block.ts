/**
 * aws_s3_bucket_public_access_block: GetPublicAccessBlock per bucket of the region (no bulk form).
 * A bucket without one (NoSuchPublicAccessBlockConfiguration) has no such resource. The provider's
 * id and import id are the bucket name. Every attribute governs exposure: the type is policy.
 */
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { BucketWith } from '../repositories/s3.js';
import { defineResourceType } from './define.js';

export const s3BucketPublicAccessBlock = defineResourceType<BucketWith<PublicAccessBlockConfiguration>>({
  type: 'aws_s3_bucket_public_access_block',
  service: 's3',
  list: async (repos) => (await repos.s3.publicAccessBlocks()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => ({
    id: bucket,
    attributes: {
      id: bucket,
      bucket,
      block_public_acls: value?.BlockPublicAcls ?? false,
      block_public_policy: value?.BlockPublicPolicy ?? false,
      ignore_public_acls: value?.IgnorePublicAcls ?? false,
      restrict_public_buckets: value?.RestrictPublicBuckets ?? false,
    },
  }),
  policyType: true,
  policy: ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'],
  forcesReplacement: ['bucket'],
  trailEvents: ['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'],
  limitations: 'one GetPublicAccessBlock call per bucket (the API has no bulk form)',
});
