/**
 * Plan JSON (`terraform show -json plan.out`, `tofu show -json`) as two snapshots the engine diffs
 * like any other pair, plus what the next apply would do:
 *
 *  - recorded: the state before refresh. Terraform's plan carries only the refreshed state
 *    (`prior_state`), so the pre-refresh values are rebuilt from `resource_drift[].change.before`.
 *  - observed: `prior_state` itself (the refresh read every managed resource), minus resources the
 *    refresh found deleted. It is a refresh of the record (`refreshOfRecord`): paired by address.
 *  - impacts: `resource_changes` per address (update / replace / delete / ...).
 *
 * A `resource_drift` entry with actions ["no-op"] and a `previous_address` is a `moved` block at
 * work, not drift: it is reported in `moves` and nowhere else.
 */
import { DriftwardenError } from '../../model/errors.js';
import type { ApplyAction, ApplyImpact } from '../../model/finding.js';
import {
  formatPath,
  type AttributePath,
  type Resource,
  type ResourceMode,
  type Snapshot,
} from '../../model/resource.js';
import { scopeFromArn } from './address.js';
import { parseJsonText } from './json-text.js';
import { checkPlanStructure } from './plan-structure.js';
import type { ProviderLookup } from './providers.js';
import { pathsFromMask, unionPaths } from './sensitive.js';

export interface PlanParseOptions {
  readonly source: string;
  readonly environment?: string;
  readonly providers?: ProviderLookup;
}

export interface PlanMove {
  readonly from: string;
  readonly to: string;
}

export interface ParsedPlan {
  readonly formatVersion: string;
  readonly recorded: Snapshot;
  readonly observed: Snapshot;
  readonly impacts: Map<string, ApplyImpact>;
  readonly moves: PlanMove[];
}

interface PlanResource {
  address: string;
  mode: ResourceMode;
  type: string;
  providerName: string;
  values: Record<string, unknown>;
  dependencies: string[];
}

interface ChangeEntry {
  address: string;
  previousAddress?: string;
  mode: ResourceMode;
  type: string;
  providerName: string;
  actions: string[];
  before: unknown;
  masks: unknown[];
  replacePaths: unknown;
  actionReason?: string;
}

export function parsePlan(text: string, options: PlanParseOptions): ParsedPlan {
  const file = options.source;
  const parsed = parseJsonText(text, file, 'Terraform plan JSON');
  const formatVersion = checkFormatVersion(asRecord(parsed)['format_version'], file);
  checkPlanStructure(parsed, file);
  const doc = asRecord(parsed);

  const prior = new Map<string, PlanResource>();
  const masks = new Map<string, unknown[]>();
  const priorValues = asRecord(asRecord(doc['prior_state'])['values']);
  collectModule(asRecord(priorValues['root_module']), prior, masks, file, 'prior_state.values.root_module');

  const drift = readChanges(doc['resource_drift'], 'resource_drift', file);
  const changes = readChanges(doc['resource_changes'], 'resource_changes', file);
  for (const entry of [...drift, ...changes]) addMasks(masks, entry.address, entry.masks);

  const moves: PlanMove[] = [];
  const recordedOverrides = new Map<string, ChangeEntry>();
  const deletedByRefresh = new Set<string>();
  for (const entry of drift) {
    const isMove = entry.previousAddress !== undefined && entry.previousAddress !== entry.address;
    if (isMove) moves.push({ from: entry.previousAddress as string, to: entry.address });
    if (entry.actions.length === 1 && entry.actions[0] === 'no-op') continue;
    if (entry.actions.includes('delete') || entry.actions.includes('update')) {
      recordedOverrides.set(entry.address, entry);
      if (entry.actions.includes('delete') && !entry.actions.includes('create')) deletedByRefresh.add(entry.address);
    }
  }

  const build = (resource: PlanResource): Resource => toResource(resource, masks.get(resource.address), options);
  const observedResources: Resource[] = [];
  const recordedResources: Resource[] = [];
  for (const resource of prior.values()) {
    if (deletedByRefresh.has(resource.address)) continue;
    observedResources.push(build(resource));
    const override = recordedOverrides.get(resource.address);
    recordedResources.push(override ? build({ ...resource, values: asRecord(override.before) }) : build(resource));
  }
  // Deleted outside Terraform: absent from the refreshed prior_state, present in the record.
  for (const address of deletedByRefresh) {
    const entry = recordedOverrides.get(address);
    if (!entry || !isRecord(entry.before)) continue;
    recordedResources.push(
      build({ ...entry, values: entry.before, dependencies: prior.get(address)?.dependencies ?? [] }),
    );
  }

  return {
    formatVersion,
    recorded: { layer: 'recorded', resources: recordedResources, completeScopes: [], incompleteScopes: [] },
    observed: {
      layer: 'observed',
      resources: observedResources,
      completeScopes: [],
      incompleteScopes: [],
      refreshOfRecord: true,
    },
    impacts: impactsFrom(changes),
    moves,
  };
}

function checkFormatVersion(raw: unknown, file: string): string {
  if (typeof raw !== 'string') {
    throw new DriftwardenError('input.invalid', 'not a Terraform plan JSON: no format_version', {
      file,
      key: 'format_version',
      nextStep: 'write the plan with `terraform show -json plan.out > plan.json` (or `tofu show -json`)',
    });
  }
  const major = raw.split('.')[0];
  if (major !== '0' && major !== '1') {
    throw new DriftwardenError(
      'input.unsupported-version',
      `plan JSON format ${raw} is not supported (0.x and 1.x are)`,
      {
        file,
        key: 'format_version',
        nextStep: 'upgrade Driftwarden, or write the plan with a Terraform/OpenTofu version that emits format 1.x',
      },
    );
  }
  return raw;
}

