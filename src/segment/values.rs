//! The most common values of a field, with how many contacts hold each: what a rule
//! editor offers while a value is typed, so `country is "DE"` is not guesswork when the
//! data says `Germany` (issue 11).
//!
//! Values are grouped as rules compare them: text ignoring case and edge whitespace, a
//! list field by its single tags. Fields whose values a marketer should not browse are
//! not offered ([`may_suggest`]): direct identifiers (every value is one person) and
//! special category and protected fields not unlocked (GDPR Art. 9(1); the policy
//! blocks them in rules anyway). Nor are single values of an ordinary field that are
//! themselves sensitive data a rule would refuse (trial 8, L9: `diabetic` and
//! `pregnant - due March` in notes, `muslim` or `teen` among tags), decided value by
//! value by the check rules get ([`crate::fields::held::sensitive_in`],
//! [`crate::fields::policy::check_value_use`], unlocked by `FIELD:KIND`); how many were
//! left out, and of which kinds, is returned instead ([`TopValues`]). Called by the
//! TUI's segments worker.

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use super::store::SegmentError;
use crate::fields::held::sensitive_in;
use crate::fields::policy::{Usage, check_value_use};
use crate::fields::{Field, FieldType, PrivacyClass};
use crate::workspace::quote_ident;

/// One value and the number of contacts holding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    /// The value as one of its contacts wrote it (edge whitespace trimmed).
    pub value: String,
    pub contacts: u64,
}

/// A field's suggestions: the values offered, and the sensitive ones left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TopValues {
    /// Most contacts first.
    pub values: Vec<ValueCount>,
    /// Distinct values left out as sensitive data a rule may not use: those ranked
    /// above the last value offered (all of them when fewer than the limit are offered).
    pub hidden: u64,
    /// The kinds of the values left out (`health`, `religion`), sorted, each once.
    pub hidden_kinds: Vec<String>,
}

impl TopValues {
    /// Offer `value` unless it is sensitive data of `field` a rule may not use with
    /// `unlocked`; false once `limit` values are offered.
    fn offer(
        &mut self,
        field: &Field,
        unlocked: &BTreeSet<String>,
        value: ValueCount,
        limit: usize,
    ) -> bool {
        let refused: Vec<String> = sensitive_in(field, &value.value)
            .into_iter()
            .filter(|v| check_value_use(field, v, Usage::Rule, None, unlocked).is_err())
            .map(|v| v.kind)
            .collect();
        if refused.is_empty() {
            self.values.push(value);
        } else {
            self.hidden += 1;
            for kind in refused {
                if let Err(at) = self.hidden_kinds.binary_search(&kind) {
                    self.hidden_kinds.insert(at, kind);
                }
            }
        }
        self.values.len() < limit
    }
}

/// True when `field`'s values may be offered as suggestions: not a direct identifier,
/// not a boolean (a rule says `is true`), and not blocked by default unless `unlocked`
/// holds it.
pub fn may_suggest(field: &Field, unlocked: &BTreeSet<String>) -> bool {
    let blocked = field.class.is_blocked_by_default() && !unlocked.contains(&field.name);
    field.class != PrivacyClass::DirectIdentifier && field.ty != FieldType::Boolean && !blocked
}

/// The `limit` most common non-blank values of `field` a rule may use, most contacts
/// first, ties in alphabetical order (ignoring case), and the sensitive ones left out
/// ([`TopValues`]). Empty when [`may_suggest`] says no.
///
/// Errors: workspace errors (the query runs with the field's name quoted as an
/// identifier).
pub fn top_values(
    conn: &Connection,
    field: &Field,
    unlocked: &BTreeSet<String>,
    limit: usize,
) -> Result<TopValues, SegmentError> {
    let mut top = TopValues::default();
    if !may_suggest(field, unlocked) || limit == 0 {
        return Ok(top);
    }
    let col = quote_ident(&field.name);
    let text = format!("trim(CAST({col} AS TEXT))");
    if field.ty == FieldType::List {
        for value in top_tags(conn, &text)? {
            if !top.offer(field, unlocked, value, limit) {
                break;
            }
        }
        return Ok(top);
    }
    // Read in order until `limit` values are offered: the sensitive ones are skipped.
    let sql = format!(
        "SELECT {text} AS v, count(*) AS n FROM contacts \
         WHERE {col} IS NOT NULL AND {text} <> '' \
         GROUP BY lower(v) ORDER BY n DESC, lower(v)"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let value = ValueCount {
            value: r.get(0)?,
            contacts: r.get::<_, i64>(1)?.unsigned_abs(),
        };
        if !top.offer(field, unlocked, value, limit) {
            break;
        }
    }
    Ok(top)
}

