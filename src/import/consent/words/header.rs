//! The header words of consent columns: which words of a field name name a channel
//! (SMS, e-mail), sound like consent, or make the header a note about consent rather
//! than a statement of it. Field names come folded to `snake_case`
//! (`import::normalise`); the values' words are the parent module's.

/// Whole header words that name the SMS channel: texts, SMS, phones, calls, WhatsApp.
pub(crate) const SMS_WORDS: &[&str] = &[
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
pub(in crate::import::consent) const EMAIL_WORDS: &[&str] =
    &["email", "emails", "mail", "mails", "newsletter", "e"];

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
    // Advertising, canvassing and permission in the dictionary's languages (trial 6,
    // G22: `Publicidad email` and `Prospection` of refusals were read as no consent
    // column). Whole words, not `prospect`, which is also a sales lead.
    "zustimmung",
    "publicidad",
    "publicite",
    "pubblicita",
    "prospection",
    "prospeccion",
    "prospeccao",
    "reclame",
    "autorizacion",
    "autorizzazione",
    "autorizacao",
];
/// Words that hold a stem of [`CONSENT_STEMS`] but say something else, read as if
/// absent: `Bewerbung` (a job application) and `Erwerbung` (an acquisition) hold
/// `werbung` (advertising), so a yes/no `Bewerbung eingegangen` stopped a granting
/// import (session-8 trial). `Telefonwerbung`, `Keine Werbung` still hold it.
const FALSE_FRIENDS: &[&str] = &["bewerbung", "erwerbung"];
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

/// True when a word of field name `name` makes it a note about consent rather than a
/// statement of it ([`ABOUT_WORDS`]: `unsub_reason`, `optin_source`, `consent_date`;
/// `text` only after another word, as in `consent_text`, never in `text_opt_out`).
pub fn is_note(name: &str) -> bool {
    name.split('_')
        .enumerate()
        .any(|(i, p)| ABOUT_WORDS.contains(&p) && (p != "text" || i > 0))
}

/// The consent-ish part of field name `name`, if it has one and no word makes it a
/// note about consent ([`ABOUT_WORDS`]; `text` is one only after a consent word, as in
/// `consent_text`, never in `text_opt_out`).
pub fn consent_stem(name: &str) -> Option<&'static str> {
    if is_note(name) {
        return None;
    }
    let name = FALSE_FRIENDS
        .iter()
        .fold(std::borrow::Cow::Borrowed(name), |n, f| {
            if n.contains(f) {
                n.replace(f, "_").into()
            } else {
                n
            }
        });
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
