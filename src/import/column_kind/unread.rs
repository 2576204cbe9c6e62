//! The safe rule for consent columns nobody can read: a column left plain that may
//! state consent may hold refusals, so a granting `--consent` must not fill its rows
//! (README, "Consent rules"). Owns which columns it stops ([`unread_consent`]), the
//! error ([`UnreadConsent`]) and advice that works when followed ([`advice`]). Called
//! by `import::columns` once per column, after [`super::decide`].

use super::{Facts, Kind, shorten};
use crate::fields::Channel;
use crate::import::consent::{self, Polarity, dates, reach, sounds, words};

/// A consent-sounding column nobody can read, under a granting `--consent`: it may
/// hold refusals, so nothing is imported (see [`unread_consent`]; README, "Consent
/// rules", the safe rule). The advice keeps the refusals: say how to read the column
/// (`--map` it to a consent field of known polarity, rewrite its values), or import
/// without `--consent`; never `--skip`, which would drop them.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, line {line}, column `{header}`: {why}, but {problem}, so --consent {option} could grant consent to people this column says refused it; nothing was imported. Tell tactful how to read the column: {advice}; or import without --consent (these contacts stay not asked)"
)]
pub struct UnreadConsent {
    pub file: String,
    pub line: u64,
    pub header: String,
    /// Why the column may state consent: `the header sounds like consent (`opt`)`.
    pub why: String,
    /// What cannot be read: `` `Nope!` is not a consent value tactful can read``.
    pub problem: String,
    /// The granting option, `email=granted`.
    pub option: String,
    /// How to make the column readable ([`advice`]): rewrite its values, and `--map`
    /// it where the header does not say which way `yes` goes.
    pub advice: String,
}

/// How to make a column the safe rule stopped readable, for [`UnreadConsent::advice`]:
/// advice that works when followed (trial: the error on an `Unsubscribed` column
/// advised `--map 'Unsubscribed=opt_out'`, which changed nothing, so following it gave
/// the same error).
///
/// - When the header already says which way `yes` goes (`Unsubscribed`,
///   `email_opt_in`: [`Unread::polarity`]), no `--map` can help: the advice is to write
///   the values as consent words, or for an opt-out header as the dates of the
///   opt-outs, which the header then reads.
/// - Otherwise, the values written as consent words and, for yes/no, the column mapped
///   to a consent field that says which way `yes` goes: of the channel the header
///   names (`email_opt_in`, `sms_opt_out`), or for a header that names no single
///   channel (`Permission Given`, `Mailing`) the channel-less `opt_in`/`opt_out`, whose
///   refusals reach every channel as the header's do ([`reach::every_channel`]):
///   advising `email_opt_out` there would leave SMS granted. A column of dates may be
///   mapped to the opt-out field, whose filled dates are opt-outs; an opt-in field
///   reads no dates (an opt-in time is evidence, not a state), so it is not offered.
///
/// `header` is the header as the import matches `--map` against it (control
/// characters already cleaned out, see `import::read`); should one remain, the
/// message would print it stripped and a `--map` copied from it could not match, so
/// the advice says so instead of quoting it.
pub fn advice(header: &str, unread: &Unread) -> String {
    const WORDS: &str = "write its values as consent words (yes/no, opted in/opted out, subscribed/unsubscribed, declined, revoked)";
    if let Some(polarity) = unread.polarity {
        return format!(
            "{WORDS}{}: its header already says which way `yes` goes (yes = {}), so no --map is needed",
            if polarity.dated().is_some() {
                " or as the dates of the opt-outs"
            } else {
                ""
            },
            if polarity.is_opt_out() || polarity.dated().is_some() {
                "opted out"
            } else {
                "consent given"
            }
        );
    }
    if header.chars().any(char::is_control) {
        return format!(
            "{WORDS} and, for yes/no, map it to a consent field that says which way `yes` goes (the header holds control characters, so a --map copied from this message cannot match it: rename the column in the file, then --map it to opt_in, yes = consent given, or opt_out, yes = opted out)"
        );
    }
    let (opt_in, opt_out) = if unread.every_channel {
        ("opt_in", "opt_out")
    } else {
        match unread.channel {
            Channel::Email => ("email_opt_in", "email_opt_out"),
            Channel::Sms => ("sms_opt_in", "sms_opt_out"),
        }
    };
    if unread.date {
        return format!(
            "if its dates are the days people opted out, --map '{header}={opt_out}' (a filled date = opted out); otherwise {WORDS} and, for yes/no, --map '{header}={opt_in}' (yes = consent given) or --map '{header}={opt_out}' (yes = opted out)"
        );
    }
    format!(
        "{WORDS} and, for yes/no, map it to a consent field that says which way `yes` goes, --map '{header}={opt_in}' (yes = consent given) or --map '{header}={opt_out}' (yes = opted out)"
    )
}

/// A value of a column that may state consent but is read as no consent column, with
/// its line: the reason an import with a granting `--consent` stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// Why the column may state consent (for [`UnreadConsent::why`]).
    pub why: String,
    /// The value quoted in the error (at most 30 characters).
    pub value: String,
    /// Whether the value is a consent word whose direction the header does not give
    /// (`yes` under `Permission Given`) rather than a value nobody can read.
    pub word: bool,
    /// The file line it was read on.
    pub line: u64,
    /// The channel the column would speak for.
    pub channel: Channel,
    /// Its refusals would reach every channel ([`reach::every_channel`]).
    pub every_channel: bool,
    /// Which way `yes` goes by the header alone (`Unsubscribed`: an opt-out), if it
    /// says ([`consent::header_reading`]).
    pub polarity: Option<Polarity>,
    /// The quoted value is a date ([`dates::is_date`]).
    pub date: bool,
}

