//! Rows into contacts-to-be: the per-row work of the second pass that needs no SQLite.
//!
//! Owns turning one read row into what the loader writes: the row's phone numbers in
//! E.164 ([`super::row_phones`]), the contact key (e-mail lower-cased, case BR-03; a
//! row with no e-mail address but a phone number is keyed by the number in E.164; a row
//! with neither is rejected), the erasure check (a row whose key, e-mail or any phone
//! matches an erased entry of the suppression list is skipped: GDPR Art. 17), the
//! values in storage form (a value that does not fit its field's type rejects the row;
//! each phone column's E.164 form and line type follow the columns, see
//! `workspace::phones`), what the row says about consent and about the
//! contact's age (an unreadable date of birth marks the age unknown), and, with
//! `--aggregate`, its order line (a row with no key but an order id is a line of that
//! order, not a rejected row). Consent comes with its evidence
//! ([`super::consent::row`]). Rows first go through the file's column plan
//! ([`super::mapping`]): skipped columns out, Shopify's apostrophes off. It needs no
//! SQLite, so [`super::load`] keeps only the writing. Called by [`super::load`].

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;

use super::analyse::Analysis;
use super::consent::row::{RowReader, Statement};
use super::infer::{to_sql, to_sql_owned};
use super::key::KeySource;
use super::key_cell::{self, KeyAddress};
use super::read::Row;
use super::repeats::Repeats;
use super::row_phones::{self, ParsedPhone, RowPhones};
use super::suppress::normalise_email;
use super::{ImportPlan, Rejected};
use crate::fields::address;
use crate::workspace::suppression::ErasedHashes;

/// What the loader does with one row.
#[derive(Debug)]
pub enum Prepared {
    /// Insert or merge this contact.
    Contact {
        key: String,
        line: u64,
        /// One value per column, in storage form; `Null` for blanks; then the E.164
        /// form and line type of each phone column (see [`row_phones::phone_cells`]).
        values: Vec<Sql>,
        /// What the row states per channel (email, SMS), with the source and
        /// evidence to record if its word decides (boxed: the other variants are small).
        consent: Box<[Statement; 2]>,
        age: AgeMark,
        /// The row's order line, with `--aggregate` (`None` without an order id).
        order: Option<OrderLine>,
        /// What became of the row's phone numbers (boxed: most rows of most files
        /// have none to tell, and the other variants are small).
        phones: Box<RowPhones>,
        /// Values that may refuse in columns no rule reads: they stop the import if
        /// the contact has a grant on record (`super::unread_refusal`).
        unread: Vec<super::unread_refusal::Candidate>,
    },
    /// With `--aggregate`: a line of an order whose row names no contact of its own
    /// (Shopify's later line-item rows); it belongs to the order's contact.
    OrderLine { line: u64, order: OrderLine },
    /// Not imported, for this reason.
    Rejected(Rejected),
    /// Not importable, but it states a refusal ([`super::key_cell::refusal_lost`]) or
    /// a rejected row may name a minor ([`super::rejected_minor`]): the import stops
    /// with this error.
    RefusalLost(Box<super::ImportError>),
    /// The contact was erased earlier and stays erased.
    Erased,
    /// A blank or ragged row the first pass already counted.
    Counted,
}

/// What a row says about the contact's age (see `workspace::contacts::AgeWord`), as the
/// campaign's minor check reads its values ([`super::ages::mark`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeMark {
    /// No age value.
    Silent,
    /// Values the minor check reads as ages.
    Readable,
    /// A value in this column that it cannot read (not blank, not a plausible age).
    Unreadable(usize),
}

/// One line of an order: its id and the line's amount and date in storage form.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    pub id: String,
    pub amount: Sql,
    pub date: Sql,
}

/// The fixed inputs of [`Preparer::prepare`] for one file.
pub struct Preparer<'a> {
    plan: &'a ImportPlan,
    analysis: &'a Analysis,
    erased: &'a ErasedHashes,
    consent: RowReader<'a>,
    /// How each column is read for an opt-out in words, worked out once.
    refusals: super::refusal_values::RefusalColumns,
    key_prefix: String,
    /// The date age values are read on (see [`super::ages`]).
    today: NaiveDate,
}

