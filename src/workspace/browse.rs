//! Reading the audience a window at a time, for browsing: keyset pages of contacts and
//! the total count.
//!
//! Pages are found by the contact's `_id` (the rowid), never by `OFFSET`, so fetching
//! the rows around contact 900,000 costs as much as fetching the first ones (SQLite
//! walks the primary-key b-tree straight to the key; `OFFSET n` reads and drops `n`
//! rows). Field columns are spliced in only through [`quote_ident`]; ids and limits are
//! bound parameters. The TUI's worker thread is the caller.

use rusqlite::{Connection, ToSql};

use super::{WorkspaceError, quote_ident};
use crate::fields::Field;
use crate::fields::value::Value;

/// One contact as a browser shows it: fixed columns, then one value per requested field
/// in the order the fields were given.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    /// The rowid, the keyset cursor.
    pub id: i64,
    /// The contact key (normalised e-mail or chosen ID).
    pub key: String,
    /// Consent state for e-mail (`granted`, `not_asked`, `withdrawn`, `bounced`).
    pub consent_email: String,
    /// Consent state for SMS.
    pub consent_sms: String,
    /// One value per field, decoded by the field's type; blank is [`Value::Null`].
    pub values: Vec<Value>,
}

/// Where a page starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The first contacts in `_id` order.
    First,
    /// The last contacts in `_id` order.
    Last,
    /// Contacts with `_id >= id`, ascending.
    From(i64),
    /// Contacts with `_id < id`, nearest first in the query but returned ascending.
    Before(i64),
}

/// Up to `limit` contacts at `bound`, always returned in ascending `_id` order, with the
/// values of `fields`.
///
/// Errors: [`WorkspaceError::Sqlite`] when a field's column is missing (the field list
/// and the table disagree) or the query is interrupted.
pub fn page(
    conn: &Connection,
    fields: &[Field],
    bound: Bound,
    limit: usize,
) -> Result<Vec<ContactRow>, WorkspaceError> {
    let mut columns = String::from("_id, _key, _consent_email, _consent_sms");
    for f in fields {
        columns.push_str(", ");
        columns.push_str(&quote_ident(&f.name));
    }
    let (filter, order, id) = match bound {
        Bound::First => ("", "ASC", None),
        Bound::Last => ("", "DESC", None),
        Bound::From(id) => ("WHERE _id >= ?1", "ASC", Some(id)),
        Bound::Before(id) => ("WHERE _id < ?1", "DESC", Some(id)),
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let sql = match id {
        Some(_) => format!("SELECT {columns} FROM contacts {filter} ORDER BY _id {order} LIMIT ?2"),
        None => format!("SELECT {columns} FROM contacts ORDER BY _id {order} LIMIT ?1"),
    };
    let params: Vec<&dyn ToSql> = match &id {
        Some(id) => vec![id, &limit],
        None => vec![&limit],
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut values = Vec::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            values.push(Value::from_sql(f.ty, r.get_ref(4 + i)?));
        }
        out.push(ContactRow {
            id: r.get(0)?,
            key: r.get(1)?,
            consent_email: r.get(2)?,
            consent_sms: r.get(3)?,
            values,
        });
    }
    if order == "DESC" {
        out.reverse();
    }
    Ok(out)
}

/// How many contacts the audience holds.
pub fn count(conn: &Connection) -> Result<u64, WorkspaceError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, PrivacyClass, Role};
    use crate::workspace::{Workspace, fields};

    fn workspace_with(n: i64) -> (Workspace, Vec<Field>) {
        let mut ws = Workspace::open_in_memory().unwrap();
        let city = Field {
            name: "city".into(),
            header: "City".into(),
            ty: FieldType::Text,
            role: Role::None,
            class: PrivacyClass::QuasiIdentifier,
            reason: "test".into(),
            kind: None,
        };
        ws.write(|tx| {
            fields::add(tx, &city, "test", Some(1))?;
            for i in 1..=n {
                tx.execute(
                    "INSERT INTO contacts (_key, _batch, city) VALUES (?1, 1, ?2)",
                    rusqlite::params![format!("c{i}@example.com"), format!("town {i}")],
                )?;
            }
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
        (ws, vec![city])
    }

    fn ids(rows: &[ContactRow]) -> Vec<i64> {
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn pages_come_back_ascending_from_every_bound() {
        let (ws, f) = workspace_with(10);
        let c = ws.conn();
        assert_eq!(ids(&page(c, &f, Bound::First, 3).unwrap()), [1, 2, 3]);
        assert_eq!(ids(&page(c, &f, Bound::Last, 3).unwrap()), [8, 9, 10]);
        assert_eq!(ids(&page(c, &f, Bound::From(5), 2).unwrap()), [5, 6]);
        assert_eq!(ids(&page(c, &f, Bound::Before(5), 2).unwrap()), [3, 4]);
        assert_eq!(ids(&page(c, &f, Bound::Before(2), 5).unwrap()), [1]);
        assert!(page(c, &f, Bound::From(11), 5).unwrap().is_empty());
        let row = &page(c, &f, Bound::From(7), 1).unwrap()[0];
        assert_eq!(row.key, "c7@example.com");
        assert_eq!(row.consent_email, "not_asked");
        assert_eq!(row.values, vec![Value::Text("town 7".into())]);
        assert_eq!(count(c).unwrap(), 10);
    }
}
