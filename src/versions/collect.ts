/**
 * Reads what one environment pins: its root module directory and every local module it calls,
 * recursively (a nested module's pins count, addressed `module.app.module.db`), plus the root's
 * `.terraform.lock.hcl`. Registry and Git modules are not downloaded, so pins inside them are not
 * seen; their own version or ref is. Nothing here throws for bad files: a syntax error or a missing
 * lock file becomes a gap, and the rest of the environment is still read.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { AssessmentGap, ItemCategory, VersionCell } from '../model/versions.js';
import { asList, asRecord, literalString, parseHclFile } from './hcl-files.js';
import { emptyScan, scanLiterals, type LiteralScan } from './literals.js';
import { classifyModuleSource } from './module-source.js';
import { vspherePins } from './vsphere-pins.js';

export const LOCK_FILE_NAME = '.terraform.lock.hcl';
const MAX_MODULE_DEPTH = 20;

type PresentCell = Extract<VersionCell, { state: 'pinned' | 'unpinned' }>;

export interface CollectedEntry {
  readonly category: ItemCategory;
  readonly address: string;
  readonly cell: PresentCell;
}

export interface EnvironmentCollection {
  /** By item key (`category:address`). */
  readonly entries: Map<string, CollectedEntry>;
  readonly gaps: AssessmentGap[];
  codeAssessed: boolean;
  providersAssessed: boolean;
}

interface Context {
  readonly environment: string;
  /** Local module sources are shown relative to this directory, so environments compare. */
  readonly baseDir: string;
  readonly out: EnvironmentCollection;
}

export async function collectEnvironment(
  environment: string,
  rootDir: string,
  baseDir: string,
): Promise<EnvironmentCollection> {
  const out: EnvironmentCollection = { entries: new Map(), gaps: [], codeAssessed: true, providersAssessed: true };
  const context: Context = { environment, baseDir, out };
  await readModule(context, resolve(rootDir), '', [], 0);
  await readLockFile(context, join(resolve(rootDir), LOCK_FILE_NAME));
  return out;
}

function add(context: Context, category: ItemCategory, address: string, cell: PresentCell): void {
  context.out.entries.set(`${category}:${address}`, { category, address, cell });
}

function codeGap(context: Context, gap: Omit<AssessmentGap, 'environment' | 'fatal'>): void {
  context.out.gaps.push({ environment: context.environment, fatal: false, ...gap });
  if (gap.scope === 'code') context.out.codeAssessed = false;
}

async function readModule(
  context: Context,
  directory: string,
  prefix: string,
  stack: string[],
  depth: number,
): Promise<void> {
  if (stack.includes(directory) || depth > MAX_MODULE_DEPTH) return; // a module cycle: Terraform rejects it too
  const names = (await readdir(directory)).filter((name) => name.endsWith('.tf')).sort();
  const localCalls: Array<{ address: string; directory: string }> = [];
  let requiredVersionSeen = false;
  let allParsed = true;
  for (const name of names) {
    const file = join(directory, name);
    const parsed = await parseHclFile(file);
    if (!parsed.ok) {
      allParsed = false;
      const { error } = parsed;
      codeGap(context, {
        scope: 'code',
        message: `${error.message.replace(/\.$/, '')} (pins declared in this file are not assessed)`,
        file,
        ...(error.details.line !== undefined ? { line: error.details.line } : {}),
        ...(error.details.column !== undefined ? { column: error.details.column } : {}),
        ...(error.details.nextStep ? { nextStep: error.details.nextStep } : {}),
      });
      continue;
    }
    const body = parsed.body;
    requiredVersionSeen = readTerraformBlocks(context, body, prefix, file) || requiredVersionSeen;
    localCalls.push(...readModuleCalls(context, body, prefix, file, directory));
    readLiterals(context, body, prefix, file);
  }
  if (prefix === '' && !requiredVersionSeen && allParsed) {
    add(context, 'required_version', 'required_version', {
      state: 'unpinned',
      file: directory,
      note: 'no terraform { required_version }',
    });
  }
  for (const call of localCalls) {
    await readModule(context, call.directory, `${call.address}.`, [...stack, directory], depth + 1);
  }
}

/** `terraform { required_version, required_providers }`; returns whether required_version was set. */
function readTerraformBlocks(context: Context, body: Record<string, unknown>, prefix: string, file: string): boolean {
  let requiredVersionSeen = false;
  for (const block of asList(body['terraform'])) {
    const fields = asRecord(block);
    const required = literalString(fields['required_version']);
    if (required !== undefined) {
      requiredVersionSeen = true;
      add(context, 'required_version', `${prefix}required_version`, { state: 'pinned', value: required, file });
    }
    for (const providers of asList(fields['required_providers'])) {
      for (const [name, spec] of Object.entries(asRecord(providers))) {
        // Terraform 0.12 wrote `aws = "~> 2.0"`; later versions `aws = { source, version }`.
        const record = asRecord(spec);
        const version = typeof spec === 'string' ? literalString(spec) : literalString(record['version']);
        const source = literalString(record['source']);
        const address = `${prefix}required_providers.${name}`;
        const extra = source !== undefined ? { source } : {};
        add(
          context,
          'required_provider',
          address,
          version !== undefined
            ? { state: 'pinned', value: version, file, ...extra }
            : { state: 'unpinned', file, ...extra, note: 'no version constraint' },
        );
      }
    }
  }
  return requiredVersionSeen;
}

