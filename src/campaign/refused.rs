//! The refused addresses of one channel as a compact table: every address in one text
//! buffer, a record per address, and a hash table of record positions.
//!
//! A preview looks up every contact's address here ([`super::opt_outs`]), and the
//! bench's workspace holds 400,000 refused addresses. A standard map of `String` keys
//! made one allocation per address and spread the keys over the heap, so most look-ups
//! missed the cache twice and freeing the map at the end cost as much again (issue 13:
//! a fifth of a preview's CPU). Here the probe runs over a table of positions a few
//! megabytes wide, a record's stored hash turns away most non-matching candidates
//! without reading the text, and the whole table is three allocations.
//!
//! Addresses come from imported files, so they are hashed with the standard library's
//! randomly keyed SipHash: a file cannot be made to collide on purpose.

use std::fmt;
use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

/// A table from address to a small `Copy` value.
pub struct RefusedAddresses<V> {
    /// Every address held, one after another.
    text: String,
    records: Vec<Record<V>>,
    /// Positions in `records`, hashed by their address.
    positions: HashTable<usize>,
    hasher: RandomState,
}

struct Record<V> {
    hash: u64,
    start: usize,
    len: usize,
    value: V,
}

impl<V: Copy> Default for RefusedAddresses<V> {
    fn default() -> Self {
        RefusedAddresses {
            text: String::new(),
            records: Vec::new(),
            positions: HashTable::new(),
            hasher: RandomState::new(),
        }
    }
}

impl<V: Copy> RefusedAddresses<V> {
    /// The value held for `address`, if any.
    pub fn get(&self, address: &str) -> Option<&V> {
        let hash = self.hasher.hash_one(address);
        let at = self.positions.find(hash, |&i| self.is(i, hash, address))?;
        Some(&self.records[*at].value)
    }

    /// Hold `value` for `address`; when a value is held already, `value` replaces it
    /// only if `replaces(held)` says so.
    pub fn insert(&mut self, address: &str, value: V, replaces: impl FnOnce(&V) -> bool) {
        let hash = self.hasher.hash_one(address);
        if let Some(&i) = self.positions.find(hash, |&i| self.is(i, hash, address)) {
            let held = &mut self.records[i].value;
            if replaces(held) {
                *held = value;
            }
            return;
        }
        let i = self.records.len();
        self.records.push(Record {
            hash,
            start: self.text.len(),
            len: address.len(),
            value,
        });
        self.text.push_str(address);
        let records = &self.records;
        self.positions.insert_unique(hash, i, |&j| records[j].hash);
    }

    fn is(&self, i: usize, hash: u64, address: &str) -> bool {
        let r = &self.records[i];
        r.hash == hash && self.text.get(r.start..r.start + r.len) == Some(address)
    }
}

impl<V> fmt::Debug for RefusedAddresses<V> {
    /// The count only: the addresses are personal data and there may be a million.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RefusedAddresses({} addresses)", self.records.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_one_value_per_address_and_replaces_it_only_when_told() {
        let mut t: RefusedAddresses<u8> = RefusedAddresses::default();
        t.insert("a@x.org", 1, |_| unreachable!("nothing held yet"));
        t.insert("b@x.org", 2, |_| unreachable!("nothing held yet"));
        t.insert("a@x.org", 3, |held| *held > 5);
        assert_eq!(t.get("a@x.org"), Some(&1));
        t.insert("a@x.org", 4, |held| *held == 1);
        assert_eq!(t.get("a@x.org"), Some(&4));
        assert_eq!(t.get("b@x.org"), Some(&2));
        // A prefix of a held address, or an address that ends another, is not held.
        assert_eq!(t.get("a@x.or"), None);
        assert_eq!(t.get("x.org"), None);
    }

    #[test]
    fn many_addresses_survive_the_table_growing() {
        let mut t: RefusedAddresses<usize> = RefusedAddresses::default();
        for i in 0..10_000 {
            t.insert(&format!("n{i}@x.org"), i, |_| false);
        }
        assert!((0..10_000).all(|i| t.get(&format!("n{i}@x.org")) == Some(&i)));
        assert_eq!(t.get("n10000@x.org"), None);
    }
}
