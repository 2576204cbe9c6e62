-- tactful workspace schema, version 2: review sign-offs and the record of exports.

-- A reviewer's sign-off of one campaign as it was previewed. `hash` covers the campaign
-- definition and every preview row in order, so any later change to the campaign or
-- the data shows the sign-off as stale. The campaign is named, not referenced: the
-- record outlives a deleted campaign, like the audit log.
CREATE TABLE signoffs (
    id                 INTEGER PRIMARY KEY,
    campaign           TEXT NOT NULL,
    name               TEXT NOT NULL,
    note               TEXT NOT NULL,
    at                 TEXT NOT NULL,
    as_of              TEXT NOT NULL,
    definition_sha256  TEXT NOT NULL,
    preview_sha256     TEXT NOT NULL,
    hash               TEXT NOT NULL
) STRICT;

CREATE INDEX signoffs_by_campaign ON signoffs (campaign, id);

-- Every export written: where, when, how many recipients, and the files' hashes.
CREATE TABLE exports (
    id                 INTEGER PRIMARY KEY,
    campaign           TEXT NOT NULL,
    dir                TEXT NOT NULL,
    at                 TEXT NOT NULL,
    as_of              TEXT NOT NULL,
    profile            TEXT NOT NULL,
    recipients         INTEGER NOT NULL,
    recipients_sha256  TEXT NOT NULL,
    manifest_sha256    TEXT NOT NULL
) STRICT;

-- Which contacts an export included, by the hash of their contact key only (the
-- suppression list's `key` hash), so `contact show` can answer "which exports included
-- me" (GDPR Art. 15(1)(c)) even after the contact was erased, and erasure can name the
-- exports whose recipients must be told (Art. 19) without keeping the address.
CREATE TABLE export_recipients (
    export_id  INTEGER NOT NULL REFERENCES exports (id),
    key_hash   TEXT NOT NULL,
    PRIMARY KEY (export_id, key_hash)
) STRICT, WITHOUT ROWID;

CREATE INDEX export_recipients_by_key ON export_recipients (key_hash);
