//! Numbers an older phone reading stored as unreadable, read again with today's.
//!
//! `fields::phone` learnt to read values it refused before (an extension such as
//! `ext. 9`, a trunk `0` after the country code as in `+44 07700 900222`, full-width
//! digits). Their stored E.164 cells (`workspace::phones`) are empty text, so without
//! this a refusal recorded on such a value would keep holding for no number. On
//! opening, a workspace whose cells were made by an older reading has every such cell
//! read again, once; the setting `phone_reading` records the reading its cells follow.
//! Cells of numbers that parsed are left as they are. Called by `Workspace::open`.

use rusqlite::{Connection, params};

use super::phones::{self, e164_column, line_column, phone_fields};
use super::{WorkspaceError, fields, quote_ident, settings};
use crate::fields::phone::{self as phone, Region};

/// The setting naming the phone reading the stored cells follow.
const SETTING: &str = "phone_reading";

/// Today's reading: 2 reads extensions, trunk zeros after the country code and
/// full-width digits; 3 also drops a trailing comment in parentheses (`(mobile)`).
const READING: &str = "3";

/// Whether some phone field's cells may have been made by an older reading.
///
/// Errors: workspace errors.
pub fn stale(conn: &Connection) -> Result<bool, WorkspaceError> {
    Ok(
        settings::get(conn, SETTING)?.as_deref() != Some(READING)
            && !phone_fields(conn)?.is_empty(),
    )
}

/// Read again every phone value stored as no number, in the contact's country (the
/// workspace's country field) or else the workspace's region, and record today's
/// reading. Returns how many values now parse.
///
/// Errors: workspace errors (the caller's transaction is then rolled back).
pub fn reread(conn: &Connection) -> Result<u64, WorkspaceError> {
    let defs = fields::list(conn)?;
    let country = phone::country_column(defs.iter().map(|f| f.name.as_str()))
        .map(|i| format!("CAST({} AS TEXT)", quote_ident(&defs[i].name)));
    let default = phones::region(conn)?;
    let mut read = 0;
    for field in phone_fields(conn)? {
        if !phones::has_columns(conn, &field)? {
            continue;
        }
        let (e164, line) = (
            quote_ident(&e164_column(&field)),
            quote_ident(&line_column(&field)),
        );
        let select = format!(
            "SELECT _id, CAST({} AS TEXT), {} FROM contacts WHERE {e164} = ''",
            quote_ident(&field),
            country.as_deref().unwrap_or("NULL"),
        );
        let rows: Vec<(i64, Option<String>, Option<String>)> = conn
            .prepare(&select)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut update = conn.prepare(&format!(
            "UPDATE contacts SET {e164} = ?2, {line} = ?3 WHERE _id = ?1"
        ))?;
        for (id, raw, country) in rows {
            let region = country
                .as_deref()
                .and_then(Region::from_country)
                .or(default);
            let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
                continue;
            };
            if let Ok(p) = phone::parse(&raw, region) {
                update.execute(params![id, p.e164, p.line.as_str()])?;
                read += 1;
            }
        }
    }
    settings::set(conn, SETTING, READING)?;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{Field, FieldType, PrivacyClass, Role};
    use crate::workspace::Workspace;

    /// Two values the older reading stored as no number (`+44 07700 900222` with its
    /// trunk zero, `+44 7700 900111 ext. 9`) read as +447700900222 and +447700900111
    /// (UK drama range: line type `unknown`); a value that is still no number stays
    /// empty; the reading is recorded, so the next open has nothing to do.
    #[test]
    fn numbers_stored_as_unreadable_are_read_again_once() {
        let mut ws = Workspace::open_in_memory().unwrap();
        ws.write(|tx| {
            fields::add(
                tx,
                &Field {
                    name: "phone".into(),
                    header: "phone".into(),
                    ty: FieldType::Text,
                    role: Role::Phone,
                    class: PrivacyClass::DirectIdentifier,
                    reason: "test".into(),
                    kind: None,
                },
                "test",
                None,
            )?;
            tx.execute_batch(
                "INSERT INTO contacts (_key, _batch, phone, _e164_phone, _line_phone) VALUES
                 ('f', 1, '+44 07700 900222', '', ''),
                 ('d', 1, '+44 7700 900111 ext. 9', '', ''),
                 ('n', 1, 'n/a', '', ''),
                 ('g', 1, '+447700900333', '+447700900333', 'unknown')",
            )?;
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
        assert!(stale(ws.conn()).unwrap());
        let read = ws.write(|tx| reread(tx)).unwrap();
        assert_eq!(read, 2);
        let cells: Vec<(String, String, String)> = ws
            .conn()
            .prepare("SELECT _key, _e164_phone, _line_phone FROM contacts ORDER BY _id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let want = |k: &str, e: &str, l: &str| (k.to_string(), e.to_string(), l.to_string());
        assert_eq!(
            cells,
            [
                want("f", "+447700900222", "unknown"),
                want("d", "+447700900111", "unknown"),
                want("n", "", ""),
                want("g", "+447700900333", "unknown"),
            ]
        );
        assert!(!stale(ws.conn()).unwrap());
    }
}
