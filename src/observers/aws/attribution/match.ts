/**
 * Matching CloudTrail records to resources. Pure: records in, the latest relevant record per
 * resource out.
 *
 * A record is relevant to a resource when
 *   - it succeeded (no errorCode) and is not read-only;
 *   - its eventName is one of the type's trail events (catalogue `trailEvents`);
 *   - its account and region agree with the resource's where both are known (IAM is global: its
 *     events are recorded in us-east-1, so region is not checked for `global` resources);
 *   - it mentions the resource: every part of one of the resource's identity alternatives appears
 *     among the record's resources[] ARNs or the string values of its requestParameters and
 *     responseElements (groupId, roleName + policyArn, bucketName, keyId, dBInstanceIdentifier...).
 */
import { classifyVia, principalOf } from './classify.js';
import type { CloudTrailRecord } from './records.js';
import type { Attribution } from '../../../model/finding.js';

/** A resource to attribute: a drifted or unmanaged resource, as findings know it. */
export interface AttributionTarget {
  readonly type: string;
  /** The provider id (the catalogue's observed id). */
  readonly id: string;
  readonly account?: string;
  readonly region?: string;
  /** Observed or recorded attributes, when known: give other names to match by (arn, identifier, ...). */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/** Who changed a resource last, when and how: the model's type, so findings carry it as is. */
export type { Attribution } from '../../../model/finding.js';
export type AttributionSource = Attribution['source'];

/** The key of a target in the result map: type, account, region and id. */
export function attributionKey(target: Pick<AttributionTarget, 'type' | 'id' | 'account' | 'region'>): string {
  return `${target.type}|${target.account ?? ''}|${target.region ?? ''}|${target.id}`;
}

function stringAttribute(target: AttributionTarget, name: string): string | undefined {
  const value = target.attributes?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Splits `left<sep>right` at the first separator (role policy `role:name`, attachment `role/arn`). */
function splitOnce(id: string, separator: string): [string, string] | undefined {
  const at = id.indexOf(separator);
  return at > 0 && at < id.length - 1 ? [id.slice(0, at), id.slice(at + 1)] : undefined;
}

/**
 * The ways a record can name a resource: each alternative is a list of strings that must all be
 * mentioned. Types whose id is composite or synthetic name their parts.
 */
export function identityAlternatives(target: AttributionTarget): string[][] {
  const alternatives: string[][] = [];
  const add = (...parts: (string | undefined)[]): void => {
    if (parts.length > 0 && parts.every((p): p is string => typeof p === 'string' && p !== ''))
      alternatives.push(parts as string[]);
  };
  switch (target.type) {
    case 'aws_iam_role_policy': {
      const parts = splitOnce(target.id, ':');
      add(stringAttribute(target, 'role') ?? parts?.[0], stringAttribute(target, 'name') ?? parts?.[1]);
      break;
    }
    case 'aws_iam_role_policy_attachment':
    case 'aws_iam_user_policy_attachment': {
      const parts = splitOnce(target.id, '/');
      const principal = target.type === 'aws_iam_role_policy_attachment' ? 'role' : 'user';
      add(stringAttribute(target, principal) ?? parts?.[0], stringAttribute(target, 'policy_arn') ?? parts?.[1]);
      break;
    }
    case 'aws_security_group_rule':
      // Synthetic `sgrule-<hash>` id: any rule change on the group is the best available match.
      add(stringAttribute(target, 'security_group_id'));
      break;
    case 'aws_volume_attachment':
      add(stringAttribute(target, 'volume_id'), stringAttribute(target, 'instance_id'));
      break;
    default:
      add(target.id);
  }
  add(stringAttribute(target, 'arn'));
  // aws_db_instance: v5+ ids are DBI resource ids, events name the identifier.
  add(stringAttribute(target, 'identifier'));
  return alternatives;
}

const MAX_DEPTH = 6;
/** Longer strings are documents (policies, user data), not names. */
const MAX_NAME_LENGTH = 512;

function collectStrings(value: unknown, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.length > 0 && value.length <= MAX_NAME_LENGTH) out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, out, depth + 1);
    return;
  }
  if (typeof value === 'object')
    for (const item of Object.values(value as Record<string, unknown>)) collectStrings(item, out, depth + 1);
}

/** Every name a record mentions; for ARNs also the resource part's last segment (`key/<id>` → `<id>`). */
export function mentionsOf(record: CloudTrailRecord): Set<string> {
  const out = new Set<string>();
  for (const resource of record.resources ?? []) if (resource.ARN) out.add(resource.ARN);
  collectStrings(record.requestParameters, out, 0);
  collectStrings(record.responseElements, out, 0);
  for (const value of [...out]) {
    if (!value.startsWith('arn:')) continue;
    const resource = value.split(':').slice(5).join(':');
    const last = resource.slice(Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':')) + 1);
    if (last) out.add(last);
  }
  return out;
}

function sameScope(target: AttributionTarget, record: CloudTrailRecord): boolean {
  const account = record.recipientAccountId ?? record.userIdentity?.accountId;
  if (target.account && account && target.account !== account) return false;
  if (target.region && target.region !== 'global' && record.awsRegion && record.awsRegion !== target.region)
    return false;
  return true;
}

function timeOf(record: CloudTrailRecord): number {
  const t = Date.parse(record.eventTime ?? '');
  return Number.isNaN(t) ? -Infinity : t;
}

export function toAttribution(
  record: CloudTrailRecord,
  pipelinePrincipals: ReadonlySet<string>,
  source: AttributionSource,
): Attribution {
  return {
    principal: principalOf(record),
    principalType: record.userIdentity?.type ?? 'Unknown',
    time: record.eventTime ?? '',
    sourceIp: record.sourceIPAddress ?? '',
    eventName: record.eventName ?? '',
    userAgent: record.userAgent ?? '',
    via: classifyVia(record, pipelinePrincipals),
    ...(record.eventID ? { eventId: record.eventID } : {}),
    source,
  };
}

export interface MatchOptions {
  /** Trail events per type (the catalogue's `trailEvents`); a type without a list accepts any write event. */
  readonly trailEvents: (type: string) => ReadonlyArray<string> | undefined;
  readonly pipelinePrincipals: ReadonlySet<string>;
}

export interface SourcedRecord {
  readonly record: CloudTrailRecord;
  readonly source: AttributionSource;
}

/** The latest relevant record per target, as an Attribution, keyed by attributionKey. */
export function matchRecords(
  targets: ReadonlyArray<AttributionTarget>,
  records: Iterable<SourcedRecord>,
  options: MatchOptions,
): Map<string, Attribution> {
  const prepared = targets.map((target) => ({
    target,
    key: attributionKey(target),
    alternatives: identityAlternatives(target),
    events: options.trailEvents(target.type),
  }));
  const latest = new Map<string, SourcedRecord>();
  for (const sourced of records) {
    const { record } = sourced;
    if (record.errorCode || record.readOnly === true || !record.eventName) continue;
    let mentions: Set<string> | undefined;
    for (const p of prepared) {
      if (p.events && !p.events.includes(record.eventName)) continue;
      if (!sameScope(p.target, record)) continue;
      mentions ??= mentionsOf(record);
      const seen = mentions;
      if (!p.alternatives.some((parts) => parts.every((part) => seen.has(part)))) continue;
      const current = latest.get(p.key);
      if (!current || timeOf(record) > timeOf(current.record)) latest.set(p.key, sourced);
    }
  }
  const out = new Map<string, Attribution>();
  for (const [key, { record, source }] of latest)
    out.set(key, toAttribution(record, options.pipelinePrincipals, source));
  return out;
}
