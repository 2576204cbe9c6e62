//! What one column of a file is beyond its values: a consent column, consent evidence,
//! or an ordinary field, and the role and type a platform layout gives it.
//!
//! Owns the rule that closes the class of fault behind Mailchimp's `OPTIN_IP` being read
//! as consent (issue 9): a layout's word is final (its evidence columns are never
//! consent columns, its consent columns are read with its own vocabulary); without a
//! layout, a column is a consent column only when its header is a known consent header
//! or the classifier gives it a consent role **and** at least half of its values are
//! consent words. A consent-sounding header over IP addresses or times loses its consent
//! role, and the reason says why. Half, not all: a real consent column with a stray
//! value must stay one, or a file-wide `--consent` would fill the rows its "no"s speak
//! for (the stray values themselves are read as an unknown statement, see
//! `consent::row`). A consent-sounding column read as no consent column at all while it
//! holds yes/no-like values is the other side of that rule: [`unread_consent`] names it,
//! and `columns::build` refuses an import whose `--consent` would grant its rows.
//! Called by [`super::analyse`] once per column.

use super::consent::evidence::EvidenceColumn;
use super::consent::{self, ConsentColumn, Polarity, Reading, dates, reach};
use super::infer::Inferred;
use super::layout::{LayoutColumn, layouts};
use crate::fields::classify::{self, Classification};
use crate::fields::{Channel, FieldType, PrivacyClass, Role};

/// What the first pass saw of a column's values that decides its kind.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    /// Index among the imported columns.
    pub index: usize,
    /// Field name.
    pub name: &'a str,
    pub spec: Option<&'static LayoutColumn>,
    /// The recognised layout's id, for reasons.
    pub layout: Option<&'a str>,
    pub non_blank: u64,
    /// Every non-blank value is a Mailchimp member status.
    pub all_status: bool,
    /// Non-blank values that are consent words ([`consent::is_consent_word`]).
    pub words: u64,
    /// Non-blank values that are list or account statuses and no consent words
    /// (`active`, `removed`; [`consent::sounds::is_status_word`]), counted only under a
    /// consent-ish header ([`consent::sounds::consent_ish`]).
    pub status_words: u64,
    /// Non-blank values that read as dates ([`dates::is_date`]), counted only in a
    /// column whose header or field name may be an opt-out or bounce header (the first
    /// pass does not parse every cell of every column as a date).
    pub dates: u64,
    /// The first non-blank value that is no consent word (nor, where [`Facts::dates`]
    /// are counted, a date), if any.
    pub not_a_word: Option<String>,
    /// The line of `not_a_word`.
    pub not_a_word_line: Option<u64>,
    /// Non-blank values that state consent by themselves ([`consent::words::states_consent`]),
    /// and the first of them with its line.
    pub stating: u64,
    pub first_stating: Option<(String, u64)>,
    /// Non-blank values that name a refusal (`STOP`, `revoked`, `declined`;
    /// [`consent::words::names_refusal`]), and the first of them with its line.
    pub refusal_words: u64,
    pub first_refusal: Option<(String, u64)>,
    /// The first plain yes or no (`no`, `1`, `false`) with its line.
    pub first_yes_no: Option<(String, u64)>,
    /// Every non-blank value is an IP address or a date or time: consent evidence, not
    /// a consent state (Mailchimp `OPTIN_IP`, `OPTIN_TIME`; issue 9).
    pub evidence_values: bool,
    /// The channel of the workspace's field of this name when that field is a consent
    /// field (an earlier file's consent column, or a role set with `fields set`).
    pub field_consent: Option<Channel>,
}

/// The column's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Consent(ConsentColumn),
    Evidence(EvidenceColumn),
    Plain,
}

fn consent_role(channel: Channel) -> Role {
    match channel {
        Channel::Email => Role::ConsentEmail,
        Channel::Sms => Role::ConsentSms,
    }
}

