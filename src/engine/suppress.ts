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

/** True when an `ignore_changes` entry (`tags`, `tags.Owner`, `all`) covers a change path. */
export function ignoreChangesCovers(entries: ReadonlyArray<string>, path: string): string | undefined {
  for (const entry of entries) {
    if (entry === 'all') return entry;
    if (path === entry || path.startsWith(`${entry}.`) || path.startsWith(`${entry}[`)) return entry;
  }
  return undefined;
}
