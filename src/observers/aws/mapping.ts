/**
 * Shared mapping helpers for catalogue entries: AWS API shapes to the Terraform AWS provider's
 * attribute shapes. Pure functions.
 */
import { setOwn } from '../../model/untrusted.js';

/**
 * AWS tag lists (`[{Key, Value}]`) to the provider's map. Tags with the reserved `aws:` prefix
 * (set by CloudFormation, Auto Scaling, ...) are dropped, as the provider drops them
 * (keyvaluetags.IgnoreAWS): they can never be in a state.
 */
export function tagMap(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key === undefined || tag.Key.startsWith('aws:')) continue;
    setOwn(out, tag.Key, tag.Value ?? '');
  }
  return out;
}

/** The same filter for tags already shaped as a map (ELBv2 repository). */
export function tagRecord(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !key.startsWith('aws:')));
}

/**
 * `tags` and `tags_all` as the provider records them. Live tags equal `tags_all` (resource tags
 * plus the provider's default_tags); `tags` alone cannot be told apart from the API. The engine
 * compares the effective tags (`tags_all` where present, else `tags`) once, under `tags`.
 */
export function tagAttributes(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): {
  tags: Record<string, string>;
  tags_all: Record<string, string>;
} {
  const map = tagMap(tags);
  return { tags: { ...map }, tags_all: map };
}

/** The tag AWS sets on every instance an Auto Scaling group launches. */
export function autoScalingGroupOf(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): string | undefined {
  return tags?.find((t) => t.Key === 'aws:autoscaling:groupName')?.Value;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; partition `aws` (other partitions: see limitations). */
export function arnOf(service: string, region: string, account: string, resource: string): string {
  return `arn:aws:${service}:${region}:${account}:${resource}`;
}

/** A sorted copy of string ids (`undefined` entries dropped): deterministic order for sets. */
export function sortedStrings(values: ReadonlyArray<string | undefined> | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string').sort();
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The Terraform SDK's `hashcode.String`: CRC-32 (IEEE) of the UTF-8 bytes, as a non-negative
 * integer. The provider builds synthetic ids with it (`vai-…`, `sgrule-…`), so observed items can
 * carry the very id the state holds. (zlib.crc32 exists only from Node 20.15.)
 */
export function terraformHashcode(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `"true"`/`"false"` attribute strings (ELBv2 attributes) to booleans; undefined stays undefined. */
export function boolOf(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true';
}

/** Numeric attribute strings to numbers; undefined or non-numeric stays undefined. */
export function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Attributes an entry does not observe, all for one reason (an entry's `unread`). */
export function unread(why: string, ...paths: string[]): { path: string; why: string }[] {
  return paths.map((path) => ({ path, why }));
}

/** A timestamp as the provider writes it with Go's time.RFC3339: UTC, no fractional seconds. */
export function rfc3339(date: Date | undefined): string | undefined {
  return date?.toISOString().replace(/\.\d+Z$/, 'Z');
}
