-- tactful workspace schema, version 1.
-- Columns of `contacts` beyond the fixed ones (prefixed `_`) are added per field by
-- ALTER TABLE when an import brings a new field; field names never start with `_`.

CREATE TABLE fields (
    name        TEXT PRIMARY KEY,
    header      TEXT NOT NULL,
    position    INTEGER NOT NULL,
    type        TEXT NOT NULL,
    role        TEXT NOT NULL,
    class       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    kind        TEXT,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    batch_id    INTEGER
) STRICT;

CREATE TABLE contacts (
    _id                   INTEGER PRIMARY KEY,
    _key                  TEXT NOT NULL UNIQUE,
    _consent_email        TEXT NOT NULL DEFAULT 'not_asked',
    _consent_email_source TEXT,
    _consent_sms          TEXT NOT NULL DEFAULT 'not_asked',
    _consent_sms_source   TEXT,
    _batch                INTEGER NOT NULL,
    _updated_batch        INTEGER
);

CREATE TABLE import_batches (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    format       TEXT NOT NULL,
    options      TEXT NOT NULL,
    counts       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    undone_at    TEXT
) STRICT;

-- Before-images of contacts a batch updated, so `import undo` can restore them.
CREATE TABLE batch_changes (
    batch_id    INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    before      TEXT NOT NULL,
    PRIMARY KEY (batch_id, contact_id)
) STRICT;

-- Addresses that must never be contacted. `value` is NULL when only the hash is kept
-- (erasure: GDPR Art. 17 asks us to forget the person, not the fact they objected).
CREATE TABLE suppression (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    value       TEXT,
    value_hash  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    source      TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    UNIQUE (kind, value_hash)
) STRICT;

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE segments (
    name         TEXT PRIMARY KEY,
    rule         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE campaigns (
    name         TEXT PRIMARY KEY,
    channel      TEXT NOT NULL,
    category     TEXT NOT NULL,
    holdout_pct  REAL NOT NULL DEFAULT 0,
    k            INTEGER NOT NULL DEFAULT 5,
    as_of        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE campaign_entries (
    campaign     TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    segment      TEXT NOT NULL REFERENCES segments(name),
    subject      TEXT,
    body         TEXT NOT NULL,
    body_format  TEXT NOT NULL DEFAULT 'plain',
    PRIMARY KEY (campaign, position)
) STRICT;

CREATE TABLE unlocks (
    campaign  TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (campaign, field)
) STRICT;
