//! Regions: the default region a number written without its country code is read in,
//! from a user's `--region CC` or a row's country column (ISO codes and country names,
//! from `assets/countries.tsv`), and which column of a file is its country column.
//! Split from [`super`], which parses numbers in a region.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use phonenumber::country::Id;

/// A default region for numbers written without their country code: an ISO 3166-1
/// alpha-2 code that has a numbering plan (`GB`, `DE`, `US`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(pub(super) Id);

impl Region {
    /// The ISO 3166-1 alpha-2 code, upper case.
    pub fn code(&self) -> &str {
        self.0.as_ref()
    }

    /// The region of a country cell: an alpha-2 or alpha-3 code or a country name from
    /// `assets/countries.tsv`, ignoring case and surrounding spaces; `None` for anything
    /// else, or a country with no numbering plan of its own.
    pub fn from_country(cell: &str) -> Option<Region> {
        // The common cell, a short code or one-word name in ASCII, is looked up from a
        // lower-cased copy on the stack: the importer asks for every row.
        let mut ascii = [0u8; 16];
        if !cell.is_empty()
            && cell.len() <= ascii.len()
            && cell.bytes().all(|b| b.is_ascii_alphabetic())
        {
            let lowered = &mut ascii[..cell.len()];
            lowered.copy_from_slice(cell.as_bytes());
            lowered.make_ascii_lowercase();
            let wanted = std::str::from_utf8(lowered).unwrap_or_default();
            return COUNTRIES.get(wanted).copied();
        }
        let wanted = squash(cell);
        if wanted.is_empty() {
            return None;
        }
        COUNTRIES.get(&wanted).copied()
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Region {
    type Err = String;

    /// Read `--region CC`: an alpha-2 code (`gb`, `GB`); also accepts what
    /// [`Region::from_country`] accepts, so `--region "United Kingdom"` works too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Region::from_country(s).ok_or_else(|| {
            format!(
                "unknown region `{}`; use an ISO 3166-1 country code such as GB, DE, FR or US",
                s.trim()
            )
        })
    }
}

/// Countries by squashed code or name, built once from `assets/countries.tsv`.
static COUNTRIES: LazyLock<HashMap<String, Region>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../../../assets/countries.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(alpha2), Some(alpha3), Some(names)) = (cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        // Countries without a numbering plan of their own (Antarctica, ...) are no region.
        let Ok(id) = alpha2.parse::<Id>() else {
            continue;
        };
        for name in [alpha2, alpha3].into_iter().chain(names.split('|')) {
            map.entry(squash(name)).or_insert(Region(id));
        }
    }
    map
});

/// Lower case, inner whitespace collapsed, edges trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every distinct E.164 form of `raw` read in each of `regions` (a number written with
/// its country code gives one; a national number gives one per region whose plan
/// knows it), in the order of `regions`; empty when no reading parses. For values
/// compared with a workspace whose imports used several regions: a national number
/// must protect (suppress, refuse, erase) every number it may name.
pub fn readings(raw: &str, regions: &[Region]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for region in regions {
        if let Some(number) = super::e164(raw, Some(*region))
            && !out.contains(&number)
        {
            out.push(number);
        }
    }
    out
}

/// The country column of a file or workspace, from field names: the first whose
/// `_`-separated words include `country` (or `land`, `pays`, `pais`, `paese`), except
/// those about birth or origin (a nationality is not where a phone is).
pub fn country_column<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    names.into_iter().position(|name| {
        let words: Vec<&str> = name.split('_').collect();
        let place = words
            .iter()
            .any(|w| matches!(*w, "country" | "land" | "pays" | "pais" | "paese"));
        let personal = words
            .iter()
            .any(|w| matches!(*w, "birth" | "origin" | "nationality" | "citizenship"));
        place && !personal
    })
}

/// The regions sharing the country calling code of `e164` (`+44…`: GB, GG, IM, JE),
/// in the plan's order; empty when it is no international number. For matching a
/// number listed without its country code against a contact's: the list's number is
/// read in each of them ([`national_match`]).
pub fn regions_of(e164: &str) -> Vec<Region> {
    let Ok(number) = phonenumber::parse(None, e164) else {
        return Vec::new();
    };
    let db = &*phonenumber::metadata::DATABASE;
    db.by_code(&number.code().value())
        .unwrap_or_default()
        .iter()
        .filter_map(|m| m.id().parse::<Id>().ok())
        .map(Region)
        .collect()
}

/// Whether `national`, a number written without its country code, names `e164` when
/// read in a region of `e164`'s own country code: `07911 123456` names `+447911123456`
/// (read in GB) and `+497911123456` (read in DE). A suppression entry kept while no
/// region was known matches this way, in every region (`tactful suppress`).
pub fn national_match(national: &str, e164: &str) -> bool {
    regions_of(e164)
        .into_iter()
        .any(|r| super::e164(national, Some(r)).as_deref() == Some(e164))
}
