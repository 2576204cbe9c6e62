-- tactful workspace schema: keyed hashes (issue 10, "erasure that holds").
-- The secret that keys every stored hash of an address or contact key with
-- HMAC-SHA-256. tactful draws it from the operating system's random source right after
-- this file runs (`workspace::rekey`), in the same transaction, and re-keys the hashes
-- already stored. It never leaves the workspace.
CREATE TABLE workspace_secret (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    hash_key  BLOB NOT NULL CHECK (length(hash_key) = 32)
) STRICT;

-- How `value_hash` was made: `keyed` is HMAC(secret, kind:value); `wrapped` is
-- HMAC(secret, 'sha256:' || hex SHA-256(kind:value)), for erased entries made before
-- keyed hashing, whose value is gone and whose plain SHA-256 was all that was kept.
ALTER TABLE suppression ADD COLUMN hash_form TEXT NOT NULL DEFAULT 'keyed'
    CHECK (hash_form IN ('keyed', 'wrapped'));
