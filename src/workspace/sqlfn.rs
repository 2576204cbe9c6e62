//! SQL functions tactful registers on every connection, for the segment compiler.
//!
//! SQLite's own `lower()`, `LIKE` and `COLLATE NOCASE` fold ASCII only, so `ÄRGER` would
//! not equal `ärger`. These functions compare Unicode text ignoring case and edge
//! whitespace, and match whole tags in list fields (items joined by `", "`). They are
//! deterministic (same inputs, same answer; SQLITE_DETERMINISTIC lets SQLite factor them
//! out) and take a fast path when both sides are ASCII. Each returns NULL when its first
//! argument (the contact's value) is NULL, like SQLite's own comparisons.
//!
//! Non-ASCII text is compared in Unicode NFC on both sides (a value imported decomposed
//! before import normalised it, `Zu\u{308}rich`, equals a typed `Zürich`), then
//! case-folded. Case folding here is per character: `char::to_lowercase`, with final sigma `ς`
//! folded to `σ` so `ΟΔΟΣ` equals `οδος` (Unicode CaseFolding.txt folds both to σ).

use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::Value as SqlValue;

use crate::fields::money::MoneySum;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Result};
use unicode_normalization::UnicodeNormalization;

/// Register the functions on `conn`: `tactful_eq_ci(value, text)`,
/// `tactful_contains_ci`, `tactful_starts_ci`, `tactful_ends_ci` (same arguments),
/// `tactful_has_tag(list, tag)`, `tactful_blank(text)` (NULL or whitespace only) and
/// `tactful_no_tags(list)` (NULL or no non-blank item); all return 0 or 1.
pub fn register(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    let pairs: [(&str, TextTest); 4] = [
        ("tactful_eq_ci", eq_ci),
        ("tactful_contains_ci", contains_ci),
        ("tactful_starts_ci", starts_ci),
        ("tactful_ends_ci", ends_ci),
    ];
    for (name, f) in pairs {
        conn.create_scalar_function(name, 2, flags, move |ctx| Ok(apply2(ctx, f)))?;
    }
    conn.create_scalar_function("tactful_has_tag", 2, flags, |ctx| Ok(has_tag_sql(ctx)))?;
    conn.create_scalar_function("tactful_blank", 1, flags, |ctx| {
        Ok(text_arg(ctx, 0).is_none_or(|s| s.trim().is_empty()))
    })?;
    conn.create_scalar_function("tactful_no_tags", 1, flags, |ctx| {
        Ok(text_arg(ctx, 0).is_none_or(|s| s.split(',').all(|t| t.trim().is_empty())))
    })?;
    conn.create_aggregate_function("tactful_money_sum", 1, flags, MoneySumFn)?;
    Ok(())
}

/// `tactful_money_sum(amount)`: SQLite's `sum` with decimal arithmetic
/// ([`MoneySum`]): NULL when no amount is there, an integer when every amount is one,
/// else the REAL nearest the exact decimal total (`0.1 + 0.2` is `0.3`). Text and
/// blobs are skipped.
struct MoneySumFn;

impl Aggregate<MoneySum, SqlValue> for MoneySumFn {
    fn init(&self, _: &mut Context<'_>) -> Result<MoneySum> {
        Ok(MoneySum::default())
    }

    fn step(&self, ctx: &mut Context<'_>, sum: &mut MoneySum) -> Result<()> {
        match ctx.get_raw(0) {
            ValueRef::Integer(i) => sum.add_integer(i),
            ValueRef::Real(r) => sum.add(r),
            _ => {}
        }
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, sum: Option<MoneySum>) -> Result<SqlValue> {
        Ok(match sum {
            Some(s) if s.count == 0 => SqlValue::Null,
            Some(s) if s.integers_only => SqlValue::Integer(s.value() as i64),
            Some(s) => SqlValue::Real(s.value()),
            None => SqlValue::Null,
        })
    }
}

/// A test of a contact's text against a rule's text.
type TextTest = fn(&str, &str) -> bool;

fn text_arg<'a>(ctx: &'a Context<'_>, i: usize) -> Option<&'a str> {
    match ctx.get_raw(i) {
        ValueRef::Text(b) => std::str::from_utf8(b).ok(),
        _ => None,
    }
}

