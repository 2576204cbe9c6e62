//! Precise locations written in one value, and when a column of them is precise
//! geolocation (CPRA §1798.140(ae)(1)(C); "precise" is within 1,850 feet, about 3
//! decimal places of a degree: §1798.140(w)).
//!
//! Each value is read into a [`Tier`]:
//! - [`Tier::Marked`]: written so that it can only be a place: a WKT point
//!   (`POINT(-0.1278 51.5074)`), degrees, minutes and seconds (`51°30'26"N 0°7'39"W`),
//!   hemisphere letters (`N51.5074 W0.1278`, `51.5074N, 0.1278W`, `51.5074° N`),
//!   labelled numbers (`{"lat": 51.5074, "lng": -0.1278}`), a pair inside a map link
//!   or a `geo:` URI (`https://maps.google.com/?q=51.5074,-0.1278`, `…/@51.5,-0.12,15z`,
//!   `geo:51.5074,-0.1278`: a link's pin is a place whatever its decimals), a full plus
//!   code (`9C3XGV4C+XV`) or a what3words address (`///filled.count.soap`), degrees
//!   and decimal minutes as GPS receivers write them (`51 30.443 N, 0 7.665 W`,
//!   `N51 30.443 W0 7.665`: [`gps`]);
//! - [`Tier::Bare`]: two numbers with 3 or more decimals, decimal point or decimal comma
//!   (`51.5074, -0.1278`, `51,5074 -0,1278`, `51,5074; -0,1278`), that look like a real
//!   place: not both within ±2 (the ocean off Africa, but exchange rates
//!   `1.1234, 0.8765`), and written with significant decimals (both 2 or more, one 3 or
//!   more, so `12.5000, 15.0000` is a range);
//! - [`Tier::Weak`]: a shape that is a place only under a place header: a bare pair that
//!   fails the look above, a geohash (`gcpvj0duq`), a short plus code (`GV4C+XV`), a
//!   what3words address without its slashes.
//!
//! A value that is none of these whole is read for one written inside it (`Meet at
//! 51.5074, -0.1278 by the gate` is [`Tier::Bare`]; [`gps::inside`]).
//!
//! A column is precise geolocation when its marked values, its bare ones unless the
//! header names a measure (`Dimensions`, `Exchange rates`, `Range`) and no place, and
//! its weak ones under a place header (`Location`, `Standort`, `Pin`) make 90% of its
//! values, or half under a place header (new-user trial 9, F-G15b and R2). The words are
//! the dictionary's `[coordinates]` table.

use std::collections::HashSet;

use serde::Deserialize;

use super::dictionary::{Check, Entry};
use super::evidence::ValueHit;
use super::header::Header;
use super::words::fold;
use super::{NEEDS_PERCENT, VALIDATOR_PERCENT, ValueProfile};

/// How surely one value is a precise place (module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tier {
    Weak,
    Bare,
    Marked,
}

/// The `[coordinates]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCoordinates {
    place_words: Vec<String>,
    measure_words: Vec<String>,
}

/// The `[coordinates]` table, folded.
#[derive(Debug, Default)]
pub(crate) struct Coordinates {
    place_words: HashSet<String>,
    measure_words: HashSet<String>,
}

impl RawCoordinates {
    pub fn folded(&self) -> Coordinates {
        let set = |l: &[String]| l.iter().map(|w| fold(w)).collect();
        Coordinates {
            place_words: set(&self.place_words),
            measure_words: set(&self.measure_words),
        }
    }
}

/// The value evidence that a column of `entry` (the entry whose validator is
/// `coordinates`) holds precise locations under `header`; `None` otherwise.
pub(super) fn coordinates_hit(
    entry: &Entry,
    header: &Header,
    profile: &ValueProfile,
) -> Option<ValueHit> {
    if entry.validator != Some(Check::Coordinates) || profile.non_blank == 0 {
        return None;
    }
    let rules = &super::dictionary::dictionary().coordinates;
    let has = |set: &HashSet<String>| header.words.iter().any(|w| set.contains(w));
    let place = has(&rules.place_words);
    let measure = !place && has(&rules.measure_words);
    let (marked, bare, weak) = profile.coordinate_tiers();
    let count = marked + if measure { 0 } else { bare } + if place { weak } else { 0 };
    let percent = profile.percent(count);
    let bar = if place {
        NEEDS_PERCENT
    } else {
        VALIDATOR_PERCENT
    };
    (count > 0 && percent >= bar).then_some(ValueHit::Validator {
        check: Check::Coordinates,
        percent,
    })
}

