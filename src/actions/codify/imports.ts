/**
 * Unmanaged resources into code: an `import` block (Terraform >= 1.5) and a resource block with the
 * observed arguments, appended to `driftwarden_imported.tf` in the root module (import blocks are
 * valid only there). The next `terraform plan` adopts the resource instead of creating it; a plan
 * that still shows changes means an argument the type's catalogue entry (`codify`) lacks.
 */
import { join } from 'node:path';
import { SENSITIVE, type Finding } from '../../model/finding.js';
import type { Resource } from '../../model/resource.js';
import { isSecretName } from '../../engine/redact.js';
import type { ArgumentSpec } from '../../model/catalogue.js';
import { catalogueEntry } from '../../observers/aws/catalogue/index.js';
import { entryOf } from '../../observers/catalogue.js';
import { lineNumberOf } from './hcl-layout.js';
import { quoteString, renderAssignments, renderLiteral, type Assignment } from './hcl-literal.js';
import type { ChangeOutcome } from './types.js';
import { asList, asRecord, type Workspace } from './workspace.js';

export const IMPORT_FILE = 'driftwarden_imported.tf';

const FILE_HEADER =
  '# Written by Driftwarden (codify): resources that were running without any Terraform state.\n' +
  '# The import blocks adopt them on the next apply; review `terraform plan` first.\n';

/** Names and import ids already used in the root module, so generated names stay unique. */
export interface RootIndex {
  readonly names: Set<string>;
  readonly importIds: Set<string>;
}

export async function indexRootModule(ws: Workspace): Promise<RootIndex> {
  const index: RootIndex = { names: new Set(), importIds: new Set() };
  for (const file of await ws.tfFiles(ws.codeDir)) {
    const body = await ws.parse(file);
    for (const [type, byName] of Object.entries(asRecord(body['resource']))) {
      for (const name of Object.keys(asRecord(byName))) index.names.add(`${type}.${name}`);
    }
    for (const block of asList(body['import'])) {
      const fields = asRecord(block);
      const to = String(fields['to'] ?? '').replace(/^\$\{(.*)\}$/s, '$1');
      const type = to.split('.').at(-2) ?? '';
      if (typeof fields['id'] === 'string') index.importIds.add(`${type}|${fields['id']}`);
    }
  }
  return index;
}

