/**
 * Positions in HCL text. hcl2json gives structure but no positions, so edits need a scanner of
 * their own: it knows exactly enough HCL to never mistake a brace, `=` or newline inside a string,
 * a template interpolation (`"${var.x}"`), a heredoc or a comment for structure. It does not
 * evaluate anything; the parser (hcl2json) stays the authority on whether the file is valid.
 *
 * All indices are character offsets into the text; ranges are [start, end).
 */

export interface AttributeSpan {
  readonly kind: 'attribute';
  readonly name: string;
  /** Start of the line holding the attribute name. */
  readonly lineStart: number;
  readonly nameStart: number;
  /** The value expression, without surrounding blanks or a trailing comment. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface BlockSpan {
  readonly kind: 'block';
  readonly keyword: string;
  readonly labels: ReadonlyArray<string>;
  readonly lineStart: number;
  /** Index of `{` and of its matching `}`. */
  readonly open: number;
  readonly close: number;
}

export type BodyItem = AttributeSpan | BlockSpan;

export interface ObjectEntry {
  /** The key as written, unquoted when it was quoted. */
  readonly key: string;
  readonly lineStart: number;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const HEREDOC = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;

/** When `i` starts a string, heredoc or comment: the index just after it; otherwise undefined. */
function skipAtom(text: string, i: number): number | undefined {
  const ch = text[i];
  if (ch === '"') return skipString(text, i);
  if (ch === '#' || (ch === '/' && text[i + 1] === '/')) return lineEnd(text, i);
  if (ch === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (ch === '<' && text[i + 1] === '<') {
    HEREDOC.lastIndex = i;
    const match = HEREDOC.exec(text);
    if (match) return skipHeredoc(text, HEREDOC.lastIndex, match[2] ?? '');
  }
  return undefined;
}

function isComment(text: string, i: number): boolean {
  return text[i] === '#' || (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'));
}

/** Index of the `\n` ending the line at `i` (or the text's end). */
export function lineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

export function lineStartOf(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

/** 1-based line number of offset `i`. */
export function lineNumberOf(text: string, i: number): number {
  let line = 1;
  for (let k = 0; k < i && k < text.length; k++) if (text[k] === '\n') line++;
  return line;
}

/** A quoted template: escapes, and `${ }` / `%{ }` interpolations that may nest strings and braces. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '"') {
      return i + 1;
    } else if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
      i += 3; // `$${` and `%%{` are escapes, not interpolations
    } else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      i = matchClose(text, i + 1) + 1;
    } else if (ch === '\n') {
      return i; // an unterminated string: the parser reports it; stop at the line end
    } else {
      i++;
    }
  }
  return i;
}

function skipHeredoc(text: string, bodyStart: number, marker: string): number {
  let i = bodyStart;
  while (i < text.length) {
    const end = lineEnd(text, i);
    if (text.slice(i, end).trim() === marker) return end;
    i = end + 1;
  }
  return text.length;
}

/** Index of the bracket that closes the one at `open` (`{`, `[` or `(`); the text length when unclosed. */
export function matchClose(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const skipped = skipAtom(text, i);
    if (skipped !== undefined) {
      i = skipped;
      continue;
    }
    const ch = text[i];
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return text.length;
}

/**
 * Where the expression starting at `i` ends: at a newline, a comment or (with `stopAtComma`) a comma
 * outside brackets, or at a closing bracket that is not its own. Trailing blanks are excluded.
 */
export function expressionEnd(text: string, i: number, stopAtComma = false): number {
  let depth = 0;
  let end = i;
  while (i < text.length) {
    const ch = text[i];
    if (depth === 0 && (ch === '\n' || isComment(text, i) || (stopAtComma && ch === ','))) break;
    const skipped = skipAtom(text, i);
    if (skipped !== undefined) {
      i = skipped;
      end = i;
      continue;
    }
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') {
      if (depth === 0) break;
      depth--;
    }
    i++;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') end = i;
  }
  return end;
}

function skipBlanks(text: string, i: number, to: number): number {
  while (i < to) {
    const skipped = isComment(text, i) ? skipAtom(text, i) : undefined;
    if (skipped !== undefined) i = skipped;
    else if (/\s/.test(text[i] ?? '')) i++;
    else break;
  }
  return i;
}

function inlineBlanks(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The attributes and blocks of a body (the whole file, or the inside of a block's braces). */
export function scanBody(text: string, from = 0, to = text.length): BodyItem[] {
  const items: BodyItem[] = [];
  let i = skipBlanks(text, from, to);
  while (i < to) {
    IDENT.lastIndex = i;
    const ident = IDENT.exec(text);
    if (!ident) {
      i = skipBlanks(text, lineEnd(text, i), to); // not a body item: skip the line (the parser would reject it)
      continue;
    }
    const name = ident[0];
    const nameStart = i;
    let k = inlineBlanks(text, i + name.length);
    if (text[k] === '=' && text[k + 1] !== '=') {
      const valueStart = inlineBlanks(text, k + 1);
      const valueEnd = expressionEnd(text, valueStart);
      items.push({ kind: 'attribute', name, lineStart: lineStartOf(text, nameStart), nameStart, valueStart, valueEnd });
      i = skipBlanks(text, valueEnd, to);
      continue;
    }
    const labels: string[] = [];
    while (k < to && text[k] !== '{') {
      if (text[k] === '"') {
        const end = skipString(text, k);
        labels.push(text.slice(k + 1, end - 1));
        k = inlineBlanks(text, end);
        continue;
      }
      IDENT.lastIndex = k;
      const label = IDENT.exec(text);
      if (!label) break;
      labels.push(label[0]);
      k = inlineBlanks(text, k + label[0].length);
    }
    if (text[k] !== '{') {
      i = skipBlanks(text, lineEnd(text, i), to);
      continue;
    }
    const close = matchClose(text, k);
    items.push({ kind: 'block', keyword: name, labels, lineStart: lineStartOf(text, nameStart), open: k, close });
    i = skipBlanks(text, close + 1, to);
  }
  return items;
}

/** The top-level block `keyword "label" "label" { }` of a file, when present. */
export function findBlock(text: string, keyword: string, labels: ReadonlyArray<string>): BlockSpan | undefined {
  return scanBody(text).find(
    (item): item is BlockSpan =>
      item.kind === 'block' &&
      item.keyword === keyword &&
      item.labels.length === labels.length &&
      item.labels.every((l, n) => l === labels[n]),
  );
}

/** The attributes directly in a block's body (not inside nested blocks). */
export function blockAttributes(
  text: string,
  block: { readonly open: number; readonly close: number },
): AttributeSpan[] {
  return scanBody(text, block.open + 1, block.close).filter((item): item is AttributeSpan => item.kind === 'attribute');
}

/** The entries of an object constructor `{ key = value, "key" = value }` whose `{` is at `open`. */
export function objectEntries(text: string, open: number): ObjectEntry[] {
  const close = matchClose(text, open);
  const entries: ObjectEntry[] = [];
  let i = skipBlanks(text, open + 1, close);
  while (i < close) {
    let key: string | undefined;
    let k = i;
    if (text[i] === '"') {
      k = skipString(text, i);
      key = unquote(text.slice(i, k));
    } else {
      IDENT.lastIndex = i;
      const ident = IDENT.exec(text);
      if (ident) {
        key = ident[0];
        k = i + ident[0].length;
      }
    }
    k = inlineBlanks(text, k);
    if (key === undefined || (text[k] !== '=' && text[k] !== ':')) {
      // A computed key `(var.k) = v` or something unexpected: step over the item.
      i = skipBlanks(text, expressionEnd(text, i, true) + 1, close);
      continue;
    }
    const valueStart = inlineBlanks(text, k + 1);
    const valueEnd = expressionEnd(text, valueStart, true);
    entries.push({ key, lineStart: lineStartOf(text, i), keyStart: i, valueStart, valueEnd });
    i = valueEnd;
    if (text[i] === ',') i++;
    i = skipBlanks(text, i, close);
  }
  return entries;
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/** True when `value` is a whole expression on one line: brackets closed, no heredoc, no comment. */
function isOneLineExpression(value: string): boolean {
  if (/<<-?[A-Za-z_]/.test(value)) return false;
  let depth = 0;
  let i = 0;
  while (i < value.length) {
    if (isComment(value, i)) return false;
    const skipped = skipAtom(value, i);
    if (skipped !== undefined) {
      i = skipped;
      continue;
    }
    const ch = value[i];
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') depth--;
    if (depth < 0) return false;
    i++;
  }
  return depth === 0;
}

const HEREDOC_OPENER = /^<<-?[A-Za-z_][A-Za-z0-9_-]*$/;
const ASSIGNMENT_LINE = /^([ \t]*)([A-Za-z_][A-Za-z0-9_-]*|"(?:[^"\\]|\\.)*")[ \t]*=(?!=)[ \t]*(.*?)[ \t\r]*$/;

/**
 * Re-aligns the `=` of the run of one-line assignments around the line holding `offset`, the way
 * `terraform fmt` does (consecutive one-line assignments at the same indentation share a column).
 * Used after an edit adds, removes or renames a key, so the file stays `fmt`-clean.
 */
export function realignAround(text: string, offset: number): string {
  const lines = text.split('\n');
  const index = text.slice(0, Math.max(0, Math.min(offset, text.length))).split('\n').length - 1;
  // `terraform fmt` aligns a heredoc's opening line with its neighbours; its body follows, so a
  // heredoc opener can only end a run.
  const parsed = lines.map((line) => {
    const match = ASSIGNMENT_LINE.exec(line);
    const value = match?.[3] ?? '';
    const heredoc = HEREDOC_OPENER.test(value);
    return match && (heredoc || isOneLineExpression(value))
      ? { indent: match[1] ?? '', key: match[2] ?? '', value, heredoc }
      : undefined;
  });
  const at = parsed[index];
  if (!at || at.heredoc) return text;
  let first = index;
  while (first > 0 && parsed[first - 1]?.indent === at.indent && !parsed[first - 1]?.heredoc) first--;
  let last = index;
  while (last + 1 < lines.length && parsed[last + 1]?.indent === at.indent) {
    last++;
    if (parsed[last]?.heredoc) break;
  }
  const group = parsed.slice(first, last + 1);
  const width = Math.max(...group.map((g) => g?.key.length ?? 0));
  group.forEach((g, n) => {
    if (g) lines[first + n] = `${g.indent}${g.key.padEnd(width)} = ${g.value}`;
  });
  return lines.join('\n');
}
