/**
 * Globs over Terraform addresses and attribute paths, shared by ignore rules and the config's
 * `shared:` patterns. Both are matched segment by segment, never as raw strings, because the text
 * contains dots and brackets that are data (`aws_subnet.a["eu-west-1a"]`, `tags["kubernetes.io/x"]`).
 *
 * Address glob syntax (a segment is the text between dots outside brackets and quotes):
 * - a literal segment, with an optional instance key: `aws_instance`, `web`, `web[2]`, `a["eu-west-1a"]`;
 *   brackets are literal instance keys, never character classes.
 * - a segment without a key matches that name with any key or none, as in Terraform, where
 *   `aws_instance.web` means every instance of the resource (`module.app` every module instance).
 * - `[*]` matches any instance key (but requires one): `aws_instance.web[*]`.
 * - `*` and `?` inside a name match any characters / one character of that segment; `*` never
 *   crosses a dot. A segment that is exactly `**` matches zero or more whole segments.
 * - matching is anchored on the whole address: `aws_instance.*` does not match
 *   `module.app.aws_instance.web`; write `**.aws_instance.*` for any module depth.
 * - a pattern that is only `*` matches every address (the same as `**`): it is what people write
 *   for "every resource" (`*:tags.Owner`), and a one-segment address does not exist.
 *
 * Why not picomatch (or another path glob library): addresses are not file paths. Segments come
 * from Terraform's address grammar, not from one separator (a cloud id such as an ARN or a bucket
 * name with dots is one segment, slashes included), and brackets are literal instance keys, not
 * character classes; a path library would need an encoding layer around every value, more code
 * than the segment matcher below.
 *
 * Addresses are split by their structure (`module.NAME[KEY]` pairs, then `data`, then the type,
 * then the name), so the synthetic address of an unmanaged resource, `<type>.<cloud id>`, keeps its
 * cloud id as ONE segment even when the id contains dots (`aws_s3_bucket.logs.example.com`):
 * `aws_s3_bucket.*` and `aws_s3_bucket.logs*` match it.
 *
 * Attribute path glob syntax: the same segments over Terraform-style paths (`tags.Owner`,
 * `ebs_block_device[0].volume_size`, `tags["kubernetes.io/cluster"]`), where a bracket is its own
 * segment (`[0]` and `["k"]`; `tags["Owner"]` equals `tags.Owner`), `[*]` or `*` matches any one
 * key or index, and `**` any number of segments. A path pattern that matches a prefix of a path
 * matches the whole subtree (`tags` covers `tags.Owner`), as Terraform's `ignore_changes = [tags]`.
 */
import { excerpt } from '../model/text.js';

export class GlobSyntaxError extends Error {}

interface AddressSegment {
  readonly name: string;
  /** Normalized instance key (`2`, `eu-west-1a`), undefined when the segment has none. */
  readonly key?: string;
}

type PatternSegment =
  { readonly kind: 'globstar' } | { readonly kind: 'segment'; readonly name: RegExp; readonly key?: string | '*' };

/**
 * Splits on `sep` outside `[...]` and `"..."`; validates balance. Returns raw pieces.
 * Quoted strings follow JSON escaping, as Terraform prints instance keys.
 */
function splitOutside(text: string, sep: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuote) {
      current += ch;
      if (ch === '\\') {
        current += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === '[') depth++;
    else if (ch === ']') {
      depth--;
      if (depth < 0) throw new GlobSyntaxError(`unexpected "]" at position ${i + 1}`);
    } else if (ch === sep && depth === 0) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (inQuote) throw new GlobSyntaxError('unterminated quoted string');
  if (depth !== 0) throw new GlobSyntaxError('unclosed "["');
  pieces.push(current);
  return pieces;
}

/** `"eu-west-1a"` -> `eu-west-1a`, `2` -> `2`: one spelling per key so comparison is exact. */
function normalizeKey(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'string') return parsed;
    } catch {
      throw new GlobSyntaxError(`invalid quoted key ${excerpt(trimmed, 200)}`);
    }
  }
  return trimmed;
}

