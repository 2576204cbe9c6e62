//! The addresses an import batch replaced: for each contact the batch updated, each
//! e-mail column, and each phone field's E.164 column, whose value before the batch
//! (its before-image, `batch_changes`) differs from the value now. Read by
//! `import::moved_off_list` to say when a re-import moves a contact off an address on
//! the suppression list (new-user trial 6, G21; trial 9, F-G21p for phone numbers).
//! Numbers compare in E.164 (`workspace::phones`), so a number written another way
//! (`07700 900001` for `+447700900001`) is no move. Owns only this query.

use rusqlite::Connection;

use super::{WorkspaceError, address_columns, quote_ident};

/// One address a batch replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplacedEmail {
    /// `email` (an e-mail column's value as stored) or `phone` (an E.164 number).
    pub kind: &'static str,
    /// The contact's key now.
    pub key: String,
    /// The value before the batch, as stored (not blank).
    pub before: String,
    /// The value now, as stored; empty when the batch blanked it.
    pub now: String,
}

/// Every e-mail value batch `batch` replaced, by contact then column, in contact
/// order, then every phone number (E.164) it replaced, the same way. A number column
/// whose value now is empty text (a value that is no number) counts as blank.
///
/// Errors: workspace errors.
pub fn replaced_emails(
    conn: &Connection,
    batch: i64,
) -> Result<Vec<ReplacedEmail>, WorkspaceError> {
    let mut out = Vec::new();
    for column in address_columns::email_columns(conn)? {
        replaced_in(conn, batch, ("email", &column), &mut out)?;
    }
    for column in address_columns::number_columns(conn)? {
        replaced_in(conn, batch, ("phone", &column), &mut out)?;
    }
    Ok(out)
}

/// The values of `column` batch `batch` replaced, pushed to `out` as `kind`.
fn replaced_in(
    conn: &Connection,
    batch: i64,
    (kind, column): (&'static str, &str),
    out: &mut Vec<ReplacedEmail>,
) -> Result<(), WorkspaceError> {
    // The image is a JSON object keyed by column name (`contacts::Writer`).
    let sql = format!(
        "SELECT c._key, CAST(json_extract(b.before, ?2) AS TEXT), CAST(c.{col} AS TEXT)
         FROM batch_changes b JOIN contacts c ON c._id = b.contact_id
         WHERE b.batch_id = ?1 AND json_extract(b.before, ?2) IS NOT NULL
           AND CAST(json_extract(b.before, ?2) AS TEXT) IS NOT CAST(c.{col} AS TEXT)
         ORDER BY c._id",
        col = quote_ident(column)
    );
    let path = format!("$.\"{}\"", column.replace('"', ""));
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map(rusqlite::params![batch, path], |r| {
        Ok(ReplacedEmail {
            kind,
            key: r.get(0)?,
            before: r.get(1)?,
            now: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        })
    })?;
    for row in rows {
        let row = row?;
        if !row.before.trim().is_empty() && row.before.trim() != row.now.trim() {
            out.push(row);
        }
    }
    Ok(())
}
