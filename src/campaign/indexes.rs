//! Which indexes the saved campaigns need, kept in step with them: a value index on
//! each field whose held sensitive values a campaign's checks consult, and on each tags
//! field when tags are the workspace's only age fields (the known minors are read from
//! it), and a partial index of the refusers of each channel a campaign sends on
//! (`workspace::indexes`).
//!
//! With them the scan before the walk ([`super::prescan`]) reads only indexes, and the
//! walk is a preview's one read of the table, as the sqlite3 shell's is (issue 13).
//! SQLite keeps them current in every write, so nothing read from them can be stale.
//! Refreshed in the transaction that saves or deletes a campaign
//! ([`super::store::save`], [`super::store::delete`]): building one costs about 1.5 s
//! at 1,000,000 contacts, once; every later import and undo pays a little per row
//! written. A field or channel no saved campaign uses loses its index. A segment edited
//! afterwards to use another field only costs that field a read of the table until
//! the next save: the prescan reads whatever has no index from the table.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::{Campaign, prepare, store};
use crate::fields::held::HeldValues;
use crate::fields::{Channel, ConsentState, Role};
use crate::workspace::{WorkspaceError, address_columns, fields as field_store, indexes};

/// The refusal states, as the prescan's query names them.
pub fn refusals() -> Vec<&'static str> {
    ConsentState::ALL
        .into_iter()
        .filter(|s| s.is_refusal())
        .map(ConsentState::as_str)
        .collect()
}

/// Create the indexes the saved campaigns need and drop the ones none needs.
///
/// Errors: workspace errors (an index is created on a column that no longer exists).
pub fn refresh(conn: &Connection) -> Result<(), WorkspaceError> {
    let fields = field_store::list(conn)?;
    let today = chrono::Local::now().date_naive();
    let mut consulted: BTreeSet<String> = BTreeSet::new();
    let mut channels: BTreeSet<&str> = BTreeSet::new();
    for name in store::names(conn)? {
        let Some(campaign) = store::load(conn, &name)? else {
            continue;
        };
        channels.insert(campaign.channel.as_str());
        consulted.extend(consulted_by(conn, &fields, &campaign, today));
    }
    let mut wanted: BTreeSet<String> = HeldValues::read(&fields)
        .into_iter()
        .map(|(f, _)| f.name.clone())
        .filter(|name| consulted.contains(name))
        .collect();
    // Tags name age groups (`teen`, `u16`): when they are the only age fields, the
    // known minors are found from their value indexes (`super::prescan`).
    let ages = super::age::age_fields(&fields);
    if !channels.is_empty() && ages.iter().all(|f| f.role == Role::Tags) {
        wanted.extend(ages.into_iter().map(|f| f.name));
    }
    for name in indexes::value_indexed(conn)? {
        if !wanted.contains(&name) {
            indexes::drop_value_index(conn, &name)?;
        }
    }
    for name in &wanted {
        indexes::ensure_value_index(conn, name)?;
    }
    for channel in Channel::ALL {
        let consent = format!("_consent_{}", channel.as_str());
        let columns = address_columns::refusal_columns(conn, channel)?;
        if channels.contains(channel.as_str()) && !columns.is_empty() {
            indexes::ensure_refusers_index(conn, &consent, &refusals(), &columns)?;
        } else {
            indexes::drop_refusers_index(conn, &consent)?;
        }
    }
    Ok(())
}

/// The fields `campaign`'s checks consult ([`prepare::consulted_fields`]); none when an
/// entry does not check (its preview fails until it is fixed and saved again).
fn consulted_by(
    conn: &Connection,
    fields: &[crate::fields::Field],
    campaign: &Campaign,
    today: chrono::NaiveDate,
) -> BTreeSet<String> {
    prepare::consulted_fields(conn, fields, campaign, campaign.as_of_or(today)).unwrap_or_default()
}
