//! Looking up chosen fields of one contact by key, one indexed read each, while a
//! preview streams: review groups recipients by quasi-identifiers and looks for
//! spreadsheet damage, export writes the fields a user added.
//!
//! The statement is prepared once; field columns are spliced in only through
//! [`quote_ident`] and the key is bound.

use rusqlite::{Connection, OptionalExtension, Statement};

use super::{WorkspaceError, quote_ident};
use crate::fields::Field;
use crate::fields::value::Value;

/// The distinct non-blank values of field `name` stored as text, at most `max_chars`
/// characters long, each with the number of contacts that hold it (review reads them
/// for sensitive values in fields a message merges or an export adds).
///
/// Errors: SQLite errors (an unknown field name is one).
pub fn value_counts(
    conn: &Connection,
    name: &str,
    max_chars: u32,
) -> Result<Vec<(String, u64)>, WorkspaceError> {
    let column = quote_ident(name);
    let mut stmt = conn.prepare(&format!(
        "SELECT CAST({column} AS TEXT) AS v, count(*) FROM contacts \
         WHERE {column} IS NOT NULL AND length(CAST({column} AS TEXT)) BETWEEN 1 AND ?1 \
         GROUP BY v ORDER BY v"
    ))?;
    let rows = stmt.query_map([max_chars], |r| {
        let count: i64 = r.get(1)?;
        Ok((r.get(0)?, u64::try_from(count).unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
