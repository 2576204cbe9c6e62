//! Formula-like text in the cells of exports that write cells exactly (every profile
//! but spreadsheet): found, then refused or neutralised.
//!
//! Nothing reaches an exported CSV as a live formula (PRODUCT.md; OWASP "CSV
//! Injection"). A sending platform delivers a cell as it is, so quoting it silently
//! would change what the person receives (`'=Ana`); the export therefore refuses such
//! cells, naming the contacts and columns, and writes them with a `'` in front only
//! when the user asks (`--neutralise-formulas`), which the manifest records. What
//! counts as formula-like is [`is_formula_like`] (after cleaning: leading whitespace
//! and invisible characters skipped). Number cells and the E.164 numbers an SMS export
//! writes in its phone column are exempt: they are the data, and no platform reads
//! them as formulas.

use serde_json::{Map, Value as Json};

use super::cells::{Cell, FormulaCell, is_e164, is_formula_like};
use super::columns::Layout;
use super::profile::Platform;
use crate::fields::Channel;

/// Most contacts a refusal names (the count says how many more).
pub const NAMED: usize = 20;

impl Layout {
    /// The formula-like text cells of one recipient's `cells` (from [`Layout::cells`]),
    /// for contact `key`; when `neutralise`, each gets a single quote in front.
    /// listmonk's `attributes` cell is read value by value. Nothing is found for the
    /// spreadsheet profile, which neutralises every cell itself.
    pub fn formulas(
        &self,
        key: &str,
        cells: &mut [Cell<'static>],
        neutralise: bool,
    ) -> Vec<FormulaCell> {
        let mut found = Vec::new();
        if self.profile.neutralises() {
            return found;
        }
        let mut hit = |column: &str| {
            found.push(FormulaCell {
                key: key.to_string(),
                column: column.to_string(),
            })
        };
        let listmonk = self.profile.platform() == Some(Platform::Listmonk);
        for (i, cell) in cells.iter_mut().enumerate() {
            let Cell::Text(text) = cell else {
                continue;
            };
            if listmonk && i == 1 {
                let Ok(Json::Object(attrs)) = serde_json::from_str::<Json>(text) else {
                    continue;
                };
                let mut out = Map::new();
                for (name, value) in attrs {
                    let value = match value {
                        Json::String(s) if is_formula_like(&s) => {
                            hit(&format!("attributes.{name}"));
                            Json::String(if neutralise { format!("'{s}") } else { s })
                        }
                        other => other,
                    };
                    out.insert(name, value);
                }
                if neutralise {
                    *cell = Cell::text(Json::Object(out).to_string());
                }
                continue;
            }
            let phone = i == 0 && self.channel == Channel::Sms && is_e164(text);
            if phone || !is_formula_like(text) {
                continue;
            }
            hit(self.header.get(i).map_or("?", String::as_str));
            if neutralise {
                *cell = Cell::text(format!("'{text}"));
            }
        }
        found
    }
}

/// The refusal for `found` formula-like cells: how many, in which columns, which
/// contacts (the first [`NAMED`]), and the two ways out.
pub fn refusal(found: &[FormulaCell]) -> String {
    let mut columns: Vec<&str> = found.iter().map(|f| f.column.as_str()).collect();
    columns.sort_unstable();
    columns.dedup();
    let mut keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
    keys.dedup();
    let more = keys.len().saturating_sub(NAMED);
    let named = keys
        .iter()
        .take(NAMED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "formula_value: {} cell(s) start with = + - @ TAB or CR (or their full-width forms) and a spreadsheet would run them as formulas; columns {}; contacts {named}{more}. Fix the values in the source and import them again, or add --neutralise-formulas to write them with a ' in front (the recipient then sees the quote; the manifest records it)",
        found.len(),
        columns.join(", ")
    )
}
