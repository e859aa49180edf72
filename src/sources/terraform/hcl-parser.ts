/**
 * The HCL parser: HashiCorp's hclsyntax (the parser Terraform itself uses), built to WebAssembly
 * from ./hclparse (scripts/build-hcl-parser.sh) and run by Go's own wasm_exec.js. A file parses
 * here exactly when Terraform's parser accepts it, and an error is Terraform's diagnostic.
 *
 * Two views of a file: the body as hcl2json JSON (blocks keyed by type and labels, each a list;
 * literal values as JSON; other expressions as `${source}`), which every reader walks; and, for
 * code that edits or points into a file, the position of every attribute and block.
 *
 * Loaded on first use, once per process (about 70 ms of start-up), never at CLI start.
 */
import { readFile } from 'node:fs/promises';

/** One attribute or block, with positions as JavaScript string indices (UTF-16) into the text. */
export type HclItem = HclAttribute | HclBlock;

export interface HclAttribute {
  readonly kind: 'attribute';
  readonly name: string;
  /** 1-based line of the name. */
  readonly line: number;
  /** The name's first character, and the end of the value. */
  readonly start: number;
  readonly end: number;
  /** The value expression: [valueStart, valueEnd), without blanks or a trailing comment. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** When the value is an object constructor (`tags = { ... }`): its entries, in source order. */
  readonly entries?: ReadonlyArray<HclObjectEntry>;
}

/** One `key = value` of an object constructor. */
export interface HclObjectEntry {
  /** The key, unquoted; absent when it is computed (`(var.k) = v`) or not a string. */
  readonly key?: string;
  readonly line: number;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface HclBlock {
  readonly kind: 'block';
  /** The block type (`resource`, `lifecycle`). */
  readonly name: string;
  readonly labels: ReadonlyArray<string>;
  readonly line: number;
  /** The type's first character, and just after the closing brace. */
  readonly start: number;
  readonly end: number;
  /** Index of `{` and of its matching `}`. */
  readonly open: number;
  readonly close: number;
  /** The attributes and blocks inside, in source order. */
  readonly items: ReadonlyArray<HclItem>;
}

export interface HclParsed {
  readonly body: Record<string, unknown>;
  /** The top-level attributes and blocks, in source order. */
  readonly items: ReadonlyArray<HclItem>;
}

/** The first error hclsyntax reported for a file (Terraform prints the same summary and detail). */
export class HclParseError extends Error {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(detail ? `${summary}; ${detail}` : summary);
    this.name = 'HclParseError';
  }
}

export type HclParse = (fileName: string, content: string) => Promise<Record<string, unknown>>;
export type HclParseWithPositions = (fileName: string, content: string) => Promise<HclParsed>;

interface WireResult {
  readonly body?: Record<string, unknown>;
  readonly items?: HclItem[];
  readonly error?: { summary: string; detail: string; line?: number; column?: number };
}

type GoParse = (fileName: string, content: string, withPositions: boolean) => string;

interface GoRuntime {
  readonly importObject: object;
  run(instance: object): Promise<void>;
}

/** The one WebAssembly call made here (the project's TypeScript libs declare no WebAssembly types). */
const webAssembly = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }> };
  }
).WebAssembly;

const GLOBAL_NAME = '__driftwardenHclParse';
let runtime: Promise<GoParse> | undefined;

function loadRuntime(): Promise<GoParse> {
  runtime ??= (async () => {
    // wasm_exec.js defines globalThis.Go (and, when absent, the small stubs Go's runtime writes to).
    await import(new URL('./hclparse/wasm_exec.js', import.meta.url).href);
    const Go = (globalThis as unknown as { Go: new () => GoRuntime }).Go;
    const go = new Go();
    const bytes = await readFile(new URL('./hclparse/hclparse.wasm', import.meta.url));
    const { instance } = await webAssembly.instantiate(bytes, go.importObject);
    // main() registers the function, then blocks: run() settles only when the program ends.
    void go.run(instance);
    const registered = (globalThis as Record<string, unknown>)[GLOBAL_NAME];
    if (typeof registered !== 'function') throw new Error('the HCL parser (hclparse.wasm) did not start');
    return registered as GoParse;
  })();
  return runtime;
}

function call(parse: GoParse, fileName: string, content: string, withPositions: boolean): WireResult {
  const result = JSON.parse(parse(fileName, content, withPositions)) as WireResult;
  if (result.error) {
    const { summary, detail, line, column } = result.error;
    throw new HclParseError(summary, detail, line, column);
  }
  return result;
}

/** The parser giving each file's body; rejects with HclParseError on invalid HCL. */
export async function loadHclParser(): Promise<HclParse> {
  const parse = await loadRuntime();
  // A promise either way: an invalid file rejects, as every caller awaits.
  return (fileName, content) => new Promise((done) => done(call(parse, fileName, content, false).body ?? {}));
}

/** The parser giving each file's body and the positions of its attributes and blocks. */
export async function loadHclPositionParser(): Promise<HclParseWithPositions> {
  const parse = await loadRuntime();
  return (fileName, content) =>
    new Promise((done) => {
      const result = call(parse, fileName, content, true);
      done({ body: result.body ?? {}, items: result.items ?? [] });
    });
}