/// What one thread preparing rows keeps from row to row: the answers for the values
/// each column repeats ([`super::repeats`]). One per thread, from [`Preparer::memo`].
#[derive(Debug, Clone)]
pub struct RowMemo {
    refusals: Vec<Repeats<bool>>,
}

impl<'a> Preparer<'a> {
    /// An empty [`RowMemo`] for this import's columns.
    pub fn memo(&self) -> RowMemo {
        RowMemo {
            refusals: Repeats::per_column(self.analysis.columns.len()),
        }
    }

    /// Prepare rows of `plan`'s file for batch `batch`, recorded at `recorded_at`
    /// (RFC 3339); `erased` holds the erased entries' hashes; age values are read on
    /// `today`.
    pub fn new(
        plan: &'a ImportPlan,
        analysis: &'a Analysis,
        erased: &'a ErasedHashes,
        (batch, recorded_at): (i64, &str),
        today: NaiveDate,
    ) -> Self {
        let consent = RowReader {
            columns: &analysis.consent,
            column_fields: analysis
                .consent
                .iter()
                .map(|c| analysis.columns[c.index].field.name.clone())
                .collect(),
            evidence: &analysis.evidence,
            file_status: analysis.file_status.as_ref(),
            options: &plan.consent,
            file: plan.file_name(),
            batch,
            recorded_at: recorded_at.to_string(),
        };
        Preparer {
            plan,
            analysis,
            erased,
            consent,
            refusals: super::refusal_values::RefusalColumns::new(analysis),
            key_prefix: super::key::generated_prefix(&analysis.scan.sha256),
            today,
        }
    }

