/**
 * JSON.parse with errors a user can act on: on failure the offending file, line and column.
 * JSON.parse's own messages differ between Node 20, 22 and 24 (some carry a position, some only a
 * quoted excerpt), so the position comes from a small scanner that runs only on the error path:
 * the happy path costs exactly one JSON.parse.
 *
 * Untrusted input: a `__proto__` key is refused, naming its key path. JSON.parse itself only makes
 * it an own property, but any later copy by assignment (`target[key] = value`) would replace a
 * prototype, and a path walker would reach Object.prototype. The key can only be present when the
 * text holds `__proto__` or a `\u` escape, so the walk runs only then.
 */
import { DriftwardenError } from '../../model/errors.js';
import { forbiddenKeyPath } from '../../model/untrusted.js';

export function parseJsonText(text: string, file: string, what: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const offset = locateJsonError(text);
    const { line, column } = lineAndColumn(text, offset);
    const reason =
      offset >= text.length ? 'unexpected end of input (truncated?)' : `unexpected ${describeChar(text[offset] ?? '')}`;
    throw new DriftwardenError('input.parse', `${what} is not valid JSON: ${reason}`, {
      file,
      line,
      column,
      cause: err,
      nextStep: `check that ${file} is a complete ${what} (re-download it, or run the command that writes it again)`,
    });
  }
  if (text.includes('__proto__') || text.includes('\\u')) {
    const path = forbiddenKeyPath(parsed);
    if (path !== undefined) {
      throw new DriftwardenError('input.invalid', `${what} holds the key "__proto__", which is never valid input`, {
        file,
        key: path,
        nextStep: `remove that key from ${file}; a file written by Terraform or Driftwarden never has it`,
      });
    }
  }
  return parsed;
}

function describeChar(ch: string): string {
  if (ch === '\n') return 'line break';
  if (ch < ' ') return `control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return `'${ch}'`;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Offset of the first character that makes `text` invalid JSON (text.length when it ends early). */
export function locateJsonError(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const code = text.charCodeAt(i);
      if (code === 34) {
        i++;
        return;
      }
      if (code < 32) fail();
      if (code === 92) {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          for (let k = 1; k <= 4; k++)
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          i += 5;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail();
      }
      i++;
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) return i;
    return text.length;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : text.length;
  }
}
