//! The import report's word on e-mail values written with other text around the
//! address (a display name, `<…>`, quotes, `mailto:`, the rest of a link before or
//! after it: `ann@corp.com/`, `/ann@corp.com`) and on look-alike addresses (a part
//! mixing scripts, `ann@cоrp.com` with a Cyrillic `о`) in a column that ends up an
//! e-mail field.
//!
//! Such a value keys its contact, and meets the suppression list and refusals, by
//! the address inside ([`crate::fields::address::addresses_in`]), but no message goes
//! to it as written (`no_address`, [`crate::fields::address::sendable_email`]): the
//! user learned it only from the preview's count (new-user trial 9, L-N8w). A
//! look-alike in a second e-mail column keys nothing and is never sent to, and
//! refusals and the suppression list read it by its Latin reading; the report names
//! its lines so the user can mend them (trial 9, L-G18s; the key column rejects such
//! a row by line already). A value longer than RFC 5321 allows is no address at all
//! (`crate::fields::address_length`), and the report counts it the same way; so it
//! does a value hiding its address behind `(at)` or `[dot]` markers, read as the
//! address inside (`crate::fields::address_obfuscated`). Each
//! warning gives a count and the first lines. Memory: a
//! count and a few line numbers per column. Called by [`super::analyse`].

use super::analyse::Column;
use crate::fields::Role;
use crate::fields::address::{Unsendable, is_plain};

/// How many line numbers a warning quotes.
const LINES: usize = 3;

/// What one column held.
#[derive(Debug, Clone, Default)]
struct Seen {
    wrapped: u64,
    wrapped_lines: Vec<(u64, String)>,
    look_alike: u64,
    look_alike_lines: Vec<(u64, String)>,
    too_long: u64,
    too_long_lines: Vec<(u64, String)>,
    obfuscated: u64,
    obfuscated_lines: Vec<(u64, String)>,
}

/// Per column: how many values had text around their address, and how many were
/// look-alikes, with the first lines of each.
#[derive(Debug, Clone)]
pub struct AddressJunk {
    columns: Vec<Seen>,
}

impl AddressJunk {
    /// Nothing seen yet, for `width` columns.
    pub fn new(width: usize) -> Self {
        AddressJunk {
            columns: vec![Seen::default(); width],
        }
    }

    /// Note value `value` (cleaned, not blank) of column `i` on line `line`. Only a
    /// value with an `@` (or a non-ASCII one, which may write it full-width) that is
    /// not a plain address is read further.
    pub fn observe(&mut self, line: u64, i: usize, value: &str) {
        // `(at)` markers are looked for only in a value with no `@` (a bracket alone is
        // common in free text, and the full reading is slow).
        let hidden = || crate::fields::address_obfuscated::is_obfuscated(value);
        if (value.is_ascii() && !value.contains('@') && !hidden()) || is_plain(value) {
            return;
        }
        let Some(seen) = self.columns.get_mut(i) else {
            return;
        };
        let (count, lines) = match Unsendable::of(value) {
            Some(Unsendable::Wrapped(_) | Unsendable::Several(_)) => {
                (&mut seen.wrapped, &mut seen.wrapped_lines)
            }
            Some(Unsendable::LookAlike(_)) => (&mut seen.look_alike, &mut seen.look_alike_lines),
            Some(Unsendable::TooLong(_)) => (&mut seen.too_long, &mut seen.too_long_lines),
            Some(Unsendable::Obfuscated(_)) => (&mut seen.obfuscated, &mut seen.obfuscated_lines),
            _ => return,
        };
        *count += 1;
        if lines.len() < LINES {
            lines.push((line, value.to_string()));
        }
    }

    /// The warnings for the columns that are e-mail fields (`columns`, in file order).
    pub fn warnings(&self, columns: &[Column]) -> Vec<String> {
        let mut out = Vec::new();
        for (seen, column) in self.columns.iter().zip(columns) {
            if column.field.role != Role::Email {
                continue;
            }
            let header = &column.header;
            if seen.wrapped > 0 {
                out.push(format!(
                    "{n} value{s} in `{header}` {be} no plain address: {they} the address inside other text (a name, `<…>`, quotes, `mailto:`, or a link's rest before or after it) or several addresses: {lines}; each keys its contact and meets the suppression list and refusals by the address inside, but no message goes to a value written so (excluded as `no_address`): write one address plain",
                    n = seen.wrapped,
                    s = plural(seen.wrapped),
                    be = if seen.wrapped == 1 { "is" } else { "are" },
                    they = if seen.wrapped == 1 { "it holds" } else { "they hold" },
                    lines = examples(&seen.wrapped_lines, seen.wrapped),
                ));
            }
            if seen.look_alike > 0 {
                out.push(format!(
                    "{n} value{s} in `{header}` mix{v} letters of two scripts in one part of an address (a look-alike of another address, UTS #39): {lines}; no message goes to such a value, and the suppression list and refusals hold for its Latin reading: write it in one script",
                    n = seen.look_alike,
                    s = plural(seen.look_alike),
                    v = if seen.look_alike == 1 { "es" } else { "" },
                    lines = examples(&seen.look_alike_lines, seen.look_alike),
                ));
            }
            if seen.obfuscated > 0 {
                out.push(format!(
                    "{n} value{s} in `{header}` write{v} the address with `(at)` or `[dot]` markers: {lines}; each is read as the address it hides (`ann(at)example.com` as `ann@example.com`) for the contact key, the suppression list and refusals, but no message goes to a value written so (excluded as `no_address`): write it plain",
                    n = seen.obfuscated,
                    s = plural(seen.obfuscated),
                    v = if seen.obfuscated == 1 { "s" } else { "" },
                    lines = examples(&seen.obfuscated_lines, seen.obfuscated),
                ));
            }
            if seen.too_long > 0 {
                out.push(format!(
                    "{n} value{s} in `{header}` {be} longer than an e-mail address may be (RFC 5321 §4.5.3.1: a local part of at most 64 octets, a domain of at most 255, an address of at most 254): {lines}; such a value is no address: no message goes to it (excluded as `no_address`), it keys no contact (a row keyed by it is keyed by its phone number, or rejected) and meets no suppression: mend it",
                    n = seen.too_long,
                    s = plural(seen.too_long),
                    be = if seen.too_long == 1 { "is" } else { "are" },
                    lines = examples(&seen.too_long_lines, seen.too_long),
                ));
            }
        }
        out
    }
}

/// `line 2: `ann@corp.com/`, line 5: …` and ` and N more` past the quoted lines.
fn examples(lines: &[(u64, String)], total: u64) -> String {
    let shown: Vec<String> = lines
        .iter()
        .map(|(line, value)| format!("line {line}: `{}`", crate::text::shorten(value, 60)))
        .collect();
    let more = total.saturating_sub(lines.len() as u64);
    match more {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
