/**
 * aws_s3_bucket_policy: GetBucketPolicy per bucket of the region (no bulk form). A bucket without
 * a policy (NoSuchBucketPolicy) has no aws_s3_bucket_policy. The provider's id and import id are
 * the bucket name.
 */
import type { BucketWith } from '../repositories/s3.js';
import { defineResourceType } from './define.js';

export const s3BucketPolicy = defineResourceType<BucketWith<string>>({
  type: 'aws_s3_bucket_policy',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketPolicies()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => ({ id: bucket, attributes: { id: bucket, bucket, policy: value ?? '' } }),
  json: ['policy'],
  policyType: true,
  policy: ['policy'],
  forcesReplacement: ['bucket'],
  trailEvents: ['PutBucketPolicy', 'DeleteBucketPolicy'],
  limitations: 'one GetBucketPolicy call per bucket (the API has no bulk form)',
});
