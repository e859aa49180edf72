/**
 * Several states in one scan. Two states may both hold `aws_instance.web`; with more than one
 * state every address and every dependency becomes `<label>/<address>`, so addresses stay unique
 * and the dependency graph stays inside its state. A single state keeps Terraform's addresses.
 */
import { basename, dirname } from 'node:path';
import { DriftwardenError } from '../../model/errors.js';
import type { Resource } from '../../model/resource.js';
import { STATE_LABEL_PATTERN, STATE_LABEL_SEPARATOR } from '../../model/address.js';

export interface LabelledResources {
  /** Unique among the merged states; matches STATE_LABEL_PATTERN. */
  readonly label: string;
  readonly resources: ReadonlyArray<Resource>;
}

export function mergeStates(states: ReadonlyArray<LabelledResources>): Resource[] {
  if (states.length === 1) return states[0]?.resources.slice() ?? [];
  const seen = new Set<string>();
  const merged: Resource[] = [];
  for (const { label, resources } of states) {
    if (seen.has(label)) {
      throw new DriftwardenError('config.invalid', `two states share the label "${label}"`, {
        key: 'states[].label',
        nextStep: 'give each state its own label in driftwarden.yaml',
      });
    }
    seen.add(label);
    const prefix = `${label}${STATE_LABEL_SEPARATOR}`;
    for (const resource of resources) {
      merged.push({
        ...resource,
        address: prefix + resource.address,
        dependencies: resource.dependencies.map((dependency) => prefix + dependency),
      });
    }
  }
  return merged;
}

export interface LabelRequest {
  readonly location: string;
  readonly label?: string;
  readonly workspace?: string;
}

const GENERIC_NAMES = new Set(['terraform', 'default', 'state', 'tfstate']);

/**
 * One label per state, in order. An explicit label is kept as given (it must be unique and match
 * STATE_LABEL_PATTERN). Otherwise: the file name without `.tfstate`/`.json`, or its folder when the file has the
 * generic name `terraform.tfstate`, plus `-<workspace>` for a non-default workspace; `-2`, `-3`
 * make duplicates unique.
 */
export function deriveLabels(requests: ReadonlyArray<LabelRequest>): string[] {
  const used = new Set<string>();
  for (const request of requests) if (request.label !== undefined) checkExplicitLabel(request.label, used);
  const labels: string[] = [];
  for (const request of requests) {
    if (request.label !== undefined) {
      labels.push(request.label);
      continue;
    }
    const base = defaultLabel(request.location, request.workspace);
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base}-${n}`;
    used.add(label);
    labels.push(label);
  }
  return labels;
}

function checkExplicitLabel(label: string, used: Set<string>): void {
  if (!STATE_LABEL_PATTERN.test(label)) {
    throw new DriftwardenError('config.invalid', `state label "${label}" may hold only letters, digits, "-" and "_"`, {
      key: 'states[].label',
      nextStep: 'use letters, digits, "-" and "_" in state labels',
    });
  }
  if (used.has(label)) {
    throw new DriftwardenError('config.invalid', `two states share the label "${label}"`, {
      key: 'states[].label',
      nextStep: 'give each state its own label in driftwarden.yaml',
    });
  }
  used.add(label);
}

function defaultLabel(location: string, workspace: string | undefined): string {
  const path = location.replace(/^[a-z0-9]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '') || location;
  let name = basename(path)
    .replace(/\.(tfstate|json)$/i, '')
    .replace(/\.tfstate$/i, '');
  if (name === '' || GENERIC_NAMES.has(name.toLowerCase())) name = basename(dirname(path)) || name || 'state';
  if (name === '' || name === '.' || name === '/') name = 'state';
  if (workspace && workspace !== 'default') name = `${name}-${workspace}`;
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
