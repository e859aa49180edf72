/**
 * Attribute diff of one matched pair. Compares the attributes the observation carries (an observer
 * maps only what its API returns; an attribute it does not report cannot have drifted as far as we
 * know), skipping identity and computed attributes, and descends into maps and same-length lists
 * so that a change is reported where it is (`tags.Owner`, not `tags`). Values are raw here;
 * redaction happens when findings are built.
 */
import type { AttributePath, Resource } from '../model/resource.js';
import { formatPath } from '../model/resource.js';
import type { TypeSemantics } from '../model/semantics.js';
import { canonicalSet, deepEqual, isEmpty, smallSetEqual, stableStringify } from './canonical.js';
import { canonicalizePair, matchDefault } from './normalize.js';

export interface RawChange {
  readonly path: AttributePath;
  readonly pathText: string;
  /** The top-level attribute the change lies in. */
  readonly attribute: string;
  readonly recorded: unknown;
  readonly observed: unknown;
  readonly added?: ReadonlyArray<unknown>;
  readonly removed?: ReadonlyArray<unknown>;
}

export interface DiffSuppression {
  readonly path: string;
  readonly rule: string;
  readonly why: string;
}

export interface DiffResult {
  readonly changes: RawChange[];
  readonly suppressed: DiffSuppression[];
}

/** Why a `computed` attribute (TypeSemantics.computed) is not compared: the entry says it per type. */
const COMPUTED_WHY =
  'not compared: the catalogue entry declares it computed (set by the provider or at create/delete time, not returned by the API as Terraform stores it)';

/** Never compared: identity, and Terraform bookkeeping that is not an attribute of the resource. */
const NOT_COMPARED = new Set(['id', 'timeouts']);

/**
 * `tags_all` holds `tags` plus the provider's default_tags; the API returns one tag list. Compare
 * the effective tags once, under the name `tags`.
 */
function effectiveTags(attributes: Readonly<Record<string, unknown>>): unknown {
  const all = attributes['tags_all'];
  return isEmpty(all) ? attributes['tags'] : all;
}

/** Attribute lists as sets, built once per semantics object: the diff asks for every attribute. */
const listSets = new WeakMap<TypeSemantics, Map<string, ReadonlySet<string>>>();

function lookupSet(semantics: TypeSemantics | undefined, key: 'computed' | 'sets'): ReadonlySet<string> | undefined {
  const list = semantics?.[key];
  if (!semantics || !list || list.length === 0) return undefined;
  let bySemantics = listSets.get(semantics);
  if (!bySemantics) listSets.set(semantics, (bySemantics = new Map()));
  let set = bySemantics.get(key);
  if (!set) bySemantics.set(key, (set = new Set(list)));
  return set;
}

export function diffResource(
  recorded: Resource,
  observed: Resource,
  semantics: TypeSemantics | undefined,
  strict: boolean,
  liveListing = true,
): DiffResult {
  const changes: RawChange[] = [];
  const suppressed: DiffSuppression[] = [];
  // `computed` lists what a live observer cannot read; a plan's refresh reads every attribute
  // through the provider itself, so there nothing is skipped.
  const computed = liveListing ? lookupSet(semantics, 'computed') : undefined;
  const sets = lookupSet(semantics, 'sets');
  const rAttrs = recorded.attributes;
  const oAttrs = observed.attributes;
  const notReturned = notReturnedPaths(observed, rAttrs, suppressed);
  for (const attribute of Object.keys(oAttrs)) {
    if (NOT_COMPARED.has(attribute) || attribute === 'tags_all') continue;
    if (computed !== undefined && computed.has(attribute)) continue;
    if (notReturned?.has(attribute)) continue;
    let r: unknown;
    let o: unknown;
    if (attribute === 'tags') {
      r = effectiveTags(rAttrs);
      o = effectiveTags(oAttrs);
    } else {
      r = rAttrs[attribute];
      o = oAttrs[attribute];
      if (semantics?.recordedKeysOnly?.includes(attribute)) o = onlyRecordedKeys(r, o);
    }
    if (r === o || deepEqual(r, o)) continue;
    const isSet = sets !== undefined && sets.has(attribute);
    if (isSet && smallSetEqual(r, o)) continue;
    const pair = canonicalizePair(attribute, r, o, semantics);
    if (deepEqual(pair.recorded, pair.observed)) {
      suppressed.push({
        path: attribute,
        rule: pair.applied.join('+') || 'canonicalize',
        why: 'equal after canonicalisation',
      });
      continue;
    }
    if (!strict) {
      const why = matchDefault(attribute, pair.recorded, pair.observed, semantics);
      if (why !== undefined) {
        suppressed.push({ path: attribute, rule: `default:${attribute}`, why });
        continue;
      }
    }
    if (isSet) {
      changes.push(setChange(attribute, pair.recorded, pair.observed));
    } else if (pair.applied.includes('json-document')) {
      changes.push(leafChange([attribute], attribute, pair.recorded, pair.observed));
    } else {
      descend(
        [attribute],
        attribute,
        pair.recorded,
        pair.observed,
        { changes, suppressed, semantics, strict, notReturned },
        false,
      );
    }
  }
  // Declared unread attributes the record holds: not compared, and said so (never a silent skip).
  if (liveListing) {
    for (const { path, why } of semantics?.unread ?? []) {
      if (path in oAttrs || isEmpty(rAttrs[path])) continue;
      suppressed.push({ path, rule: `not-read:${path}`, why });
    }
    // Declared computed attributes the record holds: not compared either, and said so.
    for (const path of semantics?.computed ?? []) {
      if (NOT_COMPARED.has(path) || isEmpty(rAttrs[path])) continue;
      suppressed.push({ path, rule: `computed:${path}`, why: COMPUTED_WHY });
    }
  }
  return { changes, suppressed };
}

