//! The suppression list: addresses that must never be contacted.
//!
//! Owns the `suppression` table. Entries are keyed by `(kind, value_hash)`, where
//! `value_hash` is the workspace's keyed hash of `kind:value` ([`HashKey::hash`],
//! HMAC-SHA-256) and `kind` is `email`, `phone` or `key`; `value` may be NULL when only
//! the hash is kept (erasure). Erased entries made before keyed hashing hold the wrapped
//! form instead (`hash_form = 'wrapped'`, [`HashKey::wrapped`]). Called by
//! `import::suppress` (adding lists) and `import::load` (erased contacts are never
//! re-imported).

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::keyed_hash::HashKey;
use super::{WorkspaceError, now_rfc3339};

/// The `reason` of entries left by erasing a contact (GDPR Art. 17).
pub const ERASED: &str = "erased";

/// Add one entry; returns false when `(kind, value_hash)` was already on the list.
pub fn add(
    conn: &Connection,
    kind: &str,
    value: Option<&str>,
    value_hash: &str,
    reason: &str,
    source: &str,
) -> Result<bool, WorkspaceError> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO suppression (kind, value, value_hash, reason, source, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind, value, value_hash, reason, source, now_rfc3339()],
    )?;
    Ok(n == 1)
}

/// The hashes of every erased entry, with the workspace's key to check addresses
/// against them.
#[derive(Debug)]
pub struct ErasedHashes {
    key: HashKey,
    /// Keyed hashes (all kinds; the hash covers the kind).
    keyed: HashSet<String>,
    /// Wrapped hashes of entries erased before keyed hashing.
    wrapped: HashSet<String>,
}

impl ErasedHashes {
    /// True when nothing was ever erased.
    pub fn is_empty(&self) -> bool {
        self.keyed.is_empty() && self.wrapped.is_empty()
    }

    /// Whether the address or contact key `value` (in normal form) of `kind` was erased.
    /// Costs nothing when nothing was erased, one HMAC otherwise, and a SHA-256 and a
    /// second HMAC when entries from before keyed hashing remain.
    pub fn contains(&self, kind: &str, value: &str) -> bool {
        (!self.keyed.is_empty() && self.keyed.contains(&self.key.hash(kind, value)))
            || (!self.wrapped.is_empty() && self.wrapped.contains(&self.key.wrapped(kind, value)))
    }
}

/// The hashes of every erased entry.
pub fn erased_hashes(conn: &Connection) -> Result<ErasedHashes, WorkspaceError> {
    let mut erased = ErasedHashes {
        key: HashKey::load(conn)?,
        keyed: HashSet::new(),
        wrapped: HashSet::new(),
    };
    let mut stmt = conn
        .prepare("SELECT value_hash, hash_form = 'wrapped' FROM suppression WHERE reason = ?1")?;
    let rows = stmt.query_map([ERASED], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))
    })?;
    for row in rows {
        let (hash, wrapped) = row?;
        if wrapped {
            erased.wrapped.insert(hash);
        } else {
            erased.keyed.insert(hash);
        }
    }
    Ok(erased)
}

/// How many entries the list holds.
pub fn count(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row("SELECT count(*) FROM suppression", [], |r| {
        r.get::<_, i64>(0)
    })? as u64)
}

/// One entry of the list as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `email`, `phone` or `key`.
    pub kind: String,
    /// The normalised value; `None` when only the hash is kept (erasure).
    pub value: Option<String>,
    /// Keyed hash of `kind:value`, or its wrapped form (see `wrapped`).
    pub value_hash: String,
    /// True when `value_hash` is the wrapped plain SHA-256 of an entry erased before
    /// keyed hashing ([`HashKey::wrapped`]).
    pub wrapped: bool,
    /// `list` or `erased`.
    pub reason: String,
}

/// Every entry, in the order they were added.
pub fn entries(conn: &Connection) -> Result<Vec<Entry>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT kind, value, value_hash, hash_form = 'wrapped', reason FROM suppression ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            kind: r.get(0)?,
            value: r.get(1)?,
            value_hash: r.get(2)?,
            wrapped: r.get(3)?,
            reason: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One entry as a listing shows it: its row id (for keyset paging), kind, the value
/// as stored (`None` for hash-only entries left by erasure), why it is there, where it
/// came from and when it was added (RFC 3339 UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: i64,
    /// `email`, `phone` or `key`.
    pub kind: String,
    pub value: Option<String>,
    /// `list` or `erased`.
    pub reason: String,
    /// `suppress FILE` or `contact erase`.
    pub source: String,
    pub added_at: String,
}

/// Up to `limit` entries with a row id above `after` (0: from the first), in the order
/// they were added: one page of a keyset-paged listing (never an `OFFSET` scan).
pub fn page(conn: &Connection, after: i64, limit: usize) -> Result<Vec<Listed>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, value, reason, source, added_at FROM suppression
         WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit as i64], |r| {
        Ok(Listed {
            id: r.get(0)?,
            kind: r.get(1)?,
            value: r.get(2)?,
            reason: r.get(3)?,
            source: r.get(4)?,
            added_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn erased_hashes_hold_keyed_and_wrapped_entries() {
        let mut ws = Workspace::open_in_memory().unwrap();
        let secret: Vec<u8> = (0u8..32).collect();
        ws.conn()
            .execute("UPDATE workspace_secret SET hash_key = ?1", [secret])
            .unwrap();
        assert!(erased_hashes(ws.conn()).unwrap().is_empty());
        // Values as in `keyed_hash`'s tests (secret 0x00…0x1f, worked out with openssl).
        ws.write(|tx| {
            add(
                tx,
                "phone",
                None,
                "7ae62fb79d78aa3002aba55c92eecb1b7ddeeb974b639e25e6631b31a9a14348",
                ERASED,
                "test",
            )?;
            add(
                tx,
                "email",
                None,
                "206d8e04bfaba0cbc4dda9c3fe7a38dddf15b2bcf2bd084d6e2991971dca26af",
                ERASED,
                "test",
            )?;
            tx.execute(
                "UPDATE suppression SET hash_form = 'wrapped' WHERE kind = 'email'",
                [],
            )?;
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
        let erased = erased_hashes(ws.conn()).unwrap();
        assert!(!erased.is_empty());
        assert!(erased.contains("phone", "+447700900123"));
        assert!(erased.contains("email", "a@b.c"));
        assert!(!erased.contains("email", "+447700900123"));
        assert!(!erased.contains("phone", "a@b.c"));
    }
}
