//! Indexes on `contacts` that let a campaign run read what it needs before the walk
//! from an index instead of the table (issue 13): the distinct values of a field
//! ([`value_counts_indexed`], [`distinct_indexed`]) and the contacts who refused a
//! channel, with their addresses (a partial index, [`refusal_filter`]).
//!
//! SQLite maintains an index in the same write as the row, so what is read from one is
//! exactly what the table holds: no summary kept by hand that an import, undo or
//! erasure could leave stale (a stale one could hide a sensitive value or a refusal).
//! They are an optimisation only: a reader that finds no index reads the table, and
//! reads the same. The campaign module decides which fields and channels get them
//! (`campaign::indexes`); this module only names, creates, checks and drops them.
//! A column cannot be dropped while an index uses it, so [`drop_on_column`] runs first.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};

use super::{WorkspaceError, quote_ident};

/// Name prefix of the index on one field's values.
const VALUES: &str = "_values_";
/// Name prefix of the partial index of one channel's refusers.
const REFUSERS: &str = "_refusers_";
/// Distinct values read one index seek each before the rest are counted in one pass
/// over the index: a seek costs a few page look-ups, so a field of a few hundred
/// distinct values is read without touching its other entries, and one of a million
/// (a notes field) costs no more than one pass.
const SEEKS: usize = 256;

fn value_index(column: &str) -> String {
    format!("{VALUES}{column}")
}

fn value_index_sql(column: &str) -> String {
    format!(
        "CREATE INDEX {} ON contacts ({})",
        quote_ident(&value_index(column)),
        quote_ident(column)
    )
}

