//! Saved segments (the `segments` table) and the counts built on compiled rules: reach,
//! audience size, overlap; and loading one contact's typed values for explanations.
//!
//! Rules are checked before they are saved; the rule text is stored as the user wrote
//! it and checked again whenever it is used, since fields and their classes can change
//! after saving. Called by the CLI, the TUI's worker and the campaign code.

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;

use super::RuleError;
use super::check::{Scope, prepare};
use super::compile::{CompiledRule, compile};
use crate::fields::Field;
use crate::fields::change::closest;
use crate::fields::value::{Record, Value};
use crate::workspace::{Workspace, WorkspaceError, audit, now_rfc3339, quote_ident};

/// Longest segment name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// Most segments one overlap matrix can compare (the matrix is counted in one pass, one
/// bit per segment).
pub const MAX_OVERLAP: usize = 32;

/// A saved segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub name: String,
    /// The rule text as the user wrote it.
    pub rule: String,
    pub description: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// Errors from segment storage and counting.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    #[error("{0}")]
    Rule(RuleError),
    #[error("a segment name must not be blank")]
    BlankName,
    #[error("segment names are at most {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("segment names cannot hold control characters or path separators (/ \\)")]
    NameHasControl,
    #[error("a segment `{0}` already exists; use `tactful segment edit` to change its rule")]
    Exists(String),
    #[error("no segment `{name}`{hint}")]
    NotFound { name: String, hint: String },
    #[error("segment `{name}` is used by {}; remove its entry there first (`tactful campaign rm-entry CAMPAIGN {name}`, or x on the Messages screen)", in_campaigns(.campaigns))]
    InUse {
        name: String,
        campaigns: Vec<String>,
    },
    #[error("an overlap matrix compares at most {MAX_OVERLAP} segments")]
    TooManyForOverlap,
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

impl From<rusqlite::Error> for SegmentError {
    fn from(e: rusqlite::Error) -> Self {
        SegmentError::Workspace(e.into())
    }
}

impl From<RuleError> for SegmentError {
    fn from(e: RuleError) -> Self {
        SegmentError::Rule(e)
    }
}

