//! `import --aggregate`: a contact's fields follow its latest order.
//!
//! An orders export holds a row per order (or order line) and is rarely sorted by
//! date (Superstore is sorted by row id). Merged in file order, a contact kept the
//! city, product and ship date of the file's last row even when an earlier row was a
//! later order (trial 4: `CG-12520` kept Dallas from a 2015 order over Houston from
//! 2017). Here a row's value replaces the one held only when the row's order date is
//! not earlier than the date of the order that gave the held value; a value stored by
//! an earlier import counts as of the contact's latest stored order. So each field ends
//! with the value of the latest order that gives one (a blank cell says nothing, so an
//! earlier order's value stays), whatever the rows' order, and re-importing an older
//! export does not bring back old values. Rows of the same date, and rows without an
//! order date, keep file order (the later row wins), as without `--aggregate`.
//!
//! The key, consent, consent evidence and age columns keep their own rules
//! ([`super::upsert`], [`super::ages`]); a phone column's E.164 cells follow it.
//! Called by [`super::write`] for every contact row of an `--aggregate` import.

use std::collections::HashMap;

use rusqlite::types::Value as Sql;

use super::ImportError;
use super::analyse::Analysis;
use super::key::KeySource;
use crate::workspace::contacts::ContactWriter;

/// Per contact of one file: per column, the order date of the value held.
#[derive(Debug, Default)]
pub struct LatestValues {
    held: HashMap<String, Vec<Option<Box<str>>>>,
}

impl LatestValues {
    /// Blank (`Null`: keep what is stored) the values of `values` that a later order
    /// already gave contact `key`, and note the row's order `date` (storage text, a
    /// date or an RFC 3339 datetime) for the values it sets. `stored` is the id of the
    /// contact when it was stored before this row, to read its latest order's date
    /// from an earlier import; `None` for a contact this row adds.
    ///
    /// Errors: workspace errors reading the stored orders.
    pub fn keep_later(
        &mut self,
        (writer, analysis): (&mut ContactWriter<'_>, &Analysis),
        (key, stored): (&str, Option<i64>),
        date: &Sql,
        values: &mut [Sql],
    ) -> Result<(), ImportError> {
        let date = match date {
            Sql::Text(d) if !d.is_empty() => Some(d.as_str()),
            _ => None,
        };
        let held = match self.held.get_mut(key) {
            Some(held) => held,
            None => {
                let before = match stored {
                    Some(id) => writer.latest_order_date(id)?.map(String::into_boxed_str),
                    None => None,
                };
                self.held
                    .entry(key.to_string())
                    .or_insert_with(|| vec![before; analysis.columns.len()])
            }
        };
        let n = analysis.columns.len();
        for i in (0..n).filter(|&i| follows_orders(analysis, i)) {
            if matches!(values[i], Sql::Null) {
                continue;
            }
            match (date, held[i].as_deref()) {
                (Some(d), Some(h)) if earlier(d, h) => {
                    values[i] = Sql::Null;
                    if let Some(j) = analysis.phone_columns.iter().position(|&p| p == i) {
                        values[n + 2 * j] = Sql::Null;
                        values[n + 2 * j + 1] = Sql::Null;
                    }
                }
                (Some(d), _) => held[i] = Some(d.into()),
                (None, _) => {}
            }
        }
        Ok(())
    }
}

/// Whether order date `d` is earlier than `h`: as text (both `YYYY-MM-DD`, or both
/// RFC 3339 UTC datetimes), or by calendar day when one of them has no time (a file of
/// dates after a file of datetimes: the same day is no earlier).
fn earlier(d: &str, h: &str) -> bool {
    if d.len() == h.len() {
        d < h
    } else {
        d.get(..10) < h.get(..10)
    }
}

/// Whether column `i` takes the latest order's value: not the key, not an order
/// column (not stored), and no consent, evidence or age column (their own rules).
fn follows_orders(analysis: &Analysis, i: usize) -> bool {
    !analysis.columns[i].skip
        && !matches!(analysis.key, KeySource::Column { index, .. } if index == i)
        && !analysis.consent.iter().any(|c| c.index == i)
        && !analysis.evidence.iter().any(|c| c.index == i)
        && !analysis.age_columns.contains(&i)
}
