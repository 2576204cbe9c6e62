//! Answers kept for the values a column repeats (cities, companies, yes/no, tag sets),
//! so a check that reads a value alone runs once per distinct value of the column,
//! not once per row (issue 13: the import's per-value checks at a million rows).
//!
//! Owns [`Repeats`]: bounded (at most [`Repeats::MAX`] values of at most
//! [`Repeats::MAX_LEN`] bytes) and turned off for a column whose values seldom repeat
//! (e-mail addresses, IDs, phone numbers), where looking up would only add work. Only a
//! cache: the answer for a value is the check's answer, with or without it, so it is for
//! checks that depend on the value alone (the column's own settings fixed).

use std::collections::HashMap;

/// The answers of one check for the values of one column (module doc).
#[derive(Debug, Clone)]
pub struct Repeats<V> {
    /// Hashed with foldhash: asked of every value and never iterated.
    found: HashMap<String, V, foldhash::fast::RandomState>,
    asked: u64,
    hits: u64,
    off: bool,
}

impl<V> Default for Repeats<V> {
    fn default() -> Self {
        Repeats {
            found: HashMap::default(),
            asked: 0,
            hits: 0,
            off: false,
        }
    }
}

impl<V: Clone> Repeats<V> {
    /// Values kept at most.
    pub const MAX: usize = 1024;
    /// Longest value kept, in bytes.
    pub const MAX_LEN: usize = 64;
    /// Look-ups before deciding whether the column repeats its values enough (at
    /// least every second look-up a hit).
    pub const TRIAL: u64 = 4096;

    /// One per column of a row `width` wide.
    pub fn per_column(width: usize) -> Vec<Self> {
        (0..width).map(|_| Self::default()).collect()
    }

    /// `check(value)`, from the kept answer when `value` was asked before.
    pub fn answer(&mut self, value: &str, check: impl FnOnce(&str) -> V) -> V {
        if self.off {
            return check(value);
        }
        self.asked += 1;
        if let Some(found) = self.found.get(value) {
            self.hits += 1;
            return found.clone();
        }
        let found = check(value);
        if self.asked >= Self::TRIAL && self.hits * 2 < self.asked {
            self.off = true;
            self.found = HashMap::default();
        } else if self.found.len() < Self::MAX && value.len() <= Self::MAX_LEN {
            self.found.insert(value.to_string(), found.clone());
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer is the check's, kept or not; a column of distinct values turns the
    /// cache off after the trial, one that repeats keeps asking it (counted by hand).
    #[test]
    fn answers_are_the_checks_and_unique_columns_stop_caching() {
        let mut calls = 0;
        let mut r: Repeats<usize> = Repeats::default();
        for i in 0..10_000 {
            let v = format!("v{}", i % 10);
            let got = r.answer(&v, |v| {
                calls += 1;
                v.len()
            });
            assert_eq!(got, v.len());
        }
        assert_eq!(calls, 10);
        let mut u: Repeats<bool> = Repeats::default();
        for i in 0..5000 {
            let v = format!("person{i}@example.com");
            assert!(u.answer(&v, |v| v.contains('@')));
        }
        assert!(u.off);
        assert!(u.found.is_empty());
    }
}