/** Splits `name[key]` into its parts; text with no trailing bracket is all name. */
function splitNameKey(segment: string): { name: string; key?: string } {
  const open = findKeyStart(segment);
  if (open < 0) return { name: segment };
  return { name: segment.slice(0, open), key: normalizeKey(segment.slice(open + 1, -1)) };
}

/** Index of the `[` that opens a trailing `[...]` at depth 0, or -1. */
function findKeyStart(segment: string): number {
  if (!segment.endsWith(']')) return -1;
  let inQuote = false;
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (inQuote) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') inQuote = true;
    else if (ch === '[') return i;
  }
  return -1;
}

function nameGlobToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function compileSegments(pieces: ReadonlyArray<string>, what: string): PatternSegment[] {
  return pieces.map((piece) => {
    if (piece === '') throw new GlobSyntaxError(`empty segment in ${what} (two dots, or a dot at an end)`);
    if (piece === '**') return { kind: 'globstar' };
    if (piece.includes('**')) throw new GlobSyntaxError(`"**" must be a whole segment, got "${excerpt(piece, 200)}"`);
    if (/\s/.test(piece.replace(/"(?:[^"\\]|\\.)*"/g, ''))) {
      throw new GlobSyntaxError(
        `whitespace in ${what} segment "${excerpt(piece, 200)}" (a comment starts with "#" after a space)`,
      );
    }
    const { name, key } = splitNameKey(piece);
    if (name === '') throw new GlobSyntaxError(`segment "${excerpt(piece, 200)}" has a key but no name`);
    if (name.includes('[') || name.includes(']'))
      throw new GlobSyntaxError(`misplaced bracket in "${excerpt(piece, 200)}"`);
    return key === undefined
      ? { kind: 'segment', name: nameGlobToRegExp(name) }
      : { kind: 'segment', name: nameGlobToRegExp(name), key: key === '*' ? '*' : key };
  });
}

function segmentMatches(pattern: PatternSegment & { kind: 'segment' }, value: AddressSegment): boolean {
  if (!pattern.name.test(value.name)) return false;
  if (pattern.key === undefined) return true;
  if (value.key === undefined) return false;
  return pattern.key === '*' || pattern.key === value.key;
}

/** Classic segment matcher with `**`; memoized so nested globstars stay polynomial. */
function matchSegments(
  pattern: ReadonlyArray<PatternSegment>,
  value: ReadonlyArray<AddressSegment>,
  allowPrefix: boolean,
): boolean {
  const memo = new Map<number, boolean>();
  const visit = (p: number, v: number): boolean => {
    const memoKey = p * (value.length + 1) + v;
    const cached = memo.get(memoKey);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (p === pattern.length) result = v === value.length || allowPrefix;
    else {
      const seg = pattern[p]!;
      if (seg.kind === 'globstar') {
        result = false;
        for (let skip = v; skip <= value.length && !result; skip++) result = visit(p + 1, skip);
      } else {
        result = v < value.length && segmentMatches(seg, value[v]!) && visit(p + 1, v + 1);
      }
    }
    memo.set(memoKey, result);
    return result;
  };
  return visit(0, 0);
}

/**
 * Splits a concrete address by its structure. `type`, when given, locates the type segment so a
 * synthetic `<type>.<cloud id>` address keeps the id whole.
 */
export function parseAddress(address: string, type?: string): AddressSegment[] {
  const segments: AddressSegment[] = [];
  let rest = address;
  while (rest.startsWith('module.')) {
    const pieces = safeSplit(rest);
    if (pieces.length < 3) break;
    segments.push({ name: 'module' }, splitNameKey(pieces[1]!));
    rest = pieces.slice(2).join('.');
  }
  if (rest.startsWith('data.')) {
    segments.push({ name: 'data' });
    rest = rest.slice('data.'.length);
  }
  const typeEnd = type !== undefined && rest.startsWith(`${type}.`) ? type.length : rest.indexOf('.');
  if (typeEnd < 0) {
    segments.push(splitNameKeyLenient(rest));
    return segments;
  }
  segments.push({ name: rest.slice(0, typeEnd) }, splitNameKeyLenient(rest.slice(typeEnd + 1)));
  return segments;
}

