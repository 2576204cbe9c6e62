//! Refusal headers beyond the known table and the dictionary: the channels a refusal
//! reaches, opt-out and bounce date columns, and bounce flags.
//!
//! Owns three rules of promise 1 ("nobody who opted out gets a message"; README,
//! "Consent rules"):
//! - a withdrawal or a refusal under a header that names no channel (`unsubscribe`,
//!   `Do Not Contact`, `Robinson`) or every channel (`Opt Out All Channels`, `email or
//!   text opt out`) applies to e-mail and SMS alike ([`every_channel`]). A grant under
//!   such a header stays on the column's own channel (e-mail), so grants never widen,
//!   and a bounce is a fact about one address, so it stays there too;
//! - a date under an opt-out header is the day the person opted out: `Email Opt Out
//!   Date`, `unsubscribed_at`, `Abmeldedatum` are opt-out columns whose filled cells are
//!   withdrawals ([`Polarity::OptOutDate`]); a blank says nothing, any other value is
//!   unreadable (not asked, never filled by `--consent`). The header less its date
//!   words must be an opt-out header, so opt-in times (`OPTIN_TIME`, `CONFIRM_TIME`,
//!   `consent_date`) stay consent evidence or plain fields, as before;
//! - `Bounced`, `Hard Bounce`, `Email Bounced` are bounce flags: true = bounced on
//!   e-mail ([`Polarity::Bounce`]).
//!
//! Called by `consent::recognise` for headers its table does not list, by
//! `column_kind` and `skipped_consent` for a column's reach.

use super::super::infer::parse_temporal;
use super::{Polarity, Reads, header_reading, words};
use crate::fields::{Channel, ConsentState, FieldType};

impl Polarity {
    /// True when a `yes` under it is an opt-out (the field is true for a refusal).
    pub fn is_opt_out(self) -> bool {
        matches!(self, Polarity::Inverted | Polarity::OptOutDate)
    }

    /// The polarity of the same header over dates: an opt-out's or a bounce's date.
    pub fn dated(self) -> Option<Polarity> {
        match self {
            Polarity::Inverted | Polarity::OptOutDate => Some(Polarity::OptOutDate),
            Polarity::Bounce | Polarity::BounceDate => Some(Polarity::BounceDate),
            Polarity::Positive | Polarity::Status | Polarity::Stated => None,
        }
    }

    /// True for the polarities whose values are dates.
    pub fn is_dated(self) -> bool {
        matches!(self, Polarity::OptOutDate | Polarity::BounceDate)
    }
}

/// Header words (of the field name) that say the column holds a date or time:
/// `unsubscribed_at`, `Unsubscribe Date`, `Abgemeldet am` (de), `Fecha de baja` (es),
/// `Data disiscrizione` (it, pt).
const DATE_WORDS: &[&str] = &[
    "date",
    "dates",
    "at",
    "on",
    "time",
    "timestamp",
    "datetime",
    "when",
    "datum",
    "zeitpunkt",
    "am",
    "fecha",
    "data",
    "le",
];

/// Compound and short words of date headers: the word and the header word it stands
/// for (a compound holds its date word, so it makes the header a date one by itself).
const DATE_COMPOUNDS: &[(&str, &str)] = &[
    ("abmeldedatum", "abmeldung"),
    ("abmeldungsdatum", "abmeldung"),
    ("austragungsdatum", "abmeldung"),
    ("afmelddatum", "afmelding"),
    ("afmeldingsdatum", "afmelding"),
    ("uitschrijfdatum", "uitgeschreven"),
    ("abmeldezeitpunkt", "abmeldung"),
    ("unsubdate", "unsubscribed"),
    ("optoutdate", "opt_out"),
];

/// Words of date headers and the header words they stand for: Mailchimp's
/// `UNSUB_TIME` outside its layout, `withdrawn_at`, `revoked_at`, `Suppression Date`,
/// `fecha_baja` (es), `data_descadastro` (pt). Only in a date header: `Withdrawn`
/// alone is no header this module reads.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("unsub", "unsubscribed"),
    ("withdrawn", "consent_withdrawn"),
    ("revoked", "consent_withdrawn"),
    ("suppression", "suppressed"),
    ("baja", "de_baja"),
    ("descadastro", "descadastrado"),
];

