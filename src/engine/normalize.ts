/**
 * Normalizers: values with a name and a reason, run in fixed phases, identically on the recorded
 * and the observed side. The engine runs them only on attributes whose raw values differ (values
 * that are already equal stay equal after any deterministic normalisation), which keeps a scan of
 * 100k resources close to the cost of reading them.
 *
 * Phases, in order:
 *   1. canonicalize: JSON documents, unordered sets, case-insensitive strings, empty values;
 *   2. defaults:     per-type values that are not drift when the other side has none (off with --strict);
 *   3. user:         ignore rules and lifecycle ignore_changes (applied to the resulting changes, in suppress.ts).
 */
import type { TypeSemantics } from '../model/semantics.js';
import { canonicalJsonDocument, canonicalOrderedJson, canonicalSet, deepEqual, isEmpty } from './canonical.js';

export type Phase = 'canonicalize' | 'defaults' | 'user';

export interface Normalizer {
  readonly name: string;
  readonly phase: Phase;
  /** Which AWS or provider behaviour this answers. */
  readonly why: string;
  appliesTo(attribute: string, semantics: TypeSemantics | undefined): boolean;
  apply(value: unknown): unknown;
}

/** Attribute names that hold JSON policy documents for every type. */
const POLICY_DOCUMENT_NAME = /(^|_)policy$|^policy_document$/;

function listed(list: ReadonlyArray<string> | undefined, attribute: string): boolean {
  return list !== undefined && list.includes(attribute);
}

export const CANONICALIZERS: ReadonlyArray<Normalizer> = [
  {
    name: 'json-document',
    phase: 'canonicalize',
    why: 'IAM and bucket policies are JSON text: key order, whitespace and a single value versus a one-element list do not change their meaning',
    appliesTo: (attribute, semantics) => listed(semantics?.json, attribute) || POLICY_DOCUMENT_NAME.test(attribute),
    apply: canonicalJsonDocument,
  },
  {
    name: 'ordered-json',
    phase: 'canonicalize',
    why: 'JSON text whose arrays are ordered (container definitions): key order and whitespace do not change its meaning, array order does',
    appliesTo: (attribute, semantics) => listed(semantics?.orderedJson, attribute),
    apply: canonicalOrderedJson,
  },
  {
    name: 'arn-or-name',
    phase: 'canonicalize',
    why: 'the provider stores this reference in the form the configuration used (an ARN or the name it ends with), and the API returns the ARN',
    appliesTo: (attribute, semantics) => listed(semantics?.arnOrName, attribute),
    apply: (value) =>
      typeof value === 'string' && value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value,
  },
  {
    name: 'unordered-set',
    phase: 'canonicalize',
    why: 'the provider models this attribute as a set; AWS returns its elements in any order',
    appliesTo: (attribute, semantics) => listed(semantics?.sets, attribute),
    apply: canonicalSet,
  },
  {
    name: 'case-insensitive',
    phase: 'canonicalize',
    why: 'AWS treats this value without regard to letter case and may return another case than was written',
    appliesTo: (attribute, semantics) => listed(semantics?.caseInsensitive, attribute),
    apply: (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  },
  {
    name: 'empty-value',
    phase: 'canonicalize',
    why: 'the provider and the API use null, "", [] and {} interchangeably for an attribute that is not set',
    appliesTo: () => true,
    apply: (value) => (isEmpty(value) ? null : value),
  },
];

export interface NormalizedPair {
  readonly recorded: unknown;
  readonly observed: unknown;
  /** Names of the canonicalizers that changed either side. */
  readonly applied: ReadonlyArray<string>;
}

/** Runs the canonicalize phase on one attribute of both sides. */
export function canonicalizePair(
  attribute: string,
  recorded: unknown,
  observed: unknown,
  semantics: TypeSemantics | undefined,
): NormalizedPair {
  let r = recorded;
  let o = observed;
  const applied: string[] = [];
  for (const normalizer of CANONICALIZERS) {
    if (!normalizer.appliesTo(attribute, semantics)) continue;
    const nr = normalizer.apply(r);
    const no = normalizer.apply(o);
    if (nr !== r || no !== o) applied.push(normalizer.name);
    r = nr;
    o = no;
  }
  return { recorded: r, observed: o, applied };
}

/**
 * The defaults phase: a declared default on one side and nothing on the other is not drift.
 * Returns the default's reason when it suppresses the difference.
 */
export function matchDefault(
  path: string,
  recorded: unknown,
  observed: unknown,
  semantics: TypeSemantics | undefined,
): string | undefined {
  for (const def of semantics?.defaults ?? []) {
    if (def.path !== path) continue;
    const recordedIsDefault = isEmpty(recorded) || deepEqual(recorded, def.value);
    const observedIsDefault = isEmpty(observed) || deepEqual(observed, def.value);
    if (recordedIsDefault && observedIsDefault) return def.why;
  }
  return undefined;
}
