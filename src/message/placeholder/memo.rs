//! The answers of [`super::is_placeholder_value`] kept per distinct short value and
//! field: a preview judges every merge value of every contact up to five times (the
//! subject's and body's renderings, their hole checks, coverage), and values repeat
//! (first names, cities), so nearly every question was asked a moment before.
//!
//! A direct-mapped table per thread: a value and field hash to one slot, which keeps
//! the last pair asked there, whole, with its answer; a pair that does not fit (more
//! than [`MAX_KEY`] bytes together) is judged every time. The answer depends on
//! nothing but the two texts, so a kept answer is the one the judge would give. The
//! hash is keyed at random per thread: crafted values that share a slot only evict
//! each other.

use std::cell::RefCell;
use std::hash::BuildHasher;

/// Slots in the table (a power of two): 64 bytes each, 16 KiB per thread.
const SLOTS: usize = 256;

/// Longest value and field name, in bytes together, that a slot keeps.
const MAX_KEY: usize = 48;

#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    /// Bytes of the pair (value, then field); `u8::MAX` while the slot is empty.
    len: u8,
    /// Where the field starts in `bytes`.
    split: u8,
    answer: bool,
    bytes: [u8; MAX_KEY],
}

impl Slot {
    fn holds(&self, hash: u64, value: &str, field: &str) -> bool {
        usize::from(self.len) == value.len() + field.len()
            && usize::from(self.split) == value.len()
            && self.hash == hash
            && &self.bytes[..value.len()] == value.as_bytes()
            && &self.bytes[value.len()..value.len() + field.len()] == field.as_bytes()
    }
}

struct Memo {
    hasher: foldhash::fast::RandomState,
    slots: Box<[Slot; SLOTS]>,
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// `judge()`, the answer for `value` of `field`, or the answer it gave for the same
/// pair before on this thread.
pub(super) fn remembered(value: &str, field: &str, judge: impl FnOnce() -> bool) -> bool {
    let len = value.len() + field.len();
    if len > MAX_KEY {
        return judge();
    }
    let looked = MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let memo = memo.get_or_insert_with(|| Memo {
            hasher: foldhash::fast::RandomState::default(),
            slots: Box::new(
                [Slot {
                    hash: 0,
                    len: u8::MAX,
                    split: 0,
                    answer: false,
                    bytes: [0; MAX_KEY],
                }; SLOTS],
            ),
        });
        let hash = memo.hasher.hash_one((value, field));
        let slot = &memo.slots[hash as usize & (SLOTS - 1)];
        (hash, slot.holds(hash, value, field).then_some(slot.answer))
    });
    let (hash, answer) = looked;
    if let Some(answer) = answer {
        return answer;
    }
    let answer = judge();
    MEMO.with(|memo| {
        if let Some(memo) = memo.borrow_mut().as_mut() {
            let slot = &mut memo.slots[hash as usize & (SLOTS - 1)];
            slot.hash = hash;
            slot.len = len as u8;
            slot.split = value.len() as u8;
            slot.answer = answer;
            slot.bytes[..value.len()].copy_from_slice(value.as_bytes());
            slot.bytes[value.len()..len].copy_from_slice(field.as_bytes());
        }
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept answer is returned for the same pair (asked again at once, so nothing
    /// evicted it); another field, or the same bytes split differently between value
    /// and field, ask the judge (`n/a` of `city` was answered `true`, these `false`); a
    /// pair too long to keep is judged every time.
    #[test]
    fn answers_are_kept_per_value_and_field() {
        assert!(remembered("n/a", "city", || true));
        assert!(remembered("n/a", "city", || unreachable!("kept")));
        assert!(!remembered("n/a", "first_name", || false));
        assert!(!remembered("n/ac", "ity", || false));
        assert!(!remembered("n/", "acity", || false));
        let long = "x".repeat(MAX_KEY);
        assert!(remembered(&long, "f", || true));
        assert!(!remembered(&long, "f", || false));
    }
}
