//! US ZIP codes that lost their leading zero in a spreadsheet: `06824` typed into
//! Excel (or read by a CSV import) becomes the number `6824`, `00501` becomes `501`
//! (new-user trial 5, F2: 449 such rows in the superstore file). The value is kept as
//! it is, never repaired (guessing digits would invent data, case BR-24), and the
//! import report warns like the other spreadsheet damage ([`super::normalise::Damage`]).
//!
//! A short number is damage only where the row is in the United States (or a territory
//! using US ZIP codes): Australia, Denmark, Switzerland, Belgium, Austria, Norway and
//! others have 4-digit postcodes of their own. A row is taken as US when
//! - its country cell names the US or a territory (`United States`, `US`, `USA`,
//!   `Puerto Rico`...; the column paired with the postcode column, see [`pair`]); else,
//!   with no country in the row,
//! - its state cell names a state whose ZIP codes start with 0 (`CT`, `Massachusetts`,
//!   `NJ`...; none of those codes is another country's 4-digit-postcode region), or
//! - the user said the file is US (`--region US`).
//!
//! Counted in the first pass for every column; reported only for the columns whose
//! role ends up `postcode` (by header, platform layout or `--map`). Called by
//! [`super::analyse`].

use super::analyse::Column;
use super::columns::{DamageSeen, damage_warning};
use super::normalise::Damage;
use crate::fields::Role;
use crate::fields::phone::Region;

/// How many example line numbers the warning quotes (as for other damage).
const EXAMPLES: usize = 3;

/// Regions that use US ZIP codes (USPS): the states, Puerto Rico, the Virgin Islands,
/// Guam, American Samoa, the Northern Mariana Islands and the minor outlying islands.
const ZIP_REGIONS: [&str; 7] = ["US", "PR", "VI", "GU", "AS", "MP", "UM"];

/// States and territories whose ZIP codes start with 0 (USPS ZIP prefixes 005 and
/// 010–099: Holtsville's IRS 00501 aside, MA, RI, NH, ME, VT, CT, NJ, PR, VI and the
/// Armed Forces in Europe, AE), by USPS code and name, lower case.
const ZERO_STATES: [&str; 20] = [
    "ct",
    "connecticut",
    "ma",
    "massachusetts",
    "me",
    "maine",
    "nh",
    "new hampshire",
    "nj",
    "new jersey",
    "ri",
    "rhode island",
    "vt",
    "vermont",
    "pr",
    "puerto rico",
    "vi",
    "virgin islands",
    "ae",
    "armed forces europe",
];

/// Short ZIP codes seen per column of one file.
pub struct LostZeros {
    /// Per column: the country column read for its rows.
    country_of: Vec<Option<usize>>,
    /// Per column: the state column read when the row has no country.
    state_of: Vec<Option<usize>>,
    /// `--region US` (or a territory) was given for this file.
    region_us: bool,
    seen: Vec<DamageSeen>,
}

impl LostZeros {
    /// For a file whose columns have the field names `names`, imported with
    /// `--region` `region` (if given).
    pub fn new(names: &[&str], region: Option<Region>) -> LostZeros {
        let is_country = |n: &str| crate::fields::phone::country_column([n]).is_some();
        let is_state = |n: &str| {
            n.split('_')
                .any(|w| matches!(w, "state" | "province" | "region"))
        };
        let countries: Vec<usize> = (0..names.len()).filter(|&i| is_country(names[i])).collect();
        let states: Vec<usize> = (0..names.len()).filter(|&i| is_state(names[i])).collect();
        LostZeros {
            country_of: (0..names.len())
                .map(|i| pair(names, i, &countries))
                .collect(),
            state_of: (0..names.len()).map(|i| pair(names, i, &states)).collect(),
            region_us: region.is_some_and(|r| ZIP_REGIONS.contains(&r.code())),
            seen: vec![DamageSeen::default(); names.len()],
        }
    }

    /// Look at one row's values (in column order) from file line `line`.
    pub fn observe(&mut self, line: u64, values: &[String]) {
        self.observe_with(line, values.len(), |i| values[i].as_str());
    }