/**
 * The paths the API returned no value for and the provider keeps as recorded (Resource.notReturned):
 * never compared. Each the record holds a value at is a `not-returned:<path>` suppression, listed
 * here once (not where the walk meets it: a JSON round trip drops the observed key).
 */
function notReturnedPaths(
  observed: Resource,
  rAttrs: Readonly<Record<string, unknown>>,
  suppressed: DiffSuppression[],
): ReadonlySet<string> | undefined {
  if (!observed.notReturned || observed.notReturned.length === 0) return undefined;
  const paths = new Set<string>();
  for (const { path, why } of observed.notReturned) {
    const text = formatPath(path);
    paths.add(text);
    if (isEmpty(valueAt(rAttrs, path))) continue;
    suppressed.push({ path: text, rule: `not-returned:${text}`, why });
  }
  return paths;
}

function valueAt(attributes: Readonly<Record<string, unknown>>, path: AttributePath): unknown {
  let value: unknown = attributes;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/** The observed map cut to the keys the record holds (see TypeSemantics.recordedKeysOnly). */
function onlyRecordedKeys(recorded: unknown, observed: unknown): unknown {
  if (!isPlainObject(observed)) return observed;
  const keys = isPlainObject(recorded) ? Object.keys(recorded) : [];
  // A recorded key gone from the VM stays (as undefined): the provider drops it and the next apply re-adds it.
  return Object.fromEntries(keys.map((key) => [key, observed[key]]));
}

function leafChange(path: AttributePath, attribute: string, recorded: unknown, observed: unknown): RawChange {
  return {
    path,
    pathText: formatPath(path),
    attribute,
    recorded: recorded ?? undefined,
    observed: observed ?? undefined,
  };
}

function setChange(attribute: string, recorded: unknown, observed: unknown): RawChange {
  const r = Array.isArray(recorded) ? recorded : recorded == null ? [] : [recorded];
  const o = Array.isArray(observed) ? observed : observed == null ? [] : [observed];
  const rKeys = new Set(r.map(stableStringify));
  const oKeys = new Set(o.map(stableStringify));
  return {
    path: [attribute],
    pathText: attribute,
    attribute,
    recorded: canonicalSet(r),
    observed: canonicalSet(o),
    added: o.filter((e) => !rKeys.has(stableStringify(e))),
    removed: r.filter((e) => !oKeys.has(stableStringify(e))),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a descent carries unchanged from its start. */
interface Walk {
  readonly changes: RawChange[];
  readonly suppressed: DiffSuppression[];
  readonly semantics: TypeSemantics | undefined;
  readonly strict: boolean;
  /** Paths not observed (notReturnedPaths): their suppressions are already listed. */
  readonly notReturned: ReadonlySet<string> | undefined;
}

function descend(
  path: AttributePath,
  attribute: string,
  recorded: unknown,
  observed: unknown,
  walk: Walk,
  inBlock: boolean,
): void {
  const { changes, suppressed, semantics, strict } = walk;
  if (deepEqual(recorded, observed)) return;
  if (walk.notReturned?.has(formatPath(path))) return;
  if (isEmpty(recorded) && isEmpty(observed)) return;
  if (isPlainObject(recorded) && isPlainObject(observed)) {
    // A nested block (an object inside a list, as state stores blocks) is compared on the fields
    // the observer maps; a map (tags) on the keys of both sides, since a removed key is drift.
    const keys = inBlock ? Object.keys(observed) : [...new Set([...Object.keys(recorded), ...Object.keys(observed)])];
    for (const key of keys.sort()) {
      descend([...path, key], attribute, recorded[key], observed[key], walk, false);
    }
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(observed) && recorded.length === observed.length) {
    for (let i = 0; i < recorded.length; i++) {
      descend([...path, i], attribute, recorded[i], observed[i], walk, true);
    }
    return;
  }
  const pathText = formatPath(path);
  if (!strict && path.length > 1) {
    // Defaults are declared without list indices (`versioning_configuration.mfa_delete`).
    const why = matchDefault(
      formatPath(path.filter((part) => typeof part === 'string')),
      recorded,
      observed,
      semantics,
    );
    if (why !== undefined) {
      suppressed.push({ path: pathText, rule: `default:${pathText}`, why });
      return;
    }
  }
  changes.push(leafChange(path, attribute, recorded, observed));
}