/// Tags of a list field (stored as `vip, gold`), counted per contact holding them, most
/// contacts first.
fn top_tags(conn: &Connection, text: &str) -> Result<Vec<ValueCount>, SegmentError> {
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
    Ok(out.into_iter().map(|(_, v)| v).collect())
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

    fn pairs(v: TopValues) -> Vec<(String, u64)> {
        v.values
            .into_iter()
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
        assert_eq!(top.values.len(), 2);
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
        assert!(
            top_values(ws.conn(), &direct, &none, 5)
                .unwrap()
                .values
                .is_empty()
        );
        let special = field("country", FieldType::Text, PrivacyClass::SpecialCategory);
        assert!(
            top_values(ws.conn(), &special, &none, 5)
                .unwrap()
                .values
                .is_empty()
        );
        let unlocked: BTreeSet<String> = ["country".to_string()].into();
        assert_eq!(
            top_values(ws.conn(), &special, &unlocked, 5)
                .unwrap()
                .values
                .len(),
            3
        );
    }
    #[test]
    fn sensitive_values_of_ordinary_fields_are_left_out_and_counted() {
        // Trial 8, L9: tags `muslim` (religion) and `teen` (age), notes `diabetic` and
        // `pregnant - due March` (health) are refused in rules, so never offered.
        let ws = Workspace::open_in_memory().unwrap();
        ws.conn()
            .execute_batch(
                "ALTER TABLE contacts ADD COLUMN tags TEXT;
                 ALTER TABLE contacts ADD COLUMN notes TEXT;
                 INSERT INTO contacts (_key, _batch, tags, notes) VALUES
                   ('a', 1, 'vip, muslim', 'diabetic'),
                   ('b', 1, 'vip', 'pregnant - due March'),
                   ('c', 1, 'vip, gold', 'likes cats'),
                   ('d', 1, 'gold, teen', 'likes cats');",
            )
            .unwrap();
        let none = BTreeSet::new();
        let tags = field("tags", FieldType::List, PrivacyClass::Ordinary);
        // vip: a, b, c = 3; gold: c, d = 2; muslim 1 and teen 1 left out.
        let top = top_values(ws.conn(), &tags, &none, 10).unwrap();
        assert_eq!(top.hidden, 2);
        assert_eq!(top.hidden_kinds, ["age", "religion"]);
        assert_eq!(pairs(top), [("vip".into(), 3), ("gold".into(), 2)]);
        let notes = field("notes", FieldType::Text, PrivacyClass::Ordinary);
        // likes cats: c, d = 2; diabetic and pregnant - due March left out.
        let top = top_values(ws.conn(), &notes, &none, 10).unwrap();
        assert_eq!(
            (top.hidden, top.hidden_kinds.clone()),
            (2, vec!["health".to_string()])
        );
        assert_eq!(pairs(top), [("likes cats".into(), 2)]);
        // With a limit of 1, only what ranks above the last value offered counts:
        // `likes cats` (2) comes first, so nothing is hidden before it.
        let top = top_values(ws.conn(), &notes, &none, 1).unwrap();
        assert_eq!(top.hidden, 0);
        // The campaign's unlock of `tags:religion` offers `muslim` again, not `teen`.
        let unlocked: BTreeSet<String> = ["tags:religion".to_string()].into();
        let top = top_values(ws.conn(), &tags, &unlocked, 10).unwrap();
        assert_eq!(top.hidden_kinds, ["age"]);
        assert_eq!(
            pairs(top),
            [("vip".into(), 3), ("gold".into(), 2), ("muslim".into(), 1)]
        );
    }
}
