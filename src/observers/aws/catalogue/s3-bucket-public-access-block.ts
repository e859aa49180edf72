/**
 * aws_s3_bucket_public_access_block: GetPublicAccessBlock per bucket of the region (no bulk form).
 * A bucket without one (NoSuchPublicAccessBlockConfiguration) has no such resource. The provider's
 * id and import id are the bucket name. Every attribute governs exposure: the type is policy.
 */
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { BucketWith } from '../repositories/s3.js';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { zeroWhenOmitted } from '../omitted.js';

/** The provider's arguments, by the field PutPublicAccessBlock takes. */
const PAB_FIELDS = {
  block_public_acls: 'BlockPublicAcls',
  block_public_policy: 'BlockPublicPolicy',
  ignore_public_acls: 'IgnorePublicAcls',
  restrict_public_buckets: 'RestrictPublicBuckets',
} as const;

export const s3BucketPublicAccessBlock = defineResourceType<BucketWith<PublicAccessBlockConfiguration>>({
  type: 'aws_s3_bucket_public_access_block',
  service: 's3',
  list: async (repos) => (await repos.s3.publicAccessBlocks()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value }) => ({
    id: bucket,
    attributes: {
      id: bucket,
      bucket,
      // resourceBucketPublicAccessBlockRead (internal/service/s3/bucket_public_access_block.go):
      // d.Set(x, pabc.X) with a *bool, false when omitted.
      block_public_acls: zeroWhenOmitted(value?.BlockPublicAcls, false),
      block_public_policy: zeroWhenOmitted(value?.BlockPublicPolicy, false),
      ignore_public_acls: zeroWhenOmitted(value?.IgnorePublicAcls, false),
      restrict_public_buckets: zeroWhenOmitted(value?.RestrictPublicBuckets, false),
    },
  }),
  policyType: true,
  policy: ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'],
  forcesReplacement: ['bucket'],
  trailEvents: ['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'],
  limitations: 'one GetPublicAccessBlock call per bucket (the API has no bulk form)',
  revert: {
    attributes: Object.keys(PAB_FIELDS),
    sends: ['s3:PutPublicAccessBlock'],
    plan: (f, ctx) => ({
      calls: [
        awsCall(
          's3',
          'PutPublicAccessBlock',
          regionOf(f, ctx),
          {
            Bucket: f.resource.id,
            PublicAccessBlockConfiguration: Object.fromEntries(
              f.changes.map((c) => [PAB_FIELDS[c.path as keyof typeof PAB_FIELDS], c.recorded]),
            ),
          },
          { note: 'the settings not listed keep their current values', before: 'mergeCurrentSettings' },
        ),
      ],
    }),
  },
  steps: {
    // PutPublicAccessBlock replaces all four settings: a revert of one must keep the other three.
    mergeCurrentSettings: {
      before: async (input, ctx) => {
        let current: Record<string, unknown> = {};
        try {
          const out = await ctx.send('s3', 'GetPublicAccessBlock', { Bucket: String(input['Bucket']) });
          current = { ...(out['PublicAccessBlockConfiguration'] as Record<string, unknown> | undefined) };
        } catch (err) {
          // No block at all yet: every unlisted setting is off, as S3 treats a missing block.
          if ((err as { name?: string }).name !== 'NoSuchPublicAccessBlockConfiguration') throw err;
        }
        const wanted = input['PublicAccessBlockConfiguration'] as Record<string, unknown>;
        return { ...input, PublicAccessBlockConfiguration: { ...current, ...wanted } };
      },
    },
  },
});
