/**
 * Canonical JSON for hashing audit entries: object keys sorted by code unit, no whitespace, arrays
 * in order. The format is part of the audit log's contract (a verifier in another language must
 * reproduce it byte for byte), so it lives here rather than reusing the engine's stableStringify,
 * which may change with the engine's needs.
 *
 * Only JSON values are accepted: `undefined` object members are dropped (as JSON.stringify does),
 * while non-finite numbers, bigints, functions and symbols throw, because they would not survive a
 * round trip through the database and the hash would then no longer verify.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}
