/**
 * CloudTrail records as a trail delivers them, and where it delivers them.
 *
 * A trail writes gzipped JSON files `{"Records": [...]}` to S3 under
 *   [<prefix>/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<random>.json.gz
 * (organization trails add the organization id after AWSLogs/: not read yet). LookupEvents returns
 * the same record as JSON text in `CloudTrailEvent`. Only the fields attribution reads are typed.
 */
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);

export interface SessionIssuer {
  readonly type?: string;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly userName?: string;
}

export interface UserIdentity {
  readonly type?: string;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly invokedBy?: string;
  readonly sessionContext?: {
    readonly attributes?: { readonly mfaAuthenticated?: string; readonly creationDate?: string };
    readonly sessionIssuer?: SessionIssuer;
    readonly sourceIdentity?: string;
  };
}

export interface CloudTrailRecord {
  readonly eventVersion?: string;
  readonly userIdentity?: UserIdentity;
  readonly eventTime?: string;
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly awsRegion?: string;
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
  readonly errorCode?: string;
  readonly requestParameters?: unknown;
  readonly responseElements?: unknown;
  readonly requestID?: string;
  readonly eventID?: string;
  readonly readOnly?: boolean;
  readonly resources?: ReadonlyArray<{ readonly ARN?: string; readonly accountId?: string; readonly type?: string }>;
  readonly eventType?: string;
  readonly managementEvent?: boolean;
  readonly recipientAccountId?: string;
  readonly sessionCredentialFromConsole?: string;
}

/** Records of one log file's JSON text; a file without a Records list has none. */
export function parseLogFile(text: string): CloudTrailRecord[] {
  const parsed = JSON.parse(text) as { Records?: unknown };
  return Array.isArray(parsed.Records) ? (parsed.Records as CloudTrailRecord[]) : [];
}

/** Records of one delivered (gzipped) log file. */
export async function readLogFile(gzipped: Uint8Array): Promise<CloudTrailRecord[]> {
  return parseLogFile((await gunzipAsync(gzipped)).toString('utf8'));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The UTC days from `days - 1` days before `now` up to `now`, oldest first (at least one). */
export function daysBack(now: Date, days: number): Date[] {
  const count = Math.max(1, Math.floor(days));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * 86_400_000));
}

/** The key prefix of one day's files of one account and region. */
export function dayPrefix(account: string, region: string, day: Date, trailPrefix?: string): string {
  const base = trailPrefix ? `${trailPrefix.replace(/\/+$/, '')}/` : '';
  return `${base}AWSLogs/${account}/CloudTrail/${region}/${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}/`;
}

/** The key of a log file as CloudTrail names it (for tests and the demo that write files). */
export function logFileKey(
  account: string,
  region: string,
  delivered: Date,
  random: string,
  trailPrefix?: string,
): string {
  const stamp = `${delivered.getUTCFullYear()}${pad(delivered.getUTCMonth() + 1)}${pad(delivered.getUTCDate())}T${pad(delivered.getUTCHours())}${pad(delivered.getUTCMinutes())}Z`;
  return `${dayPrefix(account, region, delivered, trailPrefix)}${account}_CloudTrail_${region}_${stamp}_${random}.json.gz`;
}