/// The stored definition of index `name`, if it exists.
fn stored_sql(conn: &Connection, name: &str) -> Result<Option<String>, WorkspaceError> {
    Ok(conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Make `index` hold exactly `sql`: created when missing, recreated when its stored
/// definition differs (the columns it covers changed).
fn ensure(conn: &Connection, index: &str, sql: &str) -> Result<(), WorkspaceError> {
    match stored_sql(conn, index)? {
        Some(stored) if stored == sql => return Ok(()),
        Some(_) => conn.execute_batch(&format!("DROP INDEX {}", quote_ident(index)))?,
        None => {}
    }
    conn.execute_batch(sql)?;
    Ok(())
}

/// True when field column `column` has its value index.
///
/// Errors: SQLite errors.
pub fn has_value_index(conn: &Connection, column: &str) -> Result<bool, WorkspaceError> {
    Ok(stored_sql(conn, &value_index(column))?.as_deref() == Some(&value_index_sql(column)))
}

/// The field columns that have a value index, sorted.
///
/// Errors: SQLite errors.
pub fn value_indexed(conn: &Connection) -> Result<Vec<String>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT substr(name, length(?1) + 1) FROM sqlite_master
         WHERE type = 'index' AND tbl_name = 'contacts' AND substr(name, 1, length(?1)) = ?1
         ORDER BY name",
    )?;
    let rows = stmt.query_map([VALUES], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Create the value index of field column `column` unless it exists (at 1,000,000
/// contacts about 1.5 s and 5 to 20 MB, one B-tree entry per contact).
///
/// Errors: SQLite errors (an unknown column is one).
pub fn ensure_value_index(conn: &Connection, column: &str) -> Result<(), WorkspaceError> {
    ensure(conn, &value_index(column), &value_index_sql(column))
}

/// Drop the value index of `column`, if any.
///
/// Errors: SQLite errors.
pub fn drop_value_index(conn: &Connection, column: &str) -> Result<(), WorkspaceError> {
    conn.execute_batch(&format!(
        "DROP INDEX IF EXISTS {}",
        quote_ident(&value_index(column))
    ))?;
    Ok(())
}

/// The condition `consent_column IN ('declined', ...)` that selects the refusers of a
/// channel, written the same way in the partial index and in the query that reads it:
/// SQLite uses a partial index only for a query whose `WHERE` holds its condition
/// term for term, and a bound parameter never matches a literal.
///
/// Errors: a state name that is not lower-case letters and `_` (the names are the
/// product's own constants, written as literals, never data).
pub fn refusal_filter(consent_column: &str, refusals: &[&str]) -> Result<String, WorkspaceError> {
    if refusals.is_empty()
        || refusals
            .iter()
            .any(|s| s.is_empty() || !s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
    {
        return Err(WorkspaceError::Invalid(format!(
            "not consent state names: {refusals:?}"
        )));
    }
    let states: Vec<String> = refusals.iter().map(|s| format!("'{s}'")).collect();
    Ok(format!(
        "{} IN ({})",
        quote_ident(consent_column),
        states.join(", ")
    ))
}

fn refusers_index(consent_column: &str) -> String {
    format!("{REFUSERS}{consent_column}")
}

/// Create, or recreate with other columns, the partial index of the contacts whose
/// `consent_column` is one of `refusals`, covering that column and `columns` (the
/// channel's address columns), so the refused addresses are read from it alone.
///
/// Errors: as [`refusal_filter`]; SQLite errors (an unknown column is one).
pub fn ensure_refusers_index(
    conn: &Connection,
    consent_column: &str,
    refusals: &[&str],
    columns: &[String],
) -> Result<(), WorkspaceError> {
    let name = refusers_index(consent_column);
    let mut covered = vec![quote_ident(consent_column)];
    covered.extend(columns.iter().map(|c| quote_ident(c)));
    let sql = format!(
        "CREATE INDEX {} ON contacts ({}) WHERE {}",
        quote_ident(&name),
        covered.join(", "),
        refusal_filter(consent_column, refusals)?
    );
    ensure(conn, &name, &sql)
}

/// Drop the refusers index of `consent_column`, if any.
///
/// Errors: SQLite errors.
pub fn drop_refusers_index(conn: &Connection, consent_column: &str) -> Result<(), WorkspaceError> {
    conn.execute_batch(&format!(
        "DROP INDEX IF EXISTS {}",
        quote_ident(&refusers_index(consent_column))
    ))?;
    Ok(())
}

/// Drop every index of this module that uses column `column`, before the column is
/// dropped (SQLite refuses to drop an indexed column). A refusers index goes whole;
/// the next campaign saved rebuilds it on the columns left.
///
/// Errors: SQLite errors.
pub fn drop_on_column(conn: &Connection, column: &str) -> Result<(), WorkspaceError> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT l.name FROM pragma_index_list('contacts') AS l,
               pragma_index_info(l.name) AS i
             WHERE i.name = ?1 AND (substr(l.name, 1, length(?2)) = ?2
               OR substr(l.name, 1, length(?3)) = ?3)",
        )?
        .query_map([column, VALUES, REFUSERS], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in names {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {}", quote_ident(&name)))?;
    }
    Ok(())
}

/// Counts of the distinct values of field column `column` read through its value
/// index, as [`super::records::ValueCounts`] would count them (values as text, 1 to
/// `max` characters long), but only for the values `wanted` accepts: the others are
/// named, not counted. Distinct values are found one index seek each (then, past
/// [`SEEKS`], in one pass over the rest of the index), so a field with few distinct
/// values costs a few look-ups, not a read of every contact's. Order: byte order of
/// the stored value.
///
/// `None` when the column has no value index (read the table instead).
///
/// Errors: SQLite errors; a value that is not UTF-8 text.
pub fn value_counts_indexed(
    conn: &Connection,
    column: &str,
    max: u32,
    mut wanted: impl FnMut(&str) -> bool,
) -> Result<Option<Vec<(String, u64)>>, WorkspaceError> {
    if !has_value_index(conn, column)? {
        return Ok(None);
    }
    let c = quote_ident(column);
    let text = format!("CAST({c} AS TEXT)");
    let shown = format!("CASE WHEN length({text}) BETWEEN 1 AND ?2 THEN {text} END");
    let mut first = conn.prepare(&format!(
        "SELECT {c}, {shown} FROM contacts WHERE {c} IS NOT NULL ORDER BY {c} LIMIT 1"
    ))?;
    let mut next = conn.prepare(&format!(
        "SELECT {c}, {shown} FROM contacts WHERE {c} > ?1 ORDER BY {c} LIMIT 1"
    ))?;
    let mut count = conn.prepare(&format!("SELECT count(*) FROM contacts WHERE {c} = ?1"))?;
    let mut counts: Vec<(String, u64)> = Vec::new();
    let mut last: Option<Value> = None;
    for _ in 0..SEEKS {
        let stmt = if last.is_none() {
            &mut first
        } else {
            &mut next
        };
        let row: Option<(Value, Option<String>)> = stmt
            .query_row(rusqlite::params![last, max], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((stored, shown)) = row else {
            return Ok(Some(finish(counts)));
        };
        if let Some(shown) = shown.filter(|s| wanted(s)) {
            let n: i64 = count.query_row([&stored], |r| r.get(0))?;
            counts.push((shown, n.unsigned_abs()));
        }
        last = Some(stored);
    }
    let mut rest = conn.prepare(&format!(
        "SELECT {shown}, count(*) FROM contacts WHERE {c} > ?1 GROUP BY {c}"
    ))?;
    let mut rows = rest.query(rusqlite::params![last, max])?;
    while let Some(row) = rows.next()? {
        let shown: Option<String> = row.get(0)?;
        if let Some(shown) = shown.filter(|s| wanted(s)) {
            let n: i64 = row.get(1)?;
            counts.push((shown, n.unsigned_abs()));
        }
    }
    Ok(Some(finish(counts)))
}

/// Hand `each` every distinct stored value of field column `column` that is not NULL,
/// read through its value index: one seek per value (past [`SEEKS`], one pass over the
/// rest of the index), so a field of a few dozen distinct values (a tags field's
/// combinations) costs a few dozen look-ups, not a read of every contact's. Values
/// SQLite holds equal (an integer and a real of one number) come once. Order: the
/// index's (byte order for text).
///
/// `Ok(false)`, without calling `each`, when the column has no value index (read the
/// table instead).
///
/// Errors: SQLite errors; the first error of `each`.
pub fn distinct_indexed(
    conn: &Connection,
    column: &str,
    mut each: impl FnMut(ValueRef<'_>) -> Result<(), WorkspaceError>,
) -> Result<bool, WorkspaceError> {
    if !has_value_index(conn, column)? {
        return Ok(false);
    }
    let c = quote_ident(column);
    let mut first = conn.prepare(&format!(
        "SELECT {c} FROM contacts WHERE {c} IS NOT NULL ORDER BY {c} LIMIT 1"
    ))?;
    let mut next = conn.prepare(&format!(
        "SELECT {c} FROM contacts WHERE {c} > ?1 ORDER BY {c} LIMIT 1"
    ))?;
    let mut last: Option<Value> = None;
    for _ in 0..SEEKS {
        let row: Option<Value> = match &last {
            None => first.query_row([], |r| r.get(0)).optional()?,
            Some(v) => next.query_row([v], |r| r.get(0)).optional()?,
        };
        let Some(value) = row else {
            return Ok(true);
        };
        each(ValueRef::from(&value))?;
        last = Some(value);
    }
    let mut rest = conn.prepare(&format!(
        "SELECT {c} FROM contacts WHERE {c} > ?1 GROUP BY {c}"
    ))?;
    let mut rows = rest.query([&last])?;
    while let Some(row) = rows.next()? {
        each(row.get_ref(0)?)?;
    }
    Ok(true)
}

/// `counts` in byte order of the value, equal values added up: index order is the
/// stored value's, and a blob and a text can read as one text, which the map a table
/// scan counts with adds up.
fn finish(mut counts: Vec<(String, u64)>) -> Vec<(String, u64)> {
    counts.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<(String, u64)> = Vec::with_capacity(counts.len());
    for (value, n) in counts {
        match out.last_mut() {
            Some((last, total)) if *last == value => *total += n,
            _ => out.push((value, n)),
        }
    }
    out
}

#[cfg(test)]
#[path = "indexes_tests.rs"]
mod tests;