fn apply2(ctx: &Context<'_>, f: fn(&str, &str) -> bool) -> Option<bool> {
    match ctx.get_raw(0) {
        ValueRef::Null => None,
        ValueRef::Text(b) => {
            let value = std::str::from_utf8(b).ok()?;
            Some(text_arg(ctx, 1).is_some_and(|pattern| f(value, pattern)))
        }
        _ => Some(false),
    }
}

/// `tactful_has_tag(list, tag)` as [`apply2`] with [`has_tag`] answers it: NULL for a
/// NULL list or one that is not UTF-8, false when the list is no text or the tag is not
/// UTF-8 text. ASCII bytes are UTF-8 already, so an ASCII list and tag (the usual case:
/// a rule runs this on every contact, issue 13) go to [`has_tag_ascii`] without the
/// UTF-8 check of the whole list.
fn has_tag_sql(ctx: &Context<'_>) -> Option<bool> {
    match ctx.get_raw(0) {
        ValueRef::Null => None,
        ValueRef::Text(list) => match ctx.get_raw(1) {
            ValueRef::Text(tag) if list.is_ascii() && tag.is_ascii() => {
                Some(has_tag_ascii(list, tag))
            }
            _ => {
                let list = std::str::from_utf8(list).ok()?;
                Some(text_arg(ctx, 1).is_some_and(|tag| has_tag(list, tag)))
            }
        },
        _ => Some(false),
    }
}

/// [`has_tag`] of an ASCII `list` and `tag`, byte by byte: items split at `,`, each and
/// the tag trimmed of the whitespace `str::trim` trims in ASCII (tab, line feed,
/// vertical tab, form feed, carriage return, space), compared ignoring ASCII case.
fn has_tag_ascii(list: &[u8], tag: &[u8]) -> bool {
    let tag = trim_ascii(tag);
    list.split(|&b| b == b',')
        .any(|item| trim_ascii(item).eq_ignore_ascii_case(tag))
}

/// `bytes` without leading and trailing ASCII whitespace as `char::is_whitespace` has
/// it (`u8::is_ascii_whitespace` leaves out the vertical tab).
fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// One character, case-folded (see the module notes on final sigma).
fn fold(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// `s` in NFC, case-folded.
fn folding(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().nfc().flat_map(fold)
}

fn folded(s: &str) -> String {
    folding(s).collect()
}

/// `a` equals `b`, ignoring case and edge whitespace.
pub fn eq_ci(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        folding(a).eq(folding(b))
    }
}

/// `hay` contains `needle`, ignoring case and edge whitespace.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.trim(), needle.trim());
    if hay.is_ascii() && needle.is_ascii() {
        let n = needle.as_bytes();
        n.is_empty()
            || hay
                .as_bytes()
                .windows(n.len())
                .any(|w| w.eq_ignore_ascii_case(n))
    } else {
        folded(hay).contains(&folded(needle))
    }
}

/// `hay` starts with `prefix`, ignoring case and edge whitespace.
pub fn starts_ci(hay: &str, prefix: &str) -> bool {
    let (hay, prefix) = (hay.trim(), prefix.trim());
    if hay.is_ascii() && prefix.is_ascii() {
        hay.len() >= prefix.len()
            && hay.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    } else {
        let mut h = folding(hay);
        folding(prefix).all(|c| h.next() == Some(c))
    }
}

