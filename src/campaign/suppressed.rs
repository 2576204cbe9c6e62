//! The suppression list held in memory for one campaign run: plain values by kind for
//! entries that keep their value, and hashes for erased entries that keep only
//! `SHA-256(kind:value)` (GDPR Art. 17: forget the person, not the objection).
//!
//! Loaded once per preview, so each contact costs a few hash-set look-ups, and a
//! SHA-256 per address only when the list holds hash-only entries. Called by
//! [`super::preview`].

use std::collections::HashMap;

use crate::import::suppress::{entry_hash, normalise_email};
use crate::workspace::{WorkspaceError, suppression};

/// Why a contact is suppressed: the entry that matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SuppressionHit {
    /// `email`, `phone` or `key`.
    pub kind: String,
    /// The matched value; `None` when only the entry's hash is kept (erasure).
    pub value: Option<String>,
    /// `list` or `erased`.
    pub reason: String,
}

/// The suppression list, ready for look-ups.
#[derive(Debug, Default)]
pub struct Suppression {
    /// Plain values by kind, with the entry's reason.
    plain: HashMap<String, HashMap<String, String>>,
    /// Hash-only entries: hash → (kind, reason).
    hashes: HashMap<String, (String, String)>,
}

impl Suppression {
    /// Load every entry of the workspace's list.
    pub fn load(conn: &rusqlite::Connection) -> Result<Self, WorkspaceError> {
        let mut s = Suppression::default();
        for e in suppression::entries(conn)? {
            match e.value {
                Some(v) => {
                    s.plain.entry(e.kind).or_default().insert(v, e.reason);
                }
                None => {
                    s.hashes.insert(e.value_hash, (e.kind, e.reason));
                }
            }
        }
        Ok(s)
    }

    /// The entry that suppresses a contact with this key, raw e-mail address and phone
    /// numbers in E.164 (as stored beside each phone field, `workspace::phones`), if
    /// any. E-mail addresses are normalised as the list stores them
    /// (`import::suppress`); the list stores phones in E.164 too, so every spelling
    /// of a number matches.
    pub fn check(
        &self,
        key: &str,
        email: Option<&str>,
        phones: &[String],
    ) -> Option<SuppressionHit> {
        let mut candidates: Vec<(&str, String)> = vec![("key", key.to_string())];
        if let Some(e) = email.map(normalise_email).filter(|e| !e.is_empty()) {
            candidates.push(("email", e));
        }
        for p in phones.iter().filter(|p| !p.is_empty()) {
            candidates.push(("phone", p.clone()));
        }
        for (kind, value) in &candidates {
            if let Some(reason) = self.plain.get(*kind).and_then(|m| m.get(value)) {
                return Some(SuppressionHit {
                    kind: kind.to_string(),
                    value: Some(value.clone()),
                    reason: reason.clone(),
                });
            }
        }
        if self.hashes.is_empty() {
            return None;
        }
        candidates.iter().find_map(|(kind, value)| {
            self.hashes
                .get(&entry_hash(kind, value))
                .map(|(kind, reason)| SuppressionHit {
                    kind: kind.clone(),
                    value: None,
                    reason: reason.clone(),
                })
        })
    }
}
