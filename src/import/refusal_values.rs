//! An opt-out written in words in a column no rule reads as consent is a withdrawal
//! (README, "Consent rules"): `unsubscribed from all` under `Email preferences`,
//! `STOP` under `Comms`, `opted out of everything`, `do not email`, `abgemeldet`,
//! and any value under a header that notes an opt-out (`Opt Out Reason`, `Unsub
//! date`). Without this a granting `--consent` filled such a row, and the person who
//! wrote `unsubscribed` was sent to (bug report, session 9).
//!
//! Phrases are matched as whole words of the value (split at anything that is not a
//! letter or digit), so `asked about stop-loss` in a `Notes` column is no refusal;
//! `STOP` counts only as the whole value, a bare `None` only under a preferences
//! header, and a phrase only in a value of at most twelve words (longer is prose). Addresses (a value holding `@` and no space) are never read: `stop@shop.com`
//! says nothing. [`apply`] is called by `import::prepare` for every row, after the
//! consent columns were read.

use super::analyse::Analysis;
use super::consent::merge::{Origin, Said};
use super::consent::row::Statement;
use super::consent::words;
use super::repeats::Repeats;
use crate::fields::ConsentState;

mod negation;
mod phrases;

use phrases::{is_reply_keyword, replies};
pub use phrases::{says_keyword, says_refusal};

/// Header words (of the field name) that note something of a consent: the header
/// states why or when someone opted out, so a filled value means they did.
const NOTE_WORDS: &[&str] = &[
    "reason",
    "reasons",
    "date",
    "time",
    "timestamp",
    "at",
    "on",
    "comment",
    "comments",
    "note",
    "notes",
    "why",
    "feedback",
    "grund",
    "raison",
    "motivo",
];

/// Parts of field names that name an opt-out.
const OPT_OUT_PARTS: &[&str] = &[
    "unsub",
    "opt_out",
    "optout",
    "opted_out",
    "abmeld",
    "abgemeld",
    "desabon",
    "desinscri",
    "baja",
    "disiscri",
    "afmeld",
    "afgemeld",
    "do_not_contact",
    "do_not_email",
];

/// True when field name `name` notes an opt-out (`opt_out_reason`, `unsub_date`,
/// `marketing_opt_out_reason`): a non-blank value under it means the person opted
/// out. Links (`unsubscribe_url`), sources and ids are not notes of an opt-out: every
/// row of a newsletter export has an unsubscribe link.
pub fn notes_opt_out(name: &str) -> bool {
    OPT_OUT_PARTS.iter().any(|p| name.contains(p))
        && name.split('_').any(|w| NOTE_WORDS.contains(&w))
}

/// True when a value under field name `name` may state an opt-out by the header alone
/// (an opt-out note, a preferences header, texts or replies): a short row missing its
/// cell there is not read as blank (`import::short_rows`).
pub fn may_refuse_by_header(name: &str) -> bool {
    notes_opt_out(name) || preferences(name) || replies(name)
}

/// True when field name `name` is a preferences header (`contact_preferences`,
/// `comms`, `Kommunikation`, `Préférences de contact`), under which `none` or
/// `nothing` ([`NONE`]) is a refusal of every message.
fn preferences(name: &str) -> bool {
    name.split('_').any(|w| {
        matches!(
            w,
            "preference"
                | "preferences"
                | "prefs"
                | "pref"
                | "comms"
                | "communication"
                | "communications"
                | "kommunikation"
                | "praferenz"
                | "praferenzen"
                | "kontaktpraferenz"
                | "kontaktwunsch"
                | "preferencias"
                | "preferencia"
                | "comunicacion"
                | "comunicaciones"
                | "preferenze"
                | "comunicazione"
                | "comunicazioni"
                | "voorkeur"
                | "voorkeuren"
                | "communicatie"
                | "comunicacao"
                | "comunicacoes"
        )
    })
}

/// Values (folded) that refuse every message under a preferences header: none,
/// nothing, never, in the seven languages (session-10 trial F4: `Kommunikation:
/// keine` was granted).
const NONE: &[&str] = &[
    "none",
    "nothing",
    "no",
    "never",
    "nocontact",
    "noemails",
    "nomessages",
    "keine",
    "kein",
    "nichts",
    "nie",
    "aucun",
    "aucune",
    "rien",
    "jamais",
    "ninguno",
    "ninguna",
    "nada",
    "nunca",
    "nessuno",
    "nessuna",
    "niente",
    "mai",
    "geen",
    "niets",
    "nooit",
    "nenhum",
    "nenhuma",
];

/// True when `value`, folded, is one of [`NONE`] (folded on the stack, stopping past
/// the longest of them).
fn says_none(value: &str) -> bool {
    let longest = NONE.iter().map(|w| w.len()).max().unwrap_or(0);
    words::with_folded_within(value, longest, |f| NONE.contains(&f)).unwrap_or(false)
}

