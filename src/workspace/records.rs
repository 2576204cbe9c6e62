//! Looking up chosen fields of one contact by key, one indexed read each, while a
//! preview streams: review groups recipients by quasi-identifiers and looks for
//! spreadsheet damage, export writes the fields a user added.
//!
//! The statement is prepared once; field columns are spliced in only through
//! [`quote_ident`] and the key is bound.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Statement};

use super::{WorkspaceError, quote_ident};
use crate::fields::Field;
use crate::fields::value::Value;

/// The distinct non-blank values of field `name` stored as text, at most `max_chars`
/// characters long, each with the number of contacts that hold it, in byte order of
/// the value (SQLite's `BINARY` collation; field columns declare no other). Review and
/// the campaign checks read them for sensitive values.
///
/// Counted here in one scan rather than by `GROUP BY ... ORDER BY`: SQLite sorts every
/// one of the million values to group them, which cost more than the preview's own
/// walk (issue 13); a map of the few distinct values does not.
///
/// Errors: SQLite errors (an unknown field name is one).
pub fn value_counts(
    conn: &Connection,
    name: &str,
    max_chars: u32,
) -> Result<Vec<(String, u64)>, WorkspaceError> {
    let column = quote_ident(name);
    let mut stmt = conn.prepare(&format!(
        "SELECT CAST({column} AS TEXT) FROM contacts \
         WHERE {column} IS NOT NULL AND length(CAST({column} AS TEXT)) BETWEEN 1 AND ?1"
    ))?;
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut rows = stmt.query([max_chars])?;
    while let Some(row) = rows.next()? {
        let value = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        match counts.get_mut(value) {
            Some(n) => *n += 1,
            None => {
                counts.insert(value.to_string(), 1);
            }
        }
    }
    let mut out: Vec<(String, u64)> = counts.into_iter().collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A prepared lookup of `fields` by contact key.
pub struct ValueLookup<'c> {
    stmt: Option<Statement<'c>>,
    fields: Vec<Field>,
}

impl<'c> ValueLookup<'c> {
    /// Prepare a lookup of `fields` (in this order).
    pub fn new(conn: &'c Connection, fields: &[Field]) -> Result<Self, WorkspaceError> {
        let stmt = if fields.is_empty() {
            None
        } else {
            let columns: Vec<String> = fields.iter().map(|f| quote_ident(&f.name)).collect();
            Some(conn.prepare(&format!(
                "SELECT {} FROM contacts WHERE _key = ?1",
                columns.join(", ")
            ))?)
        };
        Ok(ValueLookup {
            stmt,
            fields: fields.to_vec(),
        })
    }

    /// The values of the contact with exactly this stored key, one per field, decoded
    /// by type (blank as [`Value::Null`]); `None` when no contact has the key.
    pub fn get(&mut self, key: &str) -> Result<Option<Vec<Value>>, WorkspaceError> {
        let Some(stmt) = self.stmt.as_mut() else {
            return Ok(Some(Vec::new()));
        };
        let fields = &self.fields;
        Ok(stmt
            .query_row([key], |r| {
                fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| Ok(Value::from_sql(f.ty, r.get_ref(i)?)))
                    .collect()
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_counts_counts_non_blank_values_up_to_the_length_in_byte_order() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts (city TEXT);
             INSERT INTO contacts VALUES ('b'), ('a'), ('b'), (''), (NULL), ('é'), ('abcd');",
        )
        .unwrap();
        // '' and NULL are blank; 'abcd' has 4 characters, over the limit of 3; 'é' is one
        // character (two bytes, 0xC3 0xA9) and sorts after ASCII.
        assert_eq!(
            value_counts(&conn, "city", 3).unwrap(),
            vec![("a".into(), 1), ("b".into(), 2), ("é".into(), 1)]
        );
    }
}
