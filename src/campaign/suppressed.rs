//! The suppression list held in memory for one campaign run: plain values by kind for
//! entries that keep their value, and hashes for erased entries that keep only the
//! workspace's keyed hash of `kind:value` (GDPR Art. 17: forget the person, not the
//! objection), or its wrapped form for entries erased before keyed hashing.
//!
//! Loaded once per preview, so each contact costs a few hash-set look-ups, and an
//! HMAC per address only when the list holds hash-only entries. Called by
//! [`super::preview`].

use std::collections::HashMap;

use crate::fields::phone::Region;
use crate::fields::{address, phone};
use crate::import::suppress::{entry_hash, normalise_email};
use crate::import::suppress_domain;
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, regions, suppression};

/// Why a contact is suppressed: the entry that matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SuppressionHit {
    /// `email`, `phone`, `key` or `domain` (a listed domain, the value its name).
    pub kind: String,
    /// The matched value; `None` when only the entry's hash is kept (erasure).
    pub value: Option<String>,
    /// `list` or `erased`.
    pub reason: String,
}

/// The suppression list, ready for look-ups.
#[derive(Debug)]
pub struct Suppression {
    key: HashKey,
    /// Plain values by kind, with the entry's reason.
    plain: HashMap<String, HashMap<String, String>>,
    /// Hash-only entries: keyed hash → (kind, reason).
    hashes: HashMap<String, (String, String)>,
    /// Hash-only entries erased before keyed hashing: wrapped hash → (kind, reason).
    wrapped: HashMap<String, (String, String)>,
    /// Phones listed without their country code (while no region was known, or before
    /// numbers were kept in E.164), by their last [`TAIL`] digits: (value, reason).
    /// Each matches a contact's number that it names in any region of that number's
    /// own country code ([`phone::national_match`]), so no region needs to be known.
    national: HashMap<String, Vec<(String, String)>>,
}

/// How many trailing digits index [`Suppression::national`] entries: every number
/// has at least this many, and the check parses only numbers that share them.
const TAIL: usize = 4;

/// The last [`TAIL`] digits of `value` (fewer when it has fewer).
fn tail(value: &str) -> String {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(TAIL)..].iter().collect()
}

impl Suppression {
    /// Load every entry of the workspace's list.
    pub fn load(conn: &rusqlite::Connection) -> Result<Self, WorkspaceError> {
        let mut s = Suppression {
            key: HashKey::load(conn)?,
            plain: HashMap::new(),
            hashes: HashMap::new(),
            wrapped: HashMap::new(),
            national: HashMap::new(),
        };
        // A number listed without its country code may name one in each region the
        // workspace's imports used: every reading matches. Looked up only for such an
        // entry (it scans the contacts' countries).
        let mut read_in: Option<Vec<Region>> = None;
        for e in suppression::entries(conn)? {
            match e.value {
                // A phone listed without its country code (by `tactful suppress` while
                // no region was known, or before numbers were kept in E.164:
                // `07700 900126` kept as `07700900126`) matches in its E.164 forms too.
                Some(v) if e.kind == "phone" && !v.starts_with('+') => {
                    let map = s.plain.entry(e.kind).or_default();
                    if read_in.is_none() {
                        read_in = Some(regions::all(conn)?);
                    }
                    for number in phone::readings(&v, read_in.as_deref().unwrap_or_default()) {
                        map.insert(number, e.reason.clone());
                    }
                    s.national
                        .entry(tail(&v))
                        .or_default()
                        .push((v.clone(), e.reason.clone()));
                    map.insert(v, e.reason);
                }
                // An address listed before comparisons read addresses in NFC matches
                // in today's form (`fields::address::email_key`).
                // Its inbox form too (`address::inbox_form`): `ana+news@gmail.com`
                // listed suppresses `a.n.a@gmail.com`.
                Some(v) if e.kind == "email" => {
                    let map = s.plain.entry(e.kind).or_default();
                    let normal = normalise_email(&v);
                    if let Some(inbox) = address::inbox_form(&normal) {
                        map.insert(inbox, e.reason.clone());
                    }
                    // An entry a list added before links were read (`ana@x.org/`,
                    // stored as written: trial 7, N8) holds for the address in it.
                    if !address::is_plain(&v) {
                        for form in address::refusal_forms(&v) {
                            map.entry(form).or_insert_with(|| e.reason.clone());
                        }
                    }
                    map.insert(normal, e.reason);
                }
                Some(v) => {
                    s.plain.entry(e.kind).or_default().insert(v, e.reason);
                }
                None if e.wrapped => {
                    s.wrapped.insert(e.value_hash, (e.kind, e.reason));
                }
                None => {
                    s.hashes.insert(e.value_hash, (e.kind, e.reason));
                }
            }
        }
        Ok(s)
    }

