/**
 * Keys of untrusted input that must never become property names. `__proto__` set by assignment
 * replaces an object's prototype, and a walker following it reaches Object.prototype, which every
 * object in the process shares (prototype pollution). Input holding it is refused, never cleaned:
 * no Terraform, AWS or Driftwarden file has such a key.
 */
export const FORBIDDEN_KEY = '__proto__';

/**
 * Keys refused in Driftwarden's own configuration, where every key is a name Driftwarden defines or
 * a name the user picks (an environment, a tier): besides `__proto__`, a lookup by `constructor` or
 * `prototype` on a plain object finds Object's own members, so such a name is never a safe key.
 * Data maps (tags, attributes, HCL labels) keep `constructor` and `prototype`: AWS and Terraform
 * allow them as names, and those maps are only iterated, never looked up by input.
 */
export const PROTOTYPE_KEYS: ReadonlyArray<string> = [FORBIDDEN_KEY, 'constructor', 'prototype'];

/**
 * `target[key] = value` for a key from input: always an own, enumerable data property, so a
 * `__proto__` key (a legal AWS tag key, a vSphere option key) is a key like any other and never
 * replaces the object's prototype.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The key path (`resources[0].instances[0].attributes.__proto__`) of the first forbidden key (by
 * default `__proto__`), if any. Iterative (hostile input may nest deeper than the call stack); paths are built only for the
 * answer, so a clean document costs one pass without allocating strings.
 */
export function forbiddenKeyPath(
  value: unknown,
  forbidden: ReadonlyArray<string> = [FORBIDDEN_KEY],
): string | undefined {
  // Parallel arrays: the node, the index of its parent entry, and the step from the parent.
  const nodes: unknown[] = [value];
  const parents: number[] = [-1];
  const steps: string[] = [''];
  const pending: number[] = [0];
  while (pending.length > 0) {
    const at = pending.pop()!;
    const node = nodes[at];
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        if (node[i] === null || typeof node[i] !== 'object') continue;
        pending.push(nodes.push(node[i]) - 1);
        parents.push(at);
        steps.push(`[${i}]`);
      }
      continue;
    }
    for (const key of forbidden) if (Object.hasOwn(node, key)) return pathTo(at, parents, steps, key);
    for (const [key, child] of Object.entries(node)) {
      if (child === null || typeof child !== 'object') continue;
      pending.push(nodes.push(child) - 1);
      parents.push(at);
      steps.push(key);
    }
  }
  return undefined;
}

function pathTo(at: number, parents: number[], steps: string[], last: string): string {
  const parts: string[] = [];
  for (let i = at; i > 0; i = parents[i]!) parts.push(steps[i]!);
  parts.reverse().push(last);
  return parts.reduce(
    (path, part) => (path === '' ? part : part.startsWith('[') ? `${path}${part}` : `${path}.${part}`),
    '',
  );
}

/** True when a dotted key (a legacy flatmap key, an attribute path) has a `__proto__` segment. */
export function hasForbiddenSegment(dotted: string): boolean {
  return dotted.split('.').includes(FORBIDDEN_KEY);
}