/// Trim `name` and check it is a usable segment name (non-empty, at most
/// [`MAX_NAME_CHARS`] characters, no control characters or path separators: names end
/// up in file and directory names, issue 10 item 11).
pub fn valid_name(name: &str) -> Result<&str, SegmentError> {
    let name = name.trim();
    if name.is_empty() {
        Err(SegmentError::BlankName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(SegmentError::NameTooLong)
    } else if name.chars().any(crate::text::is_unsafe)
        || name.contains(crate::campaign::PATH_SEPARATORS)
    {
        Err(SegmentError::NameHasControl)
    } else {
        Ok(name)
    }
}

const SELECT: &str = "SELECT name, rule, description, created_at, updated_at FROM segments";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Segment> {
    Ok(Segment {
        name: r.get(0)?,
        rule: r.get(1)?,
        description: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

/// All segments, by name.
pub fn list(conn: &Connection) -> Result<Vec<Segment>, SegmentError> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY name"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One segment by name. Errors: [`SegmentError::NotFound`] with the closest name.
pub fn get(conn: &Connection, name: &str) -> Result<Segment, SegmentError> {
    let name = name.trim();
    if let Some(s) = conn
        .query_row(&format!("{SELECT} WHERE name = ?1"), [name], row)
        .optional()?
    {
        return Ok(s);
    }
    let names: Vec<String> = list(conn)?.into_iter().map(|s| s.name).collect();
    let hint = closest(name, &names)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    Err(SegmentError::NotFound {
        name: name.to_string(),
        hint,
    })
}

/// Check `rule` in `scope` and save it as a new segment.
///
/// Errors: invalid or existing name, or the rule's first problem.
pub fn add(
    ws: &mut Workspace,
    name: &str,
    rule: &str,
    description: &str,
    scope: &Scope<'_>,
) -> Result<Segment, SegmentError> {
    let name = valid_name(name)?;
    prepare(rule, scope)?;
    let now = now_rfc3339();
    ws.write(|tx| {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM segments WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(SegmentError::Exists(name.to_string()));
        }
        tx.execute(
            "INSERT INTO segments (name, rule, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![name, rule, description.trim(), now],
        )?;
        Ok(())
    })?;
    get(ws.conn(), name)
}

/// Check `rule` in `scope` and make it segment `name`'s rule.
pub fn edit(
    ws: &mut Workspace,
    name: &str,
    rule: &str,
    scope: &Scope<'_>,
) -> Result<Segment, SegmentError> {
    let name = get(ws.conn(), name)?.name;
    prepare(rule, scope)?;
    ws.write(|tx| {
        tx.execute(
            "UPDATE segments SET rule = ?2, updated_at = ?3 WHERE name = ?1",
            params![name, rule, now_rfc3339()],
        )
        .map_err(SegmentError::from)
    })?;
    get(ws.conn(), &name)
}

/// What [`put`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Put {
    Created,
    Updated,
    Unchanged,
}

/// Create segment `name` with `rule`, or change its rule, inside the caller's
/// transaction. The rule must already be checked (in the scope of the campaign that
/// carries it: `campaign apply`). Errors: invalid name, workspace errors.
pub fn put(conn: &Connection, name: &str, rule: &str) -> Result<Put, SegmentError> {
    let name = valid_name(name)?;
    let now = now_rfc3339();
    let old: Option<String> = conn
        .query_row("SELECT rule FROM segments WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    match old {
        Some(old) if old == rule => Ok(Put::Unchanged),
        Some(_) => {
            conn.execute(
                "UPDATE segments SET rule = ?2, updated_at = ?3 WHERE name = ?1",
                params![name, rule, now],
            )?;
            Ok(Put::Updated)
        }
        None => {
            conn.execute(
                "INSERT INTO segments (name, rule, description, created_at, updated_at) VALUES (?1, ?2, '', ?3, ?3)",
                params![name, rule, now],
            )?;
            Ok(Put::Created)
        }
    }
}

/// Set segment `name`'s description (trimmed). Errors: not found.
pub fn describe(
    ws: &mut Workspace,
    name: &str,
    description: &str,
) -> Result<Segment, SegmentError> {
    let name = get(ws.conn(), name)?.name;
    ws.write(|tx| {
        tx.execute(
            "UPDATE segments SET description = ?2, updated_at = ?3 WHERE name = ?1",
            params![name, description.trim(), now_rfc3339()],
        )
        .map_err(SegmentError::from)
    })?;
    get(ws.conn(), &name)
}

/// Delete segment `name`, audited as done by `actor`. Errors: not found, or
/// [`SegmentError::InUse`] naming every campaign whose entries use it.
pub fn remove(ws: &mut Workspace, name: &str, actor: &str) -> Result<(), SegmentError> {
    let name = get(ws.conn(), name)?.name;
    ws.write(|tx| {
        let campaigns = using(tx, &name)?;
        if !campaigns.is_empty() {
            return Err(SegmentError::InUse { name, campaigns });
        }
        tx.execute("DELETE FROM segments WHERE name = ?1", [&name])?;
        audit::append(tx, actor, "segment removed", &name, &serde_json::json!({}))?;
        Ok(())
    })
}

/// Rename segment `old` to `new` and every campaign entry that uses it, in one
/// transaction, audited as done by `actor`. Reach does not change: the rule is the
/// same. Returns the campaigns whose entries followed, by name.
///
/// Errors: not found, invalid or taken name, workspace errors.
pub fn rename(
    ws: &mut Workspace,
    old: &str,
    new: &str,
    actor: &str,
) -> Result<Vec<String>, SegmentError> {
    let old = get(ws.conn(), old)?.name;
    let new = valid_name(new)?.to_string();
    ws.write(|tx| {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM segments WHERE name = ?1)",
            [&new],
            |r| r.get(0),
        )?;
        if taken {
            return Err(SegmentError::Exists(new.clone()));
        }
        let campaigns = using(tx, &old)?;
        // `campaign_entries.segment` references `segments(name)` without `ON UPDATE
        // CASCADE`: the check waits for the commit, when both sides carry the new name.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        tx.execute(
            "UPDATE segments SET name = ?2, updated_at = ?3 WHERE name = ?1",
            params![old, new, now_rfc3339()],
        )?;
        tx.execute(
            "UPDATE campaign_entries SET segment = ?2 WHERE segment = ?1",
            [&old, &new],
        )?;
        let detail = serde_json::json!({ "from": old, "to": new, "campaigns": campaigns });
        audit::append(tx, actor, "segment renamed", &new, &detail)?;
        Ok(campaigns)
    })
}

