-- tactful workspace schema: consent statements stored once, referenced by contacts
-- (issue 13, import speed).
--
-- A consent statement is the source text and the evidence JSON behind one contact's
-- consent state on one channel (`column accepts_email_marketing, batch 3` and the file,
-- column, batch and time that back it). Nearly every contact of a file shares the few
-- statements of its consent columns, yet each stored its own copy, about 380 of a
-- contact's 590 bytes. Contacts now hold the statement's id (`_consent_<channel>_ref`,
-- NULL when nothing stated the state); statements with a time or an IP address of
-- their own are still one per contact. Statements no contact references are deleted by
-- the import, undo or erasure that left them behind (`workspace::statements`).
CREATE TABLE consent_statements (
    id        INTEGER PRIMARY KEY,
    source    TEXT,
    evidence  TEXT
) STRICT;

ALTER TABLE contacts ADD COLUMN _consent_email_ref INTEGER;
ALTER TABLE contacts ADD COLUMN _consent_sms_ref INTEGER;

-- Every distinct statement already stored, once (UNION drops duplicates, NULLs equal).
INSERT INTO consent_statements (source, evidence)
SELECT _consent_email_source, _consent_email_evidence FROM contacts
 WHERE _consent_email_source IS NOT NULL OR _consent_email_evidence IS NOT NULL
UNION
SELECT _consent_sms_source, _consent_sms_evidence FROM contacts
 WHERE _consent_sms_source IS NOT NULL OR _consent_sms_evidence IS NOT NULL;

-- Only for the look-ups below: an import finds its statements in memory.
CREATE INDEX consent_statements_migration ON consent_statements (source, evidence);
UPDATE contacts SET
    _consent_email_ref = (SELECT s.id FROM consent_statements s
        WHERE s.source IS contacts._consent_email_source
          AND s.evidence IS contacts._consent_email_evidence),
    _consent_sms_ref = (SELECT s.id FROM consent_statements s
        WHERE s.source IS contacts._consent_sms_source
          AND s.evidence IS contacts._consent_sms_evidence)
 WHERE _consent_email_source IS NOT NULL OR _consent_email_evidence IS NOT NULL
    OR _consent_sms_source IS NOT NULL OR _consent_sms_evidence IS NOT NULL;
DROP INDEX consent_statements_migration;

ALTER TABLE contacts DROP COLUMN _consent_email_source;
ALTER TABLE contacts DROP COLUMN _consent_email_evidence;
ALTER TABLE contacts DROP COLUMN _consent_sms_source;
ALTER TABLE contacts DROP COLUMN _consent_sms_evidence;
