/**
 * Sensitive paths from the two places Terraform records them, turned into the model's
 * `AttributePath`s (keys and list indices), so that redaction travels beside the values.
 */
import type { AttributePath } from '../../model/resource.js';

/**
 * State `sensitive_attributes`. The shape found in state files is a list of cty paths, each a list
 * of steps: `{type:"get_attr",value:"ami"}` or `{type:"index",value:{value:0,type:"number"}}`
 * (Terraform 0.14+). Some writers (hand-edited files, other tools) put the index value bare
 * (`{type:"index",value:0}`) or record a plan-style mask object (`{"password": true}`); both are
 * accepted, because dropping a sensitive mark would leak a secret. A step we cannot read makes the
 * path stop there: marking a whole parent sensitive is the safe direction.
 */
export function pathsFromSensitiveAttributes(raw: unknown): AttributePath[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    if (raw.length === 0) return [];
    const paths: AttributePath[] = [];
    for (const entry of raw) {
      const path = Array.isArray(entry) ? pathFromSteps(entry) : pathFromSteps([entry]);
      if (path.length > 0) paths.push(path);
    }
    return paths;
  }
  if (typeof raw === 'object') return pathsFromMask(raw);
  return [];
}

function pathFromSteps(steps: ReadonlyArray<unknown>): AttributePath {
  const path: Array<string | number> = [];
  for (const step of steps) {
    if (typeof step !== 'object' || step === null) break;
    const { type, value } = step as { type?: unknown; value?: unknown };
    if (type === 'get_attr' && typeof value === 'string') {
      path.push(value);
      continue;
    }
    if (type === 'index') {
      const key = typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;
      if (typeof key === 'number' || typeof key === 'string') {
        path.push(key);
        continue;
      }
    }
    break;
  }
  return path;
}

/**
 * A plan JSON mask (`before_sensitive`, `after_sensitive`, `sensitive_values`): `true` marks the
 * value at that position, objects and arrays descend. `true` at the top marks everything; that is
 * returned as the empty path.
 */
export function pathsFromMask(
  mask: unknown,
  prefix: Array<string | number> = [],
  out: AttributePath[] = [],
): AttributePath[] {
  if (mask === true) {
    out.push(prefix.slice());
    return out;
  }
  if (Array.isArray(mask)) {
    for (let i = 0; i < mask.length; i++) {
      const child = mask[i];
      if (child === false || child === null || child === undefined) continue;
      prefix.push(i);
      pathsFromMask(child, prefix, out);
      prefix.pop();
    }
    return out;
  }
  if (typeof mask === 'object' && mask !== null) {
    for (const key of Object.keys(mask)) {
      const child = (mask as Record<string, unknown>)[key];
      if (child === false || child === null || child === undefined) continue;
      prefix.push(key);
      pathsFromMask(child, prefix, out);
      prefix.pop();
    }
  }
  return out;
}

/** Union of path lists, without duplicates (compared by their JSON text). */
export function unionPaths(...lists: ReadonlyArray<ReadonlyArray<AttributePath>>): AttributePath[] {
  const seen = new Set<string>();
  const out: AttributePath[] = [];
  for (const list of lists) {
    for (const path of list) {
      const key = JSON.stringify(path);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(path);
    }
  }
  return out;
}