/// A number as read: its value, decimals written, and decimals without trailing zeros.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    decimals: usize,
    significant: usize,
}

/// What one value holds, if it is a location ([`Tier`]): the value read whole, or
/// else a form written inside it (`Meet at 51.5074, -0.1278 by the gate`:
/// [`gps::inside`]).
pub(crate) fn tier(v: &str) -> Option<Tier> {
    whole(v).or_else(|| gps::inside(v.trim(), whole))
}

/// What one value holds when the whole of it is a location.
fn whole(v: &str) -> Option<Tier> {
    let v = v.trim();
    if v.len() < 6 || v.len() > 400 {
        return None;
    }
    // Every form but a what3words address holds a digit: most text values (names,
    // addresses, words) stop here without a copy, as the import reads every value.
    if !v.bytes().any(|b| b.is_ascii_digit()) {
        if !v.contains('.') || v.contains(char::is_whitespace) {
            return None;
        }
        let lower = v.to_lowercase();
        return match lower.strip_prefix("///") {
            Some(words) => three_words(words).then_some(Tier::Marked),
            None => three_words(&lower).then_some(Tier::Weak),
        };
    }
    // Digits, spaces, signs, points and commas alone (phone numbers, IDs, amounts,
    // dates): no letter for a WKT point, a `geo:` URI, a link, a geohash or words, no
    // `°`, and lower case as written; only a plus code or a pair can be in it.
    if v.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'+' | b'-' | b'.' | b','))
    {
        return plus_code(v).or_else(|| scanned(v));
    }
    let lower = v.to_lowercase();
    if let Some(rest) = lower.strip_prefix("point") {
        let inner = rest
            .trim()
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))?;
        return match numbers_only(inner).as_slice() {
            [x, y] if lat_lng(y.value, x.value) => Some(Tier::Marked),
            _ => None,
        };
    }
    if v.contains('°') && is_dms(v) {
        return Some(Tier::Marked);
    }
    if let Some(rest) = lower.strip_prefix("geo:") {
        let pair = rest.split([';', '?']).next().unwrap_or("");
        return match numbers_only(pair).as_slice() {
            [x, y, ..] if x.decimals >= 1 && lat_lng(x.value, y.value) => Some(Tier::Marked),
            _ => None,
        };
    }
    if lower.contains("://") || lower.starts_with("www.") || link::is_bare_link(&lower) {
        return link::link(&lower).then_some(Tier::Marked);
    }
    if let Some(t) = plus_code(v) {
        return Some(t);
    }
    if let Some(words) = lower.strip_prefix("///") {
        return three_words(words).then_some(Tier::Marked);
    }
    if three_words(&lower) {
        return Some(Tier::Weak);
    }
    if geohash(v) {
        return Some(Tier::Weak);
    }
    scanned(&lower)
}

fn lat_lng(lat: f64, lng: f64) -> bool {
    lat.abs() <= 90.0 && lng.abs() <= 180.0
}

/// The tokens of a value: numbers (decimal point or decimal comma), hemisphere letters
/// and lat/lng labels; `None` for anything else.
#[derive(Debug, Clone, Copy)]
enum Tok {
    Num(Num),
    /// `true` for a latitude letter or label (N, S), `false` for a longitude one.
    Hemi(bool),
    Label(bool),
}

