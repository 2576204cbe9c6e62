-- tactful workspace schema: every justification of an unlock in force (session 9 trial).
--
-- `unlocks` holds one row per campaign and field, so a second `tactful unlock` of the
-- same field replaced the first justification: the audit log kept both, but the export
-- manifest, which must carry every justification in force (PRODUCT.md, "Privacy
-- classes"), showed only the last. `unlock_history` keeps each unlock given, in order;
-- its rows go when the unlock is removed (`campaign apply` without it) or the campaign
-- is deleted, and follow a rename.
CREATE TABLE unlock_history (
    id        INTEGER PRIMARY KEY,
    campaign  TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;

CREATE INDEX unlock_history_campaign ON unlock_history (campaign, field);

INSERT INTO unlock_history (campaign, field, reason, actor, at)
    SELECT campaign, field, reason, actor, at FROM unlocks ORDER BY at;
