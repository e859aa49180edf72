/**
 * Attribution: for each drifted or unmanaged resource, who changed it last, when and how, from
 * CloudTrail. Independent of findings and reports: the caller passes {type, id, account, region}
 * (and attributes, when it has them) and gets a map keyed by attributionKey, plus the status of
 * each source so a report can say "attribution source unavailable" instead of nothing.
 *
 * Sources, both optional and combined (the latest relevant event wins):
 *   - the trail's log files in S3 (`trailBucket`), the days of the window read by day prefix;
 *   - LookupEvents (on unless `lookupEvents: false`), one paginated lookup per resource name
 *     (LookupEvents filters by one attribute per call and allows 2 calls per second per region,
 *     hence the small default fan-out). The emulator (moto) does not implement LookupEvents: it is
 *     reported unavailable (`unsupported`), never thrown.
 *
 * IAM is global: its events are recorded in us-east-1, which is where `global` resources are read.
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadServiceClients } from '../client.js';
import { catalogueEntry } from '../catalogue/index.js';
import {
  identityAlternatives,
  matchRecords,
  type Attribution,
  type AttributionTarget,
  type SourcedRecord,
} from './match.js';
import { lookupEvents, readTrailBucket, type SourceStatus } from './sources.js';

/** Where global-service (IAM) events are recorded. */
const GLOBAL_EVENTS_REGION = 'us-east-1';

/** The clients attribution needs; an AwsClientFactory fits. */
export interface AttributionClients {
  client(service: 's3', region: string): S3Client;
  client(service: 'cloudtrail', region: string): CloudTrailClient;
}

export interface AttributeOptions {
  readonly clients: AttributionClients;
  /** How many days back to read (whole UTC days, today included). */
  readonly days: number;
  /** IAM ARNs of the CI/CD principals (users, or roles the pipeline assumes). */
  readonly pipelinePrincipals: ReadonlyArray<string>;
  /** The bucket a trail delivers to; without it, the S3 source is not read. */
  readonly trailBucket?: string;
  /** The trail's S3 key prefix, if it has one. */
  readonly trailPrefix?: string;
  /** The trail bucket's region (default: the first regional target's region, or us-east-1). */
  readonly trailBucketRegion?: string;
  /** Ask LookupEvents as well (default true). */
  readonly lookupEvents?: boolean;
  /** Trail events per type; default: the catalogue entry's trailEvents. */
  readonly trailEvents?: (type: string) => ReadonlyArray<string> | undefined;
  readonly now?: Date;
  /** Calls in flight at once per source (default 4 for S3, 2 for LookupEvents). */
  readonly fanOut?: number;
}

export interface AttributionResult {
  /** Keyed by attributionKey(target); targets without a relevant event are absent. */
  readonly attributions: Map<string, Attribution>;
  readonly sources: ReadonlyArray<SourceStatus>;
}

function eventRegion(region: string | undefined): string | undefined {
  if (!region) return undefined;
  return region === 'global' ? GLOBAL_EVENTS_REGION : region;
}

function unique(values: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
}

export async function attribute(
  targets: ReadonlyArray<AttributionTarget>,
  options: AttributeOptions,
): Promise<AttributionResult> {
  const now = options.now ?? new Date();
  await loadServiceClients('s3', 'cloudtrail');
  const regions = unique(targets.map((t) => eventRegion(t.region)));
  const accounts = unique(targets.map((t) => t.account));
  const records: SourcedRecord[] = [];
  const sources: SourceStatus[] = [];
  if (targets.length === 0) return { attributions: new Map(), sources };

  if (options.trailBucket) {
    const bucketRegion =
      options.trailBucketRegion ??
      regions.find((r) => r !== GLOBAL_EVENTS_REGION) ??
      regions[0] ??
      GLOBAL_EVENTS_REGION;
    const read = await readTrailBucket({
      s3: options.clients.client('s3', bucketRegion),
      bucket: options.trailBucket,
      ...(options.trailPrefix ? { prefix: options.trailPrefix } : {}),
      accounts,
      regions,
      days: options.days,
      now,
      fanOut: options.fanOut ?? 4,
    });
    records.push(...read.records);
    sources.push(read.status);
  }

  if (options.lookupEvents !== false) {
    for (const region of regions) {
      const inRegion = targets.filter((t) => eventRegion(t.region) === region);
      // The first part of each target's first identity is the name CloudTrail indexes it by.
      const names = unique(inRegion.map((t) => identityAlternatives(t)[0]?.[0]));
      const looked = await lookupEvents({
        cloudtrail: options.clients.client('cloudtrail', region),
        region,
        names,
        days: options.days,
        now,
        fanOut: Math.min(options.fanOut ?? 2, 2),
      });
      records.push(...looked.records);
      sources.push(looked.status);
    }
  }

  const attributions = matchRecords(targets, records, {
    trailEvents: options.trailEvents ?? ((type) => catalogueEntry(type)?.trailEvents),
    pipelinePrincipals: new Set(options.pipelinePrincipals),
  });
  return { attributions, sources };
}