/// Read `s` (lower case) into tokens, skipping separators; `None` when it holds
/// anything else.
fn tokens(s: &str) -> Option<Vec<Tok>> {
    if !may_be_tokens(s) {
        return None;
    }
    let b: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let signed = matches!(c, '-' | '+' | '−') && b.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || signed {
            let (n, next) = number(&b, i)?;
            out.push(Tok::Num(n));
            i = next;
        } else if c.is_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_alphabetic() {
                i += 1;
            }
            let word: String = b[start..i].iter().collect();
            out.push(match word.as_str() {
                "n" | "s" => Tok::Hemi(true),
                "e" | "w" | "o" => Tok::Hemi(false),
                "lat" | "latitude" | "breite" | "latitud" | "latitudine" => Tok::Label(true),
                "lng" | "lon" | "long" | "longitude" | "laenge" | "longitud" | "longitudine" => {
                    Tok::Label(false)
                }
                _ => return None,
            });
        } else if c.is_whitespace() || ",;:\"'{}()[]°=&".contains(c) {
            i += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

/// False when [`tokens`] would certainly refuse `s`, judged on its bytes without a
/// copy: the import asks this of every value with a digit (IDs, e-mail addresses,
/// phone numbers, amounts, dates), and building the characters and numbers first was
/// a twentieth of the import's CPU. An ASCII byte that no token or separator holds
/// (`@`, `/`, `_`, `#`) is refused wherever it stands; a run of more than 3 digits
/// not after `.` or `,` is a number's whole part, which [`number`] refuses past 3
/// digits. Anything else is left to [`tokens`].
fn may_be_tokens(s: &str) -> bool {
    let b = s.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            let start = i + 1 - run;
            if run > 3 && (start == 0 || !matches!(b[start - 1], b'.' | b',')) {
                return false;
            }
            continue;
        }
        run = 0;
        let read = !c.is_ascii()
            || c.is_ascii_alphabetic()
            || c.is_ascii_whitespace()
            || c == 0x0b
            || b"-+.,;:\"'{}()[]=&".contains(&c);
        if !read {
            return false;
        }
    }
    true
}

/// The number starting at `b[i]`: sign, 1 to 3 whole digits, then a decimal point or a
/// decimal comma and digits (a comma after a number that already has decimals, or not
/// followed by a digit, separates).
fn number(b: &[char], mut i: usize) -> Option<(Num, usize)> {
    let negative = matches!(b[i], '-' | '−');
    if matches!(b[i], '-' | '+' | '−') {
        i += 1;
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let whole: String = b[start..i].iter().collect();
    let mut frac = String::new();
    if i + 1 < b.len() && matches!(b[i], '.' | ',') && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            frac.push(b[i]);
            i += 1;
        }
    }
    if whole.len() > 3 || (i < b.len() && (b[i].is_alphanumeric() && !"nsewo".contains(b[i]))) {
        return None;
    }
    let value: f64 = format!("{whole}.{}", if frac.is_empty() { "0" } else { &frac })
        .parse()
        .ok()?;
    let significant = frac.trim_end_matches('0').len();
    let n = Num {
        value: if negative { -value } else { value },
        decimals: frac.len(),
        significant,
    };
    Some((n, i))
}

/// The numbers of `s` when it holds numbers and separators only.
fn numbers_only(s: &str) -> Vec<Num> {
    match tokens(s) {
        Some(t) => t
            .iter()
            .map_while(|t| match t {
                Tok::Num(n) => Some(*n),
                _ => None,
            })
            .collect(),
        None => Vec::new(),
    }
}

