//! Assignment: for each contact, the one message it gets or the one reason it gets
//! nothing, in exactly the order PRODUCT.md ("Campaign assignment") gives:
//!
//! 1. suppressed (suppression list or erased) → `suppressed`
//! 2. consent for the channel not granted → `no_consent`
//! 3. known minor (see [`super::age`]) → `minor`
//! 4. no valid address for the channel → `no_address`
//! 5. same address as a contact already assigned → `duplicate_address` (compared in
//!    the inbox form the address delivers to, `ContactFacts::inbox`)
//! 6. first matching segment in priority order, else `no_segment`
//! 7. holdout (stable hash of contact key and the campaign's first name, kept through
//!    renames: `Campaign::holdout_seed`) → `holdout`
//!
//! Contacts are assigned in workspace order (`_id`), so "already assigned" means an
//! earlier contact. A held-out contact's address counts as assigned: otherwise a second
//! contact at the same address would receive the message the holdout withheld.

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::fields::ConsentState;

/// Why a contact gets no message. Codes are stable (JSON, CSV, manifest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    Suppressed,
    NoConsent,
    Minor,
    NoAddress,
    DuplicateAddress,
    NoSegment,
    Holdout,
}

impl Exclusion {
    /// Every reason, in assignment order.
    pub const ALL: [Exclusion; 7] = [
        Exclusion::Suppressed,
        Exclusion::NoConsent,
        Exclusion::Minor,
        Exclusion::NoAddress,
        Exclusion::DuplicateAddress,
        Exclusion::NoSegment,
        Exclusion::Holdout,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Exclusion::Suppressed => "suppressed",
            Exclusion::NoConsent => "no_consent",
            Exclusion::Minor => "minor",
            Exclusion::NoAddress => "no_address",
            Exclusion::DuplicateAddress => "duplicate_address",
            Exclusion::NoSegment => "no_segment",
            Exclusion::Holdout => "holdout",
        }
    }

    /// A sentence for people.
    pub fn describe(self) -> &'static str {
        match self {
            Exclusion::Suppressed => "on the suppression list (or erased)",
            Exclusion::NoConsent => {
                "no consent for this channel (declined, withdrawn, bounced or never asked)"
            }
            Exclusion::Minor => "a known minor",
            Exclusion::NoAddress => "no valid address for this channel",
            Exclusion::DuplicateAddress => "same address as a contact already assigned",
            Exclusion::NoSegment => "matches no segment of the campaign",
            Exclusion::Holdout => "held out as the control group",
        }
    }
}

/// What assignment decided for one contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Gets the message of entry `entry` (0-based priority index).
    Recipient {
        entry: usize,
    },
    Excluded(Exclusion),
}

/// What assignment needs to know about one contact.
#[derive(Debug, Clone, Copy)]
pub struct ContactFacts<'a> {
    pub key: &'a str,
    pub suppressed: bool,
    pub consent: ConsentState,
    pub minor: bool,
    /// The normalised channel address, `None` if missing or invalid.
    pub address: Option<&'a str>,
    /// The inbox `address` delivers to when it differs from it (an e-mail's
    /// `fields::address::inbox_form`: `a.n.a+shop@googlemail.com` is `ana@gmail.com`),
    /// `None` otherwise: the duplicate check compares this form, so one inbox gets one
    /// message (new-user trial 8, M3).
    pub inbox: Option<&'a str>,
    /// Whether each entry's segment matches, in priority order.
    pub matches: &'a [bool],
}

/// The addresses assigned so far in one run (step 5): an [`AddressSet`], or the walk's
/// table that holds them beside the refused addresses (`refused::AddressTable`).
pub trait AssignedAddresses {
    /// Whether `address` was assigned already.
    fn contains(&self, address: &str) -> bool;
    /// Note `address` as assigned; `false` when it was already.
    fn insert(&mut self, address: &str) -> bool;
}

/// Assigned addresses on their own. Memory: one 64-bit hash per assigned address.
#[derive(Debug, Default)]
pub struct AddressSet {
    assigned: HashSet<u64, BuildHasherDefault<Prehashed>>,
    /// The hash of assigned addresses. Only compared within one run, so any
    /// well-spread 64-bit hash will do; keyed at random per run so no file can be made
    /// to collide with another address on purpose. foldhash costs a fraction of
    /// SipHash over a million addresses (issue 13, session 9).
    hasher: foldhash::quality::RandomState,
}

impl AssignedAddresses for AddressSet {
    fn contains(&self, address: &str) -> bool {
        self.assigned.contains(&self.hasher.hash_one(address))
    }

    fn insert(&mut self, address: &str) -> bool {
        self.assigned.insert(self.hasher.hash_one(address))
    }
}

/// Assigns contacts one by one, remembering addresses already assigned in `S`.
#[derive(Debug)]
pub struct Assigner<S = AddressSet> {
    campaign: String,
    /// Holdout share in basis points (1/100 of a percent).
    holdout_bp: u64,
    assigned: S,
}

/// The hasher of a set of values that are hashes already: the value is its own hash.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Assigner {
    /// An assigner for `campaign` holding out `holdout_pct` percent of matched contacts.
    pub fn new(campaign: &str, holdout_pct: f64) -> Self {
        Assigner::with_addresses(campaign, holdout_pct, AddressSet::default())
    }
}

