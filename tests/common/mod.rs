//! Helpers shared by the import tests: fixture paths, running an import through the
//! library, and a content dump of a workspace to compare before and after.

#![allow(dead_code)]

use std::path::PathBuf;

use tactful::import::{self, ImportError, ImportPlan, ImportReport};
use tactful::workspace::Workspace;

#[path = "../shared_folder/mod.rs"]
mod shared_folder;

// Not every test binary that includes this module reads the shared folder.
#[allow(unused_imports)]
pub use shared_folder::shared;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn plan(name: &str) -> ImportPlan {
    ImportPlan::new(fixture(name), "test")
}

pub fn run(ws: &mut Workspace, plan: &ImportPlan) -> Result<ImportReport, ImportError> {
    import::run(ws, plan, &mut |_| {})
}

/// Every row of every table, each value with its SQLite type, in a stable order.
pub fn dump(ws: &Workspace) -> Vec<String> {
    let conn = ws.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = vec![];
    for t in tables {
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.push(format!("table {t}: {}", cols.join(",")));
        let exprs: Vec<String> = cols
            .iter()
            .map(|c| format!("typeof(\"{c}\") || ':' || quote(\"{c}\")"))
            .collect();
        let sql = format!(
            "SELECT {} FROM \"{t}\" ORDER BY 1",
            exprs.join(" || '|' || ")
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        for r in rows {
            out.push(r.unwrap());
        }
    }
    out
}

/// One contact's stored value of `column` and its SQLite type, by contact key.
pub fn value(ws: &Workspace, key: &str, column: &str) -> (String, String) {
    ws.conn()
        .query_row(
            &format!("SELECT typeof(\"{column}\"), coalesce(CAST(\"{column}\" AS TEXT), 'NULL') FROM contacts WHERE _key = ?1"),
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

pub fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// One contact's consent for `channel` (`email` or `sms`): state, source and the
/// evidence JSON, by contact key.
pub fn consent_of(
    ws: &Workspace,
    key: &str,
    channel: &str,
) -> (String, Option<String>, Option<String>) {
    ws.conn()
        .query_row(
            &format!(
                "SELECT _consent_{channel}, s.source, s.evidence FROM contacts c
                 LEFT JOIN consent_statements s ON s.id = c._consent_{channel}_ref WHERE _key = ?1"
            ),
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}
