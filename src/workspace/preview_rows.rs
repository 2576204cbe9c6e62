//! A campaign preview kept on disk rather than in memory: one row per contact in a
//! connection's TEMP table `preview_rows`, paged with keyset queries.
//!
//! The TUI's preview screen must show a million contacts without holding a million
//! rendered messages: its worker streams `campaign::preview::run` into this table (key,
//! address, segment, exclusion reason, subject, first line of the body; never the whole
//! body) and the table pages it by `rowid` (`WHERE rowid > ? ORDER BY rowid LIMIT ?`,
//! STYLE.md pattern 9), filtered by segment, reason and a search text. A TEMP table
//! lives only in the connection that made it, so writing and paging must happen on the
//! same connection (the worker's preview thread), and it vanishes with it: nothing of a
//! preview is left in the workspace file. Values always travel as bound parameters.

use rusqlite::{Connection, params};

use super::WorkspaceError;

/// One contact of a stored preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewLine {
    /// The keyset cursor (insertion order, which is the audience's `_id` order).
    pub rowid: i64,
    pub key: String,
    pub address: Option<String>,
    /// The segment (recipients and held-out contacts).
    pub segment: Option<String>,
    /// The exclusion reason code, `None` for a recipient.
    pub reason: Option<String>,
    pub subject: Option<String>,
    /// The first line of the rendered body.
    pub first_line: Option<String>,
}

/// Which exclusion reasons a page shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ReasonMatch {
    /// Recipients and excluded contacts alike.
    #[default]
    Any,
    /// Recipients only.
    Recipient,
    /// Contacts excluded for this reason code.
    Reason(String),
}

/// Which rows a page or count covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreviewFilter {
    /// Only this segment.
    pub segment: Option<String>,
    pub reason: ReasonMatch,
    /// Only keys or addresses containing this text (case-insensitive); blank for all.
    pub search: String,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowBound {
    First,
    Last,
    /// Rows with `rowid >= id`, ascending.
    From(i64),
    /// Rows with `rowid < id`, nearest first in the query, returned ascending.
    Before(i64),
}

/// Drop any earlier preview of this connection and create an empty table.
///
/// Workspaces open with `temp_store = MEMORY`; this connection switches to a temporary
/// file, so a preview of a million contacts occupies disk, with only SQLite's page
/// cache (about 2 MB by default) in memory.
pub fn reset(conn: &Connection) -> Result<(), WorkspaceError> {
    conn.execute_batch(
        "PRAGMA temp_store = FILE;
         DROP TABLE IF EXISTS temp.preview_rows;
         CREATE TEMP TABLE preview_rows (
             key TEXT NOT NULL, address TEXT, segment TEXT, reason TEXT,
             subject TEXT, first_line TEXT);",
    )?;
    Ok(())
}

/// Append one contact (the table must exist: see [`reset`]).
pub fn insert(conn: &Connection, line: &PreviewLine) -> Result<(), WorkspaceError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO temp.preview_rows (key, address, segment, reason, subject, first_line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    stmt.execute(params![
        line.key,
        line.address,
        line.segment,
        line.reason,
        line.subject,
        line.first_line
    ])?;
    Ok(())
}

/// The filter as a WHERE clause over parameters ?1 (segment), ?2 (reason mode: 0 any,
/// 1 recipients, 2 one reason), ?3 (reason code), ?4 (lower-case search text or '').
const FILTER: &str = "(?1 IS NULL OR segment = ?1)
     AND (?2 = 0 OR (?2 = 1 AND reason IS NULL) OR (?2 = 2 AND reason = ?3))
     AND (?4 = '' OR instr(lower(key), ?4) > 0 OR instr(lower(coalesce(address, '')), ?4) > 0)";

fn filter_params(f: &PreviewFilter) -> (Option<&str>, i64, &str, String) {
    let (mode, code) = match &f.reason {
        ReasonMatch::Any => (0, ""),
        ReasonMatch::Recipient => (1, ""),
        ReasonMatch::Reason(code) => (2, code.as_str()),
    };
    (
        f.segment.as_deref(),
        mode,
        code,
        f.search.trim().to_lowercase(),
    )
}