/// The channels an opt-out under field name `name` reaches: SMS alone under a header
/// naming only texts or calls, e-mail alone under one naming only e-mail, else both.
fn reaches(name: &str) -> [bool; 2] {
    if words::names_sms_only(name) {
        return [false, true];
    }
    let email = name
        .split('_')
        .any(|w| matches!(w, "email" | "emails" | "mail" | "mails" | "newsletter"));
    [true, !email]
}

/// Record a withdrawal on the channels of `consent` (email, then SMS) that a column
/// no rule reads as consent refuses in words (see the module doc), unless the row
/// already states a refusal there. `raw` is the row as read, in `analysis` column
/// order; `batch` names the import in the statement's source.
pub fn apply(analysis: &Analysis, raw: &[String], batch: i64, consent: &mut [Statement; 2]) {
    let mut memo = Repeats::per_column(raw.len());
    RefusalColumns::new(analysis).apply(raw, batch, consent, &mut memo);
}

/// What [`apply`] reads of each column of a file, worked out once per import instead
/// of once per value (the header checks were a tenth of preparing a row).
#[derive(Debug, Clone)]
pub struct RefusalColumns {
    columns: Vec<ColumnRead>,
}

/// How the values of one column are read for an opt-out in words: its field name and
/// what the name says (an opt-out note, a preferences header, texts or replies). Also
/// used on skipped columns (`import::skipped_refusal`), so a refusal this reader would
/// record cannot be skipped away.
#[derive(Debug, Clone)]
pub struct ColumnRead {
    name: String,
    /// Not a consent or evidence column: its values are read here.
    read: bool,
    notes_opt_out: bool,
    preferences: bool,
    /// The header names texts or replies ([`says_keyword`]).
    replies: bool,
}

impl RefusalColumns {
    /// The columns of `analysis`, in its order.
    pub fn new(analysis: &Analysis) -> Self {
        let columns = (analysis.columns.iter().enumerate())
            .map(|(index, column)| {
                let mut read = ColumnRead::named(column.field.name.clone());
                read.read = !analysis.consent.iter().any(|c| c.index == index)
                    && !analysis.evidence.iter().any(|e| e.index == index);
                read
            })
            .collect();
        RefusalColumns { columns }
    }

    /// [`apply`] with the columns read once; `memo` (one per column,
    /// [`Repeats::per_column`], kept from row to row by the caller) keeps the answers
    /// for the values a column repeats.
    pub fn apply(
        &self,
        raw: &[String],
        batch: i64,
        consent: &mut [Statement; 2],
        memo: &mut [Repeats<bool>],
    ) {
        for ((column, value), memo) in self.columns.iter().zip(raw).zip(memo) {
            if !column.read || value.trim().is_empty() {
                continue;
            }
            if memo.answer(value, |v| column.refuses(v)) {
                column.withdraw(batch, consent);
            }
        }
    }
}

impl ColumnRead {
    /// The reader of a column whose field name is `name` (snake_case).
    pub fn named(name: String) -> Self {
        ColumnRead {
            read: true,
            notes_opt_out: notes_opt_out(&name),
            preferences: preferences(&name),
            replies: replies(&name),
            name,
        }
    }

    /// True when `value` (not blank) under this column states an opt-out in words (see
    /// the module doc): a refusal phrase or keyword, a reply keyword under a replies
    /// header, any value under an opt-out note, `none` under a preferences header.
    pub fn refuses(&self, value: &str) -> bool {
        says_refusal(value)
            || (self.replies && is_reply_keyword(value))
            || self.notes_opt_out
            || (self.preferences && says_none(value))
    }

    /// Record this column's opt-out in words in `consent`, on the channels it reaches.
    fn withdraw(&self, batch: i64, consent: &mut [Statement; 2]) {
        let name = self.name.as_str();
        for (statement, reaches) in consent.iter_mut().zip(reaches(name)) {
            if !reaches || statement.said.is_some_and(|s| s.state.is_refusal()) {
                continue;
            }
            let mut evidence = statement.evidence.take();
            if let Some(e) = evidence.as_mut() {
                e.column = Some(name.to_string());
                e.option = None;
            }
            *statement = Statement {
                said: Some(Said {
                    state: ConsentState::Withdrawn,
                    origin: Origin::Stated,
                    at: None,
                }),
                source: Some(format!(
                    "column {name} (an opt-out in words), batch {batch}"
                )),
                evidence,
                option_not_applied: statement.option_not_applied
                    || matches!(statement.said, Some(s) if s.origin == Origin::Assumed),
                unknown: statement.unknown,
            };
        }
    }
}

#[cfg(test)]
mod tests;
