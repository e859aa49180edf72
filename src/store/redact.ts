/**
 * Second line of defence before anything is written to the store. The engine already masks
 * sensitive values; these helpers make sure a mistake upstream still cannot persist a secret.
 */
import { redactUnparseableLocation } from '../model/redact-location.js';
import { SENSITIVE, type AttributeChange, type Finding } from '../model/finding.js';

/** A change marked sensitive keeps its path and nothing else that could hold the value. */
function redactChange(change: AttributeChange): AttributeChange {
  if (!change.sensitive) return change;
  const { added: _added, removed: _removed, ...rest } = change;
  return { ...rest, recorded: SENSITIVE, observed: SENSITIVE };
}

export function redactFinding(finding: Finding): Finding {
  return { ...finding, changes: finding.changes.map(redactChange) };
}

/**
 * Source locations can be URLs with credentials (`https://user:token@host/state`,
 * `?access_token=...`): keep scheme, host and path only.
 */
export function redactSource(source: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  try {
    const url = new URL(source);
    const hadSecrets = url.username !== '' || url.password !== '' || url.search !== '';
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return hadSecrets ? url.toString() : source;
  } catch {
    // Never the text as given: an unparseable URL can still hold a password.
    return redactUnparseableLocation(source);
  }
}
