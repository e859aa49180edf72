/**
 * The audit log's tables, in the shared database under their own `audit_migrations` bookkeeping.
 * Released migrations are never edited: a change is a new version.
 *
 * Triggers are a second layer, not the proof: they stop a careless UPDATE or DELETE (and an append
 * that does not extend the head), but anyone with the file can drop them; the hash chain and the
 * head row are what `verify` checks.
 */
import { GENESIS_HASH } from './chain.js';
import type { ModuleMigration } from './migrate.js';

export const AUDIT_MIGRATIONS_TABLE = 'audit_migrations';

export const AUDIT_MIGRATIONS: ReadonlyArray<ModuleMigration> = [
  {
    version: 1,
    name: 'hash-chained audit log',
    sql: `
      CREATE TABLE audit_entries (
        seq       INTEGER PRIMARY KEY,   -- 1, 2, 3, ... assigned from the head, never by SQLite
        time      TEXT NOT NULL,         -- ISO 8601 UTC
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        subject   TEXT NOT NULL,
        details   TEXT NOT NULL,         -- canonical JSON object, redacted
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      );
      CREATE INDEX audit_entries_action_subject ON audit_entries (action, subject);
      CREATE INDEX audit_entries_time ON audit_entries (time);
      -- One row: the last seq, its hash and the count. Updated with every append, in the same
      -- transaction, so a truncated tail (a valid but shorter chain) is detected.
      CREATE TABLE audit_head (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        seq   INTEGER NOT NULL,
        hash  TEXT NOT NULL,
        count INTEGER NOT NULL
      );
      INSERT INTO audit_head (id, seq, hash, count) VALUES (1, 0, '${GENESIS_HASH}', 0);
      CREATE TRIGGER audit_entries_append_only_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_entries_append_only_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_entries_extend_head BEFORE INSERT ON audit_entries
        WHEN NEW.seq <> (SELECT seq FROM audit_head WHERE id = 1) + 1
          OR NEW.prev_hash <> (SELECT hash FROM audit_head WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'an audit entry must extend the head of the chain'); END;
      CREATE TRIGGER audit_head_keep BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'the audit head cannot be deleted'); END;
      CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
        WHEN NEW.seq <> OLD.seq + 1 OR NEW.count <> OLD.count + 1
          OR NEW.hash <> (SELECT hash FROM audit_entries WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward, one entry at a time'); END;
    `,
  },
];