/// Header words that make a date header the date of something else than the refusal:
/// `opt_out_updated_at` changes whenever the flag does, `unsubscribe_reason_date`
/// dates a note.
const NOTE_WORDS: &[&str] = &[
    "reason",
    "source",
    "ip",
    "by",
    "method",
    "note",
    "notes",
    "comment",
    "url",
    "form",
    "campaign",
    "id",
    "version",
    "updated",
    "created",
    "changed",
    "modified",
    "count",
    "requested",
    "sent",
    "scheduled",
    "expires",
    "expiry",
];

/// Header words of a bounce flag; every word of the header must be one of these or
/// [`BOUNCE_OTHER_WORDS`], so `bounce_reason` or `bounce_type` (text about the bounce)
/// is no flag.
const BOUNCE_WORDS: &[&str] = &[
    "bounce",
    "bounced",
    "bounces",
    "hardbounce",
    "hardbounced",
    "emailbounced",
];
const BOUNCE_OTHER_WORDS: &[&str] = &[
    "hard", "is", "has", "flag", "email", "e", "mail", "address", "sms", "text", "phone",
];

/// Header words that name e-mail or SMS beyond [`words`]' lists: `DNE` (do not
/// e-mail), `DNC` (do not call).
const EMAIL_ABBREVIATIONS: &[&str] = &["dne"];
const SMS_ABBREVIATIONS: &[&str] = &["dnc"];

/// The consent columns of headers `consent::recognise`'s table does not list: bounce
/// flags, then opt-out and bounce date columns.
pub fn recognise(name: &str) -> Option<(Channel, Polarity, String)> {
    if let Some(channel) = bounce_flag(name) {
        return Some((
            channel,
            Polarity::Bounce,
            format!("header `{name}` is a bounce flag: true = the {channel} address bounced"),
        ));
    }
    let (channel, polarity, rest) = dated(name)?;
    let what = if polarity == Polarity::BounceDate {
        "bounce"
    } else {
        "opt-out"
    };
    Some((
        channel,
        polarity,
        format!(
            "header `{name}` is the date of an {what} (`{rest}`): a filled date is a {}, a blank says nothing",
            if polarity == Polarity::BounceDate {
                "bounce"
            } else {
                "withdrawal"
            }
        ),
    ))
}

fn bounce_flag(name: &str) -> Option<Channel> {
    let parts: Vec<&str> = name.split('_').collect();
    let flag = parts.iter().any(|p| BOUNCE_WORDS.contains(p))
        && parts
            .iter()
            .all(|p| BOUNCE_WORDS.contains(p) || BOUNCE_OTHER_WORDS.contains(p));
    flag.then(|| {
        if words::names_sms_only(name) {
            Channel::Sms
        } else {
            Channel::Email
        }
    })
}

/// An opt-out or bounce date header: `name` less its date words ([`DATE_WORDS`],
/// [`DATE_COMPOUNDS`]) is an opt-out or bounce header. Returns its channel, the dated
/// polarity and the header it stands for.
fn dated(name: &str) -> Option<(Channel, Polarity, String)> {
    if names_a_note(name) {
        return None;
    }
    let mut date = false;
    let mut rest = Vec::new();
    for part in name.split('_') {
        if DATE_WORDS.contains(&part) {
            date = true;
        } else if let Some((_, stands_for)) = DATE_COMPOUNDS.iter().find(|(c, _)| *c == part) {
            date = true;
            rest.push(*stands_for);
        } else {
            let short = SHORT_FORMS.iter().find(|(s, _)| *s == part);
            rest.push(short.map_or(part, |(_, stands_for)| stands_for));
        }
    }
    if !date || rest.is_empty() {
        return None;
    }
    let rest = rest.join("_");
    let (channel, polarity) = header_reading(&rest)?;
    Some((channel, polarity.dated()?, rest))
}

/// Headers whose platform defines them as e-mail columns, though their names say no
/// channel: Shopify's `Accepts Marketing` (its e-mail marketing flag, beside a
/// separate `Accepts SMS Marketing`), Ghost's `subscribed` (its e-mail newsletter) and
/// a Mailchimp-style member `status` (an e-mail audience). A "no" there says nothing
/// of texts, and reading it as an SMS refusal would decline the SMS that the same
/// file's SMS column grants.
const PLATFORM_EMAIL_HEADERS: &[&str] = &[
    "accepts_marketing",
    "subscribed",
    "status",
    "member_status",
    "subscription_status",
];

