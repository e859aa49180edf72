/** Break-glass tables, in the shared database under their own `breakglass_migrations`. Never edit a released migration. */
import type { ModuleMigration } from '../../audit/migrate.js';

export const BREAKGLASS_MIGRATIONS_TABLE = 'breakglass_migrations';

export const BREAKGLASS_MIGRATIONS: ReadonlyArray<ModuleMigration> = [
  {
    version: 1,
    name: 'break-glass sessions',
    sql: `
      CREATE TABLE breakglass_sessions (
        id            TEXT PRIMARY KEY,
        scope         TEXT NOT NULL,        -- canonical text: env:glob or glob
        environment   TEXT,                 -- NULL: every environment
        address_glob  TEXT NOT NULL,
        reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        opened_by     TEXT NOT NULL,
        opened_at     TEXT NOT NULL,        -- ISO 8601 UTC, like every time here
        expires_at    TEXT NOT NULL,
        ttl_ms        INTEGER NOT NULL CHECK (ttl_ms > 0),
        status        TEXT NOT NULL CHECK (status IN ('open', 'closed', 'expired')),
        ended_at      TEXT,                 -- close time, or expires_at for an expired session
        closed_by     TEXT,
        reconciled_at TEXT,                 -- set by the controller once the scope was reconciled
        reconcile_outcome TEXT
      );
      CREATE INDEX breakglass_open ON breakglass_sessions (expires_at) WHERE status = 'open';
    `,
  },
];
