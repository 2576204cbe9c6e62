//! The most common values of a field, with how many contacts hold each: what a rule
//! editor offers while a value is typed, so `country is "DE"` is not guesswork when the
//! data says `Germany` (issue 11).
//!
//! Values are grouped as rules compare them: text ignoring case and edge whitespace, a
//! list field by its single tags. Fields whose values a marketer should not browse are
//! not offered ([`may_suggest`]): direct identifiers (every value is one person) and
//! special category and protected fields not unlocked (GDPR Art. 9(1); the policy
//! blocks them in rules anyway). Called by the TUI's segments worker.

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use super::store::SegmentError;
use crate::fields::{Field, FieldType, PrivacyClass};
use crate::workspace::quote_ident;

/// One value and the number of contacts holding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    /// The value as one of its contacts wrote it (edge whitespace trimmed).
    pub value: String,
    pub contacts: u64,
}

/// True when `field`'s values may be offered as suggestions: not a direct identifier,
/// not a boolean (a rule says `is true`), and not blocked by default unless `unlocked`
/// holds it.
pub fn may_suggest(field: &Field, unlocked: &BTreeSet<String>) -> bool {
    let blocked = field.class.is_blocked_by_default() && !unlocked.contains(&field.name);
    field.class != PrivacyClass::DirectIdentifier && field.ty != FieldType::Boolean && !blocked
}

/// The `limit` most common non-blank values of `field`, most contacts first, ties in
/// alphabetical order (ignoring case). Empty when [`may_suggest`] says no.
///
/// Errors: workspace errors (the query runs with the field's name quoted as an
/// identifier and the limit bound).
pub fn top_values(
    conn: &Connection,
    field: &Field,
    unlocked: &BTreeSet<String>,
    limit: usize,
) -> Result<Vec<ValueCount>, SegmentError> {
    if !may_suggest(field, unlocked) {
        return Ok(Vec::new());
    }
    let col = quote_ident(&field.name);
    let text = format!("trim(CAST({col} AS TEXT))");
    if field.ty == FieldType::List {
        return top_tags(conn, &text, limit);
    }
    let sql = format!(
        "SELECT {text} AS v, count(*) AS n FROM contacts \
         WHERE {col} IS NOT NULL AND {text} <> '' \
         GROUP BY lower(v) ORDER BY n DESC, lower(v) LIMIT ?1"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(ValueCount {
            value: r.get(0)?,
            contacts: r.get::<_, i64>(1)?.unsigned_abs(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Tags of a list field (stored as `vip, gold`), counted per contact holding them.
fn top_tags(conn: &Connection, text: &str, limit: usize) -> Result<Vec<ValueCount>, SegmentError> {
    let sql = format!(
        "SELECT {text} AS v, count(*) FROM contacts WHERE v IS NOT NULL AND v <> '' GROUP BY v"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    // lower-cased tag -> (a spelling, contacts)
    let mut counts: HashMap<String, (String, u64)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let list: String = r.get(0)?;
        let n = r.get::<_, i64>(1)?.unsigned_abs();
        let tags: BTreeSet<&str> = list
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        for tag in tags {
            counts
                .entry(tag.to_lowercase())
                .or_insert_with(|| (tag.to_string(), 0))
                .1 += n;
        }
    }
    let mut out: Vec<(String, ValueCount)> = counts
        .into_iter()
        .map(|(key, (value, contacts))| (key, ValueCount { value, contacts }))
        .collect();
    out.sort_by(|a, b| b.1.contacts.cmp(&a.1.contacts).then_with(|| a.0.cmp(&b.0)));
    Ok(out.into_iter().take(limit).map(|(_, v)| v).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Role;
    use crate::workspace::Workspace;

    fn field(name: &str, ty: FieldType, class: PrivacyClass) -> Field {
        Field {
            name: name.into(),
            header: name.into(),
            ty,
            role: Role::None,
            class,
            reason: String::new(),
            kind: None,
        }
    }

    /// Countries and tags of seven contacts, counted by hand below.
    fn workspace() -> Workspace {
        let ws = Workspace::open_in_memory().unwrap();
        ws.conn()
            .execute_batch(
                "ALTER TABLE contacts ADD COLUMN country TEXT;
                 ALTER TABLE contacts ADD COLUMN tags TEXT;
                 INSERT INTO contacts (_key, _batch, country, tags) VALUES
                   ('a', 1, 'Germany', 'vip, gold'),
                   ('b', 1, ' germany ', 'VIP'),
                   ('c', 1, 'France', 'gold, vip'),
                   ('d', 1, 'Germany', NULL),
                   ('e', 1, 'Austria', 'new'),
                   ('f', 1, '', ''),
                   ('g', 1, NULL, 'gold');",
            )
            .unwrap();
        ws
    }

    fn pairs(v: Vec<ValueCount>) -> Vec<(String, u64)> {
        v.into_iter()
            .map(|v| (v.value.to_lowercase(), v.contacts))
            .collect()
    }

    #[test]
    fn text_values_are_counted_ignoring_case_and_edge_spaces() {
        let ws = workspace();
        let country = field("country", FieldType::Text, PrivacyClass::QuasiIdentifier);
        let none = BTreeSet::new();
        // Germany: a, b (" germany "), d = 3; Austria 1 and France 1 tie, alphabetically.
        let top = top_values(ws.conn(), &country, &none, 10).unwrap();
        assert_eq!(
            pairs(top),
            [
                ("germany".into(), 3),
                ("austria".into(), 1),
                ("france".into(), 1)
            ]
        );
        let top = top_values(ws.conn(), &country, &none, 2).unwrap();
        assert_eq!(top.len(), 2);
    }

    #[test]
    fn list_fields_count_single_tags() {
        let ws = workspace();
        let tags = field("tags", FieldType::List, PrivacyClass::Ordinary);
        // vip: a, b, c = 3; gold: a, c, g = 3; new: e = 1.
        let top = top_values(ws.conn(), &tags, &BTreeSet::new(), 10).unwrap();
        assert_eq!(
            pairs(top),
            [("gold".into(), 3), ("vip".into(), 3), ("new".into(), 1)]
        );
    }

    #[test]
    fn identifiers_and_locked_sensitive_fields_are_not_offered() {
        let ws = workspace();
        let none = BTreeSet::new();
        let direct = field("country", FieldType::Text, PrivacyClass::DirectIdentifier);
        assert!(top_values(ws.conn(), &direct, &none, 5).unwrap().is_empty());
        let special = field("country", FieldType::Text, PrivacyClass::SpecialCategory);
        assert!(
            top_values(ws.conn(), &special, &none, 5)
                .unwrap()
                .is_empty()
        );
        let unlocked: BTreeSet<String> = ["country".to_string()].into();
        assert_eq!(
            top_values(ws.conn(), &special, &unlocked, 5).unwrap().len(),
            3
        );
    }
}
