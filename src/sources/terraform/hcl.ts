/**
 * Reads a Terraform configuration directory with Terraform's own HCL parser (./hcl-parser.ts) and extracts
 * what the recorded side needs from the code: `lifecycle { ignore_changes }` per resource and the
 * `provider` blocks (alias, region, assumed role) that place resources in accounts and regions.
 * Local modules (`source = "./..."`) are followed recursively; registry and git modules are not
 * fetched (their resources keep the root providers and have no ignore_changes here).
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DriftwardenError } from '../../model/errors.js';
import { forbiddenKeyPath } from '../../model/untrusted.js';
import { MAX_TERRAFORM_FILE_BYTES, readBoundedTextAsync } from '../files.js';
import { scopeFromArn } from './address.js';
import { HclParseError, loadHclParser, type HclParse } from './hcl-parser.js';
import type { ProviderConfig } from './providers.js';

export interface TerraformCode {
  /**
   * Configuration address (`module.net.aws_subnet.a`: module prefix, no instance keys) to the
   * ignored attribute paths (`tags`, `tags.Owner`, `ebs_block_device[0].volume_size`), or `['all']`.
   */
  readonly ignoreChanges: Map<string, string[]>;
  readonly providers: ProviderConfig[];
  /** Every .tf file read, root first. */
  readonly files: string[];
  /**
   * Local modules that could not be read (their directory is missing or unreadable): their
   * `ignore_changes` and provider blocks are unknown. The rest of the code is still read.
   */
  readonly modulesNotRead: ModuleNotRead[];
}

export interface ModuleNotRead {
  /** `module.app` (module path, no instance keys). */
  readonly module: string;
  /** The `source` as written. */
  readonly source: string;
  /** The .tf file that calls it. */
  readonly file: string;
  readonly reason: string;
}

export { loadHclParser, type HclParse } from './hcl-parser.js';

const MAX_MODULE_DEPTH = 20;

export async function readTerraformCode(directory: string): Promise<TerraformCode> {
  const code: TerraformCode = { ignoreChanges: new Map(), providers: [], files: [], modulesNotRead: [] };
  // eslint-disable-next-line no-restricted-syntax -- any stat failure means the code directory cannot be read: the next line reports it with the path
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new DriftwardenError(
      info ? 'input.invalid' : 'input.missing-file',
      info ? 'the Terraform code location is not a directory' : 'Terraform code directory not found',
      {
        file: directory,
        nextStep:
          'point --code (or code: in driftwarden.yaml) at the directory that holds the root module (*.tf files)',
      },
    );
  }
  await readModule(resolve(directory), '', code, [], 0);
  return code;
}

async function readModule(
  directory: string,
  modulePrefix: string,
  code: TerraformCode,
  stack: string[],
  depth: number,
): Promise<void> {
  if (stack.includes(directory) || depth > MAX_MODULE_DEPTH) return; // a module cycle: Terraform rejects it too
  const names = (await readdir(directory)).filter((name) => name.endsWith('.tf')).sort();
  const parse = await loadHclParser();
  const localModules: Array<{ name: string; source: string; file: string }> = [];
  for (const name of names) {
    const file = join(directory, name);
    code.files.push(file);
    const body = await parseFile(parse, file, await readTerraformFile(file));
    collectIgnoreChanges(body, modulePrefix, code.ignoreChanges);
    collectProviders(body, modulePrefix, file, code.providers);
    for (const [moduleName, blocks] of Object.entries(asRecord(body['module']))) {
      for (const block of asList(blocks)) {
        const source = asRecord(block)['source'];
        if (typeof source === 'string' && (source.startsWith('./') || source.startsWith('../'))) {
          localModules.push({ name: moduleName, source, file });
        }
      }
    }
  }
  for (const { name, source, file } of localModules) {
    const target = resolve(directory, source);
    // eslint-disable-next-line no-restricted-syntax -- a module directory that cannot be read is reported just below as not read
    const info = await stat(target).catch(() => undefined);
    if (!info?.isDirectory()) {
      // As `versions` does: say what was not read and go on; the scan never aborts on it.
      code.modulesNotRead.push({
        module: `${modulePrefix}module.${name}`,
        source,
        file,
        reason: info ? 'its source is not a directory' : 'its source directory does not exist',
      });
      continue;
    }
    await readModule(target, `${modulePrefix}module.${name}.`, code, [...stack, directory], depth + 1);
  }
}