impl Unread {
    /// What cannot be read, for [`UnreadConsent::problem`] (`value` already made safe
    /// for the terminal).
    pub fn problem(&self, value: &str) -> String {
        if self.word {
            format!("nothing says whether its `{value}` grants or refuses")
        } else {
            format!("`{value}` is not a consent value tactful can read")
        }
    }
}

/// The safe rule for consent columns nobody can read: a column left plain that may
/// state consent may hold refusals, so a granting `--consent` must not fill its rows.
/// A column may state consent when
/// - its header is a known or dictionary consent header (`consent_header`) and its
///   values are not all IP addresses or times (those are evidence, issue 9): such a
///   header is never silently taken for no consent column;
/// - its header has a consent-ish word ([`words::consent_stem`], or whole words such
///   as `Mailing list`, `Can Contact`, `Email status`: [`sounds::consent_ish`]) and its
///   values are yes/no-like (some consent words, or a first unread value such as
///   `Opted-Out (2024)`) or mostly list statuses (`Active`, `Removed`,
///   [`sounds::is_status_word`]);
/// - it fills a field the workspace holds as consent (`Mailing` of subscribed and
///   unsubscribed before, yes/no now) and its values are not all IP addresses or times;
/// - whatever its header, it holds a value that states consent by itself
///   (`unsubscribed`, [`words::states_consent`]) among values nobody can read;
/// - or, whatever its header, it holds a refusal word (`STOP`, `revoked`, `declined`;
///   [`words::names_refusal`]) among values mostly consent words (`no`): the yes/no
///   around it could go either way, and a grant over the `STOP` would text someone
///   who said stop.
///
/// Returns the first unread value (or, when every value is a consent word, the first
/// value) with its line. A header naming only fax or post ([`reach::unsent_only`]) is
/// never caught: it states nothing of the channels tactful sends. A platform layout's column is never caught: the layout's word
/// on its columns is final.
pub fn unread_consent(
    facts: &Facts<'_>,
    kind: &Kind,
    consent_header: bool,
    first_value: Option<&(String, u64)>,
) -> Option<Unread> {
    // A fax or postal header states nothing of e-mail or SMS (`HasOptedOutOfFax`).
    if !matches!(kind, Kind::Plain)
        || facts.spec.is_some()
        || facts.non_blank == 0
        || reach::unsent_only(facts.name).is_some()
    {
        return None;
    }
    let stem = words::consent_stem(facts.name);
    let unread_yes_no = facts
        .not_a_word
        .as_deref()
        .is_some_and(words::is_yes_no_like);
    // List or account statuses (`Removed`, `Active`, `cancelled`) making up at least
    // half of the values, with the consent words: a `Subscription` of plan names is
    // none, one of active/cancelled is.
    let statuses = facts.status_words > 0
        && (facts.words + facts.status_words).saturating_mul(2) >= facts.non_blank;
    let header_states = consent_header && !facts.evidence_values && !words::is_note(facts.name);
    let said = facts.words > 0 || unread_yes_no || statuses;
    let why = if header_states || (stem.is_some() && said) {
        format!(
            "the header sounds like consent (`{}`)",
            stem.unwrap_or(facts.name)
        )
    } else if let Some(channel) = facts.field_consent.filter(|_| !facts.evidence_values) {
        format!(
            "the workspace's field `{}` holds {channel} consent",
            facts.name
        )
    } else if let Some((value, line)) = &facts.first_stating {
        format!(
            "the column holds a consent word (`{}` on line {line})",
            shorten(value)
        )
    } else if let Some((value, line)) = facts
        .first_refusal
        .as_ref()
        .filter(|_| facts.words.saturating_mul(2) >= facts.non_blank)
    {
        // `STOP` (the SMS opt-out keyword), `revoked`, `declined` among yes/no under
        // a header that says nothing (`SMS Status`): a refusal nobody may fill over.
        format!(
            "the column holds a refusal (`{}` on line {line})",
            shorten(value)
        )
    } else if let Some(words) = sounds::consent_ish(facts.name).filter(|_| said) {
        // Whole words no stem catches (`Mailing list`, `Can Contact`, `Email status`),
        // after the reasons above, which say more when they hold.
        format!("the header sounds like consent (`{words}`)")
    } else if let Some(word) = sounds::names_channel(facts.name)
        .filter(|_| facts.words > 0 && facts.words.saturating_mul(2) >= facts.non_blank)
    {
        // Yes/no under a header naming a channel (`SMS`, `Emails`, `Email preference`):
        // a permission for that channel whatever the other words.
        format!("the header speaks of a channel or its news (`{word}`) over yes/no")
    } else {
        return None;
    };
    let (value, line, word) = match (&facts.not_a_word, facts.not_a_word_line) {
        (Some(v), Some(line)) => (v.clone(), line, false),
        _ => facts
            .first_yes_no
            .as_ref()
            .or(first_value)
            .cloned()
            .map(|(v, l)| (v, l, true))?,
    };
    let reading = consent::header_reading(facts.name);
    let channel = reading
        .map(|(channel, _)| channel)
        .or(facts.field_consent)
        .unwrap_or(Channel::Email);
    Some(Unread {
        why,
        date: dates::is_date(&value),
        value: shorten(&value),
        word,
        line,
        channel: consent::channel_of_name(facts.name, channel),
        every_channel: reach::every_channel(facts.name),
        polarity: reading.map(|(_, polarity)| polarity),
    })
}
