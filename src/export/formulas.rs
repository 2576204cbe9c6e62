//! Formula-like cells in an export, found and neutralised or refused: the one place
//! every profile's cells pass through before they are written.
//!
//! Nothing reaches an exported CSV as a live formula (PRODUCT.md; OWASP "CSV
//! Injection"); what counts as formula-like is [`is_formula_like`] (see
//! `export::cells`). The spreadsheet profile is read by a person in a spreadsheet
//! program, so its formula-like cells always get a `'` in front, a phone number
//! starting with `+` included (BR-22, BR-24: `'+447700900123`, which the spreadsheet
//! neither runs nor turns into a number). A sending platform delivers a cell as it
//! is, so quoting it silently would change what the person receives (`'=Ana`); every
//! other profile therefore refuses such cells, naming the contacts and columns, and
//! writes them with a `'` in front only when the user asks (`--neutralise-formulas`).
//! The E.164 numbers an SMS export writes in its phone column are exempt there
//! ([`is_e164`]): they are the address the platform sends to, and no platform reads
//! them as formulas. Either way [`Layout::formulas`] changes each cell itself and
//! returns one [`FormulaCell`] per changed cell, so the manifest's
//! `formulas_neutralised` is the count of exactly the cells that were quoted, in every
//! data file (a split copies cells without changing them). Before that, every text
//! cell (each listmonk attribute too) loses the control and bidi override characters
//! that would disguise it or reach a terminal ([`Cell::clean`]).
//!
//! Formula-like also means a sign after a place a spreadsheet may split the cell
//! (trial 8, M6: Excel in `;` locales reads `Bath;+1+1` as `Bath` and `+1+1`): after
//! `,` `;` TAB CR LF in the spreadsheet profile, after `;` and TAB in the others
//! (`export::cells::SHEET_SEPARATORS`, `DATA_SEPARATORS`); the quote then goes right
//! after the separator, and the cell counts once.

use serde_json::{Map, Value as Json};

#[cfg(doc)]
use super::ExportPlan;
use super::cells::{
    Cell, DATA_SEPARATORS, FormulaCell, SHEET_SEPARATORS, is_e164, is_formula_like_in,
};
use super::columns::Layout;
use super::profile::Platform;
use crate::fields::Channel;

/// Most contacts a refusal names (the count says how many more).
pub const NAMED: usize = 20;

impl Layout {
    /// The formula-like cells of one recipient's `cells` (from [`Layout::cells`]), for
    /// contact `key`; when `neutralise` ([`ExportPlan::neutralises`]: always for the
    /// spreadsheet profile), each gets a single quote in front ([`Cell::neutralise`]).
    /// listmonk's `attributes` cell is read value by value. An SMS campaign's E.164
    /// phone column is left as it is in every profile but spreadsheet.
    pub fn formulas(
        &self,
        key: &str,
        cells: &mut [Cell<'static>],
        neutralise: bool,
    ) -> Vec<FormulaCell> {
        let mut found = Vec::new();
        let mut hit = |column: &str| {
            found.push(FormulaCell {
                key: key.to_string(),
                column: column.to_string(),
            })
        };
        let listmonk = self.profile.platform() == Some(Platform::Listmonk);
        let phones_exempt = self.channel == Channel::Sms && !self.profile.neutralises();
        // Where a cell may be split by a spreadsheet (`export::cells`): everywhere a
        // person opens the file, at `;` and TAB in a file for a platform.
        let seps = if self.profile.neutralises() {
            SHEET_SEPARATORS
        } else {
            DATA_SEPARATORS
        };
        for (i, cell) in cells.iter_mut().enumerate() {
            if listmonk && i == 1 {
                let Cell::Text(text) = cell else {
                    continue;
                };
                let Ok(Json::Object(attrs)) = serde_json::from_str::<Json>(text) else {
                    continue;
                };
                let mut out = Map::new();
                let mut changed = false;
                for (name, value) in attrs {
                    let value = match value {
                        Json::String(s) => {
                            let mut value = Cell::text(s);
                            changed |= value.clean();
                            if formula(&mut value, neutralise, seps) {
                                hit(&format!("attributes.{name}"));
                            }
                            Json::String(value.as_str().to_string())
                        }
                        other => other,
                    };
                    out.insert(name, value);
                }
                if neutralise || changed {
                    *cell = Cell::text(Json::Object(out).to_string());
                }
                continue;
            }
            // Cleaned first: `\u{202E}=1+1` is a formula once the override is gone.
            cell.clean();
            if i == 0 && phones_exempt && matches!(cell, Cell::Text(text) if is_e164(text)) {
                continue;
            }
            if formula(cell, neutralise, seps) {
                hit(self.header.get(i).map_or("?", String::as_str));
            }
        }
        found
    }
}

/// Whether `cell` is formula-like text at its start or after one of `seps`; when
/// `neutralise`, it is neutralised too.
fn formula(cell: &mut Cell<'_>, neutralise: bool, seps: &[char]) -> bool {
    if neutralise {
        cell.neutralise(seps)
    } else {
        matches!(cell, Cell::Text(text) if is_formula_like_in(text, seps))
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
    let (cells, start, have, them) = if found.len() == 1 {
        ("1 cell".to_string(), "starts", "has", "it")
    } else {
        (format!("{} cells", found.len()), "start", "have", "them")
    };
    format!(
        "formula_value: {cells} {start} with = + - @ TAB or CR (or their full-width forms), or {have} one of = + - @ after a ; or TAB (where a spreadsheet splits cells), and a spreadsheet would run {them} as formulas; columns {}; contacts {named}{more}. Fix the values in the source and import them again, or add --neutralise-formulas to write {them} with a ' in front (the recipient then sees the quote; the manifest records it)",
        columns.join(", ")
    )
}
