//! The stored E.164 form of every phone field: two hidden columns beside each field with
//! the phone role, so campaigns, suppression and erasure read one form of a number
//! without parsing it again per row.
//!
//! Design: for a phone field `f`, `contacts` has `_e164_f` (the number in E.164, NULL
//! when the field is blank or does not parse) and `_line_f` (its line type: `mobile`,
//! `fixed_line`, `fixed_line_or_mobile`, ..., `unknown`; NULL with `_e164_f`), and an
//! index on `_e164_f` so a number finds its contacts. The field keeps the text as
//! written; `_e164_f` and `_line_f` are empty text when it holds a value that is no
//! number (so a later file's unreadable value clears an earlier number's form). Field
//! names never start with `_`, so the hidden columns cannot clash with a field, and
//! `fields` does not list them. The importer fills them as it writes each
//! row (the row's country column, else the workspace's region, decides numbers written
//! without a country code); [`fill`] recomputes them for every contact when a field
//! gains the phone role, and [`ensure`] adds them to workspaces written before they
//! existed. They go with their field: dropped when it is dropped, kept in
//! before-images like any other column (so `import undo` restores them), and kept as
//! they were when the field loses the role, so refusals recorded for its numbers still
//! hold (`address_columns`; the importer writes them only for phone fields).
//!
//! Readers: `campaign::prepare` (SMS address and line type), `campaign::suppressed`
//! (every phone of a contact), `campaign::opt_outs` (refused numbers), `rights` (erasure and access), and exports, through
//! [`e164_column`] and [`line_column`]. Called by `workspace::fields` and `import`.

use rusqlite::{Connection, OptionalExtension, params};

use super::{WorkspaceError, quote_ident, settings};
use crate::fields::phone::{self, Region};
use crate::fields::{Field, Role};

/// The hidden column holding the E.164 form of phone field `field`.
pub fn e164_column(field: &str) -> String {
    format!("_e164_{field}")
}

/// The hidden column holding the line type of phone field `field`.
pub fn line_column(field: &str) -> String {
    format!("_line_{field}")
}

fn index_name(field: &str) -> String {
    format!("_idx_e164_{field}")
}

/// Whether `contacts` has the hidden columns of `field`.
pub fn has_columns(conn: &Connection, field: &str) -> Result<bool, WorkspaceError> {
    let wanted = e164_column(field);
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM pragma_table_info('contacts') WHERE name = ?1",
            [&wanted],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// Add the hidden columns and index of phone field `field` (empty).
pub fn add_columns(conn: &Connection, field: &str) -> Result<(), WorkspaceError> {
    conn.execute_batch(&format!(
        "ALTER TABLE contacts ADD COLUMN {} TEXT;
         ALTER TABLE contacts ADD COLUMN {} TEXT;",
        quote_ident(&e164_column(field)),
        quote_ident(&line_column(field)),
    ))?;
    create_index(conn, field)
}

/// Create the index on `field`'s E.164 column (the SQL [`add_columns`] has always
/// stored in the schema, so a workspace's schema is the same whichever way it came).
pub fn create_index(conn: &Connection, field: &str) -> Result<(), WorkspaceError> {
    conn.execute_batch(&format!(
        "CREATE INDEX {} ON contacts ({});",
        quote_ident(&index_name(field)),
        quote_ident(&e164_column(field)),
    ))?;
    Ok(())
}

/// Drop the index on `field`'s E.164 column. The importer drops the index of a phone
/// field its batch added (still empty) and builds it again with [`create_index`] once
/// the rows are in, or before its first look-up by number: one sort of the column
/// costs less than keeping the index in order row by row.
pub fn drop_index(conn: &Connection, field: &str) -> Result<(), WorkspaceError> {
    conn.execute_batch(&format!("DROP INDEX {};", quote_ident(&index_name(field))))?;
    Ok(())
}

/// Drop the hidden columns of `field`, if it has them.
pub fn drop_columns(conn: &Connection, field: &str) -> Result<(), WorkspaceError> {
    if !has_columns(conn, field)? {
        return Ok(());
    }
    super::indexes::drop_on_column(conn, &e164_column(field))?;
    super::indexes::drop_on_column(conn, &line_column(field))?;
    conn.execute_batch(&format!(
        "DROP INDEX IF EXISTS {};
         ALTER TABLE contacts DROP COLUMN {};
         ALTER TABLE contacts DROP COLUMN {};",
        quote_ident(&index_name(field)),
        quote_ident(&e164_column(field)),
        quote_ident(&line_column(field)),
    ))?;
    Ok(())
}

/// The workspace's default region for numbers written without a country code, if set.
pub fn region(conn: &Connection) -> Result<Option<Region>, WorkspaceError> {
    Ok(settings::get(conn, settings::REGION)?.and_then(|s| s.parse().ok()))
}

/// Recompute the hidden columns of phone field `field` for every contact, reading
/// national numbers in the contact's country (the workspace's country field) or else
/// the workspace's region. Returns how many contacts hold a number that parsed.
pub fn fill(conn: &Connection, field: &str) -> Result<u64, WorkspaceError> {
    let fields = super::fields::list(conn)?;
    let country = phone::country_column(fields.iter().map(|f| f.name.as_str()))
        .map(|i| quote_ident(&fields[i].name));
    let default = region(conn)?;
    let select = format!(
        "SELECT _id, CAST({} AS TEXT), {} FROM contacts",
        quote_ident(field),
        country
            .as_deref()
            .map_or("NULL".into(), |c| format!("CAST({c} AS TEXT)"))
    );
    let rows: Vec<(i64, Option<String>, Option<String>)> = conn
        .prepare(&select)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = conn.prepare(&format!(
        "UPDATE contacts SET {} = ?2, {} = ?3 WHERE _id = ?1",
        quote_ident(&e164_column(field)),
        quote_ident(&line_column(field)),
    ))?;
    let mut parsed = 0;
    for (id, raw, country) in rows {
        let region = country
            .as_deref()
            .and_then(Region::from_country)
            .or(default);
        // As the importer stores them: NULL for a blank, empty text for a value that
        // is no number.
        let cells = match raw.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            None => (None, None),
            Some(r) => match phone::parse(r, region) {
                Ok(p) => {
                    parsed += 1;
                    (Some(p.e164), Some(p.line.as_str().to_string()))
                }
                Err(_) => (Some(String::new()), Some(String::new())),
            },
        };
        update.execute(params![id, cells.0, cells.1])?;
    }
    Ok(parsed)
}

