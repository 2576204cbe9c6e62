//! The words of consent columns: what a value says (yes, no, opted out, revoked, ...)
//! and which header words name a channel or sound like consent.
//!
//! Values are compared folded: lower case, with spaces, hyphens, underscores and dots
//! left out, so `Opted Out`, `opt-out`, `opted_out` and `OPTEDOUT` are one word. Header
//! words come from the field name (`snake_case`, see `import::normalise`). The consent
//! headers themselves, with their channel and polarity, are in the privacy dictionary
//! (`assets/privacy-dictionary.toml`, entries `consent_*`); the lists here only decide
//! what the dictionary cannot: a header that names texts or calls is SMS consent, and a
//! header with a consent-ish word that nothing recognised must not let `--consent`
//! grant its rows (see `import::column_kind::unread_consent`).

/// The class of one value under the built-in polarities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// yes, true, 1, ja, oui, sí: the column's polarity decides.
    Yes,
    /// no, false, 0, nein, non, nee: the column's polarity decides.
    No,
    /// A grant whatever the column's polarity: opted in, subscribed, granted, consented.
    OptedIn,
    /// A refusal when asked: declined, denied, refused, no consent.
    Refused,
    /// A withdrawal: opted out, unsubscribed, withdrawn, revoked, stop.
    OptedOut,
    /// No consent word.
    Other,
}

/// Longest value (in bytes, folded) that can be a consent word; longer ones are not
/// folded into a fresh string for every row.
const LONGEST: usize = 32;

/// `value` lower-cased with spaces, hyphens, underscores and dots left out.
pub fn fold(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What `value` is among the consent words. Yes and no also in German (ja/nein),
/// French (oui/non), Spanish and Italian (sí, si/no) and Dutch (ja/nee): exports keep
/// the words of their locale, as the sample loyalty file's `Newsletter` column does.
/// Withdrawals in the languages of the dictionary's opt-out headers too (abgemeldet,
/// désabonné, dado de baja, disiscritto, afgemeld).
pub fn word(value: &str) -> Word {
    if value.len() > LONGEST {
        return Word::Other;
    }
    match fold(value).as_str() {
        "true" | "yes" | "y" | "1" | "ja" | "oui" | "sí" | "si" | "sim" => Word::Yes,
        "false" | "no" | "n" | "0" | "nein" | "non" | "nee" | "não" | "nao" => Word::No,
        "granted" | "optedin" | "optin" | "subscribed" | "consented" | "consentgiven"
        | "accepted" | "agreed" | "allowed" | "singleoptin" | "doubleoptin" | "confirmedoptin" => {
            Word::OptedIn
        }
        "declined" | "denied" | "refused" | "rejected" | "noconsent" | "notconsented"
        | "consentdeclined" | "consentrefused" | "consentdenied" | "notsubscribed"
        | "nonsubscribed" | "notoptedin" | "neversubscribed" => Word::Refused,
        "optedout" | "optout" | "unsubscribed" | "unsubscribe" | "withdrawn" | "revoked"
        | "consentwithdrawn" | "consentrevoked" | "stop" | "blocked" | "donotcontact"
        | "abgemeldet" | "désabonné" | "desabonne" | "dadodebaja" | "debaja" | "disiscritto"
        | "afgemeld" | "uitgeschreven" | "descadastrado" => Word::OptedOut,
        _ => Word::Other,
    }
}

/// Whole header words that name the SMS channel: texts, SMS, phones, calls, WhatsApp.
pub(super) const SMS_WORDS: &[&str] = &[
    "sms",
    "text",
    "texts",
    "texting",
    "phone",
    "phones",
    "call",
    "calls",
    "calling",
    "whatsapp",
    "mobile",
    "cell",
    "telefon",
    "telephone",
    "telefono",
    "telefone",
    "anrufe",
    "appeler",
    "llamar",
    "chiamare",
    "bellen",
    "ligar",
];

/// Whole header words that name e-mail.
pub(super) const EMAIL_WORDS: &[&str] = &["email", "emails", "mail", "mails", "newsletter", "e"];

/// True when the field name `name` names the SMS channel and not e-mail
/// (`text_opt_out`, `do_not_call`, `whatsapp_consent`).
pub fn names_sms_only(name: &str) -> bool {
    let words: Vec<&str> = name.split('_').collect();
    words.iter().any(|w| SMS_WORDS.contains(w)) && !words.iter().any(|w| EMAIL_WORDS.contains(w))
}

/// Parts of field names that sound like consent (`consent`, `opt`, `subscri`, `unsub`,
/// `marketing`, `newsletter`, `gdpr`, `permission`, `do not`, and the refusal words
/// of the dictionary's languages). Whole words where a short stem would hit innocent
/// words (`opt` is no part of `optional`).
const CONSENT_STEMS: &[&str] = &[
    "consent",
    "subscri",
    "unsub",
    "marketing",
    "newsletter",
    "gdpr",
    "permission",
    "do_not",
    "donot",
    "dont_",
    "opted",
    "optin",
    "optout",
    "einwillig",
    "abgemeld",
    "abmeld",
    "desabon",
    "desinscri",
    "baja",
    "iscritt",
    "afgemeld",
    "toestemming",
    "consentimiento",
    "consenso",
    "consentement",
    "nieuwsbrief",
    "werbung",
];
const CONSENT_WORDS: &[&str] = &["opt", "optin", "optout", "dnc", "unsub", "stop"];

/// Header words that make a consent-ish header a note about the consent (its reason,
/// source, time, IP address, ...), not a statement of it: `unsub_reason`,
/// `optin_source`, `consent_date`.
const ABOUT_WORDS: &[&str] = &[
    "reason",
    "reasons",
    "source",
    "date",
    "time",
    "timestamp",
    "at",
    "on",
    "ip",
    "by",
    "method",
    "note",
    "notes",
    "comment",
    "comments",
    "url",
    "form",
    "campaign",
    "id",
    "version",
    "text",
    "language",
    "updated",
    "created",
    "count",
];

/// The consent-ish part of field name `name`, if it has one and no word makes it a
/// note about consent ([`ABOUT_WORDS`]; `text` is one only after a consent word, as in
/// `consent_text`, never in `text_opt_out`).
pub fn consent_stem(name: &str) -> Option<&'static str> {
    let parts: Vec<&str> = name.split('_').collect();
    let about = parts
        .iter()
        .enumerate()
        .any(|(i, p)| ABOUT_WORDS.contains(p) && (*p != "text" || i > 0));
    if about {
        return None;
    }
    CONSENT_STEMS
        .iter()
        .find(|s| name.contains(*s))
        .or_else(|| {
            CONSENT_WORDS
                .iter()
                .find(|w| name.split('_').any(|part| part == **w))
        })
        .copied()
}

