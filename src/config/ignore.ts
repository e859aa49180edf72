/**
 * Ignore rules, `.driftignore` style. One rule per line; `#` at the start of a line, or after
 * whitespace outside quotes and brackets, starts a comment (`aws_instance.scratch   # why`); blank
 * lines are skipped; surrounding whitespace is trimmed. A rule is
 *
 *   [!]ADDRESS_GLOB              ignore the whole resource (every instance when the glob has no key)
 *   [!]ADDRESS_GLOB:PATH_GLOB    ignore drift in matching attribute paths (and everything under them)
 *
 * The colon separates the two because addresses themselves contain dots and brackets; a colon inside
 * brackets or quotes (`aws_iam_role.r["a:b"]`) is part of the address. Glob syntax is documented in
 * address-glob.ts: `*` stays within one segment, `**` spans segments, brackets are literal instance
 * keys, `[*]` is any key; an address pattern that is only `*` means every resource (as people write
 * `*:tags.Owner`). `!` negates: the rule re-includes what earlier rules ignored.
 *
 * Later rules win (gitignore semantics): for each question the LAST matching rule decides, so
 *   aws_autoscaling_group.*:desired_capacity
 *   !aws_autoscaling_group.payments:desired_capacity
 * ignores desired_capacity everywhere except on the payments group. Resource rules and path rules are
 * separate lists: `ignoresResource` consults only rules without a path, `ignoresPath` only rules
 * with one (the engine asks ignoresResource first; an ignored resource needs no path question).
 */
import { DriftwardenError } from '../model/errors.js';
import { excerpt } from '../model/text.js';
import { MAX_IGNORE_FILE_BYTES, readBoundedText } from '../sources/files.js';
import {
  compileAddressGlob,
  compilePathGlob,
  GlobSyntaxError,
  type AddressMatcher,
  type PathMatcher,
} from './address-glob.js';

/** Where a rule was written, so `--verbose` can name it. `line` is 1-based. */
export interface RuleSource {
  readonly file: string;
  readonly line: number;
}

export interface IgnoreRule {
  /** The rule as written, without surrounding whitespace (`!` included). */
  readonly text: string;
  readonly negated: boolean;
  readonly addressGlob: string;
  /** Undefined for a whole-resource rule. */
  readonly pathGlob?: string;
  readonly source: RuleSource;
  /** Compiled matchers; not serializable, rebuilt by parseIgnoreRule. */
  readonly matchesAddress: AddressMatcher;
  readonly matchesPath?: PathMatcher;
}

export interface IgnoreMatcher {
  /** The rule that makes this resource ignored, or undefined (no rule, or a negation won). */
  ignoresResource(address: string, type?: string): IgnoreRule | undefined;
  /** The rule that makes drift at `path` (Terraform-style: `tags.Owner`, `ingress`) ignored. */
  ignoresPath(address: string, path: string, type?: string): IgnoreRule | undefined;
}

/** Index of the first `:` outside brackets and quotes, or -1 (also used by break-glass scopes). */
export function separatorIndex(text: string): number {
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuote) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') inQuote = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ':' && depth === 0) return i;
  }
  return -1;
}

/** Longest rule accepted: an address glob and a path glob are short; a longer one is a mistake. */
export const MAX_RULE_CHARS = 4096;

/** Parses one rule; throws DriftwardenError('config.invalid') naming the file and line. */
export function parseIgnoreRule(raw: string, source: RuleSource): IgnoreRule {
  const text = raw.trim();
  const fail = (why: string): never => {
    // The rule is echoed bounded: a 2 MB rule must not flood the terminal.
    throw new DriftwardenError('config.invalid', `invalid ignore rule "${excerpt(text, 200)}": ${why}`, {
      file: source.file,
      line: source.line,
      nextStep:
        'write ADDRESS_GLOB or ADDRESS_GLOB:PATH_GLOB, e.g. "aws_autoscaling_group.*:desired_capacity" (see docs/driftwarden.example.yaml)',
    });
  };
  if (text.length > MAX_RULE_CHARS) return fail(`longer than ${MAX_RULE_CHARS} characters`);
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1).trim() : text;
  if (body === '') return fail('the rule is empty');
  const sep = separatorIndex(body);
  const addressGlob = sep < 0 ? body : body.slice(0, sep);
  const pathGlob = sep < 0 ? undefined : body.slice(sep + 1);
  if (pathGlob !== undefined && separatorIndex(pathGlob) >= 0) return fail('more than one ":" separator');
  try {
    const matchesAddress = compileAddressGlob(addressGlob);
    if (pathGlob === undefined) return { text, negated, addressGlob, source, matchesAddress };
    const matchesPath = compilePathGlob(pathGlob);
    return { text, negated, addressGlob, pathGlob, source, matchesAddress, matchesPath };
  } catch (err) {
    if (err instanceof GlobSyntaxError) return fail(err.message);
    throw err;
  }
}

/**
 * The line without its comment: `#` starts one at the beginning of the line or after whitespace,
 * outside `"..."` and `[...]` (an instance key may hold a `#`, and a `#` glued to text is data).
 */
export function stripComment(line: string): string {
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (inQuote) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') inQuote = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '#' && depth === 0 && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Parses `.driftignore` content. `file` is used in rule sources and error messages. */
export function parseIgnoreFile(content: string, file: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, index) => {
    const rule = stripComment(line).trim();
    if (rule === '') return;
    rules.push(parseIgnoreRule(rule, { file, line: index + 1 }));
  });
  return rules;
}

/** Reads and parses a `.driftignore` file; a missing file is input.missing-file. */
export function loadIgnoreFile(path: string): IgnoreRule[] {
  const content = readBoundedText(path, {
    what: 'ignore file',
    maxBytes: MAX_IGNORE_FILE_BYTES,
    missingNextStep: 'check the path given to --ignore, or create the file',
  });
  return parseIgnoreFile(content, path);
}

/** A pure matcher over rules in order; the last matching rule decides. */
export function createIgnoreMatcher(rules: ReadonlyArray<IgnoreRule>): IgnoreMatcher {
  const resourceRules = rules.filter((r) => r.matchesPath === undefined);
  const pathRules = rules.filter((r) => r.matchesPath !== undefined);
  const lastMatch = (
    candidates: ReadonlyArray<IgnoreRule>,
    test: (r: IgnoreRule) => boolean,
  ): IgnoreRule | undefined => {
    for (let i = candidates.length - 1; i >= 0; i--) {
      const rule = candidates[i]!;
      if (test(rule)) return rule.negated ? undefined : rule;
    }
    return undefined;
  };
  return {
    ignoresResource: (address, type) => lastMatch(resourceRules, (r) => r.matchesAddress(address, type)),
    ignoresPath: (address, path, type) =>
      lastMatch(pathRules, (r) => r.matchesAddress(address, type) && r.matchesPath!(path)),
  };
}
