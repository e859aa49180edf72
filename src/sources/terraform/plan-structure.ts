/**
 * The structure of plan JSON (`terraform show -json`, `tofu show -json`), checked before anything
 * is read from it, against Terraform's documented JSON output format
 * (https://developer.hashicorp.com/terraform/internals/json-format): a plan whose structure is
 * broken fails with the JSON path of the first bad field, never "no drift".
 *
 * Checked: `format_version` a string; `prior_state` an object with `values.root_module` a module;
 * a module's `resources` a list of resources (non-empty `address`, `mode` managed or data,
 * non-empty `type`, `values` an object) and `child_modules` a list of modules; `resource_changes`
 * and `resource_drift` lists of changes (non-empty `address`, `mode`, non-empty `type`, a `change`
 * object whose `actions` is one of Terraform's action lists); optional keys, when present, of their
 * documented type. Keys Driftwarden does not read are left alone (newer Terraform adds keys).
 */
import { DriftwardenError } from '../../model/errors.js';

/** Every action list Terraform writes (`plans.Action` in Terraform's jsonplan). */
const ACTION_LISTS = new Set([
  'no-op',
  'create',
  'read',
  'update',
  'delete',
  'delete,create',
  'create,delete',
  'forget',
  'create,forget',
]);

class Bad extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new Bad(path, `expected an object, found ${describe(value)}`);
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new Bad(path, `expected a list, found ${describe(value)}`);
  return value;
}

function text(value: unknown, path: string, nonEmpty = false): string {
  if (typeof value !== 'string') throw new Bad(path, `expected a string, found ${describe(value)}`);
  if (nonEmpty && value === '') throw new Bad(path, 'must not be empty');
  return value;
}

function optional(record: Json, key: string, path: string, check: (value: unknown, path: string) => unknown): void {
  if (record[key] !== undefined && record[key] !== null) check(record[key], `${path}.${key}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `a ${typeof value}`;
}

function mode(value: unknown, path: string): void {
  if (value !== 'managed' && value !== 'data')
    throw new Bad(path, `expected "managed" or "data", found ${describe(value)}`);
}

function checkModule(value: unknown, path: string): void {
  const module = object(value, path);
  optional(module, 'address', path, text);
  optional(module, 'resources', path, (resources, at) =>
    list(resources, at).forEach((resource, i) => checkResource(resource, `${at}[${i}]`)),
  );
  optional(module, 'child_modules', path, (children, at) =>
    list(children, at).forEach((child, i) => checkModule(child, `${at}[${i}]`)),
  );
}

function checkResource(value: unknown, path: string): void {
  const resource = object(value, path);
  text(resource['address'], `${path}.address`, true);
  mode(resource['mode'], `${path}.mode`);
  text(resource['type'], `${path}.type`, true);
  optional(resource, 'name', path, text);
  optional(resource, 'provider_name', path, text);
  optional(resource, 'values', path, object);
  optional(resource, 'depends_on', path, (deps, at) => list(deps, at).forEach((d, i) => text(d, `${at}[${i}]`)));
}

function checkChange(value: unknown, path: string): void {
  const entry = object(value, path);
  text(entry['address'], `${path}.address`, true);
  mode(entry['mode'], `${path}.mode`);
  text(entry['type'], `${path}.type`, true);
  optional(entry, 'previous_address', path, (v, at) => text(v, at, true));
  optional(entry, 'provider_name', path, text);
  optional(entry, 'action_reason', path, text);
  const change = object(entry['change'], `${path}.change`);
  const actions = list(change['actions'], `${path}.change.actions`);
  actions.forEach((action, i) => text(action, `${path}.change.actions[${i}]`));
  if (!ACTION_LISTS.has(actions.join(','))) {
    const unknown = actions.findIndex((a) => !ACTION_LISTS.has(a as string));
    throw unknown >= 0
      ? new Bad(`${path}.change.actions[${unknown}]`, `unknown action ${JSON.stringify(actions[unknown])}`)
      : new Bad(`${path}.change.actions`, `${JSON.stringify(actions)} is not an action list Terraform writes`);
  }
  optional(change, 'replace_paths', `${path}.change`, (paths, at) =>
    list(paths, at).forEach((p, i) => list(p, `${at}[${i}]`)),
  );
}

/** Throws one input.invalid error naming the file and the JSON path of the first bad field. */
export function checkPlanStructure(doc: unknown, file: string): void {
  try {
    const root = object(doc, '(document)');
    text(root['format_version'], 'format_version');
    optional(root, 'prior_state', '', (state, at) => {
      const prior = object(state, at);
      optional(prior, 'values', at, (values, valuesAt) => {
        optional(object(values, valuesAt), 'root_module', valuesAt, checkModule);
      });
    });
    for (const key of ['resource_changes', 'resource_drift']) {
      optional(root, key, '', (changes, at) => list(changes, at).forEach((c, i) => checkChange(c, `${at}[${i}]`)));
    }
    optional(root, 'planned_values', '', object);
    optional(root, 'configuration', '', object);
  } catch (err) {
    if (!(err instanceof Bad)) throw err;
    throw new DriftwardenError('input.invalid', `invalid plan JSON: ${err.problem}`, {
      file,
      key: err.path.replace(/^\./, ''),
      nextStep: 'write the plan with `terraform show -json plan.out > plan.json` (or `tofu show -json`), unedited',
    });
  }
}