/// `hay` ends with `suffix`, ignoring case and edge whitespace.
pub fn ends_ci(hay: &str, suffix: &str) -> bool {
    let (hay, suffix) = (hay.trim(), suffix.trim());
    if hay.is_ascii() && suffix.is_ascii() {
        hay.len() >= suffix.len()
            && hay.as_bytes()[hay.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    } else {
        folded(hay).ends_with(&folded(suffix))
    }
}

/// The list (items joined by `,`) holds `tag` as a whole item, ignoring case and the
/// whitespace around items.
pub fn has_tag(list: &str, tag: &str) -> bool {
    // A rule runs this on every contact (issue 13): ASCII text, the usual case, is
    // checked once for the whole list and compared without folding, as `eq_ci` would.
    if list.is_ascii() && tag.is_ascii() {
        return has_tag_ascii(list.as_bytes(), tag.as_bytes());
    }
    list.split(',').any(|item| eq_ci(item, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_case_and_edge_whitespace_are_ignored() {
        assert!(eq_ci("ÄRGER", "ärger"));
        assert!(eq_ci("  Berlin ", "berlin"));
        assert!(eq_ci("ΟΔΟΣ", "οδος"));
        assert!(!eq_ci("Berlin", "Berli"));
        assert!(contains_ci("Großhandel Ärger", "ärg"));
        assert!(contains_ci("Wholesale buyer", "SALE"));
        assert!(!contains_ci("sale", "wholesale"));
        assert!(starts_ci("Ärger", "ä"));
        assert!(starts_ci(" Anna", "a"));
        assert!(!starts_ci("Bea", "a"));
        assert!(ends_ci("ana@EXAMPLE.com", "@example.com"));
        assert!(ends_ci("ÉCOLE", "ole"));
        assert!(!ends_ci("le", "ole"));
        // NFD on one side, NFC on the other (trial 4, N12).
        assert!(eq_ci("Zu\u{308}rich", "ZÜRICH"));
        assert!(contains_ci("Zu\u{308}rich", "ürich"));
        assert!(starts_ci("U\u{308}ber", "üb"));
        assert!(ends_ci("cafe\u{301}", "É"));
        assert!(has_tag("vip, cafe\u{301}", "café"));
    }

    #[test]
    fn tags_match_whole_items_only() {
        assert!(has_tag("vip, gold", "VIP"));
        assert!(has_tag("vip, gold", " gold "));
        assert!(!has_tag("vipers, gold", "vip"));
        assert!(!has_tag("", "vip"));
        assert!(has_tag("Ärger,x", "ärger"));
    }

    /// The byte path answers as `str`'s split and trim do, whitespace of every ASCII
    /// kind `str::trim` trims included (`\x0b`, the vertical tab, which
    /// `u8::is_ascii_whitespace` leaves out), and `\x1c`, which it keeps.
    #[test]
    fn the_ascii_tag_path_answers_as_the_text_path() {
        let by_str = |list: &str, tag: &str| {
            let tag = tag.trim();
            list.split(',')
                .any(|item| item.trim().eq_ignore_ascii_case(tag))
        };
        let lists = [
            "",
            ",",
            "vip",
            " VIP ",
            "a,vip",
            "a, vip,b",
            "vipers, gold",
            "\x0bvip\x0c",
            "\tvip\r\n",
            "\x1cvip",
            "vip\x1c",
            " , ,",
            "v ip",
            ",,vip,,",
            "gold, Vip ",
        ];
        let tags = [
            "vip", " vip ", "VIP", "\x0bvip", "\x1cvip", "", " ", "v ip", "gold",
        ];
        for list in lists {
            for tag in tags {
                assert_eq!(
                    has_tag_ascii(list.as_bytes(), tag.as_bytes()),
                    by_str(list, tag),
                    "{list:?} {tag:?}"
                );
            }
        }
    }

    #[test]
    fn functions_answer_in_sql_and_keep_null() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let row: (Option<bool>, bool, bool, bool, bool) = conn
            .query_row(
                "SELECT tactful_eq_ci(NULL, 'x'), tactful_eq_ci('ÄRGER', 'ärger'),
                        tactful_has_tag('a, b', 'B'), tactful_blank(' \u{a0} '), tactful_no_tags(' , ')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(row, (None, true, true, true, true));
        // Tags: NULL for a NULL list, false for a list that is no text or a tag that is
        // none; non-ASCII on either side goes the Unicode way.
        let tags: (Option<bool>, bool, bool, bool, bool) = conn
            .query_row(
                "SELECT tactful_has_tag(NULL, 'x'), tactful_has_tag(12, '12'),
                        tactful_has_tag('a, b', NULL), tactful_has_tag('x, ÄRGER', 'ärger'),
                        tactful_has_tag('a, b ', ' B')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(tags, (None, false, false, true, true));
        let sums: (f64, i64, Option<f64>) = conn
            .query_row(
                "SELECT (SELECT tactful_money_sum(x) FROM (SELECT 10.10 x UNION ALL SELECT 20.20)),
                        (SELECT tactful_money_sum(x) FROM (SELECT 3 x UNION ALL SELECT 4)),
                        (SELECT tactful_money_sum(x) FROM (SELECT NULL x))",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(sums, (30.3, 7, None));
    }
}
