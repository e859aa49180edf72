/**
 * aws_s3_bucket_ownership_controls: GetBucketOwnershipControls per bucket of the region (no bulk
 * form). OwnershipControlsNotFoundError means no such resource. The provider's id and import id are
 * the bucket name. Since April 2023 S3 creates every bucket with BucketOwnerEnforced (ACLs
 * disabled): an unmanaged rule of exactly that is noise. Object ownership decides whether ACLs grant
 * access at all: the type is policy.
 */
import type { ObjectOwnership, OwnershipControlsRule } from '@aws-sdk/client-s3';
import type { BucketWith } from '../repositories/s3.js';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

export const s3BucketOwnershipControls = defineResourceType<BucketWith<OwnershipControlsRule[]>>({
  type: 'aws_s3_bucket_ownership_controls',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketOwnershipControls()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => {
    // flattenOwnershipControlsRules: object_ownership only when returned (SDKv2 keeps "" otherwise).
    const rule = (value ?? []).map((r) => ({ object_ownership: r.ObjectOwnership ?? '' }));
    const enforcedByDefault = rule.length === 1 && rule[0]?.object_ownership === 'BucketOwnerEnforced';
    return {
      id: bucket,
      attributes: { id: bucket, bucket, rule },
      ...(enforcedByDefault
        ? { noise: 'S3 creates every bucket with BucketOwnerEnforced object ownership since April 2023' }
        : {}),
    };
  },
  policyType: true,
  policy: ['rule'],
  forcesReplacement: ['bucket'],
  trailEvents: ['PutBucketOwnershipControls', 'DeleteBucketOwnershipControls'],
  limitations: 'one GetBucketOwnershipControls call per bucket (the API has no bulk form)',
  revert: {
    attributes: ['rule'],
    sends: ['s3:PutBucketOwnershipControls'],
    plan: (f, ctx) => {
      const ownership = recordedOf(f, 'rule[0].object_ownership');
      if (typeof ownership !== 'string' || ownership === '')
        return { unsupported: 'the recorded object ownership is not available' };
      return {
        calls: [
          awsCall('s3', 'PutBucketOwnershipControls', regionOf(f, ctx), {
            Bucket: f.resource.id,
            OwnershipControls: { Rules: [{ ObjectOwnership: ownership as ObjectOwnership }] },
          }),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'bucket', required: true },
      { name: 'rule', required: true, block: [{ name: 'object_ownership', required: true }] },
    ],
  },
});