/// True when a withdrawal or refusal under the field name `name` applies to every
/// channel: the header names neither e-mail nor SMS (`unsubscribe`, `blocked`,
/// `TCPA Opt Out`, `Robinson`) or both (`email_or_text_opt_out`), and is no platform's
/// e-mail column ([`PLATFORM_EMAIL_HEADERS`]).
pub fn every_channel(name: &str) -> bool {
    if PLATFORM_EMAIL_HEADERS.contains(&name) {
        return false;
    }
    let parts: Vec<&str> = name.split('_').collect();
    let names =
        |list: &[&str], more: &[&str]| parts.iter().any(|p| list.contains(p) || more.contains(p));
    names(words::SMS_WORDS, SMS_ABBREVIATIONS) == names(words::EMAIL_WORDS, EMAIL_ABBREVIATIONS)
}

/// The reason's note for a column whose refusals reach every channel.
pub const EVERY_CHANNEL_NOTE: &str = "the header names no single channel, so an opt-out or refusal in it applies to all channels (e-mail and SMS); a grant in it stays on its own channel";

/// What a date says under an opt-out or bounce polarity, dated or not: a date in an
/// `Unsubscribed` column that also holds yes/no is the day the person opted out, as in
/// an `Email Opt Out Date` column (third trial: read as unreadable, it became "not
/// asked", which a later file could grant). `None` under another polarity, or when
/// `value` is no date or datetime the importer reads.
pub fn read_date(polarity: Polarity, value: &str) -> Option<Reads> {
    let dated = polarity.dated()?;
    if !is_date(value) {
        return None;
    }
    Some(Reads::State(if dated == Polarity::BounceDate {
        ConsentState::Bounced
    } else {
        ConsentState::Withdrawn
    }))
}

/// True when a word of the field name `name` makes its dates those of something else
/// than a refusal ([`NOTE_WORDS`]).
pub fn names_a_note(name: &str) -> bool {
    name.split('_').any(|p| NOTE_WORDS.contains(&p))
}

/// True when `value` reads as a date or datetime in some day order.
fn is_date(value: &str) -> bool {
    use super::super::infer::DateOrder;
    parse_temporal(value).is_some_and(|t| {
        [DateOrder::Dmy, DateOrder::Mdy]
            .into_iter()
            .any(|o| t.date(Some(o)).is_some())
    })
}

