//! The e-mail addresses an import batch replaced: for each contact the batch updated,
//! each e-mail column whose value before the batch (its before-image,
//! `batch_changes`) differs from the value now. Read by `import::moved_off_list` to
//! say when a re-import moves a contact off an address on the suppression list
//! (new-user trial 6, G21). Owns only this query.

use rusqlite::Connection;

use super::{WorkspaceError, address_columns, quote_ident};

/// One e-mail value a batch replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplacedEmail {
    /// The contact's key now.
    pub key: String,
    /// The value before the batch, as stored (not blank).
    pub before: String,
    /// The value now, as stored; empty when the batch blanked it.
    pub now: String,
}

/// Every e-mail value batch `batch` replaced, by contact then column, in contact
/// order.
///
/// Errors: workspace errors.
pub fn replaced_emails(
    conn: &Connection,
    batch: i64,
) -> Result<Vec<ReplacedEmail>, WorkspaceError> {
    let mut out = Vec::new();
    for column in address_columns::email_columns(conn)? {
        // The image is a JSON object keyed by column name (`contacts::Writer`).
        let sql = format!(
            "SELECT c._key, CAST(json_extract(b.before, ?2) AS TEXT), CAST(c.{col} AS TEXT)
             FROM batch_changes b JOIN contacts c ON c._id = b.contact_id
             WHERE b.batch_id = ?1 AND json_extract(b.before, ?2) IS NOT NULL
               AND CAST(json_extract(b.before, ?2) AS TEXT) IS NOT CAST(c.{col} AS TEXT)
             ORDER BY c._id",
            col = quote_ident(&column)
        );
        let path = format!("$.\"{}\"", column.replace('"', ""));
        let mut statement = conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params![batch, path], |r| {
            Ok(ReplacedEmail {
                key: r.get(0)?,
                before: r.get(1)?,
                now: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            })
        })?;
        for row in rows {
            let row = row?;
            if !row.before.trim().is_empty() {
                out.push(row);
            }
        }
    }
    Ok(out)
}
