/**
 * Terraform state v4 (the format of Terraform >= 0.12 and OpenTofu) to `Resource[]`: one Resource
 * per instance, addressed exactly as Terraform prints it. Attribute objects are referenced, never
 * copied, so a 100k-resource state costs about one JSON.parse plus one pass.
 */
import { DriftwardenError } from '../../model/errors.js';
import type { AttributePath, Resource, ResourceMode } from '../../model/resource.js';
import { formatResourceAddress, scopeFromArn } from './address.js';
import { parseJsonText } from './json-text.js';
import type { ProviderLookup } from './providers.js';
import { pathsFromSensitiveAttributes } from './sensitive.js';

export interface StateParseOptions {
  /** Where the text came from (path or URL without credentials): used in messages and `Resource.source`. */
  readonly source: string;
  /** Environment name; `default` when not given. */
  readonly environment?: string;
  /** Places resources without an ARN by their provider configuration (see providers.ts). */
  readonly providers?: ProviderLookup;
}

export interface ParsedState {
  readonly resources: Resource[];
  readonly terraformVersion?: string;
  readonly serial?: number;
  readonly lineage?: string;
}

const NO_PATHS: ReadonlyArray<AttributePath> = Object.freeze([]);
const NO_DEPENDENCIES: ReadonlyArray<string> = Object.freeze([]);

export function parseState(text: string, options: StateParseOptions): ParsedState {
  const file = options.source;
  const doc = parseJsonText(text, file, 'Terraform state');
  if (!isObject(doc)) throw invalid(file, '', 'the state is not a JSON object');
  checkVersion(doc, file);

  const environment = options.environment ?? 'default';
  const rawResources = doc['resources'];
  if (rawResources !== undefined && rawResources !== null && !Array.isArray(rawResources)) {
    throw invalid(file, 'resources', 'expected a list of resources');
  }
  const resources: Resource[] = [];
  const list = (rawResources ?? []) as unknown[];
  for (let r = 0; r < list.length; r++) {
    const raw = list[r];
    const key = `resources[${r}]`;
    if (!isObject(raw)) throw invalid(file, key, 'expected an object');
    const mode = raw['mode'] ?? 'managed';
    if (mode !== 'managed' && mode !== 'data') throw invalid(file, `${key}.mode`, 'expected "managed" or "data"');
    const type = requireString(raw, 'type', key, file);
    const name = requireString(raw, 'name', key, file);
    const provider = requireString(raw, 'provider', key, file);
    const modulePath = raw['module'] === undefined ? '' : requireString(raw, 'module', key, file);
    const instances = raw['instances'];
    if (!Array.isArray(instances)) throw invalid(file, `${key}.instances`, 'expected a list of instances');
    const placement = options.providers?.(provider);
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i];
      const instanceKey = `${key}.instances[${i}]`;
      if (!isObject(instance)) throw invalid(file, instanceKey, 'expected an object');
      const attributes = instanceAttributes(instance, instanceKey, file);
      const id = attributes['id'];
      const arnScope = scopeFromArn(attributes['arn']);
      // AWS provider v6 records a per-resource `region` argument.
      const attributeRegion =
        typeof attributes['region'] === 'string' && attributes['region'] !== '' ? attributes['region'] : undefined;
      const account = arnScope?.account ?? placement?.account;
      const region = arnScope?.region ?? attributeRegion ?? placement?.region;
      const sensitive = instance['sensitive_attributes'];
      const dependencies = instance['dependencies'] ?? instance['depends_on'];
      resources.push({
        address: formatResourceAddress(modulePath, mode as ResourceMode, type, name, instance['index_key']),
        mode: mode as ResourceMode,
        type,
        provider,
        // Every field is always present (possibly undefined): one object shape keeps 100k resources fast.
        id: typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined,
        account,
        region,
        attributes,
        sensitivePaths:
          sensitive === undefined || (Array.isArray(sensitive) && sensitive.length === 0)
            ? NO_PATHS
            : pathsFromSensitiveAttributes(sensitive),
        dependencies: Array.isArray(dependencies)
          ? (dependencies.filter((d) => typeof d === 'string') as string[])
          : NO_DEPENDENCIES,
        environment,
        source: file,
      });
    }
  }
  return {
    resources,
    ...(typeof doc['terraform_version'] === 'string' ? { terraformVersion: doc['terraform_version'] } : {}),
    ...(typeof doc['serial'] === 'number' ? { serial: doc['serial'] } : {}),
    ...(typeof doc['lineage'] === 'string' ? { lineage: doc['lineage'] } : {}),
  };
}