/// Up to `limit` rows matching `filter` from `bound`, ascending by rowid.
pub fn page(
    conn: &Connection,
    filter: &PreviewFilter,
    bound: RowBound,
    limit: usize,
) -> Result<Vec<PreviewLine>, WorkspaceError> {
    let columns = "rowid, key, address, segment, reason, subject, first_line";
    let (cursor, order, id) = match bound {
        RowBound::First => ("rowid >= ?5", "ASC", i64::MIN),
        RowBound::Last => ("rowid < ?5", "DESC", i64::MAX),
        RowBound::From(id) => ("rowid >= ?5", "ASC", id),
        RowBound::Before(id) => ("rowid < ?5", "DESC", id),
    };
    let sql = format!(
        "SELECT {columns} FROM temp.preview_rows WHERE {cursor} AND {FILTER}
         ORDER BY rowid {order} LIMIT ?6"
    );
    let (segment, mode, code, search) = filter_params(filter);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![segment, mode, code, search, id, limit as i64],
        |r| {
            Ok(PreviewLine {
                rowid: r.get(0)?,
                key: r.get(1)?,
                address: r.get(2)?,
                segment: r.get(3)?,
                reason: r.get(4)?,
                subject: r.get(5)?,
                first_line: r.get(6)?,
            })
        },
    )?;
    let mut out: Vec<PreviewLine> = rows.collect::<Result<_, _>>()?;
    if order == "DESC" {
        out.reverse();
    }
    Ok(out)
}

/// Rows matching `filter`.
pub fn count(conn: &Connection, filter: &PreviewFilter) -> Result<u64, WorkspaceError> {
    let (segment, mode, code, search) = filter_params(filter);
    let sql = format!("SELECT count(*) FROM temp.preview_rows WHERE {FILTER}");
    let n: i64 = conn.query_row(&sql, params![segment, mode, code, search], |r| r.get(0))?;
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(key: &str, segment: Option<&str>, reason: Option<&str>) -> PreviewLine {
        PreviewLine {
            rowid: 0,
            key: key.into(),
            address: Some(key.into()),
            segment: segment.map(str::to_string),
            reason: reason.map(str::to_string),
            subject: None,
            first_line: None,
        }
    }

    #[test]
    fn pages_filter_and_count_by_keyset() {
        let conn = Connection::open_in_memory().unwrap();
        reset(&conn).unwrap();
        for l in [
            line("ana@x.org", Some("gold"), None),
            line("bo@x.org", Some("lyon"), None),
            line("cy@y.org", Some("gold"), None),
            line("dee@y.org", None, Some("no_segment")),
        ] {
            insert(&conn, &l).unwrap();
        }
        let keys = |rows: Vec<PreviewLine>| rows.into_iter().map(|r| r.key).collect::<Vec<_>>();
        let all = PreviewFilter::default();
        assert_eq!(
            keys(page(&conn, &all, RowBound::From(2), 2).unwrap()),
            ["bo@x.org", "cy@y.org"]
        );
        assert_eq!(
            keys(page(&conn, &all, RowBound::Before(3), 5).unwrap()),
            ["ana@x.org", "bo@x.org"]
        );
        assert_eq!(
            keys(page(&conn, &all, RowBound::Last, 1).unwrap()),
            ["dee@y.org"]
        );
        let gold = PreviewFilter {
            segment: Some("gold".into()),
            ..PreviewFilter::default()
        };
        assert_eq!(count(&conn, &gold).unwrap(), 2);
        let excluded = PreviewFilter {
            reason: ReasonMatch::Reason("no_segment".into()),
            ..PreviewFilter::default()
        };
        assert_eq!(
            keys(page(&conn, &excluded, RowBound::First, 9).unwrap()),
            ["dee@y.org"]
        );
        let search = PreviewFilter {
            search: " Y.ORG ".into(),
            reason: ReasonMatch::Recipient,
            ..PreviewFilter::default()
        };
        assert_eq!(
            keys(page(&conn, &search, RowBound::First, 9).unwrap()),
            ["cy@y.org"]
        );
        reset(&conn).unwrap();
        assert_eq!(count(&conn, &all).unwrap(), 0);
    }
}
