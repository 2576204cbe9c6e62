//! The refused addresses of one channel as a compact table: every address in one text
//! buffer, a record per address, and a hash table of record positions.
//!
//! A preview looks up every contact's address here ([`super::opt_outs`]), and the
//! bench's workspace holds 400,000 refused addresses. A standard map of `String` keys
//! made one allocation per address and spread the keys over the heap, so most look-ups
//! missed the cache twice and freeing the map at the end cost as much again (issue 13:
//! a fifth of a preview's CPU). Here the probe runs over a table of positions a few
//! megabytes wide, a bucket's half of the hash turns away most non-matching candidates
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

/// Where an address's text lies in the buffer, and its value: 8 bytes and the value's,
/// so 400,000 refusals take 10 MB of records, not 19 MB (issue 13, session 13: every
/// megabyte is memory first touched, and copied when the vector grows). The record
/// keeps no hash: the bucket's half of it ([`Slot`]) already turns away other
/// addresses, and the text decides.
struct Record<V> {
    start: u32,
    len: u32,
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

/// The bit of [`Slot::record`] that marks a bucket of an address assigned in a walk
/// ([`AddressTable`]) rather than a record's position; the other 31 bits hold the low
/// half of the address's hash, so with `check` such a bucket holds 63 bits of it.
const ASSIGNED: u32 = 1 << 31;

impl Slot {
    /// The bucket of an address assigned in a walk, whose hash is `hash`.
    fn assigned(hash: u64) -> Slot {
        Slot {
            record: ASSIGNED | (hash as u32 & !ASSIGNED),
            check: Slot::check(hash),
        }
    }

    fn is_assigned(self) -> bool {
        self.record & ASSIGNED != 0
    }

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
        // A bucket holds a 31-bit position: 2 billion addresses would take 50 GB of
        // text and records before this point, so no workspace comes near it.
        let record = u32::try_from(self.records.len())
            .ok()
            .filter(|&r| r & ASSIGNED == 0)
            .expect("fewer than 2^31 addresses in one table");
        // Offsets of 32 bits: 4 GiB of addresses, far more than 2^31 records hold.
        let offset = |n: usize| u32::try_from(n).expect("fewer than 4 GiB of addresses");
        self.records.push(Record {
            start: offset(self.text.len()),
            len: offset(address.len()),
            value,
        });
        self.text.push_str(address);
        self.positions
            .insert_unique(place, Slot { record, check }, |s| Slot::place(s.check));
    }

    fn is(&self, slot: Slot, hash: u64, address: &str) -> bool {
        if slot.check != Slot::check(hash) || slot.is_assigned() {
            return false;
        }
        let r = &self.records[slot.record as usize];
        let start = r.start as usize;
        self.text.get(start..start + r.len as usize) == Some(address)
    }
}

/// One walk's table of addresses: the refused addresses of a [`RefusedAddresses`]
/// (borrowed) and the addresses the walk has assigned so far
/// (the duplicate-address step), in one hash table (`walk_addresses`).
///
/// A preview looks up a granted contact's address among the refused ones, then among
/// those assigned (the duplicate-address step): two tables of a few megabytes, a cache
/// miss in each per contact (issue 13: 5.6 % and 4 % of a preview of 1,000,000
/// contacts). With both in one table, the second probe reads the buckets the first has
/// just read. An assigned address is held by its hash alone (63 bits of it), as the
/// assigner held it before; the table is keyed at random per run, so no file can make
/// two addresses collide on purpose.
pub struct AddressTable<'r, V> {
    refused: &'r RefusedAddresses<V>,
    /// The refused table's buckets, copied, with the assigned addresses' added.
    positions: HashTable<Slot>,
}

impl<V: Copy> RefusedAddresses<V> {
    /// A table for one walk holding this table's addresses, and none assigned yet.
    pub fn for_walk(&self) -> AddressTable<'_, V> {
        AddressTable {
            refused: self,
            positions: self.positions.clone(),
        }
    }
}

impl<V: Copy> AddressTable<'_, V> {
    /// The value held for refused `address`, as [`RefusedAddresses::get`].
    pub fn get(&self, address: &str) -> Option<&V> {
        let refused = self.refused;
        if refused.records.is_empty() {
            return None;
        }
        let hash = refused.hasher.hash_one(address);
        let at = self.positions.find(Slot::place(Slot::check(hash)), |&s| {
            refused.is(s, hash, address)
        })?;
        Some(&refused.records[at.record as usize].value)
    }

    /// Whether `address` was assigned in this walk.
    pub fn assigned(&self, address: &str) -> bool {
        let hash = self.refused.hasher.hash_one(address);
        let slot = Slot::assigned(hash);
        (self.positions)
            .find(Slot::place(slot.check), |&s| {
                s.record == slot.record && s.check == slot.check
            })
            .is_some()
    }

    /// Note `address` as assigned; `false` when it was already.
    pub fn assign(&mut self, address: &str) -> bool {
        let hash = self.refused.hasher.hash_one(address);
        let slot = Slot::assigned(hash);
        let place = Slot::place(slot.check);
        let same = |s: &Slot| s.record == slot.record && s.check == slot.check;
        if self.positions.find(place, same).is_some() {
            return false;
        }
        self.positions
            .insert_unique(place, slot, |s| Slot::place(s.check));
        true
    }
}

impl<V> fmt::Debug for AddressTable<'_, V> {
    /// The counts only: the addresses are personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AddressTable({} refused, {} in all)",
            self.refused.records.len(),
            self.positions.len()
        )
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

    /// A walk's table holds the refused addresses and those assigned apart: an address
    /// can be both, assigning one twice says so, and the refused table is unchanged.
    #[test]
    fn a_walk_table_holds_assigned_addresses_beside_the_refused_ones() {
        let mut t: RefusedAddresses<u8> = RefusedAddresses::default();
        t.insert("a@x.org", 1, |_| false);
        let mut walk = t.for_walk();
        assert_eq!(walk.get("a@x.org"), Some(&1));
        assert!(!walk.assigned("a@x.org"));
        assert!(walk.assign("b@x.org"));
        assert!(walk.assigned("b@x.org"));
        assert_eq!(walk.get("b@x.org"), None);
        assert!(!walk.assign("b@x.org"));
        assert!(walk.assign("a@x.org"));
        assert!(walk.assigned("a@x.org"));
        assert_eq!(walk.get("a@x.org"), Some(&1));
        for i in 0..5_000 {
            assert!(walk.assign(&format!("n{i}@x.org")));
        }
        assert!((0..5_000).all(|i| walk.assigned(&format!("n{i}@x.org"))));
        assert!(!walk.assigned("n5000@x.org"));
        assert_eq!(walk.get("a@x.org"), Some(&1));
        assert_eq!(t.get("b@x.org"), None);
        // A table with nothing refused holds assigned addresses all the same.
        let empty: RefusedAddresses<u8> = RefusedAddresses::default();
        let mut walk = empty.for_walk();
        assert!(walk.assign("c@x.org"));
        assert!(!walk.assign("c@x.org"));
        assert_eq!(walk.get("c@x.org"), None);
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