    /// Whether the list holds no entry at all (then [`Suppression::check`] finds none).
    pub fn is_empty(&self) -> bool {
        self.plain.is_empty()
            && self.hashes.is_empty()
            && self.wrapped.is_empty()
            && self.national.is_empty()
    }

    /// The entry that suppresses a contact with this key, raw e-mail address and phone
    /// numbers in E.164 (as stored beside each phone field, `workspace::phones`), if
    /// any. E-mail addresses are normalised as the list stores them
    /// (`import::suppress`, `fields::address::addresses_in`: lower case, NFC); the list
    /// stores phones in E.164 too, so every spelling of a number matches.
    pub fn check(
        &self,
        key: &str,
        email: Option<&str>,
        phones: &[String],
    ) -> Option<SuppressionHit> {
        // An empty key is none (the other numbers of a contact's phone cell are
        // checked alone, `super::walk`).
        let mut candidates: Vec<(&str, String)> = match key {
            "" => Vec::new(),
            _ => vec![("key", key.to_string())],
        };
        if let Some(raw) = email {
            // As written (lower-cased), and every address the value holds, as the list
            // reads them: `mailto:ana@x.org` in a contact matches `ana@x.org` listed.
            let written = normalise_email(raw);
            // A look-alike (`ann@cоrp.com`, Cyrillic `о`) by its Latin reading, as
            // refusals read it (`address::refusal_forms`; trial 9, L-G18s: a second
            // e-mail column's look-alike met nobody's suppression).
            let latin = crate::fields::address_read::look_alikes_in(raw);
            for e in address::addresses_in(raw).into_iter().chain(latin) {
                if e != written && !candidates.iter().any(|(k, c)| *k == "email" && *c == e) {
                    candidates.push(("email", e));
                }
            }
            if !written.is_empty() {
                candidates.push(("email", written));
            }
            // An address erased before comparisons took today's form (NFC, then
            // NFKC and IDNA) was hashed in its form of the time: that hash must
            // still match.
            for old in address::email_keys_before(raw) {
                candidates.push(("email", old));
            }
            // The inbox each form delivers to (`address::inbox_form`): the list holds
            // listed addresses in that form too, and erasure hashes it.
            let inboxes: Vec<String> = candidates
                .iter()
                .filter(|(kind, _)| *kind == "email")
                .filter_map(|(_, e)| address::inbox_form(e))
                .collect();
            for inbox in inboxes {
                if !candidates.iter().any(|(_, e)| *e == inbox) {
                    candidates.push(("email", inbox));
                }
            }
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
        // A domain listed (`*@example.com`, `import::suppress_domain`) holds every
        // address at it, in the same normal form.
        if let Some(domains) = self.plain.get(suppress_domain::KIND) {
            let emails = candidates.iter().filter(|(kind, _)| *kind == "email");
            for (_, email) in emails {
                let listed = suppress_domain::domain_of(email)
                    .and_then(|d| domains.get(d).map(|reason| (d, reason)));
                if let Some((domain, reason)) = listed {
                    return Some(SuppressionHit {
                        kind: suppress_domain::KIND.into(),
                        value: Some(domain.to_string()),
                        reason: reason.clone(),
                    });
                }
            }
        }
        // A number listed without its country code names this one in its own
        // country (`07911 123456` and `+447911123456` or `+497911123456`).
        let national = phones
            .iter()
            .filter(|p| !self.national.is_empty() && p.starts_with('+'));
        for p in national {
            let listed = self.national.get(&tail(p)).into_iter().flatten();
            if let Some((_, reason)) = listed
                .into_iter()
                .find(|(v, _)| phone::national_match(v, p))
            {
                return Some(SuppressionHit {
                    kind: "phone".into(),
                    value: Some(p.clone()),
                    reason: reason.clone(),
                });
            }
        }
        let hit = |(kind, reason): &(String, String)| SuppressionHit {
            kind: kind.clone(),
            value: None,
            reason: reason.clone(),
        };
        if !self.hashes.is_empty()
            && let Some(found) = candidates
                .iter()
                .find_map(|(kind, value)| self.hashes.get(&entry_hash(&self.key, kind, value)))
        {
            return Some(hit(found));
        }
        if self.wrapped.is_empty() {
            return None;
        }
        candidates
            .iter()
            .find_map(|(kind, value)| self.wrapped.get(&self.key.wrapped(kind, value)))
            .map(hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    /// An entry a list added before phones were kept in E.164 (value `07700900126`,
    /// digits only) still suppresses the number, read in the workspace's region (UK:
    /// +44 and the number without its trunk 0).
    #[test]
    fn phones_listed_before_e164_still_match() {
        let ws = Workspace::open_in_memory().unwrap();
        let conn = ws.conn();
        conn.execute_batch(
            "INSERT INTO settings (name, value) VALUES ('phone_region', 'GB');
             INSERT INTO suppression (kind, value, value_hash, reason, source, added_at)
             VALUES ('phone', '07700900126', 'old', 'list', 'test', '2026-11-01T00:00:00Z')",
        )
        .unwrap();
        let list = Suppression::load(conn).unwrap();
        assert_eq!(
            list.check("c1", None, &["+447700900126".into()]),
            Some(SuppressionHit {
                kind: "phone".into(),
                value: Some("+447700900126".into()),
                reason: "list".into(),
            })
        );
        assert_eq!(list.check("c2", None, &["+447700900127".into()]), None);
    }

    #[test]
    fn erased_entries_match_in_both_hash_forms() {
        let ws = Workspace::open_in_memory().unwrap();
        let secret: Vec<u8> = (0u8..32).collect();
        let conn = ws.conn();
        conn.execute("UPDATE workspace_secret SET hash_key = ?1", [secret])
            .unwrap();
        // With the secret 0x00…0x1f (`openssl dgst -sha256 -mac HMAC -macopt hexkey:…`):
        // keyed `phone:+447700900123`, and the wrapped form of an entry erased before
        // keyed hashing, HMAC of `sha256:` + `printf 'email:a@b.c' | sha256sum`.
        conn.execute_batch(
            "INSERT INTO suppression (kind, value, value_hash, reason, source, added_at, hash_form)
             VALUES ('phone', NULL, '7ae62fb79d78aa3002aba55c92eecb1b7ddeeb974b639e25e6631b31a9a14348',
                     'erased', 'test', '2026-11-01T00:00:00Z', 'keyed'),
                    ('email', NULL, '206d8e04bfaba0cbc4dda9c3fe7a38dddf15b2bcf2bd084d6e2991971dca26af',
                     'erased', 'test', '2026-11-01T00:00:00Z', 'wrapped')",
        )
        .unwrap();
        let list = Suppression::load(conn).unwrap();
        let erased = |kind: &str| {
            Some(SuppressionHit {
                kind: kind.into(),
                value: None,
                reason: "erased".into(),
            })
        };
        // Phones reach the check in E.164, as stored beside each phone field.
        assert_eq!(
            list.check("c1", None, &["+447700900123".into()]),
            erased("phone")
        );
        assert_eq!(list.check("c2", Some(" A@B.c"), &[]), erased("email"));
        assert_eq!(
            list.check("c3", Some("b@b.c"), &["+447700900124".into()]),
            None
        );
    }
}