/// An opt-out or bounce header over dates (`unsubscribed`, `Do Not Email` whose
/// values are all dates, `ty`): the dates of the refusals, never a column of
/// unreadable words. `known` is what `consent::recognise` made of the field name
/// `name`; without it, the header is read as `header_reading` does. `None` for
/// another header or type, or a header already read as dates.
pub fn over_dates(
    name: &str,
    ty: FieldType,
    known: Option<(Channel, Polarity)>,
) -> Option<(Channel, Polarity, String)> {
    if !matches!(ty, FieldType::Date | FieldType::Datetime) || names_a_note(name) {
        return None;
    }
    let (channel, polarity) = known.or_else(|| header_reading(name))?;
    if polarity.is_dated() {
        return None;
    }
    let dated = polarity.dated()?;
    Some((
        channel,
        dated,
        format!(
            "header `{name}` is an opt-out or bounce header over dates: a filled date is a {}, a blank says nothing",
            if dated == Polarity::BounceDate {
                "bounce"
            } else {
                "withdrawal"
            }
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel::{Email, Sms};
    use Polarity::{Bounce, BounceDate, Inverted, OptOutDate, Positive};

    /// Opt-out date, bounce and abbreviation headers, with what each names. Expected
    /// values from the headers' meaning: a date "opted out at" is a withdrawal on the
    /// channel the rest of the header names (`SMS Opt Out Date`: SMS); `Abmeldedatum`
    /// is German for "unsubscribe date"; DNE = do not e-mail, DNC = do not call;
    /// Robinson lists (de `Robinsonliste`, es `Lista Robinson`) are opt-outs of
    /// advertising.
    #[test]
    fn opt_out_dates_bounces_and_abbreviations_are_read() {
        let table = [
            ("Email Opt Out Date", Email, OptOutDate),
            ("unsubscribed_at", Email, OptOutDate),
            ("Unsubscribe Date", Email, OptOutDate),
            ("opted_out_at", Email, OptOutDate),
            ("Opt Out Date", Email, OptOutDate),
            ("Abmeldedatum", Email, OptOutDate),
            ("Abgemeldet am", Email, OptOutDate),
            ("Date Unsubscribed", Email, OptOutDate),
            ("SMS Opt Out Date", Sms, OptOutDate),
            ("Bounced At", Email, BounceDate),
            ("Bounced", Email, Bounce),
            ("Hard Bounce", Email, Bounce),
            ("Email Bounced", Email, Bounce),
            ("DNE", Email, Inverted),
            ("DNC", Sms, Inverted),
            ("Robinson", Email, Inverted),
            ("Robinsonliste", Email, Inverted),
            ("Lista Robinson", Email, Inverted),
            ("TCPA Opt Out", Email, Inverted),
        ];
        for (header, channel, polarity) in table {
            assert_eq!(
                header_reading(header),
                Some((channel, polarity)),
                "{header}"
            );
        }
        for header in [
            "UNSUB_TIME",
            "withdrawn_at",
            "consent_revoked_at",
            "Suppression Date",
            "Abmeldezeitpunkt",
            "fecha_baja",
            "data_descadastro",
        ] {
            assert_eq!(
                header_reading(header),
                Some((Email, OptOutDate)),
                "{header}"
            );
        }
        // Opt-in times, notes about a refusal and times of a change are no refusal
        // dates (`opt_out_updated_at` stays what the dictionary makes of it).
        for header in [
            "unsub_reason",
            "opt_out_updated_at",
            "Subscribed At",
            "OPTIN_TIME",
            "CONFIRM_TIME",
            "consent_date",
            "bounce_reason",
        ] {
            let reading = header_reading(header);
            assert!(
                reading.is_none_or(|(_, p)| !p.is_dated() && p != Bounce),
                "{header}: {reading:?}"
            );
        }
        assert!(names_a_note("opt_out_updated_at"));
        // Opt-out headers over dates are opt-out dates; an opt-in header is not.
        let date = FieldType::Date;
        let over = |name| over_dates(name, date, None).map(|(c, p, _)| (c, p));
        assert_eq!(over("do_not_email"), Some((Email, OptOutDate)));
        assert_eq!(over("bounced"), Some((Email, BounceDate)));
        assert_eq!(over("consent"), None);
        assert_eq!(over_dates("do_not_email", FieldType::Boolean, None), None);
        assert!(!names_a_note("unsubscribed"));
    }

    /// Point 1 of the trial: headers naming no channel, or both, reach every channel;
    /// headers naming one channel stay on it.
    #[test]
    fn refusals_reach_every_channel_unless_the_header_names_one() {
        for name in [
            "unsubscribe",
            "do_not_contact",
            "blocked",
            "opt_out_all_channels",
            "global_unsubscribe",
            "tcpa_opt_out",
            "do_not_market",
            "opted_out_of_marketing",
            "robinson",
            "email_or_text_opt_out",
            "consent",
        ] {
            assert!(every_channel(name), "{name}");
        }
        for name in [
            "do_not_email",
            "dne",
            "dnc",
            "sms_opt_out",
            "unsubscribed_from_all_email",
            "newsletter",
            "do_not_call",
            "e_mail_abgemeldet",
            "accepts_marketing",
            "subscribed",
            "status",
        ] {
            assert!(!every_channel(name), "{name}");
        }
    }

    #[test]
    fn dates_under_a_dated_polarity_are_refusals() {
        let withdrawn = Some(Reads::State(ConsentState::Withdrawn));
        for v in [
            "2024-01-02",
            "02.01.2024",
            "1/31/2024",
            "2024-01-02T10:00:00Z",
        ] {
            assert_eq!(read_date(OptOutDate, v), withdrawn, "{v}");
        }
        assert_eq!(
            read_date(BounceDate, "2024-01-02"),
            Some(Reads::State(ConsentState::Bounced))
        );
        assert_eq!(read_date(OptOutDate, "n/a"), None);
        assert_eq!(read_date(Inverted, "2024-01-02"), withdrawn);
        assert_eq!(read_date(Inverted, "1"), None);
        assert_eq!(read_date(Positive, "2024-01-02"), None);
    }
}
