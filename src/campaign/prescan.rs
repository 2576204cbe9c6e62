//! The one scan of the contacts a campaign run makes before it walks the audience: the
//! sensitive values the consulted fields hold, for the checks of [`super::prepare`]
//! ([`HeldValues`]), and the refused addresses of the channel and the addresses of
//! known minors, for the walk ([`super::opt_outs`], [`super::minor_addresses`]).
//!
//! All must be complete before the first contact is decided: a check refuses the whole
//! campaign, and a refusal or a minor's age recorded on the last contact holds for the
//! first one with the same address. So none can join the walk. They were one full scan
//! of `contacts` each, beside the walk's own (issue 13: a preview read the 300 MB table
//! three times where the sqlite3 shell reads it once); one `SELECT` in `_id` order now
//! reads the columns of all. The minors' addresses need every contact's age fields,
//! but only when the workspace has an age field and an address field.

use rusqlite::{Connection, params_from_iter};

use super::minor_addresses::{MinorAddresses, MinorReader, other_channel};
use super::opt_outs::{AddressOptOuts, OptOutReader};
use crate::fields::held::{self, HeldValues};
use crate::fields::{Channel, Field};
use crate::workspace::records::ValueCounts;
use crate::workspace::{WorkspaceError, address_columns, indexes, quote_ident};

/// What the scan read.
#[derive(Debug)]
pub struct Prescan {
    /// The sensitive values held by the fields given ([`HeldValues::load`] would read
    /// the same).
    pub held: HeldValues,
    /// The refused addresses of the channel.
    pub opt_outs: AddressOptOuts,
    /// The channel addresses held by known minors.
    pub minors: MinorAddresses,
}

/// Read the held values of `held_fields`, the refused addresses of `channel` and the
/// addresses of the minors `minors` finds in one scan of the contacts (none when there
/// is nothing to read).
///
/// Errors: workspace errors (a stored value that is not UTF-8 text is one).
pub fn prescan(
    conn: &Connection,
    held_fields: &[Field],
    channel: Channel,
    mut minors: MinorReader,
) -> Result<Prescan, WorkspaceError> {
    let read = HeldValues::read(held_fields);
    // A field with a value index is read from it (a few seeks at 1,000,000 contacts);
    // only the others are counted by the scan.
    let mut indexed: Vec<Option<Vec<(String, u64)>>> = Vec::with_capacity(read.len());
    for (f, max) in &read {
        indexed.push(held::indexed_counts(conn, f, *max)?);
    }
    let scanned: Vec<(usize, &(&Field, u32))> = read
        .iter()
        .enumerate()
        .filter(|(i, _)| indexed[*i].is_none())
        .collect();
    let mut opt_outs = OptOutReader::new(conn, channel)?;
    let addresses = opt_outs.columns().len();
    // Without an address field no contact holds a minor's address.
    let ages = if addresses > 0 {
        minors.fields().len()
    } else {
        0
    };
    // A minor's addresses of the other channel too: a minor is one on every channel.
    let others = match ages {
        0 => Vec::new(),
        _ => address_columns::refusal_columns(conn, other_channel(minors.channel()))?,
    };
    let mut counts = ValueCounts::new(scanned.len());
    if addresses + scanned.len() > 0 {
        let consent = opt_outs.consent_column();
        let mut select = vec!["_id".to_string(), quote_ident(&consent)];
        select.extend(
            opt_outs
                .columns()
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", quote_ident(c))),
        );
        select.extend(
            scanned
                .iter()
                .enumerate()
                .map(|(i, (_, (f, _)))| ValueCounts::column(&f.name, i + 1)),
        );
        select.extend(minors.fields()[..ages].iter().map(|f| quote_ident(&f.name)));
        select.extend(
            others
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", quote_ident(c))),
        );
        // With no held values to count and no ages to read, only the refusers' rows
        // matter: SQLite reads them from the channel's partial index of refusers when
        // the workspace has one (`campaign::indexes`), else skips the others without
        // handing them over (most of a million, issue 13). In any order: among equal
        // refusals the first column, then contact, wins whatever the order read. A
        // minor's address needs every contact's ages, read in `_id` order.
        let tail = if scanned.is_empty() && ages == 0 {
            let refusals = super::indexes::refusals();
            format!(" WHERE {}", indexes::refusal_filter(&consent, &refusals)?)
        } else {
            " ORDER BY _id".to_string()
        };
        let sql = format!("SELECT {} FROM contacts{tail}", select.join(", "));
        let mut stmt = conn.prepare(&sql)?;
        let params = scanned.iter().map(|(_, (_, max))| *max);
        let mut rows = stmt.query(params_from_iter(params))?;
        let held_at = 2 + addresses;
        let ages_at = held_at + scanned.len();
        let others_at = ages_at + ages;
        while let Some(row) = rows.next()? {
            let refusal = OptOutReader::refusal(row.get_ref(1)?);
            let minor = ages > 0 && minors.is_minor(row, ages_at)?;
            if refusal.is_some() || minor {
                let id = row.get(0)?;
                for c in 0..addresses {
                    let value = row.get_ref(2 + c)?;
                    if let Some(state) = refusal {
                        opt_outs.add(id, state, c, value)?;
                    }
                    if minor {
                        minors.add(id, value)?;
                    }
                }
                if minor {
                    for c in 0..others.len() {
                        minors.add_other(id, row.get_ref(others_at + c)?)?;
                    }
                }
            }
            for i in 0..scanned.len() {
                counts.add(i, row.get_ref(held_at + i)?)?;
            }
        }
    }
    let mut scanned_counts = counts.finish().into_iter();
    let counts = indexed
        .into_iter()
        .map(|c| c.unwrap_or_else(|| scanned_counts.next().unwrap_or_default()))
        .collect();
    Ok(Prescan {
        held: HeldValues::from_counts(&read, counts),
        opt_outs: opt_outs.finish(),
        minors: minors.finish(),
    })
}
