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
//! A bucket of the table holds the record's position and half of its hash ([`Slot`]),
//! so a probe that meets another address's bucket turns it away there, and growing the
//! table reads no record (issue 13, session 9: the look-up was the largest single cost
//! of a preview, 9 %, and building the table 4 %, mostly cache misses).
//!
//! Addresses come from imported files, so each table is hashed with its own random key
//! (foldhash's `RandomState`): a file cannot be made to collide on purpose, since the
//! key is never shown and a file is not a conversation with the program. foldhash
//! costs a fraction of SipHash over short strings (SipHash was 2 % of a preview).

use std::fmt;
use std::hash::BuildHasher;

use foldhash::quality::RandomState;
use hashbrown::HashTable;

/// A table from address to a small `Copy` value.
pub struct RefusedAddresses<V> {
    /// Every address held, one after another.
    text: String,
    records: Vec<Record<V>>,
    /// Positions in `records`, placed by [`Slot::place`].
    positions: HashTable<Slot>,
    hasher: RandomState,
}

struct Record<V> {
    hash: u64,
    start: usize,
    len: usize,
    value: V,
}

/// A bucket: the record's position and the upper half of its address's hash. The
/// table places a bucket by that half alone ([`Slot::place`]), so growing the table
/// moves buckets without reading their records (a cache miss each: half the cost of
/// building the table), and a probe turns away another address's bucket without
/// reading its record.
#[derive(Clone, Copy)]
struct Slot {
    record: u32,
    check: u32,
}

impl Slot {
    fn check(hash: u64) -> u32 {
        (hash >> 32) as u32
    }

    /// Where the table places a bucket: `check` spread over 64 bits (the table takes
    /// its position from the low bits and a tag from the top ones).
    fn place(check: u32) -> u64 {
        u64::from(check).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

impl<V: Copy> Default for RefusedAddresses<V> {
    fn default() -> Self {
        RefusedAddresses {
            text: String::new(),
            records: Vec::new(),
            positions: HashTable::new(),
            hasher: RandomState::default(),
        }
    }
}

impl<V: Copy> RefusedAddresses<V> {
    /// Whether no address is held.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The value held for `address`, if any.
    pub fn get(&self, address: &str) -> Option<&V> {
        // An empty table (no known minor, the usual case) needs no hash.
        if self.records.is_empty() {
            return None;
        }
        let hash = self.hasher.hash_one(address);
        let check = Slot::check(hash);
        let at = self
            .positions
            .find(Slot::place(check), |&s| self.is(s, hash, address))?;
        Some(&self.records[at.record as usize].value)
    }

    /// Hold `value` for `address`; when a value is held already, `value` replaces it
    /// only if `replaces(held)` says so.
    pub fn insert(&mut self, address: &str, value: V, replaces: impl FnOnce(&V) -> bool) {
        let hash = self.hasher.hash_one(address);
        let check = Slot::check(hash);
        let place = Slot::place(check);
        if let Some(&s) = self.positions.find(place, |&s| self.is(s, hash, address)) {
            let held = &mut self.records[s.record as usize].value;
            if replaces(held) {
                *held = value;
            }
            return;
        }
        // A bucket holds a 32-bit position: 4 billion addresses would take 100 GB of
        // text and records before this point, so no workspace comes near it.
        let record =
            u32::try_from(self.records.len()).expect("fewer than 2^32 addresses in one table");
        self.records.push(Record {
            hash,
            start: self.text.len(),
            len: address.len(),
            value,
        });
        self.text.push_str(address);
        self.positions
            .insert_unique(place, Slot { record, check }, |s| Slot::place(s.check));
    }

    fn is(&self, slot: Slot, hash: u64, address: &str) -> bool {
        if slot.check != Slot::check(hash) {
            return false;
        }
        let r = &self.records[slot.record as usize];
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
