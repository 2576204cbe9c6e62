-- tactful workspace schema, version 3: workspace settings fixed by use.
-- `contact_key` is the field the workspace's contacts are keyed by, recorded by the
-- first import that keys by a column (`_email` for e-mail addresses, whatever the
-- column's name), so a later file cannot key the same people by something else.
CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