/** Observed ids may hold unbalanced brackets or quotes: never throw on a concrete address. */
function safeSplit(text: string): string[] {
  try {
    return splitOutside(text, '.');
  } catch {
    return text.split('.');
  }
}

function splitNameKeyLenient(text: string): AddressSegment {
  try {
    return splitNameKey(text);
  } catch {
    return { name: text };
  }
}

/** Splits a concrete Terraform-style attribute path into key and index segments. */
export function parsePath(path: string): AddressSegment[] {
  const out: AddressSegment[] = [];
  for (const piece of safeSplit(path)) {
    let parts: PathPart[];
    try {
      parts = bracketParts(piece);
    } catch {
      // Unbalanced brackets in a concrete path: keep the name before them matchable.
      const open = piece.indexOf('[');
      parts = [
        { text: piece.slice(0, open), bracketed: false },
        { text: piece.slice(open), bracketed: true },
      ];
    }
    for (const part of parts) out.push({ name: part.text });
  }
  return out;
}

interface PathPart {
  readonly text: string;
  /** True for a key written in brackets (`[0]`, `["k"]`): matched literally, except `[*]`. */
  readonly bracketed: boolean;
}

/** `ebs_block_device[0]["x"]` -> `ebs_block_device`, `0`, `x`; a bare name stays whole. */
function bracketParts(piece: string): PathPart[] {
  const first = piece.indexOf('[');
  if (first < 0) return [{ text: piece, bracketed: false }];
  const parts: PathPart[] = [];
  if (first > 0) parts.push({ text: piece.slice(0, first), bracketed: false });
  const re = /\[((?:"(?:[^"\\]|\\.)*")|[^\]"]*)\]/y;
  re.lastIndex = first;
  let end = first;
  for (let m = re.exec(piece); m !== null; m = re.exec(piece)) {
    parts.push({ text: normalizeKey(m[1]!), bracketed: true });
    end = re.lastIndex;
  }
  if (end !== piece.length) throw new GlobSyntaxError(`unexpected text after "]" in "${excerpt(piece, 200)}"`);
  return parts;
}

export type AddressMatcher = (address: string, type?: string) => boolean;
export type PathMatcher = (path: string) => boolean;

/** Compiles an address glob; throws GlobSyntaxError with a readable reason. */
export function compileAddressGlob(glob: string): AddressMatcher {
  if (glob.trim() === '') throw new GlobSyntaxError('empty address pattern');
  const pattern = compileSegments(splitOutside(glob.trim() === '*' ? '**' : glob, '.'), 'address');
  return (address, type) => matchSegments(pattern, parseAddress(address, type), false);
}

/** Compiles an attribute path glob; a match on a prefix of the path matches the whole path. */
export function compilePathGlob(glob: string): PathMatcher {
  if (glob.trim() === '') throw new GlobSyntaxError('empty attribute path pattern');
  const pattern: PatternSegment[] = [];
  for (const piece of splitOutside(glob, '.')) {
    if (piece === '') throw new GlobSyntaxError('empty segment in attribute path (two dots, or a dot at an end)');
    if (/\s/.test(piece.replace(/"(?:[^"\\]|\\.)*"/g, ''))) {
      throw new GlobSyntaxError(
        `whitespace in attribute path segment "${excerpt(piece, 200)}" (a comment starts with "#" after a space)`,
      );
    }
    for (const part of bracketParts(piece)) {
      if (part.bracketed) {
        pattern.push({ kind: 'segment', name: part.text === '*' ? /^.*$/s : literalRegExp(part.text) });
      } else if (part.text === '**') pattern.push({ kind: 'globstar' });
      else if (part.text.includes('**')) throw new GlobSyntaxError(`"**" must be a whole segment, got "${part.text}"`);
      else pattern.push({ kind: 'segment', name: nameGlobToRegExp(part.text) });
    }
  }
  return (path) => {
    return matchSegments(pattern, parsePath(path), true);
  };
}

function literalRegExp(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's');
}
