/**
 * S3 repository.
 *
 * Bucket names are global but every bucket lives in one region, and Driftwarden reports a bucket
 * only in the scope of its own region (otherwise a bucket would be `unmanaged` in every region
 * scanned). ListBuckets takes a `BucketRegion` filter and echoes each bucket's region: one call per
 * region scope, no per-bucket call on AWS. Endpoints that do not echo the region (the emulator,
 * older S3-compatible stores) get one GetBucketLocation per bucket so a bucket is never placed in
 * the wrong region.
 *
 * Everything else about a bucket has no bulk API (policy, versioning, public access block, tags):
 * one call per bucket, at most `ctx.fanOut` in flight, memoized so each is read once per scope and
 * only when a type that needs it is observed. A configuration that was never set answers with a
 * 404 error code (NoSuchBucketPolicy, NoSuchPublicAccessBlockConfiguration, NoSuchTagSet,
 * NoSuchCORSConfiguration, NoSuchLifecycleConfiguration, NoSuchWebsiteConfiguration,
 * OwnershipControlsNotFoundError, ServerSideEncryptionConfigurationNotFoundError): that is "not
 * set", never a failure. GetBucketLogging answers a bucket without logging with an empty body. A bucket deleted between the listing and the read (NoSuchBucket) is
 * dropped.
 */
import {
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketWebsiteCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  type Bucket,
  type CORSRule,
  type GetBucketVersioningCommandOutput,
  type GetBucketWebsiteCommandOutput,
  type LoggingEnabled,
  type OwnershipControlsRule,
  type ServerSideEncryptionRule,
  type PublicAccessBlockConfiguration,
  type Tag,
} from '@aws-sdk/client-s3';
import type { RepositoryContext } from './index.js';
import { collectPages, mapLimit } from './paging.js';

/** A bucket in this scope's region, with one per-bucket read beside it (undefined: not set). */
export interface BucketWith<T> {
  readonly bucket: string;
  readonly value: T | undefined;
}

export interface BucketVersioning {
  readonly status: string | undefined;
  readonly mfaDelete: string | undefined;
}

/** GetBucketLocation's answer to a region: empty means us-east-1, `EU` is the legacy eu-west-1. */
export function regionOfLocation(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

const NOT_SET = new Set([
  'NoSuchBucketPolicy',
  'NoSuchCORSConfiguration',
  'NoSuchLifecycleConfiguration',
  'NoSuchWebsiteConfiguration',
  'OwnershipControlsNotFoundError',
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchTagSet',
  'NoSuchTagSetError',
]);
const GONE = 'NoSuchBucket';

function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : '';
}

/** Marker for a bucket that disappeared between the listing and a per-bucket read. */
const VANISHED = Symbol('vanished');

