/**
 * The user phase: ignore rules (.driftignore and the config's `ignore:`) and the configuration's
 * `lifecycle { ignore_changes }`. Both only ever remove drift, and every removal is recorded as a
 * Suppression so that `--verbose` can show what was hidden and why.
 */

/** What an ignore rule says when it matches: the rule text and where it was written. */
export interface IgnoreMatch {
  readonly rule: string;
  readonly origin: string;
}

/** The engine's view of the user's ignore rules (src/config/ignore.ts builds one). */
export interface IgnoreMatcher {
  ignoresResource(address: string, type: string): IgnoreMatch | undefined;
  ignoresPath(address: string, path: string): IgnoreMatch | undefined;
}

/**
 * The address `ignore_changes` is written for: no state label, no instance keys on resources or
 * modules (`prod:module.a["x"].aws_instance.web[2]` -> `module.a.aws_instance.web`).
 */
export function configAddress(address: string): string {
  const unlabelled = address.replace(/^[^.[\]"]+:(?=(module|data|[a-z]))/, '');
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < unlabelled.length; i++) {
    const ch = unlabelled[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth > 0) {
      if (ch === '"') inString = true;
      else if (ch === '[') depth++;
      else if (ch === ']') depth--;
      continue;
    }
    if (ch === '[') {
      depth = 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** True when an `ignore_changes` entry (`tags`, `tags.Owner`, `all`) covers a change path. */
export function ignoreChangesCovers(entries: ReadonlyArray<string>, path: string): string | undefined {
  for (const entry of entries) {
    if (entry === 'all') return entry;
    if (path === entry || path.startsWith(`${entry}.`) || path.startsWith(`${entry}[`)) return entry;
  }
  return undefined;
}
