-- tactful workspace schema, version 4: consent evidence, refusals that outlive their
-- contact, and the consent upgrades imports applied or refused (issue 9).

-- Per channel, the evidence of the contact's consent state as JSON: the file, column or
-- --consent option, batch and layout that stated it, and the time and IP where the file
-- gives them (GDPR Art. 7(1): the controller must be able to demonstrate consent).
ALTER TABLE contacts ADD COLUMN _consent_email_evidence TEXT;
ALTER TABLE contacts ADD COLUMN _consent_sms_evidence TEXT;

-- Every refusal (declined, withdrawn, bounced) a contact held when `import undo` deleted
-- it, by the hash of the contact key (`import::suppress::entry_hash` of `key:<key>`, as
-- the suppression list hashes it) and channel. Never removed by an undo, so a person
-- whose contact row an undo deleted is still a "no" when a later file brings them
-- back; only the hash is kept, so nothing readable is left behind.
CREATE TABLE consent_refusals (
    key_hash     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    state        TEXT NOT NULL,
    source       TEXT NOT NULL,
    evidence     TEXT NOT NULL,
    batch_id     INTEGER NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (key_hash, channel)
) STRICT;

-- Every attempt of an import to turn a contact's consent into granted from another
-- state, applied or refused, with the reason. Keyed by the contact key's hash as above.
CREATE TABLE consent_upgrades (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL,
    key_hash    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    applied     INTEGER NOT NULL,
    reason      TEXT NOT NULL
) STRICT;
CREATE INDEX consent_upgrades_key ON consent_upgrades (key_hash);
