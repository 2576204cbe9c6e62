//! Building small workspaces for segment tests directly, without the importer: fields
//! through `workspace::fields::add`, contacts with parameterised inserts in the documented
//! storage formats (dates `YYYY-MM-DD`, booleans 0/1, lists "a, b", blanks NULL).

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::types::Value;
use tactful::fields::{Field, FieldType, PrivacyClass, Role};
use tactful::segment::{Scope, check, compile, store};
use tactful::workspace::{Workspace, fields, quote_ident};

pub fn field(name: &str, ty: FieldType, class: PrivacyClass) -> Field {
    Field {
        name: name.into(),
        header: name.into(),
        ty,
        role: Role::None,
        class,
        reason: "test fixture".into(),
        kind: None,
    }
}

/// Text value, or NULL for "".
pub fn t(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::Text(s.into())
    }
}

/// Add `fields` and one contact per row (key, then one value per field) to `ws`.
pub fn fill(ws: &mut Workspace, defs: &[Field], rows: &[(&str, Vec<Value>)]) {
    ws.write(|tx| {
        for f in defs {
            fields::add(tx, f, "test", Some(1))?;
        }
        let cols: Vec<String> = defs.iter().map(|f| quote_ident(&f.name)).collect();
        let marks = vec!["?"; defs.len()].join(", ");
        let sql = format!(
            "INSERT INTO contacts (_key, _batch{}{}) VALUES (?, 1{}{})",
            if cols.is_empty() { "" } else { ", " },
            cols.join(", "),
            if cols.is_empty() { "" } else { ", " },
            marks
        );
        for (key, values) in rows {
            let mut params = vec![Value::Text(key.to_string())];
            params.extend(values.iter().cloned());
            tx.execute(&sql, rusqlite::params_from_iter(params))
                .map_err(tactful::workspace::WorkspaceError::from)?;
        }
        Ok::<_, tactful::workspace::WorkspaceError>(())
    })
    .unwrap();
}

pub fn open_with(path: Option<&Path>, defs: &[Field], rows: &[(&str, Vec<Value>)]) -> Workspace {
    let mut ws = match path {
        Some(p) => Workspace::open(p).unwrap(),
        None => Workspace::open_in_memory().unwrap(),
    };
    fill(&mut ws, defs, rows);
    ws
}

/// Keys of the contacts matching `rule` (checked outside a campaign), sorted.
pub fn matching(ws: &Workspace, rule: &str, as_of: NaiveDate) -> BTreeSet<String> {
    let defs = fields::list(ws.conn()).unwrap();
    let none = BTreeSet::new();
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &none,
        as_of,
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &defs).unwrap(),
    };
    let checked = check::prepare(rule, &scope).unwrap_or_else(|e| panic!("{}", e.caret()));
    let compiled = compile::compile(&checked);
    let sql = format!("SELECT _key FROM contacts WHERE {}", compiled.sql);
    let mut stmt = ws.conn().prepare(&sql).unwrap();
    let keys = stmt
        .query_map(rusqlite::params_from_iter(&compiled.params), |r| r.get(0))
        .unwrap()
        .collect::<Result<BTreeSet<String>, _>>()
        .unwrap();
    assert_eq!(
        store::reach(ws.conn(), &compiled).unwrap(),
        keys.len() as u64
    );
    keys
}

pub fn keys(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