/// Decide the column's kind, adjusting its classification and type as the layout or the
/// consent rule says.
pub fn decide(facts: &Facts<'_>, class: &mut Classification, inferred: &mut Inferred) -> Kind {
    let layout = facts.layout.unwrap_or_default();
    if let Some(spec) = facts.spec {
        if let Some(ty) = spec.ty {
            *inferred = Inferred::plain(ty);
        }
        if let Some(role) = spec.role {
            class.role = role;
            if let Some(implied) = role.implied_class() {
                // Never lowers a class the classifier found more protected.
                class.class = class.class.min(implied);
            }
            class.reason = format!("{} (layout {layout}: role {role})", class.reason);
        }
        if let (Some(kind), Some(channel)) = (spec.evidence, spec.channel) {
            class.role = Role::None;
            class.class = PrivacyClass::Consent;
            class.kind = Some("consent_evidence".into());
            class.reason = format!(
                "layout {layout}: the {} of the {channel} consent or refusal a row states: consent evidence, not a consent state",
                match kind {
                    super::layout::EvidenceKind::Time => "time",
                    super::layout::EvidenceKind::Ip => "IP address",
                }
            );
            return Kind::Evidence(EvidenceColumn {
                index: facts.index,
                field: facts.name.to_string(),
                channel,
                kind,
                spec,
            });
        }
        if let Some(channel) = spec.consent {
            let reading = match (&spec.vocabulary, spec.polarity) {
                (Some(v), _) => layouts().vocabulary(v).map(Reading::Vocabulary),
                (None, Some(p)) => Some(Reading::Polarity(p)),
                (None, None) => None,
            };
            if let Some(reading) = reading {
                let reason = format!("layout {layout}: {channel} consent column");
                *class = Classification {
                    role: consent_role(channel),
                    class: PrivacyClass::Consent,
                    kind: Some("consent".into()),
                    reason: reason.clone(),
                };
                return Kind::Consent(ConsentColumn {
                    index: facts.index,
                    channel,
                    reading,
                    reason,
                    every_channel: false,
                });
            }
        }
    }
    generic(facts, class, inferred.ty)
}

/// A column no layout describes as consent or evidence. Its values are mostly dates
/// (`ty`, [`Facts::dates`]) under an opt-out or bounce header, or its header is a date
/// one (`Email Opt Out Date`): read as the date of a refusal (`consent::dates`). A
/// header naming only fax or post is no consent column ([`unsent`]).
fn generic(facts: &Facts<'_>, class: &mut Classification, ty: FieldType) -> Kind {
    if let Some(word) = reach::unsent_only(facts.name) {
        return unsent(facts, class, word);
    }
    let mut known = consent::recognise(facts.name, facts.all_status && facts.non_blank > 0);
    let plain_known = known.as_ref().map(|(c, p, _)| (*c, *p));
    let over = dates::mostly_dates(ty, facts.dates, facts.words, facts.non_blank);
    if let Some(over_dates) = dates::over_dates(facts.name, over, plain_known) {
        known = Some(over_dates);
    }
    let classified = class.role.consent_channel();
    if known.is_none() && classified.is_none() {
        return by_values(facts, class);
    }
    // A blank note about consent (`subscribed_ip` beside MailPoet's `status`,
    // `optin_source`) states nothing: read as a box left unticked it would overrule the
    // status column (trial 4, N6). It keeps the consent class. A note that holds values
    // is judged by them below (`OPTIN_IP` over IP addresses, issue 9).
    if known.is_none() && facts.non_blank == 0 && consent::words::is_note(facts.name) {
        class.role = Role::None;
        class.class = PrivacyClass::Consent;
        class.reason = format!(
            "header `{}` is a note about consent (its source, time or IP address), not a statement of it",
            facts.name
        );
        return Kind::Plain;
    }
    let dated = known.as_ref().is_some_and(|(_, p, _)| p.is_dated());
    let mostly_words = facts.words.saturating_mul(2) >= facts.non_blank;
    if let Some(example) = facts
        .not_a_word
        .as_ref()
        .filter(|_| !mostly_words && !dated)
        && !(facts.all_status && facts.non_blank > 0)
    {
        // Consent words only: an IP address or a time under a consent-sounding header
        // is not a consent state (issue 9: Mailchimp `OPTIN_IP`).
        if classified.is_some() || class.class == PrivacyClass::Consent {
            class.role = Role::None;
            class.class = PrivacyClass::Ordinary;
            class.kind = None;
        }
        class.reason = format!(
            "header `{}` sounds like consent, but its values are not consent words (e.g. `{}`), so it is no consent column",
            facts.name,
            shorten(example)
        );
        return Kind::Plain;
    }
    let (channel, polarity, reason) = match known {
        Some((channel, polarity, reason)) => {
            if classified.is_none() || dated {
                *class = Classification {
                    role: consent_role(channel),
                    class: PrivacyClass::Consent,
                    kind: Some("consent".into()),
                    reason: reason.clone(),
                };
            }
            (channel, polarity, reason)
        }
        None => {
            // The dictionary entry that recognised the header gives the polarity; a
            // header that names texts or calls is SMS consent whichever entry won.
            let found = classified.unwrap_or(Channel::Email);
            let channel = consent::channel_of_name(facts.name, found);
            if channel != found {
                class.role = consent_role(channel);
                class.reason += "; the header names texts, calls or a phone: SMS consent";
            }
            let polarity = consent::polarity_of_kind(
                class.kind.as_deref(),
                facts.all_status && facts.non_blank > 0,
                facts.name,
            );
            if polarity == Polarity::Bounce {
                class.reason += "; the header also names a bounce: yes = the address bounced";
            } else if polarity.is_opt_out()
                && !class.kind.as_deref().is_some_and(classify::is_opt_out_kind)
            {
                class.reason += "; the header also names a refusal: yes = the person refused";
            }
            (channel, polarity, class.reason.clone())
        }
    };
    let every_channel = reach::every_channel(facts.name);
    // The dictionary's label names e-mail; say the channels the refusal reaches.
    let opt_out = polarity.is_opt_out() || polarity.dated().is_some();
    class.reason = reach::name_channels(&class.reason, channel, every_channel, opt_out);
    let reason = reach::name_channels(&reason, channel, every_channel, opt_out);
    let reason = if every_channel {
        class.reason = format!("{}; {}", class.reason, reach::EVERY_CHANNEL_NOTE);
        format!("{reason}; {}", reach::EVERY_CHANNEL_NOTE)
    } else {
        reason
    };
    Kind::Consent(ConsentColumn {
        index: facts.index,
        channel,
        reading: Reading::Polarity(polarity),
        reason,
        every_channel,
    })
}