/// Parts of a value that say yes or no in some way (`Opted-Out (2024)`, `yes, by
/// phone`, `not given`): such a value in a consent-sounding column is a statement
/// nobody could read, not an innocent note.
const YES_NO_WORDS: &[&str] = &[
    "yes", "no", "not", "y", "n", "true", "false", "in", "out", "on", "off", "ja", "nein", "oui",
    "non", "si", "sí", "nee", "never", "none", "stop", "x",
];
const YES_NO_STEMS: &[&str] = &[
    "opt", "subscri", "consent", "agree", "accept", "refus", "declin", "denied", "deny", "revok",
    "withdr", "grant", "allow", "block", "permi", "bounce", "pending", "confirm",
];

/// True when `value` says yes or no in some way (see [`YES_NO_WORDS`]). Only short
/// values (at most 32 bytes and 4 words) count: a sentence such as an unsubscribe
/// reason ("I no longer want these") is a note, not a statement of consent.
pub fn is_yes_no_like(value: &str) -> bool {
    if word(value) != Word::Other {
        return true;
    }
    if value.len() > LONGEST || value.split_whitespace().count() > 4 {
        return false;
    }
    let lower = value.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| YES_NO_WORDS.contains(&w))
        || YES_NO_STEMS.iter().any(|s| lower.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_fold_to_one_word() {
        for v in ["Opted Out", "opt-out", "opted_out", "OPTEDOUT", "Opt Out"] {
            assert_eq!(word(v), Word::OptedOut, "{v}");
        }
        for v in ["Opted In", "opt-in", "opted_in", "Subscribed"] {
            assert_eq!(word(v), Word::OptedIn, "{v}");
        }
        for v in ["revoked", "Withdrawn", "Unsubscribed"] {
            assert_eq!(word(v), Word::OptedOut, "{v}");
        }
        for v in ["declined", "Denied", "no consent", "Not subscribed"] {
            assert_eq!(word(v), Word::Refused, "{v}");
        }
        assert_eq!(word("web form"), Word::Other);
    }

    #[test]
    fn channel_and_consent_words_of_headers() {
        assert!(names_sms_only("text_opt_out"));
        assert!(names_sms_only("do_not_call"));
        assert!(!names_sms_only("email_or_text_opt_out"));
        assert!(!names_sms_only("do_not_email"));
        assert_eq!(consent_stem("gdpr_consent"), Some("consent"));
        assert_eq!(consent_stem("email_opt"), Some("opt"));
        assert_eq!(consent_stem("optional_extras"), None);
        assert_eq!(consent_stem("lifetime_value"), None);
        assert_eq!(consent_stem("unsub_reason"), None);
        assert_eq!(consent_stem("optin_time"), None);
        assert_eq!(consent_stem("text_opt_out"), Some("opt"));
    }

    #[test]
    fn yes_no_like_values() {
        for v in [
            "Opted-Out (2024)",
            "yes, by phone",
            "not given",
            "agreed 2024",
        ] {
            assert!(is_yes_no_like(v), "{v}");
        }
        for v in [
            "203.0.113.7",
            "2024-01-15 10:22:31",
            "web form",
            "weekly",
            "I no longer want to receive these emails",
        ] {
            assert!(!is_yes_no_like(v), "{v}");
        }
    }
}