function checkVersion(doc: Record<string, unknown>, file: string): void {
  const version = doc['version'];
  if (version === 4) return;
  if (typeof version !== 'number') {
    throw invalid(file, 'version', 'no state format version: this does not look like a Terraform state file');
  }
  if (version < 4) {
    throw new DriftwardenError(
      'input.unsupported-version',
      `state v${version} (written by Terraform 0.11 or older) is not supported: upgrade it with Terraform >= 0.12`,
      {
        file,
        key: 'version',
        nextStep:
          'run `terraform init` and `terraform apply -refresh-only` with Terraform >= 0.12, which rewrites the state as v4',
      },
    );
  }
  throw new DriftwardenError(
    'input.unsupported-version',
    `state v${version} is newer than this Driftwarden understands (v4)`,
    {
      file,
      key: 'version',
      nextStep: 'upgrade Driftwarden, or open an issue with the Terraform version that wrote this state',
    },
  );
}

/**
 * `attributes` (0.12+); states written by 0.11 and upgraded keep `attributes_flat`, the legacy
 * flatmap (`triggers.%`, `tags.Name`), which is expanded here so both compare alike.
 */
function instanceAttributes(instance: Record<string, unknown>, key: string, file: string): Record<string, unknown> {
  const attributes = instance['attributes'];
  if (isObject(attributes)) return attributes;
  const flat = instance['attributes_flat'];
  if (isObject(flat)) return expandFlatmap(flat);
  if (attributes === undefined && flat === undefined) return {};
  throw invalid(file, `${key}.attributes`, 'expected an object');
}

/** Legacy flatmap to nested values: `a.%`/`a.#` are counts (dropped), `a.0` list items, `a.k` map keys. */
export function expandFlatmap(flat: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const lists = new Set<Record<string, unknown>>();
  for (const [flatKey, value] of Object.entries(flat)) {
    const parts = flatKey.split('.');
    const last = parts[parts.length - 1];
    if (parts.length > 1 && (last === '%' || last === '#')) {
      const container = ensurePath(root, parts.slice(0, -1));
      if (last === '#') lists.add(container);
      continue;
    }
    const container = ensurePath(root, parts.slice(0, -1));
    container[last ?? flatKey] = value;
  }
  return convertLists(root, lists) as Record<string, unknown>;
}

function ensurePath(root: Record<string, unknown>, parts: string[]): Record<string, unknown> {
  let node = root;
  for (const part of parts) {
    const next = node[part];
    if (isObject(next)) node = next;
    else node = node[part] = {};
  }
  return node;
}

function convertLists(node: unknown, lists: Set<Record<string, unknown>>): unknown {
  if (!isObject(node)) return node;
  for (const key of Object.keys(node)) node[key] = convertLists(node[key], lists);
  if (!lists.has(node)) return node;
  return Object.keys(node)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k]);
}

function requireString(raw: Record<string, unknown>, field: string, key: string, file: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value === '') throw invalid(file, `${key}.${field}`, 'expected a non-empty string');
  return value;
}

function invalid(file: string, key: string, problem: string): DriftwardenError {
  return new DriftwardenError('input.invalid', `invalid Terraform state: ${problem}`, {
    file,
    ...(key ? { key } : {}),
    nextStep: 'check that the file is a state written by Terraform (`terraform state pull` prints the current one)',
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
