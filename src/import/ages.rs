//! Ages at import: what a row's date-of-birth, birth-year and age values say, and how
//! rows of one contact that disagree about them are merged.
//!
//! Every value is read by the campaign's own minor check ([`crate::campaign::age::read`])
//! on today's date, one value at a time, so the import's "age unknown" mark
//! (`contacts._age_unknown`) and count say exactly what a campaign will find: a column
//! kept as text because a few values are unreadable still has readable values
//! (`2012-01-01`, `15 Jahre`), and only the values the check cannot read mark a contact.
//!
//! When a row merges into a contact that already holds a value in the same age field
//! (a repeated row of the file, or a contact of an earlier import) and the two disagree,
//! the youngest plausible age decides, as it does between fields (GDPR Art. 8 protects
//! children; letting the last row win would send a 14-year-old's message because a
//! later row says 40). The value the check can read wins over one it cannot (as a
//! future birth date never overrides `Age = 10`). Each such conflict is reported with
//! the file's lines, as consent's merge reports the opt-outs it kept. Called by
//! [`super::prepare`] (the mark) and [`super::write`] (the merge).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use serde::Serialize;

use super::analyse::{Analysis, Column};
use super::prepare::AgeMark;
use crate::campaign::age::{self, AgeReading};
use crate::fields::Role;
use crate::fields::value::Value;
use crate::workspace::WorkspaceError;
use crate::workspace::contacts::ContactWriter;

/// Conflicts listed one by one in the report; past this only counted.
pub const MAX_LISTED: usize = 100;

/// What the minor check reads in `value` (storage form) of age column `column` on
/// `today`: the same reading a campaign makes of the stored value.
pub fn reading(column: &Column, value: &Sql, today: NaiveDate) -> AgeReading {
    let value = Value::from_sql(column.field.ty, value.into());
    let dates = age::AgeDates::new(today, today);
    crate::campaign::minor_flag::read_field(&column.field.name, column.field.role, &value, dates).0
}

/// What `values` (one per column, storage form) say about the contact's age: an
/// unreadable value wins over a readable one; columns for which `dropped` is true
/// say nothing.
pub fn mark(
    analysis: &Analysis,
    values: &[Sql],
    today: NaiveDate,
    dropped: impl Fn(usize) -> bool,
) -> AgeMark {
    let mut mark = AgeMark::Silent;
    for &index in &analysis.age_columns {
        if dropped(index) {
            continue;
        }
        match reading(&analysis.columns[index], &values[index], today) {
            AgeReading::Blank => {}
            AgeReading::Years { .. } => mark = AgeMark::Readable,
            AgeReading::Unreadable(_) => return AgeMark::Unreadable(index),
        }
    }
    mark
}

/// Two values of one age field for one contact that disagree: what a row gives
/// (`given`, on `line`) and what the contact already held (`held`, from
/// `earlier_line` of this file, or from an earlier import when `null`).
///
/// JSON: `{field, line, given, earlier_line, held, kept}`, `kept` being `given` or
/// `held`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeConflict {
    pub field: String,
    pub line: u64,
    /// The row's value as stored (at most 40 characters).
    pub given: String,
    pub earlier_line: Option<u64>,
    /// The value the contact held (at most 40 characters).
    pub held: String,
    /// `given` or `held`: the value the contact keeps.
    pub kept: &'static str,
}

/// The merge of age values over one file: today's date for reading, the line that
/// gave each contact's age values in this file, and the conflicts found.
#[derive(Debug)]
pub struct AgeMerge {
    today: NaiveDate,
    /// Hash of (contact key, column) → line of this file whose value the contact holds.
    lines: HashMap<u64, u64>,
    /// The first [`MAX_LISTED`] conflicts, in file order.
    pub conflicts: Vec<AgeConflict>,
    /// Every conflict, listed or not.
    pub total: u64,
}

impl AgeMerge {
    /// A merge that reads values on `today`.
    pub fn new(today: NaiveDate) -> Self {
        AgeMerge {
            today,
            lines: HashMap::new(),
            conflicts: Vec::new(),
            total: 0,
        }
    }

