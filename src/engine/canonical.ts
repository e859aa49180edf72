/**
 * Canonical forms of attribute values, so that values that mean the same compare equal:
 * JSON documents (IAM policies) with sorted keys and IAM's single-value-or-array rule, unordered
 * sets in a fixed order, and "empty" values (null, "", [], {}) treated as one.
 * Every function here is pure and deterministic: canonical(x) === canonical(canonical(x)).
 */

/** Deep equality for JSON-like values; fast path before any normalisation. */
export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== typeof right || left === null || right === null) return false;
  if (typeof left !== 'object') return false;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!deepEqual(left[i], right[i])) return false;
    return true;
  }
  if (Array.isArray(right)) return false;
  const l = left as Record<string, unknown>;
  const r = right as Record<string, unknown>;
  const lKeys = Object.keys(l);
  if (lKeys.length !== Object.keys(r).length) return false;
  for (const key of lKeys) {
    if (!Object.prototype.hasOwnProperty.call(r, key) || !deepEqual(l[key], r[key])) return false;
  }
  return true;
}

/**
 * Set equality without canonicalising: every element of one side has a deep-equal partner on the
 * other. Quadratic, so only for the small sets that make up almost every attribute (rule lists,
 * id lists); larger sets go through canonicalSet.
 */
export function smallSetEqual(left: unknown, right: unknown): boolean {
  if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length || left.length > 32) return false;
  const used = new Array<boolean>(right.length).fill(false);
  outer: for (const element of left) {
    for (let j = 0; j < right.length; j++) {
      if (!used[j] && deepEqual(element, right[j])) {
        used[j] = true;
        continue outer;
      }
    }
    return false;
  }
  return true;
}

/** True for values the provider uses interchangeably for "nothing set". */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/** JSON text with object keys sorted at every depth. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/**
 * An unordered set in canonical order. Elements that are objects have their nested lists of
 * primitives sorted too: AWS returns a security-group rule's CIDR blocks in any order.
 */
export function canonicalSet(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const elements = value.map(sortNestedPrimitiveLists);
  const keyed = elements.map((element) => [stableStringify(element), element] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: unknown[] = [];
  let last: string | undefined;
  for (const [key, element] of keyed) {
    if (key !== last) out.push(element);
    last = key;
  }
  return out;
}

function sortNestedPrimitiveLists(value: unknown): unknown {
  if (Array.isArray(value)) {
    const mapped = value.map(sortNestedPrimitiveLists);
    return mapped.every((v) => v === null || typeof v !== 'object') ? [...mapped].sort(comparePrimitive) : mapped;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = sortNestedPrimitiveLists(v);
    return out;
  }
  return value;
}

function comparePrimitive(a: unknown, b: unknown): number {
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * JSON text whose arrays are ordered (an ECS task definition's container definitions: a command's
 * arguments, port mappings): parsed, with object keys sorted at every depth, array order kept. The
 * provider writes such text through a serializer whose map keys come out in any order; whitespace
 * and key order never carry meaning. Not JSON: the input unchanged.
 */
export function canonicalOrderedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    return sortKeys(JSON.parse(trimmed));
  } catch {
    return value;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** IAM policy keys whose value may be one string or a list of strings, in any order. */
const IAM_LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

/**
 * A JSON document (IAM policy, bucket policy, trust policy) in canonical form. Accepts the JSON text
 * or an already-parsed value; returns the parsed canonical value, or the input unchanged when it is
 * not JSON (then it compares as the plain string it is).
 */
export function canonicalJsonDocument(value: unknown): unknown {
  if (typeof value === 'string') {
    const cached = documentCache.get(value);
    if (cached !== undefined) return cached;
    const canonical = canonicalJsonText(value);
    if (documentCache.size >= DOCUMENT_CACHE_LIMIT) documentCache.clear();
    documentCache.set(value, canonical);
    return canonical;
  }
  return canonicalIam(value, undefined);
}

/**
 * Estates repeat the same policy text many times (one trust policy for hundreds of roles): canonical
 * forms are cached by text. Canonical values are never mutated, so sharing them is safe.
 */
const documentCache = new Map<string, unknown>();
const DOCUMENT_CACHE_LIMIT = 4096;

function canonicalJsonText(value: string): unknown {
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return value;
  }
  return canonicalIam(parsed, undefined);
}

function canonicalIam(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalIam(v, undefined));
    // Statement lists are unordered in IAM's evaluation; so are value lists.
    return canonicalSet(items);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      let v = (value as Record<string, unknown>)[k];
      if (k === 'Statement' && v !== null && typeof v === 'object' && !Array.isArray(v)) v = [v];
      out[k] = canonicalIam(v, k);
    }
    return out;
  }
  // A single string where IAM accepts a list: ["s3:GetObject"] and "s3:GetObject" are the same.
  if (typeof value === 'string' && key !== undefined && (IAM_LIST_KEYS.has(key) || isConditionOrPrincipalValue(key))) {
    return [value];
  }
  return value;
}

/** Keys under Principal (AWS, Service, Federated) and condition operators' keys take lists too. */
function isConditionOrPrincipalValue(key: string): boolean {
  return key === 'AWS' || key === 'Service' || key === 'Federated' || key === 'CanonicalUser' || key.includes(':');
}