/** One .tf file, bounded; a FIFO or device named `*.tf` is refused by name instead of blocking. */
export function readTerraformFile(file: string): Promise<string> {
  return readBoundedTextAsync(file, { what: 'Terraform file', maxBytes: MAX_TERRAFORM_FILE_BYTES });
}

async function parseFile(parse: HclParse, file: string, content: string): Promise<Record<string, unknown>> {
  let body: Record<string, unknown>;
  try {
    body = await parse(file, content);
  } catch (err) {
    throw hclSyntaxError(file, err);
  }
  refuseForbiddenKeys(body, file);
  return body;
}

/**
 * A block label or object key `__proto__` (a legal Terraform identifier) is refused by name: every
 * reader of the parsed body copies and walks it, and no real configuration uses that name.
 */
export function refuseForbiddenKeys(body: Record<string, unknown>, file: string): void {
  const path = forbiddenKeyPath(body);
  if (path === undefined) return;
  throw new DriftwardenError('input.invalid', 'the Terraform file uses the name "__proto__", which is refused', {
    file,
    key: path,
    nextStep: 'rename that block or key',
  });
}

/** The parser's first error as Driftwarden's `hcl.syntax` error, naming the file, line and column. */
export function hclSyntaxError(file: string, err: unknown): DriftwardenError {
  if (!(err instanceof HclParseError)) throw err; // not a syntax error: a defect, shown as such
  return new DriftwardenError('hcl.syntax', `HCL syntax error: ${err.message}`, {
    file,
    ...(err.line !== undefined ? { line: err.line } : {}),
    ...(err.column !== undefined ? { column: err.column } : {}),
    nextStep: 'fix the file (`terraform validate` shows the same error)',
  });
}

function collectIgnoreChanges(body: Record<string, unknown>, modulePrefix: string, out: Map<string, string[]>): void {
  for (const [type, byName] of Object.entries(asRecord(body['resource']))) {
    for (const [name, blocks] of Object.entries(asRecord(byName))) {
      for (const block of asList(blocks)) {
        for (const lifecycle of asList(asRecord(block)['lifecycle'])) {
          const raw = asRecord(lifecycle)['ignore_changes'];
          if (raw === undefined) continue;
          const paths = ignorePaths(raw);
          if (paths.length > 0) out.set(`${modulePrefix}${type}.${name}`, paths);
        }
      }
    }
  }
}

/** `[tags["Owner"], ami]` arrives as `["${tags[\"Owner\"]}", "${ami}"]`; `all` as `"${all}"` or `"all"`. */
function ignorePaths(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : [raw];
  const paths: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const path = normaliseTraversal(item.replace(/^\$\{(.*)\}$/s, '$1').trim());
    if (path === 'all') return ['all'];
    if (path !== '') paths.push(path);
  }
  return paths;
}

/** `tags["Owner"]` -> `tags.Owner`; numeric indices stay `[0]`; keys that are not identifiers stay quoted. */
export function normaliseTraversal(expression: string): string {
  return expression.replace(/\["((?:[^"\\]|\\.)*)"\]/g, (whole, key: string) =>
    /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : whole,
  );
}

function collectProviders(
  body: Record<string, unknown>,
  modulePrefix: string,
  file: string,
  out: ProviderConfig[],
): void {
  for (const [type, blocks] of Object.entries(asRecord(body['provider']))) {
    for (const block of asList(blocks)) {
      const fields = asRecord(block);
      const alias = literal(fields['alias']);
      const region = literal(fields['region']);
      const roleArn = asList(fields['assume_role'])
        .map((assume) => literal(asRecord(assume)['role_arn']))
        .find((arn) => arn !== undefined);
      const allowed = Array.isArray(fields['allowed_account_ids']) ? fields['allowed_account_ids'].map(literal) : [];
      const account = scopeFromArn(roleArn)?.account ?? (allowed.length === 1 ? allowed[0] : undefined);
      out.push({
        type,
        module: modulePrefix,
        file,
        ...(alias !== undefined ? { alias } : {}),
        ...(region !== undefined ? { region } : {}),
        ...(roleArn !== undefined ? { roleArn } : {}),
        ...(account !== undefined ? { account } : {}),
      });
    }
  }
}

/** A literal string; expressions (`${var.region}`) are unknown until Terraform evaluates them. */
function literal(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
