//! The one scan of the contacts a campaign run makes before it walks the audience: the
//! sensitive values the consulted fields hold, for the checks of [`super::prepare`]
//! ([`HeldValues`]), and the refused addresses of the channel, for the walk
//! ([`super::opt_outs`]).
//!
//! Both must be complete before the first contact is decided: a check refuses the whole
//! campaign, and a refusal recorded on the last contact holds for the first one with
//! the same address. So neither can join the walk. They were one full scan of
//! `contacts` each, beside the walk's own (issue 13: a preview read the 300 MB table
//! three times where the sqlite3 shell reads it once); one `SELECT` in `_id` order now
//! reads the columns of both.

use rusqlite::{Connection, params_from_iter};

use super::opt_outs::{AddressOptOuts, OptOutReader};
use crate::fields::held::HeldValues;
use crate::fields::{Channel, ConsentState, Field};
use crate::workspace::records::ValueCounts;
use crate::workspace::{WorkspaceError, quote_ident};

/// What the scan read.
#[derive(Debug)]
pub struct Prescan {
    /// The sensitive values held by the fields given ([`HeldValues::load`] would read
    /// the same).
    pub held: HeldValues,
    /// The refused addresses of the channel.
    pub opt_outs: AddressOptOuts,
}

/// Read the held values of `held_fields` and the refused addresses of `channel` in one
/// scan of the contacts (none when there is nothing to read).
///
/// Errors: workspace errors (a stored value that is not UTF-8 text is one).
pub fn prescan(
    conn: &Connection,
    held_fields: &[Field],
    channel: Channel,
) -> Result<Prescan, WorkspaceError> {
    let read = HeldValues::read(held_fields);
    let mut opt_outs = OptOutReader::new(conn, channel)?;
    let addresses = opt_outs.columns().len();
    let mut counts = ValueCounts::new(read.len());
    if addresses + read.len() > 0 {
        let mut select = vec!["_id".to_string(), quote_ident(&opt_outs.consent_column())];
        select.extend(
            opt_outs
                .columns()
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", quote_ident(c))),
        );
        select.extend(
            read.iter()
                .enumerate()
                .map(|(i, (f, _))| ValueCounts::column(&f.name, i + 1)),
        );
        // With no held values to count, only the refusers' rows matter: SQLite skips the
        // others without handing them over (most of a million, issue 13).
        let refusals: Vec<&str> = if read.is_empty() {
            ConsentState::ALL
                .into_iter()
                .filter(|s| s.is_refusal())
                .map(ConsentState::as_str)
                .collect()
        } else {
            Vec::new()
        };
        let only_refusers = if refusals.is_empty() {
            String::new()
        } else {
            format!(
                " WHERE {} IN ({})",
                quote_ident(&opt_outs.consent_column()),
                vec!["?"; refusals.len()].join(", ")
            )
        };
        let sql = format!(
            "SELECT {} FROM contacts{only_refusers} ORDER BY _id",
            select.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let params = read
            .iter()
            .map(|(_, max)| rusqlite::types::Value::from(*max))
            .chain(
                refusals
                    .iter()
                    .map(|s| rusqlite::types::Value::from(s.to_string())),
            );
        let mut rows = stmt.query(params_from_iter(params))?;
        let held_at = 2 + addresses;
        while let Some(row) = rows.next()? {
            if let Some(state) = OptOutReader::refusal(row.get_ref(1)?) {
                let id = row.get(0)?;
                for c in 0..addresses {
                    opt_outs.add(id, state, c, row.get_ref(2 + c)?)?;
                }
            }
            for i in 0..read.len() {
                counts.add(i, row.get_ref(held_at + i)?)?;
            }
        }
    }
    Ok(Prescan {
        held: HeldValues::from_counts(&read, counts.finish()),
        opt_outs: opt_outs.finish(),
    })
}
