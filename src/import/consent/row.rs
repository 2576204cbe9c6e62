//! What one row states about consent, per channel, with its source and evidence.
//!
//! Owns the rule that `--consent` fills only what the file does not state (issue 9): the
//! status a platform layout gives the whole file (Mailchimp's unsubscribed file) and the
//! row's consent columns are the file's word; when several speak, the strongest refusal
//! wins (withdrawn, bounced, declined, not asked, then granted), so a Klaviyo profile
//! that is subscribed but hard-bounced is bounced. Only a row the file says nothing
//! about takes the option, and a row that says something is counted as one where the
//! option did not apply. A value a consent column's vocabulary does not know is the
//! file's word too, one nobody can read: not asked, never filled by the option. Called
//! by `import::prepare` for every row.

use std::collections::BTreeMap;

use super::super::layout::EvidenceKind;
use super::evidence::{EvidenceColumn, normal_time, pick};
use super::merge::{Origin, Said};
use super::{ConsentColumn, Reading, Reads};
use crate::fields::{Channel, ConsentEvidence, ConsentState, evidence::parse_time};

/// The consent a platform layout states for every row of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStatus {
    /// The layout's id (`mailchimp_unsubscribed`).
    pub layout: String,
    pub states: BTreeMap<Channel, ConsentState>,
}

/// What a row states about one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// `None`: the row says nothing and no `--consent` applies.
    pub said: Option<Said>,
    /// For people: `column accepts_email_marketing, batch 3`.
    pub source: Option<String>,
    pub evidence: Option<ConsentEvidence>,
    /// `--consent` was given for the channel but the file stated the consent.
    pub option_not_applied: bool,
    /// A consent column held a word its vocabulary does not know (read as not asked).
    pub unknown: bool,
}

/// The fixed inputs of [`RowReader::read`] for one file.
#[derive(Debug, Clone)]
pub struct RowReader<'a> {
    pub columns: &'a [ConsentColumn],
    /// The field name of each consent column (same order).
    pub column_fields: Vec<String>,
    pub evidence: &'a [EvidenceColumn],
    pub file_status: Option<&'a FileStatus>,
    pub options: &'a BTreeMap<Channel, ConsentState>,
    pub file: String,
    pub batch: i64,
    pub recorded_at: String,
}

/// Where a statement came from, before it becomes text.
enum Speaker<'a> {
    Layout(&'a str),
    /// A column's field, and the date it gives when it is an opt-out or bounce date
    /// column (the time of the refusal).
    Column(&'a str, Option<&'a str>),
}

/// Higher is a stronger refusal; a tie keeps the first speaker (the file status, then
/// columns in file order).
fn strength(state: ConsentState) -> u8 {
    match state {
        ConsentState::Withdrawn => 5,
        ConsentState::Bounced => 4,
        ConsentState::Declined => 3,
        ConsentState::NotAsked => 2,
        ConsentState::Granted => 1,
    }
}

/// A statement a column whose header names no single channel makes for every channel
/// (see `consent::headers`): a withdrawal or a refusal. A bounce is a fact about one
/// address, a grant never widens.
fn reaches_every_channel(state: ConsentState) -> bool {
    matches!(state, ConsentState::Withdrawn | ConsentState::Declined)
}

