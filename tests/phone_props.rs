//! Property: however a valid number is written (spaces, dashes, dots, parentheses, a
//! `+` or `00` international prefix, a `(0)` after the country code, or the national
//! form with its trunk `0` read in its region), it normalises to one E.164 form, and
//! normalising that form again gives it back (idempotence).
//!
//! Expected values are built from the parts by hand: E.164 is `+`, the country calling
//! code and the national significant number (ITU-T E.164 §6). The numbers are valid
//! mobiles and fixed lines from each country's published plan.

use proptest::prelude::*;
use tactful::fields::phone::{Region, e164};

/// `(region, country calling code, national significant number, trunk prefix)`.
const NUMBERS: &[(&str, &str, &str, Option<&str>)] = &[
    ("GB", "44", "7911123456", Some("0")),  // UK mobile
    ("GB", "44", "2079460018", Some("0")),  // London fixed line
    ("DE", "49", "15123456789", Some("0")), // German mobile
    ("DE", "49", "301234567", Some("0")),   // Berlin fixed line
    ("FR", "33", "612345678", Some("0")),   // French mobile
    ("NL", "31", "612345678", Some("0")),   // Dutch mobile
    ("PT", "351", "912345678", None),       // Portuguese mobile (no trunk prefix)
    ("ES", "34", "612345678", None),        // Spanish mobile (no trunk prefix)
    ("US", "1", "4155552671", None),        // NANP
];

/// How the number starts.
#[derive(Debug, Clone, Copy)]
enum Prefix {
    Plus,
    DoubleZero,
    /// `+CC (0)…`, only where the country has the trunk prefix 0.
    PlusTrunk,
    /// The national form, with the trunk prefix where there is one, read in its region.
    National,
}

/// Split `digits` into groups at the given cut points and join them with separators;
/// optionally wrap the first group in parentheses.
fn group(digits: &str, cuts: &[usize], seps: &[&str], paren_first: bool) -> String {
    let mut points: Vec<usize> = cuts
        .iter()
        .map(|c| c % digits.len())
        .filter(|&c| c > 0)
        .collect();
    points.sort_unstable();
    points.dedup();
    let mut out = String::new();
    let mut start = 0;
    for (i, &p) in points
        .iter()
        .chain(std::iter::once(&digits.len()))
        .enumerate()
    {
        let part = &digits[start..p];
        if i == 0 && paren_first {
            out.push_str(&format!("({part})"));
        } else {
            out.push_str(part);
        }
        if p < digits.len() {
            out.push_str(seps[i % seps.len()]);
        }
        start = p;
    }
    out
}

fn written(
    n: usize,
    prefix: Prefix,
    cuts: &[usize],
    seps: &[&str],
    paren: bool,
) -> (String, Option<Region>) {
    let (region, cc, nsn, trunk) = NUMBERS[n];
    let region: Region = region.parse().unwrap();
    let body = group(nsn, cuts, seps, paren);
    match (prefix, trunk) {
        (Prefix::Plus, _) => (format!("+{cc} {body}"), None),
        (Prefix::DoubleZero, _) => (format!("00{cc} {body}"), None),
        (Prefix::PlusTrunk, Some(t)) => (format!("+{cc} ({t}){body}"), None),
        (Prefix::National, Some(t)) => (format!("{t}{body}"), Some(region)),
        (_, None) => (body, Some(region)),
    }
}

fn prefix() -> impl Strategy<Value = Prefix> {
    prop_oneof![
        Just(Prefix::Plus),
        Just(Prefix::DoubleZero),
        Just(Prefix::PlusTrunk),
        Just(Prefix::National),
    ]
}

proptest! {
    #[test]
    fn every_form_of_a_valid_number_is_one_e164(
        n in 0..NUMBERS.len(),
        prefix in prefix(),
        cuts in prop::collection::vec(0usize..16, 0..4),
        seps in prop::collection::vec(prop::sample::select(vec![" ", "-", ".", "", " - "]), 1..4),
        paren in any::<bool>(),
    ) {
        let (_, cc, nsn, _) = NUMBERS[n];
        let expected = format!("+{cc}{nsn}");
        let (text, region) = written(n, prefix, &cuts, &seps, paren);
        let want = Some(expected.clone());
        prop_assert_eq!(e164(&text, region), want.clone(), "written {:?}", text);
        // Idempotent: the E.164 form reads as itself, with or without a region.
        prop_assert_eq!(e164(&expected, None), want.clone());
        prop_assert_eq!(e164(&expected, region), want);
    }
}

#[test]
fn the_grouping_helper_writes_what_it_is_told() {
    assert_eq!(
        group("7911123456", &[4, 7], &[" ", "-"], true),
        "(7911) 123-456"
    );
    assert_eq!(
        written(0, Prefix::PlusTrunk, &[4], &[" "], false).0,
        "+44 (0)7911 123456"
    );
    assert_eq!(
        written(0, Prefix::National, &[4], &["."], false).0,
        "07911.123456"
    );
}
