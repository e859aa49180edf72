/**
 * aws_s3_bucket_versioning: GetBucketVersioning per bucket of the region (no bulk form). The
 * provider's id and import id are the bucket name (`bucket,expected_bucket_owner` when the owner is
 * set). A bucket that was never versioned answers with no status: the provider then has no
 * versioning resource, so neither does the observation (a `Disabled` resource cannot be created).
 */
import type { BucketVersioning, BucketWith } from '../repositories/s3.js';
import type { BucketVersioningStatus } from '@aws-sdk/client-s3';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { zeroWhenOmitted } from '../omitted.js';

export const s3BucketVersioning = defineResourceType<BucketWith<BucketVersioning>>({
  type: 'aws_s3_bucket_versioning',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketVersioning()).filter((b) => b.value?.status !== undefined),
  observe: ({ bucket, value }) => ({
    id: bucket,
    attributes: {
      id: bucket,
      bucket,
      expected_bucket_owner: '',
      // flattenVersioning (internal/service/s3/bucket_versioning.go): status "Disabled" when the API
      // returns none (the provider's own bucketVersioningStatusDisabled), mfa_delete as returned: ""
      // when omitted (never AWS's usual `Disabled`).
      versioning_configuration: [
        { status: zeroWhenOmitted(value?.status, 'Disabled'), mfa_delete: zeroWhenOmitted(value?.mfaDelete, '') },
      ],
    },
  }),
  // mfa is the serial and token of an MFA device: configuration-only, never returned by the API.
  computed: ['mfa', 'expected_bucket_owner'],
  defaults: [
    {
      path: 'versioning_configuration.mfa_delete',
      value: 'Disabled',
      why: 'S3 reports MFA delete as Disabled, or not at all, unless it was enabled',
    },
  ],
  forcesReplacement: ['bucket', 'expected_bucket_owner'],
  trailEvents: ['PutBucketVersioning'],
  limitations: 'one GetBucketVersioning call per bucket (the API has no bulk form)',
  revert: {
    attributes: ['versioning_configuration[0].status'],
    sends: ['s3:PutBucketVersioning'],
    plan: (f, ctx) => {
      const Status = recordedOf(f, 'versioning_configuration[0].status') as BucketVersioningStatus;
      return {
        calls: [
          awsCall('s3', 'PutBucketVersioning', regionOf(f, ctx), {
            Bucket: f.resource.id,
            VersioningConfiguration: { Status },
          }),
        ],
      };
    },
  },
});
