-- tactful workspace schema, version 6: lowered protections stay visible (issue 10).

-- Beside each field's current class and role, what the classifier gave it (raised, never
-- lowered, by a re-import whose values say more) and the last change a person made: who,
-- when and why. Review compares the two to list every lowered protection.
ALTER TABLE fields ADD COLUMN classifier_class TEXT;
ALTER TABLE fields ADD COLUMN classifier_role TEXT;
ALTER TABLE fields ADD COLUMN classifier_reason TEXT;
ALTER TABLE fields ADD COLUMN set_by TEXT;
ALTER TABLE fields ADD COLUMN set_at TEXT;
ALTER TABLE fields ADD COLUMN set_reason TEXT;

-- Fields of older workspaces: the classifier's class and role are the "before" of the
-- first `fields set` in the audit log, else the current ones; the person's change is
-- the last `fields set`.
UPDATE fields SET
    classifier_class = coalesce((
        SELECT json_extract(a.detail, '$.class.before') FROM audit_log a
        WHERE a.action = 'field.set' AND a.subject = fields.name ORDER BY a.id LIMIT 1
    ), class),
    classifier_role = coalesce((
        SELECT json_extract(a.detail, '$.role.before') FROM audit_log a
        WHERE a.action = 'field.set' AND a.subject = fields.name ORDER BY a.id LIMIT 1
    ), role),
    classifier_reason = CASE
        WHEN EXISTS (
            SELECT 1 FROM audit_log a WHERE a.action = 'field.set' AND a.subject = fields.name
        ) THEN '(not kept: changed before tactful recorded the classifier''s reason)'
        ELSE reason
    END;

UPDATE fields SET (set_by, set_at, set_reason) = (
    SELECT a.actor, a.at, json_extract(a.detail, '$.reason') FROM audit_log a
    WHERE a.action = 'field.set' AND a.subject = fields.name ORDER BY a.id DESC LIMIT 1
);

-- Findings a campaign accepts with a written reason (`review --accept CODE --reason`).
-- `finding_sha256` covers the campaign definition and the finding as it was accepted, so
-- any change to either undoes the acceptance. Append-only history: the newest row per
-- campaign and code is the one in force. Named, not referenced, like sign-offs.
CREATE TABLE acceptances (
    id              INTEGER PRIMARY KEY,
    campaign        TEXT NOT NULL,
    code            TEXT NOT NULL,
    finding_sha256  TEXT NOT NULL,
    reason          TEXT NOT NULL,
    actor           TEXT NOT NULL,
    at              TEXT NOT NULL
) STRICT;

CREATE INDEX acceptances_by_campaign ON acceptances (campaign, code, id);

-- What a sign-off covers beyond the definition and the preview: the data it was given
-- (import batches in effect, field classes and roles, accepted findings) and the export
-- it approves (profile and added fields). NULL for sign-offs made before version 6,
-- which review therefore shows as stale.
ALTER TABLE signoffs ADD COLUMN data_sha256 TEXT;
ALTER TABLE signoffs ADD COLUMN export_sha256 TEXT;
ALTER TABLE signoffs ADD COLUMN export_scope TEXT;
