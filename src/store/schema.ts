/**
 * Every table of the Driftwarden database, as forward-only migrations for both backends. A
 * migration, once released, is never edited or removed: a change is a new entry with the next
 * version. Versions 1 and 2 are the schemas of the first release (then kept by two runners: the
 * history store's `schema_migrations` and the audit log's `audit_migrations`); they stay here
 * verbatim as history, so that a database written by that release migrates forward (migrate.ts
 * adopts version 2 when the old runner already applied it).
 */
import { GENESIS_HASH } from '../audit/chain.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
  /**
   * The first release's audit runner recorded its schema in `audit_migrations`; a database that
   * has it already holds these tables.
   */
  readonly legacyTable?: string;
}

const HISTORY_SQLITE = `
  CREATE TABLE scans (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,  -- recording order, immune to clock skew
    id                TEXT NOT NULL UNIQUE,
    started_at        TEXT NOT NULL,
    finished_at       TEXT NOT NULL,
    complete          INTEGER NOT NULL CHECK (complete IN (0, 1)),
    incomplete_scopes TEXT NOT NULL,                      -- JSON IncompleteScope[]
    summary           TEXT NOT NULL,                      -- JSON ScanSummary
    sources           TEXT NOT NULL,                      -- JSON string[]
    environments      TEXT                                -- JSON string[] (sorted), NULL = all
  );
  CREATE TABLE findings (
    id                TEXT PRIMARY KEY,                   -- the finding fingerprint
    kind              TEXT NOT NULL,
    severity          TEXT NOT NULL,
    environment       TEXT NOT NULL,
    address           TEXT NOT NULL,
    type              TEXT NOT NULL,
    resource_id       TEXT,
    account           TEXT,
    region            TEXT,
    first_seen        TEXT NOT NULL,
    last_seen         TEXT NOT NULL,
    resolved_at       TEXT,
    resolved_scan_id  TEXT REFERENCES scans(id),
    last_scan_id      TEXT NOT NULL REFERENCES scans(id),
    finding           TEXT NOT NULL                       -- JSON Finding, latest sighting
  );
  CREATE INDEX findings_open ON findings (resolved_at) WHERE resolved_at IS NULL;
  CREATE TABLE scan_findings (
    scan_id           TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    finding_id        TEXT NOT NULL REFERENCES findings(id),
    PRIMARY KEY (scan_id, finding_id)
  );
  CREATE INDEX scan_findings_finding ON scan_findings (finding_id);
`;

const HISTORY_POSTGRES = HISTORY_SQLITE.replace('INTEGER PRIMARY KEY AUTOINCREMENT', 'BIGSERIAL PRIMARY KEY  ');

/*
 * Triggers are a second layer, not the proof: they stop a careless UPDATE or DELETE (and an append
 * that does not extend the head), but anyone who owns the database can drop them; the hash chain
 * and the head row are what `audit verify` checks.
 */
const AUDIT_SQLITE = `
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
`;

const AUDIT_POSTGRES = `
  CREATE TABLE audit_entries (
    seq       BIGINT PRIMARY KEY,
    time      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
  );
  CREATE INDEX audit_entries_action_subject ON audit_entries (action, subject);
  CREATE INDEX audit_entries_time ON audit_entries (time);
  CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL,
    count BIGINT NOT NULL
  );
  INSERT INTO audit_head (id, seq, hash, count) VALUES (1, 0, '${GENESIS_HASH}', 0);
  CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $fn$;
  CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
  CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
  CREATE FUNCTION audit_entries_extend_head() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.seq <> (SELECT seq FROM audit_head WHERE id = 1) + 1
         OR NEW.prev_hash <> (SELECT hash FROM audit_head WHERE id = 1) THEN
        RAISE EXCEPTION 'an audit entry must extend the head of the chain';
      END IF;
      RETURN NEW;
    END $fn$;
  CREATE TRIGGER audit_entries_extend_head BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_extend_head();
  CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the audit head cannot be deleted'; END IF;
      IF NEW.seq <> OLD.seq + 1 OR NEW.count <> OLD.count + 1
         OR NEW.hash IS DISTINCT FROM (SELECT hash FROM audit_entries WHERE seq = NEW.seq) THEN
        RAISE EXCEPTION 'the audit head only moves forward, one entry at a time';
      END IF;
      RETURN NEW;
    END $fn$;
  CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
  CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
`;

