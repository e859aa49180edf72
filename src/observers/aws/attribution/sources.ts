/**
 * The two CloudTrail sources: log files a trail delivered to S3, and the LookupEvents API.
 * Neither throws for a source that cannot be read: the failure is returned as a SourceStatus
 * (unavailable, with a classified code and a secret-free reason) and attribution goes on with what
 * the other source gave. Classification follows errors.ts: error name and HTTP status only.
 */
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { paginateLookupEvents, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { classifyAwsFailure, type AwsFailureKind } from '../errors.js';
import { mapLimit } from '../repositories/paging.js';
import { dayPrefix, daysBack, readLogFile, type CloudTrailRecord } from './records.js';
import type { AttributionSource, SourcedRecord } from './match.js';

/** Whether one source (in one region, for LookupEvents) could be read, and how much it gave. */
export interface SourceStatus {
  readonly source: AttributionSource;
  /** The region asked (LookupEvents) or the bucket read (trail-s3). */
  readonly where: string;
  readonly available: boolean;
  readonly records: number;
  readonly code?: AwsFailureKind;
  /** One line for reports: what failed, the error name and status, never the raw message. */
  readonly reason?: string;
}

function describeFailure(err: unknown, what: string): { code: AwsFailureKind; reason: string } {
  const shape = (typeof err === 'object' && err !== null ? err : {}) as {
    name?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  // An answer the SDK cannot parse as the service's protocol (an HTML error page: the emulator
  // has no such operation) means the endpoint does not serve it.
  const code: AwsFailureKind = name === 'SyntaxError' ? 'unsupported' : classifyAwsFailure(err);
  const label = code === 'unsupported' ? 'not served by the endpoint' : code.replace('-', ' ');
  return { code, reason: `${what}: ${label} (${name}${status !== undefined ? `, HTTP ${status}` : ''})` };
}

export interface TrailBucketOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly prefix?: string;
  readonly accounts: ReadonlyArray<string>;
  readonly regions: ReadonlyArray<string>;
  readonly days: number;
  readonly now: Date;
  readonly fanOut: number;
}

/** Reads every log file of the window, by day prefix (ListObjectsV2, 1000 keys per page). */
export async function readTrailBucket(
  options: TrailBucketOptions,
): Promise<{ records: SourcedRecord[]; status: SourceStatus }> {
  const where = `s3://${options.bucket}/${options.prefix ?? ''}`;
  try {
    const prefixes = options.accounts.flatMap((account) =>
      options.regions.flatMap((region) =>
        daysBack(options.now, options.days).map((day) => dayPrefix(account, region, day, options.prefix)),
      ),
    );
    const keyLists = await mapLimit(prefixes, options.fanOut, async (prefix) => {
      const keys: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client: options.s3, pageSize: 1000 },
        { Bucket: options.bucket, Prefix: prefix },
      )) {
        for (const object of page.Contents ?? []) if (object.Key?.endsWith('.json.gz')) keys.push(object.Key);
      }
      return keys;
    });
    const files = await mapLimit(keyLists.flat(), options.fanOut, async (key): Promise<CloudTrailRecord[]> => {
      const object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      return readLogFile(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    });
    const records = files.flat().map((record) => ({ record, source: 'trail-s3' as const }));
    return { records, status: { source: 'trail-s3', where, available: true, records: records.length } };
  } catch (err) {
    return {
      records: [],
      status: { source: 'trail-s3', where, available: false, records: 0, ...describeFailure(err, `reading ${where}`) },
    };
  }
}

export interface LookupOptions {
  readonly cloudtrail: CloudTrailClient;
  readonly region: string;
  /** Resource names to look up (LookupEvents takes one attribute per call). */
  readonly names: ReadonlyArray<string>;
  readonly days: number;
  readonly now: Date;
  readonly fanOut: number;
}

/** LookupEvents by ResourceName for each name, over the window, in one region. */
export async function lookupEvents(
  options: LookupOptions,
): Promise<{ records: SourcedRecord[]; status: SourceStatus }> {
  const start = new Date(options.now.getTime() - Math.max(1, options.days) * 86_400_000);
  try {
    const perName = await mapLimit(options.names, options.fanOut, async (name) => {
      const out: CloudTrailRecord[] = [];
      const pages = paginateLookupEvents(
        { client: options.cloudtrail, pageSize: 50 },
        {
          LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: name }],
          StartTime: start,
          EndTime: options.now,
        },
      );
      for await (const page of pages) {
        for (const event of page.Events ?? []) {
          if (event.CloudTrailEvent) out.push(JSON.parse(event.CloudTrailEvent) as CloudTrailRecord);
        }
      }
      return out;
    });
    const records = perName.flat().map((record) => ({ record, source: 'lookup-events' as const }));
    return {
      records,
      status: { source: 'lookup-events', where: options.region, available: true, records: records.length },
    };
  } catch (err) {
    return {
      records: [],
      status: {
        source: 'lookup-events',
        where: options.region,
        available: false,
        records: 0,
        ...describeFailure(err, `cloudtrail:LookupEvents in ${options.region}`),
      },
    };
  }
}
