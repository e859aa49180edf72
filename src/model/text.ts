/**
 * Text from outside (addresses, tag values, `--by`, `--reason`, file contents, rule text) on its way
 * to a human: a terminal, a Markdown comment, a log line. One place decides what is safe to show,
 * and every human-facing renderer and message goes through it:
 *
 *   - control characters (C0 including newline and tab, DEL, C1 including the one-byte CSI and
 *     NEL), the Unicode line and paragraph separators and the bidirectional controls are shown as
 *     visible escapes (`\n`, `\x1b`, `\u202e`), so input can neither move the cursor, recolour or
 *     clear a terminal, forge extra lines, nor reorder text;
 *   - `human` is the template tag for a message Driftwarden writes around input: its own text (and
 *     line breaks) stay, every interpolated value is neutralized;
 *   - `excerpt` bounds what is echoed back, with an ellipsis and the full length.
 *
 * Machine formats (JSON, SARIF, JUnit XML) escape by their own rules and keep the values (JSON
 * writes the characters a terminal acts on as `\\u` escapes). HTML is read by a person in a browser,
 * which applies bidi controls even when they are written as character references: its text goes
 * through `neutralizeForMarkup` before it is escaped.
 */

// Every character listed is unsafe to print as is: C0, DEL, C1 (U+0085 NEL among them), the line
// and paragraph separators U+2028/U+2029 (line breaks to some terminals and editors), and the
// Unicode bidi controls (ALM, LRM, RLM, the embeddings and overrides, the isolates).
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every unsafe character replaced by a visible escape; safe text is returned as is. */
export function neutralize(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, visible) : text;
}

/**
 * Template tag for a line Driftwarden writes around input:
 * human`session ${id} opened by ${by}\n` keeps the literal text and neutralizes each value.
 */
export function human(literals: TemplateStringsArray, ...values: ReadonlyArray<unknown>): string {
  let text = literals[0] ?? '';
  values.forEach((value, index) => {
    text += neutralize(String(value)) + (literals[index + 1] ?? '');
  });
  return text;
}

// What JSON.stringify leaves raw although a terminal or an editor may act on it: DEL, C1, the line
// and paragraph separators and the bidi controls. They occur only inside JSON strings.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with the characters it leaves raw that a terminal acts on written as `\uXXXX`
 * escapes: the document parses to exactly the same value, and `cat report.json` stays harmless.
 */
export function jsonText(value: unknown, space?: number): string {
  return escapeJsonUnsafe(JSON.stringify(value, null, space));
}

/**
 * JSON text (from JSON.stringify, or a JSON log line) with DEL, C1, the line separators and the
 * bidi controls written as `\\uXXXX` escapes. Only valid on JSON text: those characters can occur
 * only inside its strings, where the escape means the same character.
 */
export function escapeJsonUnsafe(text: string): string {
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(text)
    ? text.replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

// Markup (HTML) keeps its line feeds and tabs (a policy shown in <pre>); everything else `neutralize`
// replaces is shown as a visible escape, since escaping it as `&#x202e;` would still reorder text.
const MARKUP_UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text for an HTML page: `neutralize`, except that line breaks and tabs stay (markup lays them out). */
export function neutralizeForMarkup(text: string): string {
  MARKUP_UNSAFE.lastIndex = 0;
  return MARKUP_UNSAFE.test(text) ? text.replace(MARKUP_UNSAFE, visible) : text;
}

/** Neutralized and at most `max` characters: `aws_instance.aaaa… (2097152 characters)` when cut. */
export function excerpt(text: string, max = 120): string {
  const clean = neutralize(text);
  if (clean.length <= max) return clean;
  return `${clean.slice(0, max)}… (${text.length} characters)`;
}

/**
 * Lines of a message built by Driftwarden around input: each line neutralized and bounded to
 * `maxLine` characters; the line breaks Driftwarden put there stay.
 */
export function safeLines(text: string, maxLine = 1_000): string {
  return text
    .split('\n')
    .map((line) => excerpt(line, maxLine))
    .join('\n');
}