/*
 * Version 3: break-glass sessions are no longer rows anyone could edit (an edited `expires_at`
 * used to extend a session while `audit verify` passed). A session is what its chained audit
 * entries say (breakglass.opened, .closed, .expired, action.breakglass-reconciled): every column
 * of the old table is in those entries, so dropping it loses nothing. The first release's
 * per-module bookkeeping tables go too: `schema_migrations` is the only one.
 */
const ONE_RUNNER = `
  DROP TABLE IF EXISTS breakglass_sessions;
  DROP TABLE IF EXISTS breakglass_migrations;
  DROP TABLE IF EXISTS audit_migrations;
`;

/** Version 4: leases, so that two processes never act on the same scope at once (leases.ts). */
const LEASES = `
  CREATE TABLE leases (
    name        TEXT PRIMARY KEY,     -- what is held: env:<name>, or a resource
    owner       TEXT NOT NULL,        -- host:pid:random, unique per holder
    acquired_at TEXT NOT NULL,        -- ISO 8601 UTC
    expires_at  TEXT NOT NULL         -- taken over by anyone after this, unless renewed
  );
`;

/*
 * Version 5: history belongs to an estate (src/scan/estate.ts). A scan records its estate and what
 * it observed completely; a finding, the estate that last saw it. Rows written by 0.1.0 keep NULL:
 * such a finding is adopted by the first estate that sees it again, and never resolved by one that
 * did not.
 */
const ESTATES = `
  ALTER TABLE scans ADD COLUMN estate TEXT;
  ALTER TABLE scans ADD COLUMN estate_label TEXT;
  ALTER TABLE scans ADD COLUMN observation TEXT;
  ALTER TABLE findings ADD COLUMN estate TEXT;
  CREATE INDEX scans_estate ON scans (estate, seq);
  CREATE INDEX findings_estate_open ON findings (estate) WHERE resolved_at IS NULL;
`;

/*
 * Version 6: scans spread over workers (src/scan/distributed). A run is one scan of an estate
 * planned into units (account x region x type group); each unit's observation is written once by
 * the worker that finished it first (state pending -> done, never back), then merged into ONE
 * scan result recorded under the run's id, and the payload is cleared (counts stay, for audit).
 * Secret attribute values never reach `result`: workers store a salted digest (the run's salt).
 */
const SCAN_RUNS = `
  CREATE TABLE scan_runs (
    id           TEXT PRIMARY KEY,    -- the id of the scan it becomes
    estate       TEXT NOT NULL,
    estate_label TEXT NOT NULL,
    planned_at   TEXT NOT NULL,       -- ISO 8601 UTC
    planned_by   TEXT NOT NULL,       -- host:pid:random of the scheduler or controller
    deadline     TEXT NOT NULL,       -- units not finished by then are unchecked
    salt         TEXT NOT NULL,       -- of the digests that stand for secret values in results
    unit_count   INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('running', 'recorded', 'abandoned')),
    finished_at  TEXT
  );
  CREATE INDEX scan_runs_estate ON scan_runs (estate, state, planned_at);
  CREATE TABLE scan_units (
    run_id      TEXT NOT NULL REFERENCES scan_runs(id),
    unit_id     TEXT NOT NULL,        -- account/region/group
    spec        TEXT NOT NULL,        -- JSON: what to observe (never credentials)
    state       TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempt     INTEGER,              -- the attempt that finished it (1 = first)
    worker      TEXT,                 -- who finished it
    finished_at TEXT,
    reason      TEXT,                 -- why it failed
    resources   INTEGER,              -- resources observed (kept after the merge)
    result      TEXT,                 -- JSON observation, until merged
    PRIMARY KEY (run_id, unit_id)
  );
`;