    /// Before `values` (the row on `line`) update contact `id` (`key`): where the
    /// contact holds a value of an age field that reads older than the row's, or that
    /// the row's unreadable value would replace, the row's value is set to `Null` so the
    /// stored one stays. Returns the row's age mark, recomputed when a value was kept
    /// back (`mark` otherwise).
    ///
    /// Errors: workspace errors reading the stored values.
    pub fn merge(
        &mut self,
        writer: &mut ContactWriter<'_>,
        analysis: &Analysis,
        (id, key, line): (i64, &str, u64),
        values: &mut [Sql],
        mark: AgeMark,
    ) -> Result<AgeMark, WorkspaceError> {
        if analysis.age_columns.iter().all(|&i| values[i] == Sql::Null) {
            return Ok(mark);
        }
        // One value per age column, in `analysis.age_columns` order.
        let held_values = writer.age_values(id)?;
        let mut dropped = Vec::new();
        for (&i, held) in analysis.age_columns.iter().zip(held_values) {
            if values[i] == Sql::Null {
                continue;
            }
            let column = &analysis.columns[i];
            let old = reading(column, &held, self.today);
            let new = reading(column, &values[i], self.today);
            let Some(keep_held) = decide(old, new) else {
                continue;
            };
            self.total += 1;
            if self.conflicts.len() < MAX_LISTED {
                self.conflicts.push(AgeConflict {
                    field: column.field.name.clone(),
                    line,
                    given: shown(column, &values[i]),
                    earlier_line: self.lines.get(&slot(key, i)).copied(),
                    held: shown(column, &held),
                    kept: if keep_held { "held" } else { "given" },
                });
            }
            if keep_held && column.field.role == Role::Tags {
                // The row's tags stay, and so do the held tags naming an age group.
                values[i] = with_age_tags(&values[i], &held);
            } else if keep_held {
                values[i] = Sql::Null;
                dropped.push(i);
            }
        }
        if dropped.is_empty() {
            return Ok(mark);
        }
        Ok(self::mark(analysis, values, self.today, |i| {
            dropped.contains(&i)
        }))
    }

    /// After the row on `line` was written to contact `key`: remember the line of each
    /// age value it gave (a value kept back is `Null` by now), to name it in a later
    /// conflict.
    ///
    /// Only values that say something about age are remembered: a conflict needs a held
    /// value that reads as an age or unreadable ([`decide`]), and the held value is the
    /// last one written, so the line of a blank reading (tags `vip, sale`, a customer
    /// type `Retail`) is never asked for. Tags are age columns, so remembering every
    /// row's tags cost a map entry per row: 36 MB and a peak of 53 MB while it grew on
    /// the 1,000,000-row bench file (issue 13).
    pub fn remember(&mut self, analysis: &Analysis, key: &str, line: u64, values: &[Sql]) {
        for &i in &analysis.age_columns {
            if values[i] != Sql::Null
                && reading(&analysis.columns[i], &values[i], self.today) != AgeReading::Blank
            {
                self.lines.insert(slot(key, i), line);
            }
        }
    }
}

/// The report's warning about age conflicts, if any: how many, and the first few with
/// their lines and the value kept.
pub fn warnings(merge: &AgeMerge) -> Option<String> {
    if merge.total == 0 {
        return None;
    }
    let examples: Vec<String> = merge
        .conflicts
        .iter()
        .take(5)
        .map(|c| {
            let earlier = match c.earlier_line {
                Some(l) => format!("line {l}"),
                None => "an earlier import".to_string(),
            };
            let kept = if c.kept == "held" { &c.held } else { &c.given };
            format!(
                "line {} gives {} `{}` where {earlier} gave `{}`: kept `{kept}`",
                c.line, c.field, c.given, c.held
            )
        })
        .collect();
    Some(format!(
        "{} row{} disagreed with a contact's date of birth, birth year, age or age-group tags from an earlier row or import; the youngest plausible age was kept (tags naming it beside the row's tags), so the minor check errs on the side of a child (see age_conflicts): {}",
        merge.total,
        super::report::plural(merge.total),
        examples.join("; ")
    ))
}

/// Whether two readings of one field conflict and, if so, whether the held value
/// stays (`Some(true)`) or the given one replaces it (`Some(false)`): the younger
/// plausible age wins, and a readable value wins over an unreadable one. Equal youngest
/// ages (`14` and `14 years`) or two unreadable values are no conflict. The given value
/// is never blank (blanks are skipped), so a blank reading of it is a value that says
/// nothing about age (a customer type's `Retail`): a held age stays, or a later file
/// would turn a `Child` into no age at all (new-user trial, session 9).
fn decide(held: AgeReading, given: AgeReading) -> Option<bool> {
    use AgeReading::{Blank, Unreadable, Years};
    match (held, given) {
        (Years { .. }, Blank) => Some(true),
        (Blank, _) | (_, Blank) | (Unreadable(_), Unreadable(_)) => None,
        (Years { youngest: h, .. }, Years { youngest: g, .. }) if h == g => None,
        (Years { youngest: h, .. }, Years { youngest: g, .. }) => Some(h < g),
        (Years { .. }, Unreadable(_)) => Some(true),
        (Unreadable(_), Years { .. }) => Some(false),
    }
}