function collectModule(
  module: Record<string, unknown>,
  out: Map<string, PlanResource>,
  masks: Map<string, unknown[]>,
  file: string,
  key: string,
): void {
  const resources = asList(module['resources']);
  for (let i = 0; i < resources.length; i++) {
    const raw = asRecord(resources[i]);
    const address = raw['address'];
    const type = raw['type'];
    if (typeof address !== 'string' || typeof type !== 'string')
      throw invalid(file, `${key}.resources[${i}]`, 'a resource needs address and type');
    out.set(address, {
      address,
      mode: raw['mode'] === 'data' ? 'data' : 'managed',
      type,
      providerName: typeof raw['provider_name'] === 'string' ? raw['provider_name'] : '',
      values: asRecord(raw['values']),
      dependencies: asList(raw['depends_on']).filter((d): d is string => typeof d === 'string'),
    });
    addMasks(masks, address, [raw['sensitive_values']]);
  }
  const children = asList(module['child_modules']);
  for (let i = 0; i < children.length; i++)
    collectModule(asRecord(children[i]), out, masks, file, `${key}.child_modules[${i}]`);
}

function readChanges(raw: unknown, key: string, file: string): ChangeEntry[] {
  if (raw === undefined || raw === null) return []; // refresh-only plans have no resource_changes at all
  if (!Array.isArray(raw)) throw invalid(file, key, 'expected a list');
  return raw.map((item, i) => {
    const entry = asRecord(item);
    const change = asRecord(entry['change']);
    const address = entry['address'];
    const actions = change['actions'];
    if (typeof address !== 'string' || typeof entry['type'] !== 'string')
      throw invalid(file, `${key}[${i}]`, 'a change needs address and type');
    if (!Array.isArray(actions)) throw invalid(file, `${key}[${i}].change.actions`, 'expected a list of actions');
    return {
      address,
      ...(typeof entry['previous_address'] === 'string' ? { previousAddress: entry['previous_address'] } : {}),
      mode: entry['mode'] === 'data' ? 'data' : 'managed',
      type: entry['type'],
      providerName: typeof entry['provider_name'] === 'string' ? entry['provider_name'] : '',
      actions: actions.filter((a): a is string => typeof a === 'string'),
      before: change['before'],
      masks: [change['before_sensitive'], change['after_sensitive']],
      replacePaths: change['replace_paths'],
      ...(typeof entry['action_reason'] === 'string' ? { actionReason: entry['action_reason'] } : {}),
    } satisfies ChangeEntry;
  });
}

function addMasks(masks: Map<string, unknown[]>, address: string, more: unknown[]): void {
  const useful = more.filter((mask) => mask !== undefined && mask !== null && mask !== false);
  if (useful.length === 0) return;
  const list = masks.get(address);
  if (list) list.push(...useful);
  else masks.set(address, useful);
}

function toResource(resource: PlanResource, maskList: unknown[] | undefined, options: PlanParseOptions): Resource {
  // Plan JSON names the provider by source only; the alias is in `configuration`, not per resource.
  const provider = resource.providerName ? `provider["${resource.providerName}"]` : '';
  const placement = provider ? options.providers?.(provider) : undefined;
  const arnScope = scopeFromArn(resource.values['arn']);
  const account = arnScope?.account ?? placement?.account;
  const region = arnScope?.region ?? placement?.region;
  const id = resource.values['id'];
  const sensitivePaths: AttributePath[] = maskList ? unionPaths(...maskList.map((mask) => pathsFromMask(mask))) : [];
  return {
    address: resource.address,
    mode: resource.mode,
    type: resource.type,
    provider,
    ...(typeof id === 'string' ? { id } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(region !== undefined ? { region } : {}),
    attributes: resource.values,
    sensitivePaths,
    dependencies: resource.dependencies,
    environment: options.environment ?? 'default',
    source: options.source,
  };
}

/** What the next apply does, per address, from `resource_changes`. */
export function impactsFrom(changes: ReadonlyArray<ChangeEntry>): Map<string, ApplyImpact> {
  const impacts = new Map<string, ApplyImpact>();
  for (const change of changes) {
    if (change.mode === 'data') continue; // data reads change nothing
    const replacePaths = asList(change.replacePaths).map((path) => formatPath(asList(path).filter(isPathPart)));
    impacts.set(change.address, {
      action: applyAction(change.actions),
      replacePaths,
      ...(change.actionReason !== undefined ? { reason: change.actionReason } : {}),
      source: 'plan',
    });
  }
  return impacts;
}

export function applyAction(actions: ReadonlyArray<string>): ApplyAction {
  const key = actions.join(',');
  switch (key) {
    case 'no-op':
      return 'no-op';
    case 'update':
      return 'update';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'delete':
      return 'delete';
    case 'create':
      return 'create';
    default:
      return 'unknown'; // read, forget, and whatever future Terraform adds
  }
}

function isPathPart(part: unknown): part is string | number {
  return typeof part === 'string' || typeof part === 'number';
}

function invalid(file: string, key: string, problem: string): DriftwardenError {
  return new DriftwardenError('input.invalid', `invalid plan JSON: ${problem}`, {
    file,
    key,
    nextStep: 'write the plan with `terraform show -json plan.out > plan.json` (or `tofu show -json`)',
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
