/**
 * Turns zod issues into messages a person can act on: the key path (`environments.prod.tier`), the
 * value found and what is allowed, and the line of the YAML node, e.g.
 *   unknown tier "prod": expected one of development, staging, production, shared
 *   unknown key "enviroments": expected one of version, store, environments, ...
 * zod's own messages ("Invalid input") name neither the key nor the choices.
 */
import type { z } from 'zod';
import { isMap, isPair, isScalar, type Document, type LineCounter, type Node } from 'yaml';

export interface ConfigProblem {
  readonly message: string;
  /** Dotted key path, `environments.prod.states[1]`; empty for the document root. */
  readonly key: string;
  readonly line?: number;
}

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;
type PathKey = PropertyKey;

export function formatKeyPath(path: ReadonlyArray<PathKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

/** The noun for a message: the last key name (`tier`), or `<key> entry` inside a list. */
function nounFor(path: ReadonlyArray<PathKey>): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return parent === undefined ? 'entry' : `${String(parent)} entry`;
  }
  return last === undefined ? 'value' : String(last);
}

/** The schema node describing `path`, looking through optional, union and array wrappers. */
function schemaAt(schema: AnySchema, path: ReadonlyArray<PathKey>): AnySchema | undefined {
  let current: AnySchema | undefined = unwrap(schema);
  for (const part of path) {
    if (current === undefined) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') current = (def.shape as Record<string, AnySchema>)[String(part)];
    else if (def.type === 'record') current = def.valueType as AnySchema;
    else if (def.type === 'array') current = def.element as AnySchema;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current;
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')
      current = def.innerType as AnySchema;
    else if (def.type === 'union') {
      // The object branch is the one whose keys a message can list.
      const objectOption = (def.options as AnySchema[]).find((o) => (o._zod.def as { type: string }).type === 'object');
      if (!objectOption) return current;
      current = objectOption;
    } else return current;
  }
}

/** Keys allowed at an object path: an object's shape, or an enum-keyed record's choices. */
function allowedKeys(schema: AnySchema, path: ReadonlyArray<PathKey>): string[] {
  const node = schemaAt(schema, path);
  if (!node) return [];
  const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (def.type === 'record') {
    const keyDef = (def.keyType as AnySchema)._zod.def as unknown as { type: string; entries?: Record<string, string> };
    if (keyDef.type === 'enum' && keyDef.entries) return Object.values(keyDef.entries);
  }
  return [];
}

interface IssueMessage {
  readonly message: string;
  readonly path: PathKey[];
  /** Set when the problem is a key itself (unknown key): the line is the key's line. */
  readonly atKey?: string;
  /** False for a missing key: its line is the parent's, so concrete problems sort first. */
  readonly ownNode?: boolean;
  /** For a typo: the key path it probably meant, whose "missing" report is then only an echo. */
  readonly suggests?: string;
}

/** The allowed key within edit distance 2 of a typo, if exactly one is that close. */
function closest(typo: string, allowed: ReadonlyArray<string>): string | undefined {
  const near = allowed.filter((key) => editDistance(typo.toLowerCase(), key.toLowerCase()) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function issueMessages(issue: Issue, schema: AnySchema): IssueMessage[] {
  const path = [...issue.path];
  const noun = nounFor(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path);
      const choices = allowed.length > 0 ? `: expected one of ${allowed.join(', ')}` : '';
      return issue.keys.map((key) => {
        const guess = closest(key, allowed);
        const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
        return {
          message: `unknown key "${key}"${hint}${choices}`,
          path: [...path, key],
          atKey: key,
          ...(guess === undefined ? {} : { suggests: formatKeyPath([...path, guess]) }),
        };
      });
    }
    case 'invalid_value':
      if (issue.input === undefined) return [{ message: `missing required key "${noun}"`, path, ownNode: false }];
      return [
        {
          message:
            issue.values.length === 1
              ? `${noun} must be ${describeValue(issue.values[0])}, got ${describeValue(issue.input)}`
              : `unknown ${noun} ${describeValue(issue.input)}: expected one of ${issue.values.join(', ')}`,
          path,
        },
      ];
    case 'invalid_type':
      return [
        {
          ownNode: issue.input !== undefined,
          message:
            issue.input === undefined
              ? `missing required key "${noun}"`
              : `${noun} must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${describeValue(issue.input)}`,
          path,
        },
      ];
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      const inner = issue.issues[0];
      const why =
        inner && inner.code === 'invalid_value'
          ? `expected one of ${inner.values.join(', ')}`
          : (inner?.message ?? 'invalid key');
      return [{ message: `invalid key "${key}": ${why}`, path, atKey: key }];
    }
    case 'invalid_union': {
      // Neither branch fits: say what the two shapes are, using the object branch's keys.
      const keys = allowedKeys(schema, path);
      const shape = keys.length > 0 ? ` or a mapping with ${keys.join(', ')}` : '';
      return [{ message: `${noun} must be a string${shape}, got ${describeValue(issue.input)}`, path }];
    }
    case 'too_small':
      return [
        {
          message:
            issue.origin === 'array' || issue.origin === 'string'
              ? `${noun} must not be empty`
              : `${noun} must be at least ${String(issue.minimum)}`,
          path,
        },
      ];
    case 'invalid_format':
      return [{ message: `invalid ${noun} ${describeValue(issue.input)}: ${issue.message}`, path }];
    default:
      return [{ message: `${noun}: ${issue.message}`, path }];
  }
}

/** The YAML node at a path; for a key problem, the key's own node so the line points at the typo. */
function nodeFor(doc: Document, path: ReadonlyArray<PathKey>, atKey: string | undefined): Node | undefined {
  const target = atKey === undefined ? path : path.slice(0, -1);
  for (let depth = target.length; depth >= 0; depth--) {
    const node = doc.getIn(target.slice(0, depth) as unknown[], true) as Node | undefined;
    if (node === undefined || node === null) continue;
    if (depth === target.length && atKey !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === atKey);
      if (pair && isScalar(pair.key)) return pair.key;
    }
    return node;
  }
  return undefined;
}

export function lineOf(lineCounter: LineCounter, node: Node | undefined): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** Every problem, sorted by line so the first one shown is the first in the file. */
export function problemsFromIssues(
  issues: ReadonlyArray<Issue>,
  schema: AnySchema,
  doc: Document,
  lineCounter: LineCounter,
): ConfigProblem[] {
  const ranked: Array<{ problem: ConfigProblem; rank: number }> = [];
  const messages = issues.flatMap((issue) => issueMessages(issue, schema));
  const echoes = new Set(messages.flatMap((m) => (m.suggests === undefined ? [] : [m.suggests])));
  for (const m of messages) {
    const key = formatKeyPath(m.path);
    // "missing environments" next to `unknown key "enviroments" (did you mean ...)` says nothing new.
    if (m.ownNode === false && echoes.has(key)) continue;
    const line = lineOf(lineCounter, nodeFor(doc, m.path, m.atKey));
    const problem = line === undefined ? { message: m.message, key } : { message: m.message, key, line };
    ranked.push({ problem, rank: m.ownNode === false ? 1 : 0 });
  }
  // A missing key without its own node gets its parent's line: concrete problems come first.
  ranked.sort((a, b) => a.rank - b.rank || (a.problem.line ?? 0) - (b.problem.line ?? 0));
  return ranked.map((r) => r.problem);
}
