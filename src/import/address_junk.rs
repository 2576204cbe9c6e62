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
//! a row by line already). Both warnings give a count and the first lines. Memory: a
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
        if (value.is_ascii() && !value.contains('@')) || is_plain(value) {
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
