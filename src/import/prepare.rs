//! Rows into contacts-to-be: the per-row work of the second pass that needs no SQLite.
//!
//! Owns turning one read row into what the loader writes: the row's phone numbers in
//! E.164 (`fields::phone`, read in the row's country, else the default region), the
//! contact key (e-mail lower-cased, case BR-03; a row with no e-mail address but a
//! phone number is keyed by the number in E.164; a row with neither is rejected), the
//! erasure check (a row whose key, e-mail or any phone matches an erased entry of the
//! suppression list is skipped: GDPR Art. 17), the values in storage form (a value that
//! does not fit its field's type rejects the row; each phone column is followed by its
//! E.164 form and line type, see `workspace::phones`) and what the row says about
//! consent. It needs no SQLite, so [`super::load`] keeps only the writing. Called by
//! [`super::load`].

use rusqlite::types::Value as Sql;

use super::analyse::Analysis;
use super::consent::IncomingConsent;
use super::infer::to_sql;
use super::key::KeySource;
use super::read::Row;
use super::report::UnparseablePhone;
use super::suppress::normalise_email;
use super::{ImportPlan, Rejected};
use crate::fields::phone::{self, LineType, Phone, Region};
use crate::fields::{Channel, address};
use crate::workspace::suppression::ErasedHashes;

/// What the loader does with one row.
#[derive(Debug)]
pub enum Prepared {
    /// Insert or merge this contact.
    Contact {
        key: String,
        /// One value per column, in storage form; `Null` for blanks; then the E.164
        /// form and line type of each phone column (see [`phone_cells`]).
        values: Vec<Sql>,
        /// What the row says per channel (email, SMS), with the source to record if
        /// its word decides.
        consent: [(IncomingConsent, Option<String>); 2],
        /// What became of the row's phone numbers.
        phones: RowPhones,
    },
    /// Not imported, for this reason.
    Rejected(Rejected),
    /// The contact was erased earlier and stays erased.
    Erased,
    /// A blank or ragged row the first pass already counted.
    Counted,
}

/// A phone column's index and its value parsed (`None` when blank).
type ParsedPhone = (usize, Option<Result<Phone, phone::PhoneError>>);

/// The phone numbers of one imported row, for the report.
#[derive(Debug, Default)]
pub struct RowPhones {
    /// Keyed by its phone number: the row has no e-mail address.
    pub keyed_by_phone: bool,
    /// The first number that parsed: its position among the file's phone columns and
    /// its E.164 form (see `super::identity`).
    pub first: Option<(usize, String)>,
    pub parsed: u64,
    pub fixed_line: u64,
    pub unparseable: Vec<UnparseablePhone>,
}

/// The two stored cells after a phone column's value: its E.164 form and line type.
/// A blank value gives `Null` (an update keeps what is stored); a value that is not a
/// number gives empty text, so an update clears the old number's E.164 form with it.
pub fn phone_cells(parsed: Option<&Result<Phone, phone::PhoneError>>) -> [Sql; 2] {
    match parsed {
        None => [Sql::Null, Sql::Null],
        Some(Ok(p)) => [Sql::Text(p.e164.clone()), Sql::Text(p.line.as_str().into())],
        Some(Err(_)) => [Sql::Text(String::new()), Sql::Text(String::new())],
    }
}

/// The fixed inputs of [`Preparer::prepare`] for one file.
pub struct Preparer<'a> {
    plan: &'a ImportPlan,
    analysis: &'a Analysis,
    erased: &'a ErasedHashes,
    /// Source text of each consent column (same order as `analysis.consent`).
    column_sources: Vec<String>,
    /// Source text of the file's stated consent, per channel.
    file_sources: [Option<String>; 2],
    key_prefix: String,
}

impl<'a> Preparer<'a> {
    /// Prepare rows of `plan`'s file for batch `batch`; `erased` holds the erased
    /// entries' hashes.
    pub fn new(
        plan: &'a ImportPlan,
        analysis: &'a Analysis,
        erased: &'a ErasedHashes,
        batch: i64,
    ) -> Self {
        let column_sources = analysis
            .consent
            .iter()
            .map(|c| {
                format!(
                    "column {}, batch {batch}",
                    analysis.columns[c.index].field.name
                )
            })
            .collect();
        let file_sources = Channel::ALL.map(|channel| {
            plan.consent
                .get(&channel)
                .map(|state| format!("--consent {channel}={state}, batch {batch}"))
        });
        Preparer {
            plan,
            analysis,
            erased,
            column_sources,
            file_sources,
            key_prefix: format!("row-{}-", analysis.scan.sha256.get(..8).unwrap_or("")),
        }
    }