    /// What to do with `row`.
    pub fn prepare(&self, row: Row, memo: &mut RowMemo) -> Prepared {
        let (line, values) = match row {
            Row::Data { line, values } => (line, values),
            Row::Short {
                line,
                mut values,
                fields,
            } => {
                let short = &self.analysis.short_rows;
                if short.pads(fields) {
                    (line, values)
                } else {
                    values.truncate(fields);
                    return self.rejected(line, short.reason(fields), values);
                }
            }
            Row::Rejected {
                line,
                reason,
                cells,
            } => return self.rejected(line, reason, cells),
            Row::Blank { .. } => return Prepared::Counted,
        };
        let analysis = self.analysis;
        let raw = analysis.map.project(values, None);
        let (parsed, more_phones) = row_phones::parse_row(analysis, &raw);
        let first_phone = row_phones::first(&parsed);
        let mut keyed_by_phone = false;
        // Read before the key: a row that states a refusal is never rejected quietly.
        let mut consent = Box::new(self.consent.read(&raw));
        // An opt-out in words in a column no rule reads (`unsubscribed from all`).
        (self.refusals).apply(&raw, self.consent.batch, &mut consent, &mut memo.refusals);
        let names_someone =
            |key_cell: &str| !key_cell.trim().is_empty() || parsed.iter().any(|(_, p)| p.is_some());
        let reject = |consent: &[Statement; 2],
                      reason: String,
                      column: &str,
                      names_someone: bool| match key_cell::refusal(consent) {
            Some(refusal) if names_someone => Prepared::RefusalLost(Box::new(
                key_cell::refusal_lost(self.plan.display_name(), line, column, refusal, reason),
            )),
            _ => Prepared::Rejected(Rejected { line, reason }),
        };
        let key = match analysis.key {
            KeySource::Column { index, email } => {
                let raw_key = &raw[index];
                // A placeholder (`n/a`, `-`, `unknown`) would otherwise be one key
                // shared by unrelated people, each row overwriting the last (review
                // P1-3), so only a valid address keys a contact; else its phone does.
                let address = if email {
                    match key_cell::read(raw_key) {
                        KeyAddress::One(a) => Some(a),
                        KeyAddress::Several(first) => {
                            key_cell::drop_grants(&mut consent);
                            Some(first)
                        }
                        KeyAddress::None => None,
                    }
                } else {
                    Some(raw_key.clone()).filter(|k| !k.is_empty())
                };
                let key_header = &analysis.columns[index].header;
                // A damaged ID is shared by different people: never merge by it (N7).
                let column = &analysis.columns[index].stats.sixteen;
                if !email && let Some(why) = super::key_damage::check_in(raw_key, column) {
                    let reason = super::key_damage::reason(&shorten(raw_key), key_header, why);
                    return reject(&consent, reason, key_header, true);
                }
                match (address, first_phone) {
                    (Some(key), _) => key,
                    (None, Some(p)) if email => {
                        keyed_by_phone = true;
                        p.e164.clone()
                    }
                    (None, _) if raw_key.is_empty() => {
                        if let Some(order) = self.order_line(&raw) {
                            return match order {
                                Ok(order) => Prepared::OrderLine { line, order },
                                Err(reason) => Prepared::Rejected(Rejected { line, reason }),
                            };
                        }
                        let phones = if email {
                            row_phones::no_phone(analysis, &parsed)
                        } else {
                            String::new()
                        };
                        return reject(
                            &consent,
                            format!("blank contact key (column {key_header}){phones}"),
                            key_header,
                            names_someone(raw_key),
                        );
                    }
                    (None, _) => {
                        return reject(
                            &consent,
                            format!(
                                "`{}` is not an e-mail address{}{}; pass --key FIELD to key contacts by another column",
                                shorten(raw_key),
                                key_cell::no_address_clause(raw_key),
                                row_phones::no_phone(analysis, &parsed)
                            ),
                            key_header,
                            true,
                        );
                    }
                }
            }
            KeySource::Phone => match first_phone {
                Some(p) => {
                    keyed_by_phone = true;
                    p.e164.clone()
                }
                None => {
                    let header = analysis
                        .phone_columns
                        .first()
                        .map_or("", |&i| analysis.columns[i].header.as_str());
                    return reject(
                        &consent,
                        format!(
                            "no e-mail column{}",
                            row_phones::no_phone(analysis, &parsed)
                        ),
                        header,
                        names_someone(""),
                    );
                }
            },
            KeySource::Generated => format!("{}{line}", self.key_prefix),
        };
        if !self.erased.is_empty() && self.is_erased(&key, &raw, &parsed) {
            return Prepared::Erased;
        }
        // What the row says of consent and phones is read before its values are
        // converted: the conversion moves text values into the stored row instead of
        // copying them. Its age is read from the converted values (`ages::mark`).
        let mut phones =
            row_phones::summary(analysis, (line, &raw), &parsed, keyed_by_phone, shorten);
        phones.several_cells = more_phones.cells;
        phones.more_numbers = more_phones.numbers.len() as u64;
        phones.more = more_phones.numbers;
        if consent[1].said.is_some_and(|s| s.state.is_refusal()) {
            let others = row_phones::other_readings(analysis, &raw, &parsed);
            phones.more.extend(others);
            let typed = row_phones::letter_readings(analysis, &raw, &parsed);
            phones.more.extend(typed);
        }
        let unread = super::unread_refusal::candidates(analysis, (self.plan, line), &raw);
        let mut values = Vec::with_capacity(raw.len() + 2 * parsed.len());
        for (i, (column, value)) in analysis.columns.iter().zip(raw).enumerate() {
            let stored = to_sql_owned(value, column.storage, self.plan.types)
                .or_else(|value| consent_value(analysis, i, &value).ok_or(()));
            match stored {
                Ok(v) => values.push(v),
                Err(()) => {
                    return reject(
                        &consent,
                        format!(
                            "value in column {} is not a {}",
                            column.header, column.storage.ty
                        ),
                        &column.header,
                        true,
                    );
                }
            }
        }
        let order = self.analysis.orders.as_ref().and_then(|o| {
            super::orders::order_id(&values[o.order_id]).map(|id| OrderLine {
                id,
                amount: o.amount.map_or(Sql::Null, |i| values[i].clone()),
                date: o.date.map_or(Sql::Null, |i| values[i].clone()),
            })
        });
        row_phones::push_cells(&parsed, &mut values);
        Prepared::Contact {
            key,
            line,
            consent,
            age: super::ages::mark(analysis, &values, self.today, |_| false),
            order,
            values,
            phones: Box::new(phones),
            unread,
        }
    }