/// A tags value `given` that would replace `held`, a contact's tags naming an age group
/// (`teen`) with none as young (`vip`, `adult`): `given` with the held tags that name
/// an age group added after it (`vip, teen`), so the contact's other tags follow the
/// file and the younger reading stays (new-user trial, session 12, G13: a re-export
/// after staff retagged a child as `vip` made the child a recipient, silently).
fn with_age_tags(given: &Sql, held: &Sql) -> Sql {
    let text = |v: &Sql| match v {
        Sql::Text(t) => t.clone(),
        _ => String::new(),
    };
    let (given, held) = (text(given), text(held));
    let mut out: Vec<&str> = given.split([',', ';', '|']).map(str::trim).collect();
    out.retain(|t| !t.is_empty());
    for tag in held.split([',', ';', '|']).map(str::trim) {
        let names_age = crate::campaign::minor_flag::read_stored_tags(tag) != AgeReading::Blank;
        if names_age && !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag);
        }
    }
    Sql::Text(out.join(", "))
}

/// A stored value for the report: as a person reads it, at most 40 characters.
fn shown(column: &Column, value: &Sql) -> String {
    let text = Value::from_sql(column.field.ty, value.into()).display();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The slot of one contact's age column in [`AgeMerge::lines`]: a hash, so a million
/// contacts cost a few bytes each rather than their keys.
fn slot(key: &str, column: usize) -> u64 {
    let mut h = DefaultHasher::new();
    (key, column).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::age::Unreadable as Why;

    fn years(y: i64) -> AgeReading {
        AgeReading::Years {
            youngest: y,
            oldest: y,
        }
    }

    #[test]
    fn the_youngest_plausible_age_decides() {
        // Held 14, given 40: 14 stays; held 40, given 14: 14 replaces it.
        assert_eq!(decide(years(14), years(40)), Some(true));
        assert_eq!(decide(years(40), years(14)), Some(false));
        assert_eq!(decide(years(14), years(14)), None);
        // A value the check can read wins over one it cannot, either way round.
        let no = AgeReading::Unreadable(Why::NotAnAge);
        assert_eq!(decide(years(40), no), Some(true));
        assert_eq!(decide(no, years(40)), Some(false));
        assert_eq!(decide(no, no), None);
        assert_eq!(decide(AgeReading::Blank, years(3)), None);
        // A value that says nothing (`Retail`) leaves a held age alone.
        assert_eq!(decide(years(3), AgeReading::Blank), Some(true));
        assert_eq!(decide(no, AgeReading::Blank), None);
    }

    /// Only values that read as an age (or unreadable) keep a line: a conflict needs
    /// one held, so a million rows of tags such as `vip` cost no memory (issue 13).
    #[test]
    fn only_values_that_say_something_about_age_are_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.csv");
        std::fs::write(&path, "email,tags,age\na@example.com,vip,\n").unwrap();
        let ws = crate::workspace::Workspace::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let plan = crate::import::ImportPlan::new(&path, "test");
        let analysis = crate::import::analyse::analyse(ws.conn(), &plan, today, &mut |_| {});
        let analysis = analysis.unwrap();
        let index = |name: &str| analysis.columns.iter().position(|c| c.field.name == name);
        let (tags, age) = (index("tags").unwrap(), index("age").unwrap());
        assert!(analysis.age_columns.contains(&tags) && analysis.age_columns.contains(&age));
        let text = |t: &str| Sql::Text(t.to_string());
        let row = |tag: &str, years: Sql| {
            let mut values = vec![Sql::Null; analysis.columns.len()];
            values[tags] = text(tag);
            values[age] = years;
            values
        };
        let mut merge = AgeMerge::new(today);
        merge.remember(&analysis, "a@example.com", 2, &row("vip, sale", Sql::Null));
        merge.remember(&analysis, "b@example.com", 3, &row("newsletter", Sql::Null));
        assert!(merge.lines.is_empty());
        // `teen` names an age group; `15` is an age; `n/a` is unreadable.
        merge.remember(&analysis, "c@example.com", 4, &row("vip, teen", text("15")));
        merge.remember(&analysis, "d@example.com", 5, &row("vip", text("n/a")));
        assert_eq!(merge.lines.get(&slot("c@example.com", tags)), Some(&4));
        assert_eq!(merge.lines.get(&slot("c@example.com", age)), Some(&4));
        assert_eq!(merge.lines.get(&slot("d@example.com", age)), Some(&5));
        assert_eq!(merge.lines.len(), 3);
    }
}
