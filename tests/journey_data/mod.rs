//! What the journey's file holds, worked out from the CSV with the `csv` crate, apart
//! from tactful: contacts as the importer merges them, the reach of a rule `field is
//! "value"`, the most common values of a field, and who a campaign sends to.
//!
//! The rules, and where they are written down: a contact is keyed by its e-mail
//! address in normal form, trimmed and lower-cased (README, "Import";
//! tests/import_real.rs counts 8,320 so); a later row of the same contact overwrites a
//! field only with a value that is not blank (not in README: the documented contract
//! of `workspace::contacts`' merge, `coalesce(new, old)`; 149 of the file's rows are
//! such repeats); text equality ignores case and edge whitespace (README, "Semantics");
//! every contact gets the message of the first entry whose segment it matches, and the
//! holdout is "a stable hash of contact key and campaign name" (README, "Campaigns"):
//! the first 8 bytes of SHA-256(campaign, NUL, key), big-endian, modulo 10 000, held
//! out below the share in hundredths of a percent (the bucket's doc comment in
//! `campaign::assign`).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sha2::{Digest, Sha256};

/// Contacts by key, each a map from CSV header to its last non-blank value.
pub struct Contacts {
    pub by_key: BTreeMap<String, HashMap<String, String>>,
    /// Data rows read.
    pub rows: usize,
    /// The key of the file's first row: the first contact in workspace order.
    pub first_key: String,
}

impl Contacts {
    /// Read `file`, keyed by the `key_header` column's e-mail in normal form.
    pub fn read(file: &Path, key_header: &str) -> Contacts {
        let mut reader = csv::Reader::from_path(file).unwrap();
        let headers = reader.headers().unwrap().clone();
        let key_at = headers.iter().position(|h| h == key_header).unwrap();
        let mut by_key: BTreeMap<String, HashMap<String, String>> = BTreeMap::new();
        let mut rows = 0;
        let mut first_key = String::new();
        for record in reader.records() {
            let record = record.unwrap();
            let key = record[key_at].trim().to_lowercase();
            rows += 1;
            if first_key.is_empty() {
                first_key = key.clone();
            }
            let contact = by_key.entry(key).or_default();
            for (header, value) in headers.iter().zip(record.iter()) {
                if !value.trim().is_empty() {
                    contact.insert(header.to_string(), value.to_string());
                }
            }
        }
        Contacts {
            by_key,
            rows,
            first_key,
        }
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Contacts whose `header` holds `value`: the reach of `field is "value"`.
    pub fn reach(&self, header: &str, value: &str) -> usize {
        self.by_key
            .values()
            .filter(|c| is(c, header, value))
            .count()
    }

    /// The values of `header` by how many contacts hold each, most common first (ties
    /// by value), as the condition builder offers them.
    pub fn common_values(&self, header: &str) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for c in self.by_key.values() {
            if let Some(v) = c.get(header) {
                *counts.entry(v.as_str()).or_default() += 1;
            }
        }
        let mut list: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(v, n)| (v.to_string(), n))
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list
    }

    /// A campaign named `campaign` with `entries` (each `(header, value)`, in priority
    /// order) and a holdout of `holdout_pct` %: for each entry, how many contacts get
    /// its message and how many of its matches are held out. Every contact here has an
    /// address and consent, and none is a minor.
    pub fn assign(
        &self,
        campaign: &str,
        entries: &[(&str, &str)],
        holdout_pct: u64,
    ) -> Vec<(usize, usize)> {
        let mut per_entry = vec![(0, 0); entries.len()];
        for (key, c) in &self.by_key {
            let Some(entry) = entries.iter().position(|(h, v)| is(c, h, v)) else {
                continue;
            };
            if holdout_bucket(campaign, key) < holdout_pct * 100 {
                per_entry[entry].1 += 1;
            } else {
                per_entry[entry].0 += 1;
            }
        }
        per_entry
    }
}

/// Text equality as README's rule semantics define it: ignoring case and edge
/// whitespace (the file's values are ASCII, so ASCII case folding is all of it).
fn is(contact: &HashMap<String, String>, header: &str, value: &str) -> bool {
    contact
        .get(header)
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(value.trim()))
}

/// The holdout bucket in 0..10 000 of `key` in `campaign` (README, "Campaigns").
pub fn holdout_bucket(campaign: &str, key: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(campaign.as_bytes());
    h.update([0]);
    h.update(key.as_bytes());
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % 10_000
}

/// Data rows of an exported CSV and how many hold each value of `column`.
pub fn exported(file: &Path, column: &str) -> (usize, HashMap<String, usize>) {
    let bytes = std::fs::read(file).unwrap();
    // The spreadsheet profile starts with the UTF-8 byte order mark (README, BR-23).
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(text);
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no `{column}` column in {}", file.display()));
    let mut rows = 0;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        rows += 1;
        *counts.entry(record.unwrap()[at].to_string()).or_default() += 1;
    }
    (rows, counts)
}

/// `n` with thousands separators, as the app prints counts (`2,143`).
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
