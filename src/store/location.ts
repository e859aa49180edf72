/**
 * Where the store is, decided without loading a database driver (so `--help` stays instant).
 * First match wins: `--store` (a file or a postgres:// URL), the DRIFTWARDEN_DATABASE_URL
 * environment variable, `store:` in driftwarden.yaml, and otherwise `.driftwarden/history.db` in
 * the current folder. A postgres:// URL may carry a password: print only redactDatabaseUrl(url).
 */
import { join, resolve } from 'node:path';
import type { DriftwardenConfig } from '../config/schema.js';

export const DATABASE_URL_ENV = 'DRIFTWARDEN_DATABASE_URL';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without password (and without query parameters, which may carry one). */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** A location as it may be printed. */
export function printableLocation(location: string): string {
  return isPostgresUrl(location) ? redactDatabaseUrl(location) : location;
}

/** The store location: a SQLite file path (absolute) or a postgres:// URL. */
export function resolveStoreLocation(
  flag: string | undefined,
  config: DriftwardenConfig | undefined,
  env: NodeJS.ProcessEnv,
): string {
  if (flag !== undefined) return isPostgresUrl(flag) ? flag : resolve(flag);
  const fromEnv = env[DATABASE_URL_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return config ? config.storeLocation : join(resolve('.'), '.driftwarden', 'history.db');
}
