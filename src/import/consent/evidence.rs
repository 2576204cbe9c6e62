//! Evidence columns: the time and IP address a file gives for the consent (or the
//! refusal) a row states, as a platform layout names them (Mailchimp `CONFIRM_TIME`,
//! `OPTIN_IP`, `UNSUB_TIME`; Klaviyo `Email Marketing Consent Timestamp`).
//!
//! Owns picking, for one row, channel and stated state, the first non-blank evidence
//! column of each kind in the layout's order, and writing times in one form (RFC 3339
//! UTC, through the importer's own datetime and date parsers) so a later consent can be
//! compared with an earlier refusal. A time that does not read as one is kept as written
//! and compares with nothing. Called by [`super::row`].

use rusqlite::types::Value as Sql;

use super::super::infer::{Inferred, TypeOptions, to_sql};
use super::super::layout::{EvidenceKind, LayoutColumn};
use crate::fields::{Channel, ConsentState, FieldType};

/// One evidence column of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceColumn {
    /// Index of the column among the imported columns.
    pub index: usize,
    /// Its field name, recorded with the evidence.
    pub field: String,
    pub channel: Channel,
    pub kind: EvidenceKind,
    pub spec: &'static LayoutColumn,
}

/// The first non-blank value (and its field) of a `kind` column for `channel` that is
/// evidence of `state`, in the layout's order.
pub fn pick<'v, 'c>(
    columns: &'c [EvidenceColumn],
    values: &'v [String],
    channel: Channel,
    state: ConsentState,
    kind: EvidenceKind,
) -> Option<(&'v str, &'c str)> {
    columns
        .iter()
        .filter(|c| c.channel == channel && c.kind == kind && c.spec.evidences(state))
        .find_map(|c| {
            let v = values.get(c.index)?.as_str();
            (!v.is_empty()).then_some((v, c.field.as_str()))
        })
}

/// A stated time in RFC 3339 UTC when it reads as a datetime (`2024-01-15 10:22:31`,
/// taken as UTC as written) or a date (midnight UTC); otherwise the text as written.
pub fn normal_time(value: &str) -> String {
    let opts = TypeOptions::default();
    let as_type = |ty| to_sql(value, Inferred::plain(ty), opts);
    match as_type(FieldType::Datetime) {
        Some(Sql::Text(t)) => t,
        _ => match as_type(FieldType::Date) {
            Some(Sql::Text(d)) => format!("{d}T00:00:00Z"),
            _ => value.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::layouts;

    #[test]
    fn times_are_written_in_one_form() {
        assert_eq!(normal_time("2024-01-15 10:22:31"), "2024-01-15T10:22:31Z");
        assert_eq!(
            normal_time("2023-02-21T20:07:38+01:00"),
            "2023-02-21T19:07:38Z"
        );
        assert_eq!(normal_time("2024-01-15"), "2024-01-15T00:00:00Z");
        assert_eq!(normal_time("last spring"), "last spring");
    }

    /// Mailchimp: a granted row's time is CONFIRM_TIME (the confirmation), else
    /// OPTIN_TIME; a withdrawn row's is UNSUB_TIME, never the opt-in's.
    #[test]
    fn the_first_matching_column_in_layout_order() {
        let all = layouts();
        let layout = all.layouts.iter().find(|l| l.id == "mailchimp").unwrap();
        let spec = |h: &str| all.columns(layout).iter().find(|c| c.header == h).unwrap();
        let col = |index, header: &str| EvidenceColumn {
            index,
            field: header.to_lowercase(),
            channel: Channel::Email,
            kind: spec(header).evidence.unwrap(),
            spec: spec(header),
        };
        // Layout order: UNSUB_TIME, CLEAN_TIME, CONFIRM_TIME, OPTIN_TIME, CONFIRM_IP, OPTIN_IP.
        let columns = vec![
            col(0, "UNSUB_TIME"),
            col(1, "CONFIRM_TIME"),
            col(2, "OPTIN_TIME"),
            col(3, "OPTIN_IP"),
        ];
        let values: Vec<String> = [
            "2024-03-01 10:00:00",
            "",
            "2019-01-15 10:22:31",
            "192.0.2.7",
        ]
        .map(String::from)
        .to_vec();
        let time = |state| pick(&columns, &values, Channel::Email, state, EvidenceKind::Time);
        assert_eq!(
            time(ConsentState::Granted),
            Some(("2019-01-15 10:22:31", "optin_time"))
        );
        assert_eq!(
            time(ConsentState::Withdrawn),
            Some(("2024-03-01 10:00:00", "unsub_time"))
        );
        assert_eq!(time(ConsentState::Bounced), None);
        assert_eq!(
            pick(
                &columns,
                &values,
                Channel::Email,
                ConsentState::Withdrawn,
                EvidenceKind::Ip
            ),
            None
        );
        assert_eq!(
            pick(
                &columns,
                &values,
                Channel::Sms,
                ConsentState::Granted,
                EvidenceKind::Time
            ),
            None
        );
    }
}