    /// What to do with `row`.
    pub fn prepare(&self, row: Row) -> Prepared {
        let Row::Data { line, values: raw } = row else {
            return Prepared::Counted;
        };
        let analysis = self.analysis;
        let parsed = self.phones(&raw);
        let first_phone = parsed
            .iter()
            .find_map(|(_, p)| p.as_ref().and_then(|r| r.as_ref().ok()));
        let mut keyed_by_phone = false;
        let key = match analysis.key {
            KeySource::Column { index, email } => {
                let raw_key = &raw[index];
                // A placeholder (`n/a`, `-`, `unknown`) would otherwise be one key
                // shared by unrelated people, each row overwriting the last (review
                // P1-3), so only a valid address keys a contact.
                let address = if email {
                    address::normalise_email(raw_key)
                } else {
                    Some(raw_key.clone()).filter(|k| !k.is_empty())
                };
                match (address, first_phone) {
                    (Some(key), _) => key,
                    (None, Some(p)) if email => {
                        keyed_by_phone = true;
                        p.e164.clone()
                    }
                    (None, _) if raw_key.is_empty() => {
                        return Prepared::Rejected(Rejected {
                            line,
                            reason: format!(
                                "blank contact key (column {}){}",
                                analysis.columns[index].header,
                                if email {
                                    self.no_phone(&parsed)
                                } else {
                                    String::new()
                                }
                            ),
                        });
                    }
                    (None, _) => {
                        return Prepared::Rejected(Rejected {
                            line,
                            reason: format!(
                                "`{}` is not an e-mail address{}; pass --key FIELD to key contacts by another column",
                                shorten(raw_key),
                                self.no_phone(&parsed)
                            ),
                        });
                    }
                }
            }
            KeySource::Phone => match first_phone {
                Some(p) => {
                    keyed_by_phone = true;
                    p.e164.clone()
                }
                None => {
                    return Prepared::Rejected(Rejected {
                        line,
                        reason: format!("no e-mail column{}", self.no_phone(&parsed)),
                    });
                }
            },
            KeySource::Generated => format!("{}{line}", self.key_prefix),
        };
        if !self.erased.is_empty() && self.is_erased(&key, &raw, &parsed) {
            return Prepared::Erased;
        }
        let mut values = Vec::with_capacity(raw.len());
        for (column, value) in analysis.columns.iter().zip(&raw) {
            match to_sql(value, column.storage, self.plan.types) {
                Some(v) => values.push(v),
                None => {
                    return Prepared::Rejected(Rejected {
                        line,
                        reason: format!(
                            "value in column {} is not a {}",
                            column.header, column.storage.ty
                        ),
                    });
                }
            }
        }
        let mut phones = RowPhones {
            keyed_by_phone,
            first: parsed.iter().enumerate().find_map(|(n, (_, p))| match p {
                Some(Ok(p)) => Some((n, p.e164.clone())),
                _ => None,
            }),
            ..RowPhones::default()
        };
        for (index, p) in &parsed {
            values.extend(phone_cells(p.as_ref()));
            match p {
                Some(Ok(p)) => {
                    phones.parsed += 1;
                    if p.line == LineType::FixedLine {
                        phones.fixed_line += 1;
                    }
                }
                Some(Err(e)) => phones.unparseable.push(UnparseablePhone {
                    line,
                    field: analysis.columns[*index].field.name.clone(),
                    value: shorten(&raw[*index]),
                    reason: e.to_string(),
                }),
                None => {}
            }
        }
        Prepared::Contact {
            key,
            values,
            consent: self.consent(&raw),
            phones,
        }
    }

    /// Each phone column's index with its value parsed (`None` when blank), in the
    /// row's country if its country column names one, else the default region.
    fn phones(&self, raw: &[String]) -> Vec<ParsedPhone> {
        let analysis = self.analysis;
        if analysis.phone_columns.is_empty() {
            return Vec::new();
        }
        let region = analysis
            .country_column
            .and_then(|i| Region::from_country(&raw[i]))
            .or(analysis.region);
        analysis
            .phone_columns
            .iter()
            .map(|&i| {
                let value = &raw[i];
                (i, (!value.is_empty()).then(|| phone::parse(value, region)))
            })
            .collect()
    }

    /// Why the row's phone numbers cannot key it either, as a clause of a rejection.
    fn no_phone(&self, parsed: &[ParsedPhone]) -> String {
        if parsed.is_empty() {
            return String::new();
        }
        let bad: Vec<String> = parsed
            .iter()
            .filter_map(|(i, p)| match p {
                Some(Err(e)) => Some(format!(
                    "{} is not a phone number: {e}",
                    self.analysis.columns[*i].header
                )),
                _ => None,
            })
            .collect();
        if bad.is_empty() {
            " and no phone number".to_string()
        } else {
            format!(" and {}", bad.join("; "))
        }
    }

    /// Each channel's word: its consent column if it says something, else the file's
    /// stated consent, else nothing.
    fn consent(&self, raw: &[String]) -> [(IncomingConsent, Option<String>); 2] {
        let mut out = [
            (IncomingConsent::Silent, None),
            (IncomingConsent::Silent, None),
        ];
        for ((channel, slot), file_source) in
            Channel::ALL.iter().zip(&mut out).zip(&self.file_sources)
        {
            let from_column = self
                .analysis
                .consent
                .iter()
                .zip(&self.column_sources)
                .filter(|(c, _)| c.channel == *channel)
                .find_map(|(c, source)| c.state(&raw[c.index]).map(|s| (s, source)));
            *slot = match from_column {
                Some((said, source)) => (said, Some(source.clone())),
                None => match self.plan.consent.get(channel) {
                    Some(state) => (IncomingConsent::from(*state), file_source.clone()),
                    None => (IncomingConsent::Silent, None),
                },
            };
        }
        out
    }

    fn is_erased(&self, key: &str, raw: &[String], phones: &[ParsedPhone]) -> bool {
        let email = self
            .analysis
            .email_column
            .map(|i| normalise_email(&raw[i]))
            .filter(|e| !e.is_empty());
        self.erased.contains("key", key)
            || email.is_some_and(|e| self.erased.contains("email", &e))
            || phones.iter().any(|(_, p)| match p {
                Some(Ok(p)) => self.erased.contains("phone", &p.e164),
                _ => false,
            })
    }
}

/// At most 40 characters of `value`, for quoting it in a rejection reason.
fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}
