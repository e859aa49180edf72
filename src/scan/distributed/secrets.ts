/**
 * Secret values between a worker and the merge. A worker's observation waits in the database until
 * its run is merged, and secrets never reach the store (safety invariant 4): so every value the
 * catalogue calls secret (an attribute the type's entry declares secret, which is what the AWS
 * observer marks sensitive, or any attribute with a well-known secret name, at any depth) is
 * replaced by a digest, SHA-256 over the run's random salt and the value's canonical JSON. The merge
 * replaces the recorded values at the same paths with digests under the same salt, so the engine
 * still tells changed from unchanged, and findings show both sides as (sensitive) as always.
 *
 * Unset values (null, "", [], {}) stay as they are: "unset" against "set" compares as before.
 * What the digest cannot keep: a normalizer that would have equated two different raw secrets
 * (whitespace, encoding) sees two different digests.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/canonical.js';
import { isSecretName } from '../../engine/redact.js';
import type { Resource } from '../../model/resource.js';

const PREFIX = 'sha256-digest:';

function isUnset(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function digest(value: unknown, salt: string): unknown {
  if (isUnset(value)) return value;
  if (typeof value === 'string' && value.startsWith(PREFIX)) return value;
  return PREFIX + createHash('sha256').update(salt).update('\u0000').update(canonicalJson(value)).digest('hex');
}

/** Replaces every secret-named attribute, at any depth, by its digest. */
function digestNamed(value: unknown, salt: string): unknown {
  if (Array.isArray(value)) return value.map((item) => digestNamed(item, salt));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>))
    out[key] = isSecretName(key) ? digest(inner, salt) : digestNamed(inner, salt);
  return out;
}

/**
 * The resource with its secret values as digests. `secretAttributes` are the type's catalogue
 * secrets (top-level names). The same rule on both sides: a state's own sensitive marks are not
 * used, since the worker cannot know them (those values are kept in the database only until the
 * run is merged; README, "Running for a team").
 */
export function digestSecrets(resource: Resource, salt: string, secretAttributes: ReadonlyArray<string>): Resource {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(resource.attributes))
    attributes[name] =
      secretAttributes.includes(name) || isSecretName(name) ? digest(value, salt) : digestNamed(value, salt);
  return { ...resource, attributes };
}
