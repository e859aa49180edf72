/**
 * Last line of defence before anything reaches the audit log, which can never be edited afterwards
 * (a secret written there could only be removed by breaking the chain). Callers pass findings the
 * engine already redacted; this still masks values under well-known secret key names, credentials
 * in URLs, and PEM private keys anywhere in a string, and turns the details into plain JSON.
 */
import { isSecretName } from '../engine/redact.js';
import { SENSITIVE } from '../model/finding.js';
import { redactSource } from '../store/redact.js';
import type { JsonValue } from './canonical.js';

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** Key names that hold secrets even though isSecretName (tuned for Terraform attributes) misses them. */
const EXTRA_SECRET_KEYS =
  /^(password|passwd|secret|token|apikey|api_key|authorization|cookie|session_token|secretaccesskey|secret_access_key)$/i;

function isSecretKey(key: string): boolean {
  return isSecretName(key) || EXTRA_SECRET_KEYS.test(key) || isSecretName(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}

export function redactText(text: string): string {
  return text.replace(PEM_PRIVATE_KEY, SENSITIVE).replace(URL_IN_TEXT, (url) => redactSource(url));
}

/** A JSON copy of `value` with secrets masked; non-JSON values (undefined, functions, NaN) dropped or nulled. */
export function redactDetails(value: unknown, depth = 0): JsonValue {
  if (depth > 64) return '(too deep)';
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactDetails(item, depth + 1));
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out[key] =
        isSecretKey(key) && item !== null && typeof item !== 'boolean' ? SENSITIVE : redactDetails(item, depth + 1);
    }
    return out;
  }
  return null;
}

/** Details must be an object; anything else is wrapped so the entry shape stays uniform. */
export function redactDetailsObject(value: unknown): { [key: string]: JsonValue } {
  const redacted = redactDetails(value ?? {});
  return redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted) ? redacted : { value: redacted };
}
