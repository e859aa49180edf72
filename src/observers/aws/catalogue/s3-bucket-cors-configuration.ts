/**
 * aws_s3_bucket_cors_configuration: GetBucketCors per bucket of the region (no bulk form).
 * NoSuchCORSConfiguration means no such resource (not an error). The provider's id and import id are
 * the bucket name (`bucket,expected_bucket_owner` when the owner is set). CORS rules decide which
 * web origins may read the bucket from a browser: the type is policy.
 */
import type { CORSRule } from '@aws-sdk/client-s3';
import { sortedStrings } from '../mapping.js';
import type { BucketWith } from '../repositories/s3.js';
import { defineResourceType } from './define.js';

/**
 * flattenBucketCorsConfigurationCorsRules: each string set only when non-empty, id and
 * max_age_seconds only when returned; SDKv2 state keeps the zero value ([], "", 0) for what it skips.
 */
function corsRule(r: CORSRule): Record<string, unknown> {
  return {
    allowed_headers: sortedStrings(r.AllowedHeaders),
    allowed_methods: sortedStrings(r.AllowedMethods),
    allowed_origins: sortedStrings(r.AllowedOrigins),
    expose_headers: sortedStrings(r.ExposeHeaders),
    id: r.ID ?? '',
    max_age_seconds: r.MaxAgeSeconds ?? 0,
  };
}

export const s3BucketCorsConfiguration = defineResourceType<BucketWith<CORSRule[]>>({
  type: 'aws_s3_bucket_cors_configuration',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketCors()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => ({
    id: bucket,
    attributes: { id: bucket, bucket, expected_bucket_owner: '', cors_rule: (value ?? []).map(corsRule) },
  }),
  // expected_bucket_owner is a request header the provider keeps from its id: never returned by S3.
  computed: ['expected_bucket_owner'],
  sets: ['cors_rule'],
  policyType: true,
  policy: ['cors_rule'],
  forcesReplacement: ['bucket', 'expected_bucket_owner'],
  trailEvents: ['PutBucketCors', 'DeleteBucketCors'],
  limitations: 'one GetBucketCors call per bucket (the API has no bulk form)',
  codify: {
    arguments: [
      { name: 'bucket', required: true },
      {
        name: 'cors_rule',
        required: true,
        block: [
          { name: 'id' },
          { name: 'allowed_headers' },
          { name: 'allowed_methods', required: true },
          { name: 'allowed_origins', required: true },
          { name: 'expose_headers' },
          { name: 'max_age_seconds', default: 0 },
        ],
      },
    ],
  },
});
