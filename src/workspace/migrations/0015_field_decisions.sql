-- tactful workspace schema: a person's decisions about fields, kept by field name
-- (new-user trial 8, M4 and M5).
--
-- A class a person raised with `fields set` was lost when the import that created the
-- field was undone and the file imported again, and a date-of-birth role a person gave
-- was no safeguard on record, so taking it away let a known minor through with a clean
-- review. `field_decisions` keeps, per field name, the last class and role a person set
-- (`class`, `role`; NULL: never set by a person) and the last safeguard role a person
-- gave (`given_role`), with who, when and why. No import batch owns a row, so `import
-- undo` keeps it, as it keeps refusals and known minors.
CREATE TABLE field_decisions (
    name        TEXT PRIMARY KEY,
    class       TEXT,
    role        TEXT,
    given_role  TEXT,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    reason      TEXT NOT NULL
) STRICT;

-- Fields changed before this version: the audit log's `field.set` entries.
INSERT INTO field_decisions (name, class, role, given_role, actor, at, reason)
SELECT a.subject,
       (SELECT json_extract(c.detail, '$.class.after') FROM audit_log c
        WHERE c.action = 'field.set' AND c.subject = a.subject
          AND json_extract(c.detail, '$.class.after') IS NOT json_extract(c.detail, '$.class.before')
        ORDER BY c.id DESC LIMIT 1),
       (SELECT json_extract(r.detail, '$.role.after') FROM audit_log r
        WHERE r.action = 'field.set' AND r.subject = a.subject
          AND json_extract(r.detail, '$.role.after') IS NOT json_extract(r.detail, '$.role.before')
        ORDER BY r.id DESC LIMIT 1),
       (SELECT json_extract(g.detail, '$.role.after') FROM audit_log g
        WHERE g.action = 'field.set' AND g.subject = a.subject
          AND json_extract(g.detail, '$.role.after') IS NOT json_extract(g.detail, '$.role.before')
          AND json_extract(g.detail, '$.role.after') IN ('date_of_birth', 'birth_year', 'age',
              'tags', 'consent_email', 'consent_sms', 'email', 'phone')
        ORDER BY g.id DESC LIMIT 1),
       a.actor, a.at, coalesce(json_extract(a.detail, '$.reason'), '')
FROM audit_log a
WHERE a.action = 'field.set'
  AND a.id = (SELECT max(m.id) FROM audit_log m WHERE m.action = 'field.set' AND m.subject = a.subject);