/** A valid, unique Terraform name from the Name tag (else the name, else the id): `orphan-vol 1` -> `orphan_vol_1`. */
export function resourceName(type: string, resource: Resource, taken: Set<string>): string {
  const tags = asRecord(resource.attributes['tags']);
  const id = resource.id ?? '';
  const sanitize = (raw: string): string => {
    const name = raw
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/_+/g, '_');
    return name === '' ? '' : /^[a-z_]/.test(name) ? name : `r_${name}`;
  };
  const label = [tags['Name'], resource.attributes['name'], resource.attributes['bucket']].find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const fromTag = label ? sanitize(label) : '';
  const fromId = sanitize(id.split(/[/:]/).at(-1) ?? '') || 'imported';
  const candidates = fromTag && fromTag !== fromId ? [fromTag, `${fromTag}_${fromId}`] : [fromTag || fromId];
  for (const candidate of candidates) if (!taken.has(`${type}.${candidate}`)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${type}.${candidates.at(-1)}_${n}`)) return `${candidates.at(-1)}_${n}`;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

function containsSensitive(value: unknown): boolean {
  if (value === SENSITIVE) return true;
  if (Array.isArray(value)) return value.some(containsSensitive);
  if (value && typeof value === 'object')
    return Object.values(value as Record<string, unknown>).some(containsSensitive);
  return false;
}

/** The JSON document as `jsonencode(...)`, or the plain string when it is not JSON. */
function jsonArgument(value: unknown, indent: string): string {
  if (typeof value !== 'string') return renderLiteral(value, indent);
  try {
    return `jsonencode(${renderLiteral(JSON.parse(value), indent)})`;
  } catch {
    return quoteString(value);
  }
}

/** Rendered body lines: runs of assignments aligned together, nested blocks between them. */
function renderBody(
  specs: ReadonlyArray<ArgumentSpec>,
  attributes: Readonly<Record<string, unknown>>,
  indent: string,
  omit: (name: string) => boolean,
): string {
  let out = '';
  let pending: Assignment[] = [];
  const flush = (): void => {
    out += renderAssignments(pending, indent);
    pending = [];
  };
  for (const spec of specs) {
    const value = attributes[spec.name];
    if (omit(spec.name)) continue;
    if (spec.when && !spec.when(attributes)) continue;
    if (!spec.required && (isEmpty(value) || (spec.default !== undefined && value === spec.default))) continue;
    if (spec.block) {
      flush();
      for (const element of asList(value)) {
        out += `${indent}${spec.name} {\n${renderBody(spec.block, asRecord(element), `${indent}  `, () => false)}${indent}}\n`;
      }
      continue;
    }
    pending.push(
      spec.json ? { key: spec.name, raw: jsonArgument(value ?? '', indent) } : { key: spec.name, value: value ?? '' },
    );
  }
  flush();
  return out;
}

/** Appends the import and resource blocks for one unmanaged finding. */
export async function codifyUnmanaged(
  ws: Workspace,
  finding: Finding,
  resource: Resource | undefined,
  index: RootIndex,
): Promise<ChangeOutcome> {
  const type = finding.resource.type;
  const skip = (reason: 'unsupported-type' | 'not-observed' | 'already-codified', detail: string): ChangeOutcome => ({
    status: 'skipped',
    path: 'resource',
    reason,
    detail,
  });
  const spec = entryOf(type)?.codify;
  if (!spec)
    return skip(
      'unsupported-type',
      `${type} has no code description yet: write its resource block and an import block by hand`,
    );
  if (!resource)
    return skip(
      'not-observed',
      `the live resource ${finding.resource.address} was not passed in: codify needs its observed attributes`,
    );
  const observedId = resource.id ?? finding.resource.id;
  if (!observedId) return skip('not-observed', `the live resource ${finding.resource.address} has no id to import`);
  const id = spec.importId
    ? spec.importId({
        id: observedId,
        attributes: resource.attributes,
        ...(resource.region !== undefined ? { region: resource.region } : {}),
      })
    : observedId;
  if (index.importIds.has(`${type}|${id}`))
    return skip('already-codified', `an import block for ${type} ${id} is already in the code`);

  const secrets = new Set(catalogueEntry(type)?.secretAttributes ?? []);
  const omitted: string[] = [];
  const omit = (name: string): boolean => {
    const secret =
      isSecretName(name) ||
      secrets.has(name) ||
      resource.sensitivePaths.some((path) => path[0] === name) ||
      containsSensitive(resource.attributes[name]);
    if (secret && resource.attributes[name] !== undefined) omitted.push(name);
    return secret;
  };
  const name = resourceName(type, resource, index.names);
  const body = renderBody(spec.arguments, spec.prepare?.(resource.attributes) ?? resource.attributes, '  ', omit);
  const blocks = `import {\n  to = ${type}.${name}\n  id = ${quoteString(id)}\n}\n\nresource "${type}" "${name}" {\n${body}}\n`;

  const file = join(ws.codeDir, IMPORT_FILE);
  const before = (await ws.read(file)) ?? '';
  const prefix = before === '' ? `${FILE_HEADER}\n` : `${before.replace(/\n*$/, '')}\n\n`;
  const text = prefix + blocks;
  ws.write(file, text);
  index.names.add(`${type}.${name}`);
  index.importIds.add(`${type}|${id}`);
  return {
    status: 'codified',
    path: 'resource',
    file: ws.display(file),
    line: lineNumberOf(text, prefix.length),
    written: `import + resource ${type}.${name} (id ${id})`,
    ...(omitted.length > 0 ? { omitted } : {}),
  };
}