/// A column whose header names only a channel tactful does not send (`word`: `fax`
/// in Salesforce's `HasOptedOutOfFax`, `mail` in `Direct Mail Opt Out`;
/// [`reach::unsent_only`]): it states no e-mail or SMS consent, whatever its values.
/// Kept as a field with no consent role; a header the dictionary called consent keeps
/// the consent class (it is still a person's consent choice, kept out of messages).
fn unsent(facts: &Facts<'_>, class: &mut Classification, word: &str) -> Kind {
    if class.role.consent_channel().is_some() {
        class.role = Role::None;
        class.class = PrivacyClass::Consent;
    }
    class.reason = format!(
        "{}; {}",
        reach::without_channel(&class.reason),
        reach::unsent_note(facts.name, word)
    );
    Kind::Plain
}

/// A column no header rule recognises, read by its values (README, "Consent rules": the
/// words that name their state say it in any column): when every non-blank value is a
/// consent word and at least one states consent by itself (`subscribed`,
/// `unsubscribed`, `opted out`, `cleaned`; [`consent::words::states_consent`]), the column is a
/// consent column, of the channel its header names ([`consent::channel_of_name`]),
/// read as member statuses or, with other words in it, by the words alone (yes and
/// no are unknown under a header that gives no polarity, see
/// [`consent::Polarity::Stated`]). Yes/no alone is not enough: `VIP` is no consent
/// column. A column with such words and values nobody can read stays plain, and
/// [`unread_consent`] stops a granting import over it.
fn by_values(facts: &Facts<'_>, class: &mut Classification) -> Kind {
    // A column of refusals only (`STOP`, `revoked`) says nothing but refusals: read
    // them. Refusals among yes/no stay plain, and `unread_consent` stops a granting
    // import over them (the yes/no there could go either way).
    let refusals_only = facts.refusal_words > 0 && facts.refusal_words == facts.non_blank;
    let (example, says) = match (&facts.first_stating, &facts.first_refusal) {
        (Some((example, _)), _) => (example, "states consent"),
        (None, Some((example, _))) if refusals_only => (example, "names a refusal"),
        _ => return Kind::Plain,
    };
    if facts.words < facts.non_blank || facts.spec.is_some() {
        return Kind::Plain;
    }
    let all_status = facts.all_status && facts.non_blank > 0;
    let channel = consent::channel_of_name(facts.name, Channel::Email);
    let every_channel = reach::every_channel(facts.name);
    let reason = format!(
        "every value of `{}` is a consent word and `{}` {says}: {channel} consent read from its values{}{}",
        facts.name,
        shorten(example),
        if all_status {
            " (member statuses)"
        } else {
            " (by its words alone: a yes or no there is unread, the header does not say which way it goes)"
        },
        if every_channel {
            format!("; {}", reach::EVERY_CHANNEL_NOTE)
        } else {
            String::new()
        }
    );
    *class = Classification {
        role: consent_role(channel),
        class: PrivacyClass::Consent,
        kind: Some("consent".into()),
        reason: reason.clone(),
    };
    let polarity = if all_status {
        consent::Polarity::Status
    } else {
        consent::Polarity::Stated
    };
    Kind::Consent(ConsentColumn {
        index: facts.index,
        channel,
        reading: Reading::Polarity(polarity),
        reason,
        every_channel,
    })
}

/// At most 30 characters of `value`, for quoting it in a reason.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(30) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

mod unread;

pub use unread::{Unread, UnreadConsent, advice, unread_consent};

#[cfg(test)]
mod tests;
