/**
 * Literal values in HCL source text, both ways: `parseLiteral` decides whether a value expression is
 * a plain literal (a string without interpolation, a number, a bool, a list or map of those) and
 * reads it; `renderLiteral` writes one in the form `terraform fmt` leaves unchanged. Anything else
 * (a variable, a function call, a template, a heredoc) is an expression Terraform evaluates.
 */
import { setOwn } from '../../model/untrusted.js';

export type LiteralParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const NOT_LITERAL: LiteralParse = { ok: false };

/** Reads `text` as one literal value; `{ ok: false }` for anything Terraform would have to evaluate. */
export function parseLiteral(text: string): LiteralParse {
  const reader = new LiteralReader(text);
  try {
    const value = reader.value();
    reader.blanks();
    return reader.atEnd() ? { ok: true, value } : NOT_LITERAL;
  } catch {
    return NOT_LITERAL;
  }
}

class LiteralReader {
  private i = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  blanks(): void {
    for (;;) {
      const ch = this.text[this.i];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') this.i++;
      else if (ch === '#' || (ch === '/' && this.text[this.i + 1] === '/')) {
        while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
      } else return;
    }
  }

  value(): unknown {
    this.blanks();
    const ch = this.text[this.i];
    if (ch === '"') return this.string();
    if (ch === '[') return this.list();
    if (ch === '{') return this.object();
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![A-Za-z0-9_.-])/.exec(
      this.text.slice(this.i),
    );
    if (!word) throw new Error('not a literal');
    this.i += word[0].length;
    if (word[0] === 'true') return true;
    if (word[0] === 'false') return false;
    if (word[0] === 'null') return null;
    return Number(word[0]);
  }

  private string(): string {
    let out = '';
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined || ch === '\n') throw new Error('unterminated string');
      if (ch === '"') {
        this.i++;
        return out;
      }
      if (ch === '\\') {
        const next = this.text[this.i + 1];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (next === undefined || escapes[next] === undefined) throw new Error('unsupported escape');
        out += escapes[next];
        this.i += 2;
        continue;
      }
      if ((ch === '$' || ch === '%') && this.text[this.i + 1] === ch && this.text[this.i + 2] === '{') {
        out += `${ch}{`;
        this.i += 3;
        continue;
      }
      if ((ch === '$' || ch === '%') && this.text[this.i + 1] === '{') throw new Error('template');
      out += ch;
      this.i++;
    }
  }

  private list(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.blanks();
      if (this.text[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.blanks();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== ']') throw new Error('list');
    }
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.blanks();
      if (this.text[this.i] === '}') {
        this.i++;
        return out;
      }
      let key: string;
      if (this.text[this.i] === '"') key = this.string();
      else {
        const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.i));
        if (!ident) throw new Error('key');
        key = ident[0];
        this.i += key.length;
      }
      this.blanks();
      if (this.text[this.i] !== '=' && this.text[this.i] !== ':') throw new Error('object');
      this.i++;
      setOwn(out, key, this.value());
      this.blanks();
      if (this.text[this.i] === ',') this.i++;
    }
  }
}

/** A value that can be written as a literal: scalars, and lists and maps of them (any depth). */
export function isRenderable(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isRenderable);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isRenderable);
  return false;
}

/** A quoted HCL string: JSON escapes, plus `$${`/`%%{` so that nothing is read as a template. */
export function quoteString(value: string): string {
  return JSON.stringify(value).replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** An object key: bare when it is an identifier (and not a keyword), quoted otherwise. */
export function renderKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !['true', 'false', 'null'].includes(key) ? key : quoteString(key);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * A value as `terraform fmt` writes it, for a line indented by `indent`: scalars and lists of
 * scalars on one line, maps and lists of maps one item per line with aligned `=`.
 */
export function renderLiteral(value: unknown, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return `[${value.map((v) => renderLiteral(v, indent)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${renderLiteral(v, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${renderAssignments(
    entries.map(([k, v]) => ({ key: renderKey(k), value: v })),
    inner,
  )}${indent}}`;
}

export interface Assignment {
  /** Already rendered (bare or quoted). */
  readonly key: string;
  /** A value to render, or `raw` expression text (already indented for its position). */
  readonly value?: unknown;
  readonly raw?: string;
}

/**
 * `key = value` lines, one per assignment, ending in newlines. `terraform fmt` aligns the `=` of
 * consecutive one-line assignments; an assignment spanning lines stands alone with a single space.
 */
export function renderAssignments(items: ReadonlyArray<Assignment>, indent: string): string {
  const rendered = items.map((item) => ({ key: item.key, text: item.raw ?? renderLiteral(item.value, indent) }));
  let out = '';
  let n = 0;
  while (n < rendered.length) {
    let end = n;
    while (end < rendered.length && !rendered[end]!.text.includes('\n')) end++;
    if (end === n) {
      out += `${indent}${rendered[n]!.key} = ${rendered[n]!.text}\n`;
      n++;
      continue;
    }
    const width = Math.max(...rendered.slice(n, end).map((r) => r.key.length));
    for (const r of rendered.slice(n, end)) out += `${indent}${r.key.padEnd(width)} = ${r.text}\n`;
    n = end;
  }
  return out;
}