/// Give `field` hidden columns if it has the phone role and none yet (filling them),
/// or fill them again if it has just gained the role (`was` its role before) and kept
/// them from an earlier phone role. A field that loses the role keeps them as they are:
/// the numbers refusals were recorded for (`address_columns`).
pub fn sync(conn: &Connection, field: &Field, was: Role) -> Result<(), WorkspaceError> {
    if field.role != Role::Phone {
        return Ok(());
    }
    if !has_columns(conn, &field.name)? {
        add_columns(conn, &field.name)?;
        fill(conn, &field.name)?;
    } else if was != Role::Phone {
        fill(conn, &field.name)?;
    }
    Ok(())
}

/// Whether some phone field lacks its hidden columns (see [`ensure`]).
pub fn missing(conn: &Connection) -> Result<bool, WorkspaceError> {
    for field in phone_fields(conn)? {
        if !has_columns(conn, &field)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Add and fill the hidden columns of every phone field that lacks them (workspaces
/// written before they existed). Cheap when nothing is missing: one look per field.
pub fn ensure(conn: &Connection) -> Result<(), WorkspaceError> {
    for field in super::fields::list(conn)? {
        if field.role == Role::Phone && !has_columns(conn, &field.name)? {
            sync(conn, &field, Role::Phone)?;
        }
    }
    Ok(())
}

/// The phone fields of the workspace, in field order.
pub fn phone_fields(conn: &Connection) -> Result<Vec<String>, WorkspaceError> {
    Ok(super::fields::list(conn)?
        .into_iter()
        .filter(|f| f.role == Role::Phone)
        .map(|f| f.name)
        .collect())
}

/// The stored E.164 numbers of contact `id`, one per phone field that holds one, and
/// those kept by fields that were phone fields (`address_columns`): a refusal put on
/// record or an erasure covers every number the person was known by.
pub fn numbers_of(conn: &Connection, id: i64) -> Result<Vec<String>, WorkspaceError> {
    let mut out = Vec::new();
    for column in super::address_columns::number_columns(conn)? {
        let sql = format!(
            "SELECT {} FROM contacts WHERE _id = ?1",
            quote_ident(&column)
        );
        let value: Option<String> = conn
            .query_row(&sql, [id], |r| r.get(0))
            .optional()?
            .flatten();
        if let Some(v) = value.filter(|v| !out.contains(v)) {
            out.push(v);
        }
    }
    Ok(out)
}

/// Keys of the contacts holding `e164` in any phone field, in workspace order.
pub fn contacts_with(conn: &Connection, e164: &str) -> Result<Vec<String>, WorkspaceError> {
    let fields = phone_fields(conn)?;
    if fields.is_empty() {
        return Ok(Vec::new());
    }
    let any: Vec<String> = fields
        .iter()
        .map(|f| format!("{} = ?1", quote_ident(&e164_column(f))))
        .collect();
    let sql = format!(
        "SELECT _key FROM contacts WHERE {} ORDER BY _id",
        any.join(" OR ")
    );
    let rows = conn
        .prepare(&sql)?
        .query_map([e164], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The key of the contact `raw` names as a phone number in any spelling (a national
/// number read in every region the workspace's imports used, `super::regions`): the
/// contact keyed by its E.164 form, else the one contact holding it in a phone field;
/// `None` when it is no number, or no contact or several hold it (in one reading, or
/// one each in several). For `contact show`, `contact erase` and `explain`.
pub fn find_key(conn: &Connection, raw: &str) -> Result<Option<String>, WorkspaceError> {
    let mut found: Vec<String> = Vec::new();
    for number in super::regions::readings(conn, raw)? {
        let keyed: Option<String> = conn
            .query_row(
                "SELECT _key FROM contacts WHERE _key = ?1",
                [&number],
                |r| r.get(0),
            )
            .optional()?;
        let mut holders = match keyed {
            Some(key) => vec![key],
            None => contacts_with(conn, &number)?,
        };
        if holders.len() > 1 {
            return Ok(None);
        }
        if let Some(key) = holders.pop()
            && !found.contains(&key)
        {
            found.push(key);
        }
    }
    Ok(if found.len() == 1 { found.pop() } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, PrivacyClass};
    use crate::workspace::{Workspace, fields};

    fn mobile(role: Role) -> Field {
        Field {
            name: "mobile".into(),
            header: "Mobile".into(),
            ty: FieldType::Text,
            role,
            class: PrivacyClass::DirectIdentifier,
            reason: "test".into(),
            kind: None,
        }
    }

    fn stored(conn: &Connection) -> Vec<(Option<String>, Option<String>)> {
        conn.prepare("SELECT _e164_mobile, _line_mobile FROM contacts ORDER BY _key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// UK numbers read in region GB: 07911 123456 is a mobile, 020 7946 0018 a London
    /// fixed line (Ofcom); `n/a` is no number; a blank stays NULL. Losing the role
    /// keeps the numbers as they were; gaining it again reads the values afresh.
    #[test]
    fn a_field_that_gains_the_phone_role_gets_its_e164_form_and_keeps_it_after() {
        let mut ws = Workspace::open_in_memory().unwrap();
        ws.write(|tx| {
            settings::set(tx, settings::REGION, "GB")?;
            fields::add(tx, &mobile(Role::None), "test", None)?;
            tx.execute(
                "INSERT INTO contacts (_key, _batch, mobile) VALUES
                 ('a@x.com', 1, '07911 123456'), ('b@x.com', 1, '020 7946 0018'),
                 ('c@x.com', 1, 'n/a'), ('d@x.com', 1, NULL)",
                [],
            )?;
            assert!(!has_columns(tx, "mobile")?);
            fields::update(tx, &mobile(Role::Phone), "test")?;
            let text = |s: &str| Some(s.to_string());
            assert_eq!(
                stored(tx),
                [
                    (text("+447911123456"), text("mobile")),
                    (text("+442079460018"), text("fixed_line")),
                    (text(""), text("")),
                    (None, None),
                ]
            );
            assert_eq!(contacts_with(tx, "+447911123456")?, ["a@x.com"]);
            // Losing the role keeps the numbers as they were (refusals recorded for
            // them still hold), but the field is no phone field to send to.
            fields::update(tx, &mobile(Role::None), "test")?;
            assert!(has_columns(tx, "mobile")?);
            assert_eq!(stored(tx)[0], (text("+447911123456"), text("mobile")));
            assert!(contacts_with(tx, "+447911123456")?.is_empty());
            // A value changed while the field was plain text is read again when it
            // gains the role again: 07911 123457 is another UK mobile in the same block.
            tx.execute(
                "UPDATE contacts SET mobile = '07911 123457' WHERE _key = 'a@x.com'",
                [],
            )?;
            assert_eq!(stored(tx)[0], (text("+447911123456"), text("mobile")));
            fields::update(tx, &mobile(Role::Phone), "test")?;
            assert_eq!(stored(tx)[0], (text("+447911123457"), text("mobile")));
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
    }

    /// A workspace written before the hidden columns existed gets them when opened.
    #[test]
    fn opening_an_older_workspace_adds_and_fills_the_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.tactful");
        let mut ws = Workspace::open(&path).unwrap();
        ws.write(|tx| {
            fields::add(tx, &mobile(Role::Phone), "test", None)?;
            tx.execute(
                "INSERT INTO contacts (_key, _batch, mobile) VALUES ('a@x.com', 1, '+44 7911 123456')",
                [],
            )?;
            drop_columns(tx, "mobile")
        })
        .unwrap();
        drop(ws);
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(
            stored(ws.conn()),
            [(Some("+447911123456".into()), Some("mobile".into()))]
        );
    }
}