/*
 * Version 7: what `driftwarden server` needs. Finding pages are read by keyset (sort key, id) on
 * indexes, so a page of 100 from 100k findings costs the same as the first page; severity sorts by
 * rank through a generated column (SQLite allows only VIRTUAL ones in ALTER TABLE, PostgreSQL only
 * STORED ones), so the history store's writes need not know about it. API tokens are stored as the
 * SHA-256 of their secret (the secret is shown once and never stored); browser sessions by the
 * SHA-256 of their cookie; an OpenID Connect login in progress by its state, for ten minutes.
 */
const SEVERITY_RANK = `CASE severity WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END`;
const SERVER_TABLES = `
  CREATE INDEX findings_by_first_seen ON findings (first_seen, id);
  CREATE INDEX findings_by_last_seen ON findings (last_seen, id);
  CREATE INDEX findings_by_address ON findings (address, id);
  CREATE INDEX findings_by_environment ON findings (environment, kind, severity);
  CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,      -- the public part of the token, shown in lists
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    secret_hash  TEXT NOT NULL,         -- sha256 hex of the secret part
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
  );
  CREATE TABLE web_sessions (
    id_hash      TEXT PRIMARY KEY,      -- sha256 hex of the session cookie
    subject      TEXT NOT NULL,         -- issuer + sub of the OpenID Connect identity
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    groups       TEXT NOT NULL,         -- JSON string[]
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
  );
  CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
  CREATE TABLE oidc_logins (
    state         TEXT PRIMARY KEY,
    code_verifier TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    return_to     TEXT NOT NULL,
    expires_at    TEXT NOT NULL
  );
`;
const SERVER_SQLITE = `
  ALTER TABLE findings ADD COLUMN severity_rank INTEGER GENERATED ALWAYS AS (${SEVERITY_RANK}) VIRTUAL;
  CREATE INDEX findings_by_severity ON findings (severity_rank, id);
  ${SERVER_TABLES}`;
const SERVER_POSTGRES = `
  ALTER TABLE findings ADD COLUMN severity_rank INTEGER GENERATED ALWAYS AS (${SEVERITY_RANK}) STORED;
  CREATE INDEX findings_by_severity ON findings (severity_rank, id);
  ${SERVER_TABLES}`;

/*
 * Version 8: finding pages that stay fast at 100k findings. Version 7's sort indexes were not
 * used: both planners preferred the partial `findings_open` index for `resolved_at IS NULL`, then
 * sorted every open finding (JSON included) to return 100 (measured: 0.4 s per page, p95 12.8 s
 * under load). Each sort now has one partial index per status (open, resolved) with the filter
 * columns after the sort key, so a page walks one index in order, filters by environment, kind,
 * type and severity inside it and reads the table only for the rows it returns; a keyset cursor
 * continues the walk where the last page stopped. The indexes they replace would only tempt the
 * planner back into a sort, so they go.
 */
const PAGE_SORT_COLUMNS: ReadonlyArray<[string, string]> = [
  ['severity', 'severity_rank, id, environment, kind, type'],
  ['first_seen', 'first_seen, id, severity_rank, environment, kind, type'],
  ['last_seen', 'last_seen, id, severity_rank, environment, kind, type'],
  ['address', 'address, id, severity_rank, environment, kind, type'],
];
const FINDING_PAGES = `
  DROP INDEX findings_open;
  DROP INDEX findings_by_environment;
  DROP INDEX findings_by_severity;
  DROP INDEX findings_by_first_seen;
  DROP INDEX findings_by_last_seen;
  DROP INDEX findings_by_address;
  ${PAGE_SORT_COLUMNS.map(
    ([name, columns]) => `
  CREATE INDEX findings_open_by_${name} ON findings (${columns}) WHERE resolved_at IS NULL;
  CREATE INDEX findings_resolved_by_${name} ON findings (${columns}) WHERE resolved_at IS NOT NULL;`,
  ).join('')}
`;

/*
 * Version 9: notifications. The sender follows the audit log (every event it reports is an entry
 * there), so a cursor per webhook is the whole outbox: an event is sent at least once, in order,
 * and a scan never waits for a receiver. A delivery that failed every attempt is a dead letter,
 * kept with its body (already redacted: it is built from audit entries) and the last error, but
 * never the webhook's URL or secret.
 */