impl RowReader<'_> {
    /// Each channel's statement (email, then SMS) for a row of imported values.
    pub fn read(&self, values: &[String]) -> [Statement; 2] {
        Channel::ALL.map(|channel| self.channel(channel, values))
    }

    fn channel(&self, channel: Channel, values: &[String]) -> Statement {
        let mut best: Option<(ConsentState, Speaker<'_>)> = self
            .file_status
            .and_then(|f| Some((*f.states.get(&channel)?, Speaker::Layout(&f.layout))));
        let mut unknown = false;
        for (c, field) in self.columns.iter().zip(&self.column_fields) {
            if c.channel != channel && !c.every_channel {
                continue;
            }
            let value = values.get(c.index).map_or("", String::as_str);
            // A blank in an opt-in column is a box left unticked: not asked, on every
            // channel the column speaks for, and `--consent` does not fill it.
            let unticked = value.trim().is_empty() && c.opts_in();
            let (state, unreadable) = match c.read(value) {
                Reads::State(state) => (state, false),
                Reads::Unknown => (ConsentState::NotAsked, true),
                Reads::Nothing if unticked => (ConsentState::NotAsked, false),
                Reads::Nothing => continue,
            };
            // A "not asked" the column states for its own channel (`pending`,
            // `transactional`) is, on another channel, a value nobody can read there: it
            // may hide a refusal, so `--consent` must not fill it (third trial).
            let unreadable = unreadable
                || (c.channel != channel && state == ConsentState::NotAsked && !unticked);
            // Another channel hears a column only for a refusal, an unticked box, or a
            // value nobody can read (it may be a refusal): never for a grant or a bounce.
            if c.channel != channel && !unreadable && !unticked && !reaches_every_channel(state) {
                continue;
            }
            unknown |= unreadable;
            if best
                .as_ref()
                .is_none_or(|(b, _)| strength(state) > strength(*b))
            {
                let date = match c.reading {
                    // A `yes` there is a refusal with no day: no evidence time.
                    Reading::Polarity(p) if p.is_dated() && !unreadable => values
                        .get(c.index)
                        .map(String::as_str)
                        .filter(|v| super::dates::is_date(v)),
                    _ => None,
                };
                best = Some((state, Speaker::Column(field, date)));
            }
        }
        let option = self.options.get(&channel).copied();
        let Some((state, from)) = best else {
            return match option {
                // `--consent sms=not_asked` states what no statement already means.
                Some(state) if state != ConsentState::NotAsked => {
                    let text = format!("--consent {channel}={state}");
                    Statement {
                        said: Some(Said {
                            state,
                            origin: Origin::Assumed,
                            at: None,
                        }),
                        source: Some(format!("{text}, batch {}", self.batch)),
                        evidence: Some(self.evidence_of(None, None, Some(text), None)),
                        option_not_applied: false,
                        unknown: false,
                    }
                }
                _ => Statement {
                    said: None,
                    source: None,
                    evidence: None,
                    option_not_applied: false,
                    unknown: false,
                },
            };
        };
        let (column, layout, source, date) = match from {
            Speaker::Layout(id) => (
                None,
                Some(id.to_string()),
                format!("file status of layout {id}, batch {}", self.batch),
                None,
            ),
            Speaker::Column(field, date) => (
                Some(field.to_string()),
                None,
                format!("column {field}, batch {}", self.batch),
                date,
            ),
        };
        let time = pick(self.evidence, values, channel, state, EvidenceKind::Time);
        let ip = pick(self.evidence, values, channel, state, EvidenceKind::Ip);
        let at = time.map(|(v, _)| v).or(date).map(normal_time);
        let mut evidence = self.evidence_of(column, layout, None, at);
        evidence.ip = ip.map(|(v, _)| v.to_string());
        evidence.evidence_columns = time.iter().chain(&ip).map(|(_, f)| f.to_string()).collect();
        Statement {
            said: Some(Said {
                state,
                origin: Origin::Stated,
                at: evidence.at.as_deref().and_then(parse_time),
            }),
            source: Some(source),
            evidence: Some(evidence),
            option_not_applied: option.is_some(),
            unknown,
        }
    }

    fn evidence_of(
        &self,
        column: Option<String>,
        layout: Option<String>,
        option: Option<String>,
        at: Option<String>,
    ) -> ConsentEvidence {
        ConsentEvidence {
            file: self.file.clone(),
            column,
            option,
            layout,
            batch: self.batch,
            at,
            ip: None,
            evidence_columns: Vec::new(),
            recorded_at: self.recorded_at.clone(),
            upgrade_reason: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::consent::Polarity;
    use crate::import::layout::layouts;

    fn reader<'a>(
        columns: &'a [ConsentColumn],
        status: Option<&'a FileStatus>,
        options: &'a BTreeMap<Channel, ConsentState>,
    ) -> RowReader<'a> {
        RowReader {
            columns,
            column_fields: columns.iter().map(|c| format!("c{}", c.index)).collect(),
            evidence: &[],
            file_status: status,
            options,
            file: "f.csv".into(),
            batch: 7,
            recorded_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    fn row(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    /// Issue 9: `--consent email=granted` against every status a file can state, as a
    /// table: (file status, column value) → the state said and whether the option
    /// applied. Worked out from the rule "the file's word wins; the option fills only
    /// silence".
    #[test]
    fn the_option_fills_only_silence() {
        let shopify = [ConsentColumn {
            index: 0,
            channel: Channel::Email,
            reading: Reading::Polarity(Polarity::Positive),
            reason: String::new(),
            every_channel: false,
        }];
        let options = BTreeMap::from([(Channel::Email, ConsentState::Granted)]);
        let unsubscribed = FileStatus {
            layout: "mailchimp_unsubscribed".into(),
            states: BTreeMap::from([(Channel::Email, ConsentState::Withdrawn)]),
        };
        let cleaned = FileStatus {
            layout: "mailchimp_cleaned".into(),
            states: BTreeMap::from([(Channel::Email, ConsentState::Bounced)]),
        };
        // A blank in an opt-in column is a box left unticked: the file's word (not
        // asked), which the option does not fill (new-user trial: a blank
        // `Newsletter` cell was granted).
        let table: [(Option<&FileStatus>, &str, ConsentState, Origin, bool); 6] = [
            (None, "", ConsentState::NotAsked, Origin::Stated, true),
            (None, "yes", ConsentState::Granted, Origin::Stated, true),
            (None, "no", ConsentState::Declined, Origin::Stated, true),
            (
                None,
                "unsubscribed",
                ConsentState::Withdrawn,
                Origin::Stated,
                true,
            ),
            (
                Some(&unsubscribed),
                "",
                ConsentState::Withdrawn,
                Origin::Stated,
                true,
            ),
            (
                Some(&cleaned),
                "yes",
                ConsentState::Bounced,
                Origin::Stated,
                true,
            ),
        ];
        for (status, value, state, origin, not_applied) in table {
            let [email, sms] = reader(&shopify, status, &options).read(&row(&[value]));
            let said = email.said.unwrap();
            assert_eq!(
                (said.state, said.origin, email.option_not_applied),
                (state, origin, not_applied),
                "{value:?} with {:?}",
                status.map(|s| &s.layout)
            );
            assert_eq!(sms.said, None);
        }
    }

    /// A column whose header names no channel (`unsubscribe`, `consent`) speaks for
    /// SMS only with a refusal or an unreadable value; its grants and bounces stay on
    /// e-mail. Table: (polarity, value) → the SMS state said under `--consent
    /// sms=granted`, worked out from README "Consent rules".
    #[test]
    fn a_channel_less_column_refuses_every_channel() {
        use ConsentState::{Declined, Granted, NotAsked, Withdrawn};
        let options = BTreeMap::from([(Channel::Sms, Granted)]);
        let table = [
            (Polarity::Inverted, "yes", Withdrawn, true),
            (Polarity::Inverted, "no", Granted, false),
            (Polarity::Positive, "no", Declined, true),
            (Polarity::Positive, "yes", Granted, false),
            (Polarity::Status, "cleaned", Granted, false),
            (Polarity::Status, "unsubscribed", Withdrawn, true),
            (Polarity::Inverted, "maybe", NotAsked, true),
        ];
        for (polarity, value, state, stated) in table {
            let column = [ConsentColumn {
                index: 0,
                channel: Channel::Email,
                reading: Reading::Polarity(polarity),
                reason: String::new(),
                every_channel: true,
            }];
            let [_, sms] = reader(&column, None, &options).read(&row(&[value]));
            let said = sms.said.unwrap();
            assert_eq!(
                (said.state, said.origin == Origin::Stated),
                (state, stated),
                "{polarity:?} {value}"
            );
            if stated {
                assert_eq!(sms.source.as_deref(), Some("column c0, batch 7"));
            }
            // The same column on its own channel only: SMS takes the option.
            let own = [ConsentColumn {
                every_channel: false,
                ..column[0].clone()
            }];
            let [_, sms] = reader(&own, None, &options).read(&row(&[value]));
            assert_eq!(sms.said.unwrap().state, Granted, "{polarity:?} {value}");
        }
    }

    #[test]
    fn the_strongest_refusal_wins_and_sources_say_who_spoke() {
        let vocab = layouts().vocabulary("klaviyo_suppression").unwrap();
        let columns = [
            ConsentColumn {
                index: 0,
                channel: Channel::Email,
                reading: Reading::Vocabulary(layouts().vocabulary("klaviyo_consent").unwrap()),
                reason: String::new(),
                every_channel: false,
            },
            ConsentColumn {
                index: 1,
                channel: Channel::Email,
                reading: Reading::Vocabulary(vocab),
                reason: String::new(),
                every_channel: false,
            },
        ];
        let none = BTreeMap::new();
        let r = reader(&columns, None, &none);
        let [email, _] = r.read(&row(&["SUBSCRIBED", "HARD_BOUNCE"]));
        assert_eq!(email.said.unwrap().state, ConsentState::Bounced);
        assert_eq!(email.source.as_deref(), Some("column c1, batch 7"));
        assert_eq!(email.evidence.unwrap().column.as_deref(), Some("c1"));
        let [email, _] = r.read(&row(&["SUBSCRIBED", ""]));
        assert_eq!(email.said.unwrap().state, ConsentState::Granted);
        let [email, _] = r.read(&row(&["", "[]"]));
        assert_eq!(email.said, None);
        let [email, _] = r.read(&row(&["MAYBE", ""]));
        assert_eq!(email.said.unwrap().state, ConsentState::NotAsked);
        assert!(email.unknown);
    }
}
