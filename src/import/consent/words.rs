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
//! grant its rows (see `import::column_kind::unread_consent`). The header words' lists
//! are in [`header`]; this module reads values.

mod header;

pub(super) use header::EMAIL_WORDS;
pub(crate) use header::SMS_WORDS;
pub use header::{consent_stem, is_note, names_sms_only};

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
    folded_chars(value).collect()
}

/// The characters of [`fold`].
fn folded_chars(value: &str) -> impl Iterator<Item = char> + '_ {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// Most bytes [`with_folded`] folds on the stack.
const FOLD_BUFFER: usize = 128;

/// `f` of [`fold`]`(value)`, folded into a buffer on the stack instead of a new
/// string: the first pass asks this of every short value of every column, and the
/// load pass of every value no consent rule reads. `None` when the folded text is
/// longer than 128 bytes (no word compared this way is).
pub fn with_folded<R>(value: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    with_folded_within(value, FOLD_BUFFER, f)
}

/// [`with_folded`], `None` as soon as the folded text is longer than `most` bytes
/// (at most 128): a caller comparing with short words stops folding there.
pub fn with_folded_within<R>(value: &str, most: usize, f: impl FnOnce(&str) -> R) -> Option<R> {
    let most = most.min(FOLD_BUFFER);
    let mut buf = [0u8; FOLD_BUFFER];
    let mut n = 0;
    if value.is_ascii() {
        // The common case, byte by byte: the same characters [`folded_chars`] keeps
        // (ASCII white space is tab to carriage return and the space), lower-cased as
        // `char::to_lowercase` does an ASCII letter.
        for &b in value.as_bytes() {
            if matches!(b, b' ' | b'-' | b'_' | b'.' | b'\t'..=b'\r') {
                continue;
            }
            if n == most {
                return None;
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        return std::str::from_utf8(&buf[..n]).ok().map(f);
    }
    for c in folded_chars(value) {
        let len = c.len_utf8();
        if n + len > most {
            return None;
        }
        c.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    // Whole characters were encoded, so this never fails.
    std::str::from_utf8(&buf[..n]).ok().map(f)
}

/// `f` of [`fold`]`(value)`: on the stack ([`with_folded`]), else in a new string.
fn on_folded<R>(value: &str, f: impl Fn(&str) -> R) -> R {
    with_folded(value, &f).unwrap_or_else(|| f(&fold(value)))
}

/// What `value` is among the consent words. Yes and no also in German (ja/nein),
/// French (oui/non), Spanish (sí/no), Italian (sì, si/no), Portuguese (sim/não) and
/// Dutch (ja/nee): exports keep the words of their locale, as the sample loyalty
/// file's `Newsletter` column does.
/// Withdrawals in the languages of the dictionary's opt-out headers too (abgemeldet,
/// désabonné, dado de baja, disiscritto, afgemeld).
pub fn word(value: &str) -> Word {
    if value.len() > LONGEST {
        return Word::Other;
    }
    // `1.0`, `0.00`: the 1 and 0 of a column a spreadsheet or database typed as a
    // number (new-user trial: a 0/1 `Do Not Contact` column saved as `1.0`/`0.0`).
    // Matched before folding, which would turn `1.0` into `10`.
    if let Some(n) = one_or_zero(value.trim()) {
        return if n { Word::Yes } else { Word::No };
    }
    on_folded(value, folded_word)
}

/// [`word`] and [`states_consent`] of one value, folding it once: the first pass
/// asks both of every value of every column.
pub fn word_and_statement(value: &str) -> (Word, bool) {
    if value.len() > LONGEST {
        return (Word::Other, false);
    }
    on_folded(value, |folded| {
        let word = match one_or_zero(value.trim()) {
            Some(true) => Word::Yes,
            Some(false) => Word::No,
            None => folded_word(folded),
        };
        (word, folded_states_consent(folded))
    })
}

/// [`word`] of a value already folded ([`fold`]), past the one-or-zero check.
fn folded_word(folded: &str) -> Word {
    match folded {
        "true" | "yes" | "y" | "1" | "ja" | "oui" | "sí" | "sì" | "si" | "sim" => Word::Yes,
        "false" | "no" | "n" | "0" | "nein" | "non" | "nee" | "não" | "nao" => Word::No,
        // Informal answers and the marks of a ticked or unticked form box (new-user
        // trial: `Nope`, `unchecked`, `OK` under consent headers went unread). `x` is a
        // ticked box, the mark a paper or spreadsheet form asks for; `✗` and `✘` are the
        // crosses of a "no". A dash alone (`-`, `–`, `—`) is deliberately none of
        // these: it stands for "no" in some exports and for "not answered" in others,
        // so it stays unread (the row gets no grant from `--consent`, and a column of
        // dashes under a consent header stops a granting import) rather than read as a
        // blank the option would fill.
        "ok" | "okay" | "yep" | "yeah" | "yup" | "on" | "checked" | "ticked" | "x" | "✓" | "✔"
        | "☑" | "✅" => Word::Yes,
        "nope" | "nah" | "off" | "unchecked" | "unticked" | "notchecked" | "✗" | "✘" | "☐"
        | "❌" => Word::No,
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
        // Do-not-contact marks ([`states_consent`]).
        "donotemail" | "donotmail" | "donottext" | "donotsms" | "dnc" | "unsub" | "nomarketing"
        | "nomail" | "nomailing" | "keinewerbung" | "nepascontacter" | "nepassolliciter"
        | "nocontactar" | "nietcontacteren" => Word::OptedOut,
        // German, French, Spanish, Italian, Dutch and Portuguese grants, refusals and
        // withdrawals in every form (`assets/consent-values.toml`; trial 6, G22).
        other => super::value_words::word(other).unwrap_or(Word::Other),
    }
}

/// `Some(true)` for `1`, `1.0`, `1.00`, ..., `Some(false)` for `0`, `0.0`, ...: a one
/// or a zero written as an integer or a decimal with only zeros after the point.
fn one_or_zero(value: &str) -> Option<bool> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if !fraction.bytes().all(|b| b == b'0') || (value.contains('.') && fraction.is_empty()) {
        return None;
    }
    match whole {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// True when `value` is a plain yes or no ([`Word::Yes`], [`Word::No`]: `yes`, `no`,
/// `1`, `0.0`, `false`), whose direction only its column's header can give.
pub fn is_yes_or_no(value: &str) -> bool {
    matches!(word(value), Word::Yes | Word::No)
}

/// True when `value` names a refusal by itself ([`Word::Refused`] or
/// [`Word::OptedOut`]: `stop`, `unsubscribed`, `opted out`, `revoked`, `withdrawn`,
/// `blocked`, `declined`): among consent words (yes/no, opted in), such a value makes
/// its column a consent column whatever its header (`import::column_kind`), so a
/// file-wide `--consent` cannot grant the person who wrote `STOP`.
pub fn names_refusal(value: &str) -> bool {
    matches!(word(value), Word::Refused | Word::OptedOut)
}

/// True when `value` states consent by itself, whatever its column's header: a member
/// status (`subscribed`, `unsubscribed`, `cleaned`), an opt-in or opt-out (`opted in`,
/// `opt-out`, `double opt-in`), or a word naming consent (`consent revoked`, `no
/// consent`, `not subscribed`, `abgemeldet`). A column holding one of these and only
/// consent words is a consent column under any header (`import::column_kind`).
///
/// Yes/no, `pending` and words that say the same of other things (`granted`,
/// `accepted`, `declined`, `blocked`, `withdrawn`, `revoked` alone: an access level, a
/// payment, an application) are left out: a `VIP` column of yes/no or an `Access`
/// column of granted/revoked is no consent column.
pub fn states_consent(value: &str) -> bool {
    if value.len() > LONGEST {
        return false;
    }
    on_folded(value, folded_states_consent)
}

/// [`states_consent`] of a value already folded ([`fold`]).
fn folded_states_consent(folded: &str) -> bool {
    matches!(
        folded,
        "subscribed"
            | "unsubscribed"
            | "cleaned"
            | "optedin"
            | "optin"
            | "optedout"
            | "optout"
            | "singleoptin"
            | "doubleoptin"
            | "confirmedoptin"
            | "consented"
            | "consentgiven"
            | "noconsent"
            | "notconsented"
            | "consentdeclined"
            | "consentrefused"
            | "consentdenied"
            | "consentwithdrawn"
            | "consentrevoked"
            | "notsubscribed"
            | "nonsubscribed"
            | "neversubscribed"
            | "notoptedin"
            | "abgemeldet"
            | "désabonné"
            | "desabonne"
            | "dadodebaja"
            | "disiscritto"
            | "afgemeld"
            | "uitgeschreven"
            | "descadastrado"
            // Do-not-contact marks (new-user trial, session 8: a `Status` of `do not
            // email` or `DNC` beside `ok` was filled by a granting `--consent`).
            | "donotemail"
            | "donotmail"
            | "donotcontact"
            | "donottext"
            | "donotsms"
            | "dnc"
            | "unsub"
            | "nomarketing"
            | "nomail"
            | "nomailing"
            | "keinewerbung"
            | "nepascontacter"
            | "nepassolliciter"
            | "nocontactar"
            | "nietcontacteren"
    ) || super::value_words::states_consent(folded)
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
        || super::value_words::stems()
            .iter()
            .any(|s| lower.contains(s.as_str()))
}

#[cfg(test)]
mod tests;
