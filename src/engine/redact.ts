/**
 * Which attribute paths hold secrets. A path is secret when the state or plan marks it sensitive
 * (sensitive_attributes, *_sensitive masks), when the catalogue lists it for its type, or when its
 * name is a well-known secret name. Secret values never leave the engine: findings carry SENSITIVE.
 */
import type { AttributePath, Resource } from '../model/resource.js';

/**
 * Well-known secret attribute names, matched as whole words between underscores so that
 * `http_tokens` (an EC2 metadata setting) is not taken for a token.
 */
const SECRET_NAME =
  /(^|_)(password|passwd|secret|private_key|token|api_key|access_key|secret_key|credentials?|connection_string|client_secret|auth_token|passphrase|private_key_pem|sensitive_content)(_|$)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function startsWith(path: AttributePath, prefix: AttributePath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    // Masks index lists by position; a set element's position is not stable, so an index step
    // in a mask matches any element (over-redacting is the safe side).
    if (typeof prefix[i] === 'number' && typeof path[i] === 'number') continue;
    if (prefix[i] !== path[i]) return false;
  }
  return true;
}

/** True when the value at `path` (or anything containing it) must be hidden. */
export function isSensitivePath(
  path: AttributePath,
  resources: ReadonlyArray<Resource | undefined>,
  secretAttributes: ReadonlyArray<string> = [],
): boolean {
  for (const part of path) {
    if (typeof part === 'string' && (isSecretName(part) || secretAttributes.includes(part))) return true;
  }
  for (const resource of resources) {
    if (!resource) continue;
    for (const mask of resource.sensitivePaths) {
      // Hide the path when it lies under a sensitive mask, and when it contains one (a whole
      // object holding a sensitive field is itself shown as sensitive).
      if (startsWith(path, mask) || startsWith(mask, path)) return true;
    }
  }
  return false;
}