const NOTIFICATIONS = `
  CREATE TABLE notification_cursors (
    webhook    TEXT PRIMARY KEY,
    after_seq  INTEGER NOT NULL,        -- the last audit entry handled (sent, skipped or dead-lettered)
    updated_at TEXT NOT NULL
  );
  CREATE TABLE notification_dead_letters (
    id         TEXT PRIMARY KEY,        -- webhook name and audit seq: the delivery id the receiver saw
    webhook    TEXT NOT NULL,
    audit_seq  INTEGER NOT NULL,
    event      TEXT NOT NULL,
    body       TEXT NOT NULL,           -- JSON, as it was sent
    attempts   INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    failed_at  TEXT NOT NULL
  );
  CREATE INDEX notification_dead_letters_failed ON notification_dead_letters (failed_at);
`;

/*
 * Version 10: a findings page reads only columns. Each row of a page used to parse the finding's
 * JSON (about 1 kB) for its summary and blast radius: a third of a page's time. They are columns
 * now, written with the JSON by the history store and filled here from it for rows already stored
 * (so a database of an older schema lists the same). And two filters that used to walk a sort
 * index row by row now seek: one environment (a rare one was a walk past every other finding:
 * 75k entries for `prod` in the benchmark) on one index per sort led by the environment, and
 * status `new` on one small index per sort holding only open findings seen once (new ones), led by
 * the scan that saw them. Several environments at once still walk the sort index (their union
 * would have to be sorted).
 */
const PAGE_SORTS: ReadonlyArray<[string, string]> = [
  ['severity', 'severity_rank'],
  ['first_seen', 'first_seen'],
  ['last_seen', 'last_seen'],
  ['address', 'address'],
];
const PAGE_SEEKS = PAGE_SORTS.map(
  ([name, column]) => `
  CREATE INDEX findings_open_env_by_${name} ON findings (environment, ${column}, id, severity_rank, kind, type)
    WHERE resolved_at IS NULL;
  CREATE INDEX findings_new_by_${name} ON findings (last_scan_id, ${column}, id, severity_rank, environment, kind, type)
    WHERE resolved_at IS NULL AND first_seen = last_seen;`,
).join('');
const LIST_COLUMNS_SQLITE = `
  ALTER TABLE findings ADD COLUMN summary TEXT;
  ALTER TABLE findings ADD COLUMN blast_score REAL;
  ALTER TABLE findings ADD COLUMN blast_level TEXT;
  UPDATE findings SET summary = json_extract(finding, '$.summary'),
    blast_score = json_extract(finding, '$.blastRadius.score'),
    blast_level = json_extract(finding, '$.blastRadius.level');
  ${PAGE_SEEKS}
`;
const LIST_COLUMNS_POSTGRES = `
  ALTER TABLE findings ADD COLUMN summary TEXT;
  ALTER TABLE findings ADD COLUMN blast_score DOUBLE PRECISION;
  ALTER TABLE findings ADD COLUMN blast_level TEXT;
  UPDATE findings SET summary = finding::jsonb ->> 'summary',
    blast_score = (finding::jsonb -> 'blastRadius' ->> 'score')::double precision,
    blast_level = finding::jsonb -> 'blastRadius' ->> 'level';
  ${PAGE_SEEKS}
`;

/*
 * Version 11: text search (a findings page's `q`, a case-insensitive substring of the address, the
 * resource id or the type) on an index instead of reading every open finding (6 s a page at 100k).
 * SQLite: an FTS5 table with the trigram tokenizer (any substring of 3 characters or more, case
 * folded), kept by triggers. Its rows are keyed by `text_key`, a column of findings assigned once
 * (the largest so far + 1), not by the findings' implicit rowid: VACUUM may renumber that rowid,
 * which would point every search at the wrong rows. The FTS table keeps its own copy of the three
 * columns, so a trigger removes a row by its key alone. PostgreSQL: pg_trgm GIN indexes on the
 * lowered columns serve LIKE '%text%'. The extension is created when the database lets us (it is
 * a trusted extension since PostgreSQL 13: the database owner may); without it the migration
 * still applies and search still works, by reading every row as before.
 */
