-- tactful workspace schema: known minors' addresses kept after `import undo` (session
-- 10 trial, F15).
--
-- Undoing the batch that brought a child's date of birth dropped the age field, and a
-- later file with the same address mailed the child. Refusals were kept on record by
-- their addresses' keyed hashes (`consent_refusals`); a known minor's addresses are
-- kept the same way, with the latest birth date the removed values allowed, so the
-- minor check ages them (a kept child becomes an adult in time) and keeps no value.
-- `value_hash` is the workspace's keyed hash of `email:ADDRESS` or `phone:E164`.
CREATE TABLE kept_minors (
    value_hash   TEXT PRIMARY KEY,
    born_by      TEXT NOT NULL,
    batch_id     INTEGER NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
