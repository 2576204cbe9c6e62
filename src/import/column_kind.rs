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
use super::consent::{self, ConsentColumn, Reading, headers, words};
use super::infer::Inferred;
use super::layout::{LayoutColumn, layouts};
use crate::fields::classify::Classification;
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
    /// The first non-blank value that is no consent word, if any.
    pub not_a_word: Option<String>,
    /// The line of `not_a_word`.
    pub not_a_word_line: Option<u64>,
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

/// The class a role implies, where it implies one.
fn class_for_role(role: Role) -> Option<PrivacyClass> {
    match role {
        Role::Email | Role::Phone | Role::Name | Role::Address | Role::ContactKey => {
            Some(PrivacyClass::DirectIdentifier)
        }
        Role::Postcode => Some(PrivacyClass::QuasiIdentifier),
        Role::Tags => Some(PrivacyClass::Ordinary),
        _ => None,
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
            if let Some(implied) = class_for_role(role) {
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

/// A column no layout describes as consent or evidence. Its values are dates (`ty`)
/// under an opt-out or bounce header, or its header is a date one (`Email Opt Out
/// Date`): read as the date of a refusal (`consent::headers`).
fn generic(facts: &Facts<'_>, class: &mut Classification, ty: FieldType) -> Kind {
    let mut known = consent::recognise(facts.name, facts.all_status && facts.non_blank > 0);
    let plain_known = known.as_ref().map(|(c, p, _)| (*c, *p));
    if let Some(over_dates) = headers::over_dates(facts.name, ty, plain_known) {
        known = Some(over_dates);
    }
    let classified = class.role.consent_channel();
    if known.is_none() && classified.is_none() {
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
            let mut channel = classified.unwrap_or(Channel::Email);
            if channel == Channel::Email && words::names_sms_only(facts.name) {
                channel = Channel::Sms;
                class.role = consent_role(channel);
                class.reason += "; the header names texts, calls or a phone: SMS consent";
            }
            (
                channel,
                consent::polarity_of_kind(
                    class.kind.as_deref(),
                    facts.all_status && facts.non_blank > 0,
                ),
                class.reason.clone(),
            )
        }
    };
    let every_channel = headers::every_channel(facts.name);
    let reason = if every_channel {
        class.reason = format!("{}; {}", class.reason, headers::EVERY_CHANNEL_NOTE);
        format!("{reason}; {}", headers::EVERY_CHANNEL_NOTE)
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

/// A consent-sounding column nobody can read, under a granting `--consent`: it may
/// hold refusals, so nothing is imported (see [`unread_consent`]; README,
/// "Consent rules", the safe rule).
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, line {line}, column `{header}`: the header sounds like consent (`{word}`), but `{value}` is not a consent value tactful can read, so --consent {option} could grant consent to people this column says refused it; nothing was imported. Write the column's values as consent words (yes/no, opted in/opted out, unsubscribed, declined, revoked), or import without --consent (these contacts stay not asked){skip}"
)]
pub struct UnreadConsent {
    pub file: String,
    pub line: u64,
    pub header: String,
    /// The consent-ish header word.
    pub word: String,
    pub value: String,
    /// The granting option, `email=granted`.
    pub option: String,
    /// `--skip` advice for a header only a consent-ish word made suspect; empty for a
    /// recognised consent header, whose column must not be skipped away.
    pub skip: String,
}

/// A value of a column that sounds like consent but is read as no consent column,
/// with its line: the reason an import with a granting `--consent` stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The consent-ish header word (`consent`, `opt`, the dictionary's phrase).
    pub word: String,
    /// The value quoted in the error (at most 30 characters).
    pub value: String,
    /// The file line it was read on.
    pub line: u64,
}

/// The safe rule for consent columns nobody can read: a column whose header sounds
/// like consent (`consent_header`: a known or dictionary consent header; or a
/// consent-ish word, [`words::consent_stem`]) that `kind` left plain while holding
/// yes/no-like values (some consent words, or a first unread value such as
/// `Opted-Out (2024)`) may state refusals, so a granting `--consent` must not fill its
/// rows. Returns the first unread value (or, when every value is a consent word under
/// a header nothing recognised, the first value) with its line. A platform layout's
/// column is never caught: the layout's word on its columns is final.
pub fn unread_consent(
    facts: &Facts<'_>,
    kind: &Kind,
    consent_header: bool,
    first_value: Option<&(String, u64)>,
) -> Option<Unread> {
    if !matches!(kind, Kind::Plain) || facts.spec.is_some() || facts.non_blank == 0 {
        return None;
    }
    let word = match words::consent_stem(facts.name) {
        Some(stem) => stem.to_string(),
        None if consent_header => facts.name.to_string(),
        None => return None,
    };
    let unread_yes_no = facts
        .not_a_word
        .as_deref()
        .is_some_and(words::is_yes_no_like);
    if facts.words == 0 && !unread_yes_no {
        return None;
    }
    let (value, line) = match (&facts.not_a_word, facts.not_a_word_line) {
        (Some(v), Some(line)) => (v.clone(), line),
        _ => first_value.cloned()?,
    };
    Some(Unread {
        word,
        value: shorten(&value),
        line,
    })
}

/// At most 30 characters of `value`, for quoting it in a reason.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(30) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::FieldType;

    fn classification(role: Role, class: PrivacyClass) -> Classification {
        Classification {
            role,
            class,
            kind: None,
            reason: "header token".into(),
        }
    }

    fn facts<'a>(name: &'a str, not_a_word: Option<&str>) -> Facts<'a> {
        Facts {
            index: 0,
            name,
            spec: None,
            layout: None,
            non_blank: 2,
            all_status: false,
            words: if not_a_word.is_some() { 0 } else { 2 },
            not_a_word: not_a_word.map(String::from),
            not_a_word_line: not_a_word.map(|_| 3),
        }
    }

    /// Issue 9: `OPTIN_IP` classified as consent from its header, over IP addresses,
    /// is no consent column; `email_opt_in` over yes/no is one.
    #[test]
    fn consent_needs_consent_words() {
        let mut c = classification(Role::ConsentEmail, PrivacyClass::Consent);
        let mut ty = Inferred::plain(FieldType::Text);
        let kind = decide(&facts("optin_ip", Some("203.0.113.7")), &mut c, &mut ty);
        assert_eq!(kind, Kind::Plain);
        assert_eq!((c.role, c.class), (Role::None, PrivacyClass::Ordinary));
        assert!(c.reason.contains("`203.0.113.7`"), "{}", c.reason);
        let mut c = classification(Role::None, PrivacyClass::Ordinary);
        let kind = decide(&facts("email_opt_in", None), &mut c, &mut ty);
        assert!(matches!(kind, Kind::Consent(ref k) if k.channel == Channel::Email));
        assert_eq!(c.role, Role::ConsentEmail);
        // One stray value among yes/no keeps the column a consent column.
        let mut stray = facts("accepts_email_marketing", Some("maybe"));
        stray.words = 9;
        stray.non_blank = 10;
        let mut c = classification(Role::ConsentEmail, PrivacyClass::Consent);
        assert!(matches!(decide(&stray, &mut c, &mut ty), Kind::Consent(_)));
    }

    /// The safe rule: a consent-sounding column left plain over yes/no-like values is
    /// named with its first unread value; IP addresses, and headers with no consent
    /// word, are not.
    #[test]
    fn unread_consent_columns_are_named() {
        let mut ty = Inferred::plain(FieldType::Text);
        let mut f = facts("email_opt_in", Some("Opted-In (web form)"));
        f.words = 1;
        f.non_blank = 3;
        let mut c = classification(Role::ConsentEmail, PrivacyClass::Consent);
        let kind = decide(&f, &mut c, &mut ty);
        assert_eq!(kind, Kind::Plain);
        let unread = unread_consent(&f, &kind, true, None).unwrap();
        assert_eq!(
            (unread.word.as_str(), unread.value.as_str(), unread.line),
            ("opt", "Opted-In (web form)", 3)
        );
        let ip = facts("optin_ip", Some("203.0.113.7"));
        assert_eq!(unread_consent(&ip, &Kind::Plain, true, None), None);
        // Every value a consent word, but nothing recognised the header: the first value.
        let permission = facts("permission_given", None);
        let first = ("no".to_string(), 2);
        let unread = unread_consent(&permission, &Kind::Plain, false, Some(&first)).unwrap();
        assert_eq!((unread.value.as_str(), unread.line), ("no", 2));
        assert_eq!(
            unread_consent(
                &facts("favourite_colour", None),
                &Kind::Plain,
                false,
                Some(&first)
            ),
            None
        );
    }

    #[test]
    fn a_layout_role_never_lowers_a_class() {
        let all = layouts();
        let shopify = all
            .layouts
            .iter()
            .find(|l| l.id == "shopify_customers")
            .unwrap();
        let spec = all
            .columns(shopify)
            .iter()
            .find(|c| c.header == "Phone")
            .unwrap();
        let mut f = facts("phone", Some("+351912345678"));
        f.spec = Some(spec);
        f.layout = Some("shopify_customers");
        let mut ty = Inferred::plain(FieldType::Text);
        let mut c = classification(Role::None, PrivacyClass::Ordinary);
        assert_eq!(decide(&f, &mut c, &mut ty), Kind::Plain);
        assert_eq!(
            (c.role, c.class),
            (Role::Phone, PrivacyClass::DirectIdentifier)
        );
        let mut c = classification(Role::None, PrivacyClass::SpecialCategory);
        decide(&f, &mut c, &mut ty);
        assert_eq!(c.class, PrivacyClass::SpecialCategory);
    }
}
