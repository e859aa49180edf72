/**
 * The files codify reads and edits, with edits held in memory until the end: a plan run never
 * writes, and a commit run writes only into its temporary worktree. Also finds where a resource
 * lives: the module directory (local modules followed through `source = "./..."`), the file, and
 * the block's position in the text (from the HCL parser, which gives every attribute's and block's
 * position: no scanner of our own decides what is structure).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isDriftwardenError } from '../../model/errors.js';
import { hclSyntaxError, readTerraformFile, refuseForbiddenKeys } from '../../sources/terraform/hcl.js';
import { loadHclPositionParser, type HclBlock, type HclParsed } from '../../sources/terraform/hcl-parser.js';

export class Workspace {
  private readonly texts = new Map<string, string | undefined>();
  private readonly originals = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, HclParsed>();

  /**
   * @param root the checkout being edited (a temporary worktree, or the repository itself)
   * @param codeDir the root module inside `root`
   */
  constructor(
    readonly root: string,
    readonly codeDir: string,
  ) {}

  async read(file: string): Promise<string | undefined> {
    if (!this.texts.has(file)) {
      // A file that does not exist yet is new; anything else unreadable (a FIFO, a device) is an error.
      const text = await readTerraformFile(file).catch((err: unknown) => {
        if (isDriftwardenError(err) && err.code === 'input.missing-file') return undefined;
        throw err;
      });
      this.texts.set(file, text);
      this.originals.set(file, text);
    }
    return this.texts.get(file);
  }

  write(file: string, text: string): void {
    this.texts.set(file, text);
    this.parsed.delete(file);
  }

  /** The .tf files of a directory, sorted (edited files included, new ones too). */
  async tfFiles(dir: string): Promise<string[]> {
    const names = await readdir(dir).catch(() => [] as string[]);
    const files = new Set(names.filter((n) => n.endsWith('.tf')).map((n) => join(dir, n)));
    for (const [file, text] of this.texts)
      if (
        text !== undefined &&
        file.startsWith(`${dir}/`) &&
        file.endsWith('.tf') &&
        !file.slice(dir.length + 1).includes('/')
      )
        files.add(file);
    return [...files].sort();
  }

  /** The parser's view of a file; a syntax error is the user's to fix (DriftwardenError `hcl.syntax`). */
  async parse(file: string): Promise<Record<string, unknown>> {
    return (await this.parsed_(file)).body;
  }

  /** The positions of the file's attributes and blocks, for the text `read` returns now. */
  async items(file: string): Promise<HclParsed['items']> {
    return (await this.parsed_(file)).items;
  }

  private async parsed_(file: string): Promise<HclParsed> {
    const cached = this.parsed.get(file);
    if (cached) return cached;
    const text = (await this.read(file)) ?? '';
    const parse = await loadHclPositionParser();
    let parsed: HclParsed;
    try {
      parsed = await parse(file, text);
    } catch (err) {
      throw hclSyntaxError(this.display(file), err);
    }
    refuseForbiddenKeys(parsed.body, this.display(file));
    this.parsed.set(file, parsed);
    return parsed;
  }

  /** Path as shown in results and messages: relative to the checkout root. */
  display(file: string): string {
    return relative(this.root, file) || file;
  }

  /** Every file whose text changed, with its text before and after. */
  changedFiles(): Array<{ file: string; before: string | undefined; after: string }> {
    const out: Array<{ file: string; before: string | undefined; after: string }> = [];
    for (const [file, after] of this.texts) {
      const before = this.originals.get(file);
      if (after !== undefined && after !== before) out.push({ file, before, after });
    }
    return out.sort((a, b) => a.file.localeCompare(b.file));
  }
}

/** A configuration address split into its module path, type and name. */
export interface ConfigAddress {
  readonly modules: ReadonlyArray<string>;
  readonly type: string;
  readonly name: string;
}

/** `module.app.aws_instance.web` (no state label, no instance keys) -> parts; undefined for data sources. */
export function splitConfigAddress(address: string): ConfigAddress | undefined {
  const parts = address.split('.');
  const modules: string[] = [];
  while (parts[0] === 'module' && parts.length > 2) {
    modules.push(parts[1] ?? '');
    parts.splice(0, 2);
  }
  if (parts.length !== 2 || parts[0] === 'data') return undefined;
  return { modules, type: parts[0] ?? '', name: parts[1] ?? '' };
}

export type ModuleLookup =
  | { readonly ok: true; readonly dir: string; readonly callers: ReadonlyArray<{ file: string; name: string }> }
  | { readonly ok: false; readonly why: 'not-in-code' | 'remote-module'; readonly detail: string };

/** The directory of the module at `modules` (root first), following local `source` paths only. */
export async function resolveModuleDir(ws: Workspace, modules: ReadonlyArray<string>): Promise<ModuleLookup> {
  let dir = ws.codeDir;
  const callers: Array<{ file: string; name: string }> = [];
  for (const name of modules) {
    let source: string | undefined;
    let callerFile: string | undefined;
    for (const file of await ws.tfFiles(dir)) {
      const block = asRecord(asList(asRecord((await ws.parse(file))['module'])[name])[0]);
      if (typeof block['source'] === 'string') {
        source = block['source'];
        callerFile = file;
        break;
      }
    }
    if (source === undefined || callerFile === undefined) {
      return { ok: false, why: 'not-in-code', detail: `module "${name}" is not called in ${ws.display(dir) || '.'}` };
    }
    if (!source.startsWith('./') && !source.startsWith('../')) {
      return {
        ok: false,
        why: 'remote-module',
        detail: `the resource is inside module "${name}" from ${source}: its code is not in this checkout; change the module's inputs in ${ws.display(callerFile)} or the module itself`,
      };
    }
    callers.push({ file: callerFile, name });
    dir = resolve(dir, source);
  }
  return { ok: true, dir, callers };
}

export interface LocatedResource {
  readonly file: string;
  readonly text: string;
  readonly block: HclBlock;
}

/** The file and block span of `resource "type" "name"` in a module directory. */
export async function locateResource(
  ws: Workspace,
  dir: string,
  type: string,
  name: string,
): Promise<LocatedResource | undefined> {
  for (const file of await ws.tfFiles(dir)) {
    const block = (await ws.items(file)).find(
      (item): item is HclBlock =>
        item.kind === 'block' &&
        item.name === 'resource' &&
        item.labels.length === 2 &&
        item.labels[0] === type &&
        item.labels[1] === name,
    );
    if (block) return { file, text: (await ws.read(file)) ?? '', block };
  }
  return undefined;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
