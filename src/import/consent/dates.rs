//! Opt-out and bounce dates: a date under an opt-out header is the day the person
//! opted out (README, "Consent rules", "Opt-out dates are opt-outs").
//!
//! Owns which headers are dates of a refusal (`Email Opt Out Date`, `unsubscribed_at`,
//! `Abmeldedatum`: an opt-out header plus date words, [`dated`]), which opt-out headers
//! without a date word hold dates (`Unsubscribed`, `Do Not Email`, `Opted Out` whose
//! values are mostly dates, [`over_dates`]) and what a value says there: a filled
//! date is a withdrawal (a bounce under a bounce header), whatever day order or year
//! form it is written in ([`read_date`], [`is_date`]). Opt-in times (`OPTIN_TIME`,
//! `consent_date`) and dates of a note (`unsub_reason_date`, `opt_out_updated_at`)
//! are no refusal dates. Called by `consent::headers` and `column_kind`; analyse
//! counts the dates of a column with [`is_date`].

use super::super::infer::parse_temporal;
use super::{Polarity, Reads, header_reading};
use crate::fields::{Channel, ConsentState, FieldType};

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

/// An opt-out or bounce date header: `name` less its date words ([`DATE_WORDS`],
/// [`DATE_COMPOUNDS`]) is an opt-out or bounce header. Returns its channel, the dated
/// polarity and the header it stands for.
pub(super) fn dated(name: &str) -> Option<(Channel, Polarity, String)> {
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

/// True when `value` reads as a date or datetime in some day order, or is a day and
/// month with a two-digit year (`3/1/24`, `01.03.24`): under an opt-out header such a
/// value is the day of the opt-out just as much, and reading it as a value nobody
/// can read would make the column one the safe rule stops (trial: `Unsubscribed`
/// holding `3/1/24`). Which day it is does not matter for the refusal.
pub fn is_date(value: &str) -> bool {
    use super::super::infer::DateOrder;
    parse_temporal(value).is_some_and(|t| {
        [DateOrder::Dmy, DateOrder::Mdy]
            .into_iter()
            .any(|o| t.date(Some(o)).is_some())
    }) || short_year_date(value.trim())
}

/// `d/m/yy` (also `.` and `-`, one separator throughout) whose numbers are a day and a
/// month in some order.
fn short_year_date(value: &str) -> bool {
    let Some(sep) = value.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let parts: Vec<&str> = value.split(sep).collect();
    let [a, b, y] = parts[..] else {
        return false;
    };
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(a), Some(b), Some(_)) = (number(a, 1..=2), number(b, 1..=2), number(y, 2..=2)) else {
        return false;
    };
    let day_month = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    day_month(a, b) || day_month(b, a)
}

/// An opt-out or bounce header over dates (`unsubscribed`, `Do Not Email`, `Opted
/// Out` whose values are dates, with perhaps a few yes/no or blanks): the dates of
/// the refusals, never a column of unreadable words. `over_dates` says the values are
/// mostly dates ([`mostly_dates`]). `known` is what `consent::recognise` made of the
/// field name `name`; without it, the header is read as `header_reading` does. `None`
/// for another header or other values, or a header already read as dates.
pub fn over_dates(
    name: &str,
    over_dates: bool,
    known: Option<(Channel, Polarity)>,
) -> Option<(Channel, Polarity, String)> {
    if !over_dates || names_a_note(name) {
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
            "header `{name}` is an opt-out or bounce header over dates: a filled date or a `yes` is a {}, a blank or a `no` says nothing",
            if dated == Polarity::BounceDate {
                "bounce"
            } else {
                "withdrawal"
            }
        ),
    ))
}

/// True when a column under `header` filling field `name` may hold the dates of
/// refusals: either names an opt-out or bounce header ([`header_reading`], which also
/// covers a `--map` to `opt_out`). The first pass counts dates only there.
pub fn may_hold_refusal_dates(name: &str, header: &str) -> bool {
    [name, header]
        .iter()
        .any(|h| header_reading(h).is_some_and(|(_, p)| p.dated().is_some()))
}

/// True when a column's values are dates, by its type (`ty`: every value is one) or by
/// count: `dates` of its `non_blank` values read as dates ([`is_date`]), at least as
/// many as its consent `words`, and the two together at least half of the values, as
/// for any consent column (`import::column_kind`). A trial's `Unsubscribed` column of
/// four dates and one `yes` is one; a yes/no column with one date is not (it is read
/// as yes/no, its date a withdrawal all the same, see [`read_date`]).
pub fn mostly_dates(ty: FieldType, dates: u64, words: u64, non_blank: u64) -> bool {
    matches!(ty, FieldType::Date | FieldType::Datetime)
        || (dates > 0 && dates >= words && (dates + words).saturating_mul(2) >= non_blank)
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
        let over = |name| over_dates(name, true, None).map(|(c, p, _)| (c, p));
        assert_eq!(over("do_not_email"), Some((Email, OptOutDate)));
        assert_eq!(over("bounced"), Some((Email, BounceDate)));
        assert_eq!(over("consent"), None);
        assert_eq!(over_dates("do_not_email", false, None), None);
        assert!(!names_a_note("unsubscribed"));
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

    /// Two-digit years and ambiguous day/month orders are dates of an opt-out too
    /// (trial: `3/1/24`, `03/01/2024` under `Unsubscribed`); a `13/13/24` or a phone
    /// number is none.
    #[test]
    fn dates_in_any_written_form_are_dates() {
        for v in [
            "3/1/24",
            "01.03.24",
            "31-12-99",
            "03/01/2024",
            "20240301",
            "1 Mar 2024",
        ] {
            assert!(is_date(v), "{v}");
        }
        for v in [
            "13/13/24",
            "3/1",
            "1/2/3/4",
            "+447700900111",
            "yes",
            "12.5",
            "2024",
        ] {
            assert!(!is_date(v), "{v}");
        }
        // Four dates and a `yes` of five values; one date among four yes/no is not.
        assert!(mostly_dates(FieldType::Text, 4, 1, 5));
        assert!(!mostly_dates(FieldType::Text, 1, 4, 5));
        assert!(!mostly_dates(FieldType::Text, 1, 0, 5));
        assert!(mostly_dates(FieldType::Date, 0, 0, 3));
    }
}