/// Names of the campaigns whose entries use segment `name`, alphabetically.
pub fn using(conn: &Connection, name: &str) -> Result<Vec<String>, SegmentError> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT campaign FROM campaign_entries WHERE segment = ?1 ORDER BY campaign",
    )?;
    let names = stmt.query_map([name], |r| r.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

fn in_campaigns(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        1 => format!("campaign {}", quoted[0]),
        _ => format!("campaigns {}", quoted.join(", ")),
    }
}

/// Check and compile rule text in `scope`.
pub fn compile_rule(rule: &str, scope: &Scope<'_>) -> Result<CompiledRule, RuleError> {
    prepare(rule, scope).map(|c| compile(&c))
}

/// How many contacts match `rule`.
pub fn reach(conn: &Connection, rule: &CompiledRule) -> Result<u64, SegmentError> {
    let sql = format!("SELECT count(*) FROM contacts WHERE {}", rule.sql);
    let n: i64 = conn.query_row(&sql, params_from_iter(&rule.params), |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

/// How many contacts the workspace holds.
pub fn audience(conn: &Connection) -> Result<u64, SegmentError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
    Ok(n.unsigned_abs())
}

/// The overlap matrix of `rules`: entry `[i][j]` counts contacts matching both rule `i`
/// and rule `j`; the diagonal is each rule's reach.
///
/// One pass over `contacts`: each contact's matches become a bit pattern, SQLite counts
/// contacts per pattern, and the pairs are summed here. Errors: more than
/// [`MAX_OVERLAP`] rules.
pub fn overlap(conn: &Connection, rules: &[CompiledRule]) -> Result<Vec<Vec<u64>>, SegmentError> {
    if rules.len() > MAX_OVERLAP {
        return Err(SegmentError::TooManyForOverlap);
    }
    let n = rules.len();
    let mut matrix = vec![vec![0u64; n]; n];
    if n == 0 {
        return Ok(matrix);
    }
    let pattern: Vec<String> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| format!("(CASE WHEN {} THEN {} ELSE 0 END)", r.sql, 1u64 << i))
        .collect();
    let sql = format!(
        "SELECT {} AS pattern, count(*) FROM contacts GROUP BY pattern",
        pattern.join(" + ")
    );
    let params = rules.iter().flat_map(|r| r.params.iter());
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    while let Some(r) = rows.next()? {
        let bits: i64 = r.get(0)?;
        let count = r.get::<_, i64>(1)?.unsigned_abs();
        for (i, row) in matrix.iter_mut().enumerate() {
            if bits & (1 << i) == 0 {
                continue;
            }
            for (j, cell) in row.iter_mut().enumerate() {
                if bits & (1 << j) != 0 {
                    *cell += count;
                }
            }
        }
    }
    Ok(matrix)
}

/// One contact's typed values by contact key, or `None` if there is no such contact.
///
/// The key is tried as given, then lower-cased (e-mail keys are stored lower-case).
pub fn load_record(
    conn: &Connection,
    fields: &[Field],
    key: &str,
) -> Result<Option<Record>, SegmentError> {
    let columns: Vec<String> = fields.iter().map(|f| quote_ident(&f.name)).collect();
    let select = if columns.is_empty() {
        "_id".to_string()
    } else {
        columns.join(", ")
    };
    let sql = format!("SELECT {select} FROM contacts WHERE _key = ?1");
    let key = key.trim();
    for candidate in [key.to_string(), key.to_lowercase()] {
        let record = conn
            .query_row(&sql, [&candidate], |r| {
                let mut record = Record::default();
                for (i, f) in fields.iter().enumerate() {
                    record.insert(f.name.clone(), Value::from_sql(f.ty, r.get_ref(i)?));
                }
                Ok(record)
            })
            .optional()?;
        if record.is_some() {
            return Ok(record);
        }
    }
    Ok(None)
}