const TEXT_SEARCH_SQLITE = `
  ALTER TABLE findings ADD COLUMN text_key INTEGER;
  UPDATE findings SET text_key = rowid;
  CREATE UNIQUE INDEX findings_text_key ON findings (text_key);
  CREATE VIRTUAL TABLE findings_text USING fts5(address, resource_id, type, tokenize = 'trigram');
  INSERT INTO findings_text (rowid, address, resource_id, type) SELECT text_key, address, resource_id, type FROM findings;
  CREATE TRIGGER findings_text_insert AFTER INSERT ON findings BEGIN
    UPDATE findings SET text_key = (SELECT COALESCE(MAX(text_key), 0) + 1 FROM findings) WHERE rowid = new.rowid;
    INSERT INTO findings_text (rowid, address, resource_id, type)
      VALUES ((SELECT text_key FROM findings WHERE rowid = new.rowid), new.address, new.resource_id, new.type);
  END;
  CREATE TRIGGER findings_text_update AFTER UPDATE OF address, resource_id, type ON findings
    WHEN old.address IS NOT new.address OR old.resource_id IS NOT new.resource_id OR old.type IS NOT new.type
  BEGIN
    UPDATE findings_text SET address = new.address, resource_id = new.resource_id, type = new.type
      WHERE rowid = new.text_key;
  END;
  CREATE TRIGGER findings_text_delete AFTER DELETE ON findings BEGIN
    DELETE FROM findings_text WHERE rowid = old.text_key;
  END;
`;
const TEXT_SEARCH_POSTGRES = `
  DO $dw$ BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE NOTICE 'pg_trgm is not available: finding text search reads every row';
  END $dw$;
  DO $dw$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      CREATE INDEX findings_text_address ON findings USING gin (LOWER(address) gin_trgm_ops);
      CREATE INDEX findings_text_resource_id ON findings USING gin (LOWER(resource_id) gin_trgm_ops);
      CREATE INDEX findings_text_type ON findings USING gin (LOWER(type) gin_trgm_ops);
    END IF;
  END $dw$;
`;

export const MIGRATIONS: ReadonlyArray<Migration> = [
  { version: 1, name: 'scan history', sqlite: HISTORY_SQLITE, postgres: HISTORY_POSTGRES },
  {
    version: 2,
    name: 'hash-chained audit log',
    sqlite: AUDIT_SQLITE,
    postgres: AUDIT_POSTGRES,
    legacyTable: 'audit_migrations',
  },
  {
    version: 3,
    name: 'one migration runner; break-glass sessions from the audit chain',
    sqlite: ONE_RUNNER,
    postgres: ONE_RUNNER,
  },
  { version: 4, name: 'leases', sqlite: LEASES, postgres: LEASES },
  { version: 5, name: 'history per estate', sqlite: ESTATES, postgres: ESTATES },
  { version: 6, name: 'scans spread over workers', sqlite: SCAN_RUNS, postgres: SCAN_RUNS },
  {
    version: 7,
    name: 'server: finding indexes, API tokens, browser sessions',
    sqlite: SERVER_SQLITE,
    postgres: SERVER_POSTGRES,
  },
  {
    version: 8,
    name: 'finding pages on one index per sort and status',
    sqlite: FINDING_PAGES,
    postgres: FINDING_PAGES,
  },
  { version: 9, name: 'notification cursors and dead letters', sqlite: NOTIFICATIONS, postgres: NOTIFICATIONS },
  {
    version: 10,
    name: 'finding list columns; pages by environment and new findings on their own indexes',
    sqlite: LIST_COLUMNS_SQLITE,
    postgres: LIST_COLUMNS_POSTGRES,
  },
  { version: 11, name: 'finding text search on an index', sqlite: TEXT_SEARCH_SQLITE, postgres: TEXT_SEARCH_POSTGRES },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
