/**
 * Layout of HCL text around an edit: line arithmetic, and re-aligning the `=` of neighbouring
 * one-line assignments as `terraform fmt` does. Where structure is (blocks, attributes, object
 * entries) comes from the HCL parser (src/sources/terraform/hcl-parser.ts); the small lexer here
 * only decides whether an assignment line's value is complete on that line (a string, template,
 * heredoc opener or comment may hold brackets), and never evaluates anything.
 *
 * All indices are character offsets into the text; ranges are [start, end).
 */

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
function matchClose(text: string, open: number): number {
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