impl<S: AssignedAddresses> Assigner<S> {
    /// [`Assigner::new`] remembering the assigned addresses in `assigned` (none yet).
    pub fn with_addresses(campaign: &str, holdout_pct: f64, assigned: S) -> Self {
        Assigner {
            campaign: campaign.to_string(),
            holdout_bp: (holdout_pct * 100.0).round().clamp(0.0, 10_000.0) as u64,
            assigned,
        }
    }

    /// The assigned addresses (the walk also looks up refusals in its table).
    pub fn addresses(&self) -> &S {
        &self.assigned
    }

    /// Decide for the next contact (call in workspace order).
    pub fn assign(&mut self, c: &ContactFacts<'_>) -> Outcome {
        if c.suppressed {
            return Outcome::Excluded(Exclusion::Suppressed);
        }
        if c.consent != ConsentState::Granted {
            return Outcome::Excluded(Exclusion::NoConsent);
        }
        if c.minor {
            return Outcome::Excluded(Exclusion::Minor);
        }
        let Some(address) = c.address else {
            return Outcome::Excluded(Exclusion::NoAddress);
        };
        // The inbox, not the spelling: `ann+shop@gmail.com` after `ann@gmail.com` is
        // the same mailbox, as for refusals and the suppression list.
        let address = c.inbox.unwrap_or(address);
        // One probe of the set per contact: a matched contact's address is inserted
        // and found there at once (`insert` is false when it was there already).
        let Some(entry) = c.matches.iter().position(|&m| m) else {
            return Outcome::Excluded(match self.assigned.contains(address) {
                true => Exclusion::DuplicateAddress,
                false => Exclusion::NoSegment,
            });
        };
        if !self.assigned.insert(address) {
            return Outcome::Excluded(Exclusion::DuplicateAddress);
        }
        if self.holdout_bp > 0 && holdout_bucket(&self.campaign, c.key) < self.holdout_bp {
            return Outcome::Excluded(Exclusion::Holdout);
        }
        Outcome::Recipient { entry }
    }
}

/// The contact's holdout bucket in 0..10_000: the first 8 bytes of
/// SHA-256(campaign, NUL, contact key) modulo 10 000, where `campaign` is the campaign's
/// holdout seed (its first name, `Campaign::holdout_seed`). SHA-256 rather than Rust's
/// hasher because the buckets must stay the same across tactful versions and platforms,
/// so the same contacts stay held out on every run.
pub fn holdout_bucket(campaign: &str, key: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(campaign.as_bytes());
    h.update([0]);
    h.update(key.as_bytes());
    let digest = h.finalize();
    u64::from_be_bytes(digest[..8].try_into().unwrap_or_default()) % 10_000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(key: &'a str, address: Option<&'a str>, matches: &'a [bool]) -> ContactFacts<'a> {
        ContactFacts {
            key,
            suppressed: false,
            consent: ConsentState::Granted,
            minor: false,
            address,
            inbox: None,
            matches,
        }
    }

    #[test]
    fn steps_apply_in_order() {
        let mut a = Assigner::new("c", 0.0);
        let all = [true, true];
        let mut f = facts("k", None, &all);
        f.suppressed = true;
        f.consent = ConsentState::Withdrawn;
        assert_eq!(a.assign(&f), Outcome::Excluded(Exclusion::Suppressed));
        f.suppressed = false;
        assert_eq!(a.assign(&f), Outcome::Excluded(Exclusion::NoConsent));
        f.consent = ConsentState::Granted;
        f.minor = true;
        assert_eq!(a.assign(&f), Outcome::Excluded(Exclusion::Minor));
        f.minor = false;
        assert_eq!(a.assign(&f), Outcome::Excluded(Exclusion::NoAddress));
    }

    #[test]
    fn first_matching_segment_wins_and_addresses_are_not_reused() {
        let mut a = Assigner::new("c", 0.0);
        assert_eq!(
            a.assign(&facts("1", Some("x@e.com"), &[false, true])),
            Outcome::Recipient { entry: 1 }
        );
        assert_eq!(
            a.assign(&facts("2", Some("y@e.com"), &[true, true])),
            Outcome::Recipient { entry: 0 }
        );
        assert_eq!(
            a.assign(&facts("3", Some("x@e.com"), &[true, false])),
            Outcome::Excluded(Exclusion::DuplicateAddress)
        );
        // A contact that matched nothing does not claim its address.
        assert_eq!(
            a.assign(&facts("4", Some("z@e.com"), &[false, false])),
            Outcome::Excluded(Exclusion::NoSegment)
        );
        assert_eq!(
            a.assign(&facts("5", Some("z@e.com"), &[true, false])),
            Outcome::Recipient { entry: 0 }
        );
    }

    #[test]
    fn holdout_is_stable_and_close_to_its_share() {
        assert_eq!(
            holdout_bucket("spring", "ana@example.com"),
            holdout_bucket("spring", "ana@example.com")
        );
        let mut a = Assigner::new("spring", 10.0);
        let held = (0..10_000)
            .filter(|i| {
                let key = format!("c{i}@example.com");
                a.assign(&facts(&key, Some(&key), &[true])) == Outcome::Excluded(Exclusion::Holdout)
            })
            .count();
        // Binomial(10 000, 0.1): sd = 30, so 900..1100 is over 3 sd either side.
        assert!((900..1100).contains(&held), "{held}");
        let mut none = Assigner::new("spring", 0.0);
        assert_eq!(
            none.assign(&facts("a", Some("a"), &[true])),
            Outcome::Recipient { entry: 0 }
        );
    }
}