function readModuleCalls(
  context: Context,
  body: Record<string, unknown>,
  prefix: string,
  file: string,
  directory: string,
): Array<{ address: string; directory: string }> {
  const calls: Array<{ address: string; directory: string }> = [];
  for (const [name, blocks] of Object.entries(asRecord(body['module']))) {
    for (const block of asList(blocks)) {
      const fields = asRecord(block);
      const address = `${prefix}module.${name}`;
      const rawSource = literalString(fields['source']);
      if (rawSource === undefined) continue; // Terraform requires a literal source; `terraform validate` says so
      const source = classifyModuleSource(rawSource, literalString(fields['version']));
      switch (source.kind) {
        case 'local': {
          const target = resolve(directory, source.path);
          const shown = relative(context.baseDir, target) || '.';
          add(context, 'module', address, { state: 'pinned', value: 'local', source: shown, file });
          if (existsSync(target) && statSync(target).isDirectory()) calls.push({ address, directory: target });
          else
            codeGap(context, {
              scope: 'code',
              message: `local module ${address} not found at ${source.path}: its pins are not assessed`,
              file,
            });
          break;
        }
        case 'registry':
          add(
            context,
            'module',
            address,
            source.version !== undefined
              ? { state: 'pinned', value: source.version, source: source.address, file }
              : {
                  state: 'unpinned',
                  source: source.address,
                  file,
                  note: 'registry module without version: each init takes the newest',
                },
          );
          break;
        case 'git':
          add(
            context,
            'module',
            address,
            source.ref !== undefined
              ? { state: 'pinned', value: source.ref, source: source.url, file }
              : {
                  state: 'unpinned',
                  source: source.url,
                  file,
                  note: 'Git source without ?ref=: follows the default branch',
                },
          );
          break;
        case 'other':
          add(context, 'module', address, { state: 'pinned', value: source.address, file });
          break;
      }
      const { source: _source, version: _version, providers: _providers, ...inputs } = fields;
      recordLiterals(context, inputs, address, file);
    }
  }
  return calls;
}

/** AMI ids and image tags in resources, data sources, locals and variable defaults. */
function readLiterals(context: Context, body: Record<string, unknown>, prefix: string, file: string): void {
  for (const [blockType, addressPrefix] of [
    ['resource', ''],
    ['data', 'data.'],
  ] as const) {
    for (const [type, byName] of Object.entries(asRecord(body[blockType]))) {
      for (const [name, blocks] of Object.entries(asRecord(byName))) {
        const list = asList(blocks);
        list.forEach((block) => {
          const address = `${prefix}${addressPrefix}${type}.${name}`;
          recordLiterals(context, block, address, file);
          recordVspherePins(context, type, block, blockType === 'data', address, file);
        });
      }
    }
  }
  for (const locals of asList(body['locals'])) {
    for (const [name, value] of Object.entries(asRecord(locals)))
      recordLiterals(context, value, `${prefix}local.${name}`, file);
  }
  for (const [name, blocks] of Object.entries(asRecord(body['variable']))) {
    for (const block of asList(blocks))
      recordLiterals(context, asRecord(block)['default'], `${prefix}var.${name}.default`, file);
  }
}

function recordLiterals(context: Context, value: unknown, address: string, file: string): void {
  const scan: LiteralScan = emptyScan();
  scanLiterals(value, '', scan);
  const at = (path: string) => (path === '' ? address : `${address}.${path}`);
  for (const literal of scan.literals) {
    const cell: PresentCell = literal.unpinned
      ? {
          state: 'unpinned',
          file,
          ...(literal.source ? { source: literal.source } : {}),
          ...(literal.note ? { note: literal.note } : {}),
        }
      : { state: 'pinned', value: literal.value ?? '', file, ...(literal.source ? { source: literal.source } : {}) };
    add(context, literal.category, at(literal.path), cell);
  }
  for (const path of scan.expressions) {
    codeGap(context, {
      scope: 'expression',
      message: `${at(path)} is computed (variable, function or interpolation): only literal AMI ids and image tags are compared`,
      file,
    });
  }
}

/** VM template and hardware versions of vSphere VMs (vsphere-pins.ts). */
function recordVspherePins(
  context: Context,
  type: string,
  block: unknown,
  dataSource: boolean,
  address: string,
  file: string,
): void {
  const found = vspherePins(type, block, dataSource);
  for (const pin of found.pins)
    add(context, pin.category, `${address}.${pin.path}`, { state: 'pinned', value: pin.value, file });
  for (const path of found.expressions) {
    codeGap(context, {
      scope: 'expression',
      message: `${address}.${path} is computed (variable, data source or interpolation): only literal VM templates and hardware versions are compared`,
      file,
    });
  }
}

async function readLockFile(context: Context, file: string): Promise<void> {
  const lockGap = (gap: Omit<AssessmentGap, 'environment' | 'fatal' | 'scope'>) => {
    context.out.providersAssessed = false;
    context.out.gaps.push({ environment: context.environment, scope: 'lock', fatal: false, ...gap });
  };
  if (!existsSync(file)) {
    lockGap({
      message: `no ${LOCK_FILE_NAME}: the provider versions of this environment could not be assessed`,
      file,
      nextStep: 'run `terraform init` (or `terraform providers lock`) in this directory and commit the lock file',
    });
    return;
  }
  const parsed = await parseHclFile(file);
  if (!parsed.ok) {
    const { error } = parsed;
    lockGap({
      message: `${error.message.replace(/\.$/, '')} (the provider versions of this environment could not be assessed)`,
      file,
      ...(error.details.line !== undefined ? { line: error.details.line } : {}),
      ...(error.details.column !== undefined ? { column: error.details.column } : {}),
      nextStep: 'regenerate it with `terraform providers lock`',
    });
    return;
  }
  for (const [address, blocks] of Object.entries(asRecord(parsed.body['provider']))) {
    for (const block of asList(blocks)) {
      const version = literalString(asRecord(block)['version']);
      if (version !== undefined) add(context, 'provider', address, { state: 'pinned', value: version, file });
    }
  }
}