export function createS3Repository(ctx: RepositoryContext) {
  const client = () => ctx.client('s3');
  const region = ctx.scope.region;

  /** Every bucket the account owns (ListBuckets, 10000 per page), whatever its region. */
  const buckets = (): Promise<Bucket[]> =>
    ctx.list('s3:ListAllMyBuckets', () =>
      collectPages(
        paginateListBuckets({ client: client(), pageSize: 10000, stopOnSameToken: true }, {}),
        (p) => p.Buckets,
      ),
    );

  /** Buckets whose region is this scope's region. */
  const bucketsInRegion = (): Promise<Bucket[]> =>
    ctx.list(
      's3:ListAllMyBuckets',
      async () => {
        const listed = await collectPages(
          paginateListBuckets({ client: client(), pageSize: 10000, stopOnSameToken: true }, { BucketRegion: region }),
          (p) => p.Buckets,
        );
        const unknownRegion = listed.filter((b) => !b.BucketRegion);
        const located = new Map<string, string>();
        await mapLimit(unknownRegion, ctx.fanOut, async (b) => {
          try {
            const res = await client().send(new GetBucketLocationCommand({ Bucket: b.Name }));
            located.set(b.Name ?? '', regionOfLocation(res.LocationConstraint));
          } catch (err) {
            if (errorName(err) !== GONE) throw err;
          }
        });
        return listed.filter((b) => (b.BucketRegion ?? located.get(b.Name ?? '')) === region);
      },
      's3:ListAllMyBuckets/region',
    );

  /** One read per bucket of this region; `notSet` answers become undefined, vanished buckets are dropped. */
  const perBucket = <T>(action: string, read: (bucket: string) => Promise<T | undefined>): Promise<BucketWith<T>[]> =>
    ctx.list(action, async () => {
      const names = (await bucketsInRegion()).map((b) => b.Name ?? '');
      const values = await mapLimit(names, ctx.fanOut, async (bucket): Promise<T | undefined | typeof VANISHED> => {
        try {
          return await read(bucket);
        } catch (err) {
          const name = errorName(err);
          if (NOT_SET.has(name)) return undefined;
          if (name === GONE) return VANISHED;
          throw err;
        }
      });
      const out: BucketWith<T>[] = [];
      names.forEach((bucket, i) => {
        const value = values[i];
        if (value !== VANISHED) out.push({ bucket, value: value as T | undefined });
      });
      return out;
    });

  return {
    buckets,
    bucketsInRegion,

    /** Tags of each bucket in the region (GetBucketTagging; none set → undefined). */
    bucketTags: (): Promise<BucketWith<Tag[]>[]> =>
      perBucket(
        's3:GetBucketTagging',
        async (bucket) => (await client().send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet,
      ),

    /** Bucket policies as JSON text (GetBucketPolicy; none set → undefined). */
    bucketPolicies: (): Promise<BucketWith<string>[]> =>
      perBucket(
        's3:GetBucketPolicy',
        async (bucket) => (await client().send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy,
      ),

    /** Versioning state (GetBucketVersioning; a bucket never versioned answers with no status). */
    bucketVersioning: (): Promise<BucketWith<BucketVersioning>[]> =>
      perBucket('s3:GetBucketVersioning', async (bucket) => {
        const res: GetBucketVersioningCommandOutput = await client().send(
          new GetBucketVersioningCommand({ Bucket: bucket }),
        );
        return { status: res.Status, mfaDelete: res.MFADelete };
      }),

    /** Public access block of each bucket (GetPublicAccessBlock; none set → undefined). */
    publicAccessBlocks: (): Promise<BucketWith<PublicAccessBlockConfiguration>[]> =>
      perBucket(
        's3:GetBucketPublicAccessBlock',
        async (bucket) =>
          (await client().send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration,
      ),

    /** Default encryption rules (GetBucketEncryption; none → undefined, which AWS no longer allows since 2023). */
    bucketEncryption: (): Promise<BucketWith<ServerSideEncryptionRule[]>[]> =>
      perBucket(
        's3:GetEncryptionConfiguration',
        async (bucket) =>
          (await client().send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration
            ?.Rules,
      ),

    /** Object ownership rules (GetBucketOwnershipControls; none set → undefined). */
    bucketOwnershipControls: (): Promise<BucketWith<OwnershipControlsRule[]>[]> =>
      perBucket(
        's3:GetBucketOwnershipControls',
        async (bucket) =>
          (await client().send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }))).OwnershipControls?.Rules,
      ),

    /** CORS rules (GetBucketCors; NoSuchCORSConfiguration → undefined). */
    bucketCors: (): Promise<BucketWith<CORSRule[]>[]> =>
      perBucket(
        's3:GetBucketCORS',
        async (bucket) => (await client().send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules,
      ),

    /** Server access logging (GetBucketLogging; no LoggingEnabled → undefined). */
    bucketLogging: (): Promise<BucketWith<LoggingEnabled>[]> =>
      perBucket(
        's3:GetBucketLogging',
        async (bucket) => (await client().send(new GetBucketLoggingCommand({ Bucket: bucket }))).LoggingEnabled,
      ),

    /** Static website configuration (GetBucketWebsite; NoSuchWebsiteConfiguration → undefined). */
    bucketWebsite: (): Promise<BucketWith<GetBucketWebsiteCommandOutput>[]> =>
      perBucket('s3:GetBucketWebsite', (bucket) => client().send(new GetBucketWebsiteCommand({ Bucket: bucket }))),
  };
}
export type S3Repository = ReturnType<typeof createS3Repository>;