/// A pair, hemisphere-lettered pair, labelled pair, or degrees and minutes with
/// hemisphere letters ([`gps::degrees_minutes`]) written with nothing else.
fn scanned(lower: &str) -> Option<Tier> {
    let toks = tokens(lower)?;
    match toks.as_slice() {
        [Tok::Num(a), Tok::Num(b)] => {
            if a.decimals < 3
                || b.decimals < 3
                || !(lat_lng(a.value, b.value) || lat_lng(b.value, a.value))
            {
                return None;
            }
            let near_zero = a.value.abs() < 2.0 && b.value.abs() < 2.0;
            let significant =
                a.significant.min(b.significant) >= 2 && a.significant.max(b.significant) >= 3;
            Some(if near_zero || !significant {
                Tier::Weak
            } else {
                Tier::Bare
            })
        }
        [a, b, c, d] => {
            let pairs = [(*a, *b), (*c, *d)];
            let mut lat = None;
            let mut lng = None;
            for (x, y) in pairs {
                let (n, is_lat) = match (x, y) {
                    (Tok::Num(n), Tok::Hemi(h)) | (Tok::Hemi(h), Tok::Num(n)) => (n, h),
                    (Tok::Label(h), Tok::Num(n)) => (n, h),
                    _ => return None,
                };
                if n.decimals < 3 {
                    return None;
                }
                if is_lat { lat = Some(n) } else { lng = Some(n) }
            }
            let (lat, lng) = (lat?, lng?);
            lat_lng(lat.value, lng.value).then_some(Tier::Marked)
        }
        _ => gps::degrees_minutes(&toks).then_some(Tier::Marked),
    }
}

/// Open Location Code alphabet.
const PLUS: &str = "23456789CFGHJMPQRVWX";

/// A plus code: full (`9C3XGV4C+XV`: 8 characters, the first two in latitude and
/// longitude range) is [`Tier::Marked`]; short (`GV4C+XV`, `GV4C+XV London`) is
/// [`Tier::Weak`].
fn plus_code(v: &str) -> Option<Tier> {
    let first = v.split_whitespace().next()?;
    // Most values hold no `+`: answered before the upper-case copy.
    if !first.contains('+') {
        return None;
    }
    let code = first.to_ascii_uppercase();
    let (head, tail) = code.split_once('+')?;
    let ok = |s: &str| s.chars().all(|c| PLUS.contains(c));
    if !ok(head) || !(tail.len() == 2 || tail.len() == 3) || !ok(tail) {
        return None;
    }
    let more = v.split_whitespace().count() > 1;
    match head.len() {
        8 if !more => {
            let at = |i: usize| head.chars().nth(i).and_then(|c| PLUS.find(c));
            (at(0)? < 9 && at(1)? < 18).then_some(Tier::Marked)
        }
        4 | 6 => Some(Tier::Weak),
        _ => None,
    }
}

/// A geohash of 7 to 12 characters (about 150 m or finer), lower case, with a digit and
/// a letter (`gcpvj0duq`).
fn geohash(v: &str) -> bool {
    const ALPHABET: &str = "0123456789bcdefghjkmnpqrstuvwxyz";
    (7..=12).contains(&v.len())
        && v.chars().all(|c| ALPHABET.contains(c))
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars().any(|c| c.is_ascii_lowercase())
}

/// Three words joined by dots (`filled.count.soap`): a what3words address.
fn three_words(s: &str) -> bool {
    // Two dots or no address: counted before the parts are collected.
    if s.bytes().filter(|&b| b == b'.').count() != 2 {
        return false;
    }
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| p.chars().count() >= 2 && p.chars().all(char::is_alphabetic))
}

/// Degrees, minutes and seconds with a hemisphere letter, twice (`51°30'26"N 0°7'39"W`).
fn is_dms(v: &str) -> bool {
    let marks = |c: char| matches!(c, '°' | '\'' | '"' | '′' | '″' | '’' | '”');
    let hemispheres = v
        .chars()
        .filter(|c| matches!(c.to_ascii_uppercase(), 'N' | 'S' | 'E' | 'W' | 'O'))
        .count();
    let degrees = v.matches('°').count();
    let only = v.chars().all(|c| {
        c.is_ascii_digit()
            || marks(c)
            || c == '.'
            || c == ','
            || c == ' '
            || matches!(c.to_ascii_uppercase(), 'N' | 'S' | 'E' | 'W' | 'O')
    });
    only && degrees == 2
        && hemispheres == 2
        && v.chars().filter(|c| marks(*c) && *c != '°').count() >= 2
}

#[path = "coords_link.rs"]
mod link;

#[path = "coords_gps.rs"]
mod gps;

#[cfg(test)]
#[path = "coords_tests.rs"]
mod tests;