    /// A row the first pass listed as rejected (`reason`), with every field it has:
    /// one that may refuse or name a minor stops the import.
    fn rejected(&self, line: u64, reason: String, cells: Vec<String>) -> Prepared {
        let file = self.plan.display_name();
        let minor = || {
            let row = (line, reason.as_str(), cells.as_slice());
            super::rejected_minor::check(self.analysis, &file, self.today, row)
        };
        super::rejected_refusal::check(
            self.analysis,
            &self.plan.consent,
            file.clone(),
            (line, &reason, &cells),
        )
        .or_else(minor)
        .map_or(Prepared::Counted, |e| Prepared::RefusalLost(Box::new(e)))
    }

    /// The order line of a row with no contact key, with `--aggregate`: `None` when
    /// there is no order id either; `Err` with the reason when a value does not fit.
    fn order_line(&self, raw: &[String]) -> Option<Result<OrderLine, String>> {
        let o = self.analysis.orders.as_ref()?;
        if raw[o.order_id].is_empty() {
            return None;
        }
        let sql = |i: Option<usize>| -> Result<Sql, String> {
            let Some(i) = i else { return Ok(Sql::Null) };
            let column = &self.analysis.columns[i];
            to_sql(&raw[i], column.storage, self.plan.types).ok_or_else(|| {
                format!(
                    "value in column {} is not a {}",
                    column.header, column.storage.ty
                )
            })
        };
        Some(sql(Some(o.order_id)).and_then(|id| {
            Ok(OrderLine {
                id: super::orders::order_id(&id).unwrap_or_default(),
                amount: sql(o.amount)?,
                date: sql(o.date)?,
            })
        }))
    }

    fn is_erased(&self, key: &str, raw: &[String], phones: &[ParsedPhone]) -> bool {
        let email = self
            .analysis
            .email_column
            .map(|i| &raw[i])
            .filter(|e| !e.trim().is_empty());
        // In today's form (the value, and each address it holds: `ana@x.org/` is
        // `ana@x.org`, trial 7, N8; not the inbox form, which excludes a contact
        // but never drops another person's row), and in the forms erasures made
        // before it hashed.
        let erased_email = |e: &str| {
            self.erased.contains("email", &normalise_email(e))
                || address::addresses_in(e)
                    .iter()
                    .any(|form| self.erased.contains("email", form))
                || address::email_keys_before(e)
                    .iter()
                    .any(|old| self.erased.contains("email", old))
        };
        self.erased.contains("key", key)
            || email.is_some_and(|e| erased_email(e))
            || phones.iter().any(|(_, p)| match p {
                Some(Ok(p)) => self.erased.contains("phone", &p.e164),
                _ => false,
            })
    }
}

/// A consent word (`unsubscribed`, `cleaned`) in consent column `index` whose field is
/// boolean or integer (a first file's yes/no or 1/0): the field's value for what the
/// word says ([`super::consent::as_boolean`]); in a date field (a first file's opt-out
/// dates), a blank for any value the column reads. `None` when `index` is no consent
/// column or the word says nothing the field can hold.
fn consent_value(analysis: &Analysis, index: usize, value: &str) -> Option<Sql> {
    use crate::fields::FieldType;
    let column = analysis.consent.iter().find(|c| c.index == index)?;
    let field = &analysis.columns[index].field;
    if matches!(field.ty, FieldType::Date | FieldType::Datetime) {
        // An opt-out date field meeting a `yes`, a `no` or a date in a day order the
        // field cannot store: stored blank, while the consent state records what
        // the value says (read from the raw row before conversion).
        return match column.read(value) {
            super::consent::Reads::Unknown => None,
            _ => Some(Sql::Null),
        };
    }
    if !matches!(field.ty, FieldType::Boolean | FieldType::Integer) {
        return None;
    }
    let stored =
        super::consent::as_boolean(column.read(value), column.field_inverted(&field.name))?;
    Some(stored.map_or(Sql::Null, |b| Sql::Integer(i64::from(b))))
}

/// At most 40 characters of `value`, for quoting it in a rejection reason.
fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}
