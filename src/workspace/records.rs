//! Reading stored values of chosen fields: the distinct values of a field with their
//! counts ([`ValueCounts`], what the sensitive-value checks read), and one contact's
//! values by key, one indexed read each, while a preview streams ([`ValueLookup`]:
//! review groups recipients by quasi-identifiers and looks for spreadsheet damage,
//! export writes the fields a user added).
//!
//! Statements are prepared once; field columns are spliced in only through
//! [`quote_ident`]; keys and lengths are bound.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Statement, params_from_iter};

use super::{WorkspaceError, quote_ident};
use crate::fields::Field;
use crate::fields::value::Value;

/// Counts of the distinct non-blank values of some fields stored as text, at most a
/// given number of characters long, each with the number of contacts that hold it.
/// Review and the campaign checks read them for sensitive values.
///
/// Fed one contact at a time by a scan of `contacts` that selects
/// [`ValueCounts::column`] for each field, so several fields, and other reads of the
/// same scan (`campaign::prescan`), cost one pass over the table. Counted with a map
/// rather than by `GROUP BY ... ORDER BY`: SQLite sorts every one of the million values
/// to group them, which cost more than the preview's own walk (issue 13); a map of the
/// few distinct values does not.
#[derive(Debug, Default)]
pub struct ValueCounts {
    counts: Vec<HashMap<String, u64>>,
}

impl ValueCounts {
    /// Counts for `fields` columns, all zero.
    pub fn new(fields: usize) -> Self {
        ValueCounts {
            counts: vec![HashMap::new(); fields],
        }
    }

    /// The expression a scan selects for field `name`: its value as text when that is
    /// 1 to `?max_param` characters long (SQLite's `length`), else NULL. The field name
    /// is quoted here; the caller binds the longest length to parameter `max_param`.
    pub fn column(name: &str, max_param: usize) -> String {
        let text = format!("CAST({} AS TEXT)", quote_ident(name));
        format!("CASE WHEN length({text}) BETWEEN 1 AND ?{max_param} THEN {text} END")
    }

    /// Count one contact's `value` of the `i`-th field, as selected by
    /// [`ValueCounts::column`] (NULL counts nothing).
    ///
    /// Errors: a value that is not UTF-8 text.
    pub fn add(&mut self, i: usize, value: ValueRef<'_>) -> Result<(), WorkspaceError> {
        if value == ValueRef::Null {
            return Ok(());
        }
        let value = value.as_str().map_err(rusqlite::Error::from)?;
        let Some(counts) = self.counts.get_mut(i) else {
            return Err(WorkspaceError::Invalid(format!("no field {i} counted")));
        };
        match counts.get_mut(value) {
            Some(n) => *n += 1,
            None => {
                counts.insert(value.to_string(), 1);
            }
        }
        Ok(())
    }

    /// Per field, in the order given to [`ValueCounts::new`]: the values and their
    /// counts in byte order of the value (SQLite's `BINARY` collation; field columns
    /// declare no other).
    pub fn finish(self) -> Vec<Vec<(String, u64)>> {
        self.counts
            .into_iter()
            .map(|counts| {
                let mut out: Vec<(String, u64)> = counts.into_iter().collect();
                out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                out
            })
            .collect()
    }
}

/// [`ValueCounts`] of `fields` (name, longest value in characters), in one scan of the
/// contacts; no scan when `fields` is empty.
///
/// Errors: SQLite errors (an unknown field name is one).
pub fn value_counts(
    conn: &Connection,
    fields: &[(&str, u32)],
) -> Result<Vec<Vec<(String, u64)>>, WorkspaceError> {
    let mut counts = ValueCounts::new(fields.len());
    if fields.is_empty() {
        return Ok(counts.finish());
    }
    let columns: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, (name, _))| ValueCounts::column(name, i + 1))
        .collect();
    let mut stmt = conn.prepare(&format!("SELECT {} FROM contacts", columns.join(", ")))?;
    let mut rows = stmt.query(params_from_iter(fields.iter().map(|(_, max)| max)))?;
    while let Some(row) = rows.next()? {
        for i in 0..fields.len() {
            counts.add(i, row.get_ref(i)?)?;
        }
    }
    Ok(counts.finish())
}

/// How many contacts hold a value in field `name` (blanks are stored as NULL).
///
/// Errors: SQLite errors (an unknown field name is one).
pub fn count_filled(conn: &Connection, name: &str) -> Result<u64, WorkspaceError> {
    let sql = format!(
        "SELECT count(*) FROM contacts WHERE {} IS NOT NULL",
        quote_ident(name)
    );
    let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
    Ok(n.unsigned_abs())
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
            "CREATE TABLE contacts (city TEXT, n INTEGER);
             INSERT INTO contacts VALUES ('b', 12), ('a', 7), ('b', NULL), ('', 7),
               (NULL, 12345), ('é', 7), ('abcd', 7);",
        )
        .unwrap();
        // '' and NULL are blank; 'abcd' has 4 characters, over the limit of 3; 'é' is one
        // character (two bytes, 0xC3 0xA9) and sorts after ASCII. Integers are read as
        // their text: 12345 has 5 characters, over the limit of 4; '12' sorts before '7'.
        assert_eq!(
            value_counts(&conn, &[("city", 3), ("n", 4)]).unwrap(),
            vec![
                vec![("a".into(), 1), ("b".into(), 2), ("é".into(), 1)],
                vec![("12".into(), 1), ("7".into(), 4)],
            ]
        );
        assert!(value_counts(&conn, &[]).unwrap().is_empty());
    }
}
