/**
 * Opens the shared Driftwarden SQLite database (the history store's file) for the modules that keep
 * their own tables in it. The history store is opened first through its own API, so its ownership
 * and version checks apply and its schema exists: the file is always a valid history store, even
 * when a break-glass session is opened before the first scan (the store refuses a file that holds
 * tables but no `schema_migrations`).
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DriftwardenError } from '../model/errors.js';
import { openSqliteStore } from '../store/sqlite-store.js';

export interface OpenDatabaseOptions {
  /** Refuse to create the file: for read-only commands such as `audit verify`. */
  readonly mustExist?: boolean;
}

export function openSharedDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  const file = resolve(path);
  if (options.mustExist && !existsSync(file)) {
    throw new DriftwardenError('input.missing-file', 'no Driftwarden database here: nothing has been recorded yet', {
      file,
      nextStep: 'pass --store FILE (or --config) pointing at the database scans and break-glass sessions write to',
    });
  }
  // Validates (not ours, newer schema, corrupted) and migrates the history tables, with the same
  // connection settings (WAL, foreign keys, busy timeout); its errors name the file. The caller
  // owns the connection from here and closes it.
  return openSqliteStore(file).database;
}
