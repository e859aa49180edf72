/**
 * aws_s3_bucket: ListBuckets filtered to the scope's region, tags from GetBucketTagging per bucket
 * (no bulk form). The provider's id and import id are the bucket name. A bucket is observed only in
 * the scope of its own region, so it is never `unmanaged` in the other regions scanned.
 *
 * The bucket's sub-configurations (policy, versioning, public access block) are their own types;
 * the deprecated inline arguments the provider still reads into state (versioning, policy, acl,
 * lifecycle_rule, ...) are not observed here, so they are never compared on this type.
 */
import type { Tag } from '@aws-sdk/client-s3';
import { tagAttributes, unread } from '../mapping.js';
import type { BucketWith } from '../repositories/s3.js';
import { defineResourceType } from './define.js';

export const s3Bucket = defineResourceType<BucketWith<Tag[]>>({
  type: 'aws_s3_bucket',
  service: 's3',
  list: (repos) => repos.s3.bucketTags(),
  observe: ({ bucket, value: tags }, scope) => ({
    id: bucket,
    attributes: {
      id: bucket,
      arn: `arn:aws:s3:::${bucket}`,
      bucket,
      region: scope.region,
      bucket_domain_name: `${bucket}.s3.amazonaws.com`,
      bucket_regional_domain_name: `${bucket}.s3.${scope.region}.amazonaws.com`,
      ...tagAttributes(tags),
    },
  }),
  // Configuration-only arguments, and values AWS derives from the name and region.
  unread: [
    // The provider still reads these deprecated inline arguments, each through its own per-bucket
    // call; their own resource types (aws_s3_bucket_policy, ..._versioning) are observed instead.
    ...unread(
      'deprecated inline argument with its own resource type; one extra call per bucket: not read',
      'acceleration_status',
      'acl',
      'cors_rule',
      'grant',
      'lifecycle_rule',
      'logging',
      'object_lock_configuration',
      'policy',
      'replication_configuration',
      'request_payer',
      'server_side_encryption_configuration',
      'versioning',
      'website',
      'website_domain',
      'website_endpoint',
    ),
    ...unread('needs GetObjectLockConfiguration, one call per bucket: not read', 'object_lock_enabled'),
  ],
  computed: [
    'bucket_prefix',
    'force_destroy',
    'bucket_domain_name',
    'bucket_regional_domain_name',
    'hosted_zone_id',
    'timeouts',
  ],
  // The deprecated inline access arguments, should a state carry them: access, so policy drift.
  policy: ['acl', 'grant', 'policy'],
  forcesReplacement: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  trailEvents: ['CreateBucket', 'DeleteBucket', 'PutBucketTagging', 'DeleteBucketTagging'],
  limitations:
    'tags cost one GetBucketTagging call per bucket; object_lock_enabled is not read (one GetObjectLockConfiguration per bucket)',
  codify: { arguments: [{ name: 'bucket', required: true }, { name: 'tags' }] },
});