    /// [`Self::observe`] for a row of `width` values read through `value` (the
    /// first pass reads projected values borrowed, without a vector of them).
    pub fn observe_with<'v>(&mut self, line: u64, width: usize, value: impl Fn(usize) -> &'v str) {
        for i in 0..width {
            if !is_short_zip(value(i)) || !self.row_is_us(i, width, &value) {
                continue;
            }
            if let Some(seen) = self.seen.get_mut(i) {
                seen.count += 1;
                if seen.lines.len() < EXAMPLES {
                    seen.lines.push(line);
                }
            }
        }
    }

    /// Whether the row of `width` values read through `value` is in the US for
    /// column `i`'s purposes.
    fn row_is_us<'v>(&self, i: usize, width: usize, value: &impl Fn(usize) -> &'v str) -> bool {
        let cell = |c: Option<usize>| {
            c.filter(|&c| c < width)
                .map(value)
                .filter(|v| !v.is_empty())
        };
        if let Some(country) = cell(self.country_of.get(i).copied().flatten()) {
            return Region::from_country(country).is_some_and(|r| ZIP_REGIONS.contains(&r.code()));
        }
        let zero_state = cell(self.state_of.get(i).copied().flatten()).is_some_and(|s| {
            let s = s.trim().trim_end_matches('.').to_lowercase();
            ZERO_STATES.contains(&s.as_str())
        });
        zero_state || self.region_us
    }

    /// The warnings for the postcode columns among `columns` (the first pass's
    /// columns, in the same order as the names given to [`LostZeros::new`]).
    pub fn warnings(&self, columns: &[Column]) -> Vec<String> {
        columns
            .iter()
            .zip(&self.seen)
            .filter(|(c, seen)| c.field.role == Role::Postcode && !c.skip && seen.count > 0)
            .map(|(c, seen)| {
                let header = if c.header.is_empty() {
                    &c.field.name
                } else {
                    &c.header
                };
                damage_warning(header, Damage::LostLeadingZero, seen)
            })
            .collect()
    }
}

/// `value` is what a 5-digit ZIP code becomes as a number: 3 or 4 digits (`501`,
/// `6824`), perhaps with a decimal `.0` a number-typed export adds (`6824.0`).
pub fn is_short_zip(value: &str) -> bool {
    let digits = match value.split_once('.') {
        Some((whole, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => whole,
        Some(_) => return false,
        None => value,
    };
    (3..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Of `candidates` (country or state columns), the one that goes with column `i`:
/// the one sharing most words of its name (`billing_zip` with `billing_country`, not
/// `shipping_country`), else the first. `None` when there are none.
fn pair(names: &[&str], i: usize, candidates: &[usize]) -> Option<usize> {
    let words = |n: &str| -> Vec<String> { n.split('_').map(str::to_string).collect() };
    let own = words(names[i]);
    candidates
        .iter()
        .copied()
        .filter(|&c| c != i)
        .max_by_key(|&c| {
            let shared = words(names[c]).iter().filter(|w| own.contains(w)).count();
            // Earlier candidates win ties: `max_by_key` keeps the last maximum.
            (shared, std::cmp::Reverse(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_zips_are_three_or_four_digits() {
        for v in ["501", "6824", "6824.0", "0601"] {
            assert!(is_short_zip(v), "{v}");
        }
        for v in [
            "92591",
            "12",
            "68241",
            "6824.5",
            "6a24",
            "",
            "6824-1234",
            "'6824",
        ] {
            assert!(!is_short_zip(v), "{v}");
        }
    }

    #[test]
    fn rows_are_us_by_country_then_state_then_region() {
        let names = ["zip", "country", "state"];
        let row = |z: &str, c: &str, s: &str| vec![z.to_string(), c.to_string(), s.to_string()];
        let mut lz = LostZeros::new(&names, None);
        lz.observe(2, &row("6824", "United States", ""));
        lz.observe(3, &row("501", "US", ""));
        lz.observe(4, &row("2000", "Australia", "NSW"));
        lz.observe(5, &row("2100", "DK", ""));
        lz.observe(6, &row("6824", "", "Connecticut"));
        lz.observe(7, &row("6000", "", "WA"));
        lz.observe(8, &row("601", "Puerto Rico", ""));
        assert_eq!(lz.seen[0].count, 4);
        assert_eq!(lz.seen[0].lines, vec![2, 3, 6]);
        let mut us = LostZeros::new(&["zip"], "US".parse().ok());
        us.observe(2, &["6824".to_string()]);
        let mut au = LostZeros::new(&["zip"], "AU".parse().ok());
        au.observe(2, &["6824".to_string()]);
        assert_eq!((us.seen[0].count, au.seen[0].count), (1, 0));
    }

    #[test]
    fn a_zip_column_pairs_with_its_own_country_column() {
        let names = [
            "billing_zip",
            "billing_country",
            "shipping_zip",
            "shipping_country",
        ];
        let c: Vec<usize> = vec![1, 3];
        assert_eq!(pair(&names, 0, &c), Some(1));
        assert_eq!(pair(&names, 2, &c), Some(3));
        assert_eq!(pair(&["postcode", "land"], 0, &[1]), Some(1));
    }
}
