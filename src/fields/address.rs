//! E-mail addresses: one normal form so the same address is recognised however it was
//! typed (contact keys, suppression list and its hashes, erasure, refusals on record,
//! the duplicate-address check): [`email_key`], which every comparison goes through.
//! Phone numbers have theirs in [`super::phone`] (E.164).

use unicode_normalization::UnicodeNormalization;

use super::wrappers;

/// Normalise an e-mail address: [`email_key`] (trimmed, NFKC, lower case, IDNA), and
/// only when it has the shape of an address.
///
/// Returns `None` unless the result has the shape `local@domain.tld`: one `@`, a
/// local part that starts with a letter, digit or `_` and holds no `/`, `\`, `:` or
/// `|` ([`super::address_read::is_local_part`]: `/jane@x.org` and `email:jane@x.org`
/// are a link's or label's leftover before `jane@x.org`, trial 9, L-N8p), a domain with a dot and no empty labels, no whitespace, and
/// no quotation mark or bracket left inside once the wrapping is gone (`eve«@x.org`,
/// `a<b@x.org`: no address, so a list reports the value and an import rejects it),
/// and a domain of letters, digits, marks, `-` and `.` only ([`is_domain_char`]):
/// `ana@x.org/`, `ana@x.org?subject=Hi`, `ana@x.org#x`, `ana@x.org&x` and
/// `ana@x.org%20` are no address as written (new-user trial 7, N8: they keyed
/// contacts of their own and list entries that suppressed nobody); [`addresses_in`]
/// reads the address out of them. Nor is one with a part mixing scripts
/// (`ivy@еxample.com`, Cyrillic `е`: [`super::look_alike`], trial 6, G18), nor one
/// longer than RFC 5321 allows ([`super::address_length`]: a local part over 64
/// octets, a domain over 255, a label over 63, an address over 254).
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = email_key(raw);
    let (local, domain) = email.split_once('@')?;
    let valid = super::address_read::is_local_part(local)
        && super::address_length::too_long(&email).is_none()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
        && domain.chars().all(is_domain_char)
        && super::look_alike::look_alike(&email).is_none()
        && !email.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || "<>()[]\"".contains(c)
                || wrappers::separates(c, "")
        });
    valid.then_some(email)
}

/// Every e-mail address a written value holds, in normal form ([`normalise_email`]),
/// each once, in the order written: one cell may hold several (`a@x.org; b@y.org`), a
/// display name (`Ana <ana@x.org>`), a link (`mailto:ana@x.org?subject=Hi`), quotes or
/// the punctuation of a sentence (`ana@x.org.`), typographic quotes, guillemets or
/// brackets (`“ana@x.org”`, `«ana@x.org»`, `「ana@x.org」`: [`wrappers`]), or the rest
/// of a link after the domain (`ana@x.org/`, `ana@x.org?subject=Hi`, `ana@x.org#top`,
/// `ana@x.org&x`, `ana@x.org%20`: trial 7, N8). The value is cut at white space, at
/// `,;<>()[]"'` and at their Unicode counterparts ([`wrappers::separates`]); each
/// piece loses a leading `mailto:` (RFC 6068), a `?` query after it, and surrounding
/// `.:!?` and wrapping marks, and is cut where its domain ends ([`domain_end`]) and
/// where its local part starts (`/jane@x.org`, `http://x.org/jane@x.org`: trial 9,
/// L-N8p; [`super::address_read::pieces`], which the classifier's e-mail share reads
/// too), then must have the shape of an address.
///
/// An address written with bracketed markers (`ann(at)example.com`, `ann [at] example
/// [dot] com`: [`super::address_obfuscated`]) is read as the address it hides.
///
/// Empty when the value holds no valid address (`ana@localhost`, `n/a`).
pub fn addresses_in(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut read = |text: &str| {
        for piece in super::address_read::pieces(text) {
            if let Some(email) = normalise_email(piece).filter(|e| !out.contains(e)) {
                out.push(email);
            }
        }
    };
    read(raw);
    if let Some(plain) = super::address_obfuscated::deobfuscated(raw) {
        read(&plain);
    }
    out
}

/// The address a message may be sent to, from a stored value: [`normalise_email`], and
/// only when the value is a plain address. A value that wraps an address
/// (`<bob@x.org>`, `"bob@x.org"`, `mailto:bob@x.org`) or holds letters a compatibility
/// mapping changes (full-width `ｂｏｂ@x.org`, Unicode NFKC) is `None`: a sending tool
/// may read it as the plain address, so the consent and duplicate checks could not
/// vouch for it (the value is excluded as `no_address` instead). So is a value whose
/// letters are decomposed (`zoe` + U+0308 for `zoë`, NFD): addresses are exchanged in
/// NFC (RFC 6532 §3.1), the file's bytes are what an export hands on, and a mail
/// system may deliver those bytes to no mailbox or another. Its refusals still hold:
/// every comparison reads it in NFC.
pub fn sendable_email(raw: &str) -> Option<String> {
    if is_plain(raw) {
        return Some(raw.to_string());
    }
    // An invisible character is no part of the address a reader sees, and a sending
    // tool may keep it: not sent to as written (its refusals hold through `email_key`).
    if raw.chars().any(is_invisible) {
        return None;
    }
    let email = normalise_email(raw)?;
    // The written value, not the normal form (which is NFKC): ASCII is its own NFC
    // and NFKC, so only other text pays for the comparison.
    let written = raw.trim();
    // Quotes or brackets around it (`“bob@x.org”`), or a dot only IDNA reads
    // (`bob@x。org`), are taken off or mapped in the normal form, and a sending tool
    // may not do so.
    let plain = !email.chars().any(|c| "<>\"(),;:[]\\`".contains(c))
        && wrappers::unwrap(written).len() == written.len()
        && !written.contains(wrappers::is_idna_dot)
        && (written.is_ascii()
            || (written.nfkc().eq(written.chars()) && unicode_normalization::is_nfc(written)));
    plain.then_some(email)
}

/// Why a stored e-mail value is no address a message may go to ([`sendable_email`]),
/// in terms that tell the user how to mend the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsendable {
    /// An invisible character ([`is_invisible`]): the first one, and the address
    /// without it.
    Invisible(char, String),
    /// Characters Unicode compatibility mapping (NFKC) changes, such as full-width
    /// letters (`ｂｏｂ@x.org`), or the ideographic full stop IDNA reads as a dot
    /// (`bob@x。org`): the first such character.
    CompatibilityForm(char),
    /// Letters written decomposed (`e` + U+0308 for `ë`): not Unicode NFC, which
    /// RFC 6532 §3.1 asks of an address. The address in composed letters.
    Decomposed(String),
    /// Several addresses in one value (`a@x.org; b@y.org`): how many.
    Several(usize),
    /// One address inside other text: a display name, `<…>`, quotes, `mailto:` (RFC
    /// 6068), punctuation, or the rest of a link after the domain (`/`, `?`, `#`). The address as it would be written plain.
    Wrapped(String),
    /// A part mixing letters of two scripts (`ivy@еxample.com`, Cyrillic `е`).
    LookAlike(super::look_alike::LookAlike),
    /// An address longer than RFC 5321 allows ([`super::address_length`]).
    TooLong(super::address_length::TooLong),
    /// One address written with bracketed markers (`ann(at)example.com`:
    /// [`super::address_obfuscated`]). The address as it would be written plain.
    Obfuscated(String),
    /// No address of the shape `local@domain.tld` at all.
    Invalid,
}

impl Unsendable {
    /// Why `raw` is not sendable, or `None` when it is ([`sendable_email`] gives it).
    /// A compatibility form is named first: unwrapping would not mend it.
    pub fn of(raw: &str) -> Option<Unsendable> {
        if sendable_email(raw).is_some() {
            return None;
        }
        if let Some(c) = raw.chars().find(|&c| is_invisible(c)) {
            let visible: String = raw.chars().filter(|&c| !is_invisible(c)).collect();
            if let Some(plain) = sendable_email(&visible) {
                return Some(Unsendable::Invisible(c, plain));
            }
        }
        if let Some(c) = raw
            .chars()
            .find(|&c| !c.is_ascii() && (!c.nfkc().eq(c.nfc()) || wrappers::is_idna_dot(c)))
        {
            return Some(Unsendable::CompatibilityForm(c));
        }
        if !unicode_normalization::is_nfc(raw) {
            let composed: String = raw.nfc().collect();
            if let Some(plain) = sendable_email(&composed) {
                return Some(Unsendable::Decomposed(plain));
            }
        }
        if let Some(mixed) = super::look_alike::look_alike(&email_key(raw)) {
            return Some(Unsendable::LookAlike(mixed));
        }
        let mut found = addresses_in(raw);
        if found.len() == 1 && super::address_obfuscated::is_obfuscated(raw) {
            return Some(Unsendable::Obfuscated(found.remove(0)));
        }
        let too_long = || {
            super::address_read::pieces(raw)
                .find_map(|p| super::address_length::too_long(&email_key(p)))
        };
        Some(match found.len() {
            0 => too_long().map_or(Unsendable::Invalid, Unsendable::TooLong),
            1 => Unsendable::Wrapped(found.remove(0)),
            n => Unsendable::Several(n),
        })
    }

    /// The reason as a clause after the value (`` `<bob@x.org>` `` *wraps the address*
    /// ...), saying what to write instead.
    pub fn describe(&self) -> String {
        match self {
            Unsendable::CompatibilityForm(c) => format!(
                "uses full-width or other compatibility characters (`{c}`); write the address in plain characters"
            ),
            Unsendable::Invisible(c, plain) => format!(
                "holds an invisible character (U+{:04X}) a sending tool may keep as part of the address; delete it: {plain}",
                *c as u32
            ),
            Unsendable::Decomposed(plain) => format!(
                "writes a letter as a base letter and a combining mark (not Unicode NFC, RFC 6532 §3.1), which a sending tool may read as another address; write it with composed letters: {plain}"
            ),
            Unsendable::Several(n) => {
                format!("holds {n} addresses; give each contact one address in this field")
            }
            Unsendable::Wrapped(plain) => format!(
                "wraps the address `{plain}` in other text (a name, `<…>`, quotes, `mailto:` or a link's `/`, `?` or `#` after it); write it plain: {plain}"
            ),
            Unsendable::LookAlike(mixed) => mixed.describe(),
            Unsendable::TooLong(long) => long.describe(),
            Unsendable::Obfuscated(plain) => format!(
                "writes the address with `(at)` or `[dot]` markers (to hide it from spam robots); it is read as `{plain}` for the contact key, the suppression list and refusals, but no message goes to it as written: write it plain: {plain}"
            ),
            Unsendable::Invalid => "is not a valid e-mail address (local@domain.tld)".to_string(),
        }
    }
}

/// Every form under which a refusal recorded on a stored value holds: each address the
/// value holds ([`addresses_in`]), and each of them after Unicode compatibility mapping
/// (NFKC: full-width `ｂｏｂ@x.org` is `bob@x.org`). Refusals are read generously and
/// sends strictly ([`sendable_email`]), so no spelling of an opted-out address gets a
/// message (GDPR Art. 21(3): after an objection, no more direct marketing).
///
/// Each form is followed by its [`inbox_form`] where that differs: a refusal of
/// `ana+news@gmail.com` holds for `ana@gmail.com` and `a.n.a@googlemail.com`.
pub fn refusal_forms(raw: &str) -> Vec<String> {
    let mut out = if is_plain(raw) {
        vec![raw.to_string()]
    } else {
        let mut out = addresses_in(raw);
        if !raw.is_ascii() {
            let folded: String = raw.nfkc().collect();
            // A look-alike's refusal holds for the Latin address it imitates too
            // (`ivy@еxample.com`: `ivy@example.com`, trial 6, G18).
            // In any piece of the value (`Ann <ivy@еxample.com>`, trial 9, L-G18s).
            let latin = super::look_alike::look_alike(&email_key(raw)).and_then(|l| l.latin);
            let pieces = super::address_read::look_alikes_in(raw);
            for email in addresses_in(&folded).into_iter().chain(latin).chain(pieces) {
                if !out.contains(&email) {
                    out.push(email);
                }
            }
        }
        out
    };
    for i in 0..out.len() {
        if let Some(inbox) = inbox_form(&out[i]).filter(|f| !out.contains(f)) {
            out.push(inbox);
        }
    }
    out
}

/// The mailbox an address in normal form ([`email_key`]) delivers to, read
/// generously, when it differs from the address: the sub-address (`+tag`) removed
/// from the local part on every domain (RFC 5233; Gmail, Outlook, iCloud, Fastmail
/// and most others deliver `ana+news@x.org` to `ana@x.org`), and for Gmail the dots of
/// the local part removed and `googlemail.com` read as `gmail.com` (Google: "Gmail
/// doesn't recognize dots", googlemail.com is the same service). `None` when the
/// address is its own inbox form, or the local part would be left empty.
///
/// Only refusals, the suppression list, erasure and known minors' addresses compare
/// in this form (over-excluding is the safe side); a message still goes to the
/// address as stored ([`sendable_email`]).
pub fn inbox_form(email: &str) -> Option<String> {
    // Bytes, not `rsplit_once('@')`: the answer is `None` for most addresses, and
    // the char searcher's compare per byte was most of the cost (issue 13: every
    // refused address is asked before the walk, every contact's in it).
    let at = email.bytes().rposition(|b| b == b'@')?;
    let (local, domain) = (&email[..at], &email[at + 1..]);
    let gmail = matches!(domain, "gmail.com" | "googlemail.com");
    // Nothing to remove and nothing to rename: its own inbox form, without a copy (most
    // Gmail addresses have no dot or `+`).
    let plus = local.as_bytes().contains(&b'+');
    if !plus && (!gmail || (domain == "gmail.com" && !local.as_bytes().contains(&b'.'))) {
        return None;
    }
    let mailbox = local.split('+').next().unwrap_or_default();
    let mailbox: String = if gmail {
        mailbox.chars().filter(|&c| c != '.').collect()
    } else {
        mailbox.to_string()
    };
    let domain = if gmail { "gmail.com" } else { domain };
    let inbox = format!("{mailbox}@{domain}");
    (!mailbox.is_empty() && inbox != email).then_some(inbox)
}

/// Whether `raw` is already one address in normal form, and nothing else: lower-case
/// ASCII letters, digits and `._%+-` before one `@`, and `.-` after it, starting
/// with a letter, digit or `_`, the domain dotted with no empty label and no IDNA A-label (`xn--`). Such a value is its own [`normalise_email`], its
/// only [`addresses_in`] and [`refusal_forms`], and its [`sendable_email`]: most stored
/// addresses are, so a preview reads them without the general checks' copies (issue
/// 13).
pub fn is_plain(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    // One look-up per byte instead of a chain of range compares (issue 13, session 15:
    // every contact's address is asked, 3.7 % of a preview).
    let allowed = |b: u8| PLAIN[usize::from(b)] & PLAIN_LOCAL != 0;
    // The local part up to the first `@` (an `@` is no allowed byte, so the domain
    // holds none either).
    let Some(at) = bytes.iter().position(|&b| !allowed(b)) else {
        return false;
    };
    // A mailbox name starts with a letter, digit or `_`
    // ([`super::address_read::is_local_part`]: `-jane@x.org` is no address as written).
    if at == 0 || bytes[at] != b'@' || !(bytes[0].is_ascii_alphanumeric() || bytes[0] == b'_') {
        return false;
    }
    // RFC 5321 §4.5.3.1 ([`super::address_length`]): the local part, the address (which
    // bounds the domain) and, in the loop, each label.
    if at > super::address_length::MAX_LOCAL || bytes.len() > super::address_length::MAX_ADDRESS {
        return false;
    }
    // The domain in one pass (every address of a preview is read here, issue 13):
    // allowed bytes, at least one dot, no empty label (no dot first, last or after a
    // dot) and no label that is an IDNA A-label (`xn--bcher-kva` reads as its Unicode
    // in the normal form).
    let domain = &bytes[at + 1..];
    let (mut dots, mut label) = (0, 0);
    let mut previous = b'.';
    // A domain holds no `_%+` ([`is_domain_char`]): `ana@x.org%20` is no plain address.
    let in_domain = |b: u8| PLAIN[usize::from(b)] & PLAIN_DOMAIN != 0;
    for (i, &b) in domain.iter().enumerate() {
        if !in_domain(b) || (b == b'.' && previous == b'.') {
            return false;
        }
        if previous == b'.' && domain[i..].starts_with(b"xn--") {
            return false;
        }
        dots += usize::from(b == b'.');
        label = if b == b'.' { 0 } else { label + 1 };
        if label > super::address_length::MAX_LABEL {
            return false;
        }
        previous = b;
    }
    dots > 0 && previous != b'.'
}

/// A byte [`is_plain`] allows before the `@`: `a-z`, `0-9`, `._%+-`.
const PLAIN_LOCAL: u8 = 1;
/// A byte [`is_plain`] allows after the `@`: `a-z`, `0-9`, `.-`.
const PLAIN_DOMAIN: u8 = 2;
/// [`PLAIN_LOCAL`] and [`PLAIN_DOMAIN`] of every byte.
static PLAIN: [u8; 256] = plain_bytes();

const fn plain_bytes() -> [u8; 256] {
    let mut table = [0; 256];
    let mut b: u8 = 0;
    loop {
        table[b as usize] = match b {
            b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' => PLAIN_LOCAL | PLAIN_DOMAIN,
            b'_' | b'%' | b'+' => PLAIN_LOCAL,
            _ => 0,
        };
        if b == u8::MAX {
            return table;
        }
        b += 1;
    }
}

pub use super::address_read::{domain_end, is_domain_char};

/// `value` without its leading URI `scheme` (`mailto:`, `tel:`, any case), if it has it.
pub fn strip_scheme<'a>(value: &'a str, scheme: &str) -> Option<&'a str> {
    let head = value.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| &value[scheme.len()..])
}

/// The comparison form of an e-mail address, valid or not: trimmed, without invisible
/// characters, unwrapped of the quotes, guillemets, brackets and asterisks around it
/// ([`wrappers::unwrap`]: `“eve@example.com”`, `«…»`, `「…」`, `＜…＞` are
/// `eve@example.com`; before and after compatibility mapping, so full-width brackets go
/// too), in Unicode NFKC (full-width `ｆｗ@example.com` is `fw@example.com`),
/// lower-cased, with the ideographic full stop `。` of its domain read as `.` (UTS #46
/// maps it; [`wrappers::is_idna_dot`]), and its domain's `xn--` labels in Unicode (IDNA,
/// RFC 5891: `idn@xn--bcher-kva.de` is `idn@bücher.de`; [`super::idna`]). NFKC includes
/// NFC (RFC 6532 §3.1: `zoë` typed as one letter or as `e` + U+0308 is one address).
/// Contact keys, the suppression list and its hashes, erasure, refusals on record and
/// the duplicate check use it, so every spelling of an address is one, and a malformed
/// address still matches itself.
pub fn email_key(raw: &str) -> String {
    fold(raw, true)
}

/// [`email_key`], with the unwrapping or without it (the form before it was read,
/// [`email_keys_before`]).
fn fold(raw: &str, unwrap: bool) -> String {
    let lower = raw.trim().to_lowercase();
    let unwrapped = |text: String| match unwrap {
        true if wrappers::unwrap(&text).len() != text.len() => wrappers::unwrap(&text).to_string(),
        _ => text,
    };
    // ASCII is its own NFKC and holds no invisible character: most addresses skip
    // everything but the look for a wrapper and an A-label.
    let folded = if lower.is_ascii() {
        unwrapped(lower)
    } else {
        let visible = unwrapped(lower.chars().filter(|&c| !is_invisible(c)).collect());
        let mapped = if unicode_normalization::is_nfkc(&visible) {
            visible
        } else {
            // Compatibility mapping can give capitals (`ℌ` is `H`) and lower-casing
            // can undo NFC: each once more.
            let mapped: String = visible.nfkc().collect::<String>().to_lowercase();
            unwrapped(mapped.nfc().collect())
        };
        match mapped.rsplit_once('@') {
            Some((local, domain)) if unwrap && domain.contains(wrappers::is_idna_dot) => {
                let domain = domain.replace(wrappers::is_idna_dot, ".");
                format!("{local}@{domain}")
            }
            _ => mapped,
        }
    };
    match folded.rsplit_once('@') {
        Some((local, domain)) if domain.contains("xn--") => {
            match super::idna::domain_to_unicode(domain) {
                Some(unicode) => format!("{local}@{}", unicode.to_lowercase()),
                None => folded,
            }
        }
        _ => folded,
    }
}

/// Characters that change an address's bytes but not how it looks: the soft hyphen,
/// zero-width spaces and joiners, direction marks and controls, the word joiner and
/// invisible operators, variation selectors, Hangul fillers, the byte order mark and
/// tag characters (Unicode's Default_Ignorable_Code_Point set, UAX #44). A refusal,
/// suppression or erasure of `a@x.org` must hold for `a` U+200B `@x.org`.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}'
        | '\u{17b5}' | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// The comparison forms hashes and lists made before [`email_key`] took its present
/// form held, where they differ from today's: trimmed and lower-cased only (before
/// NFC), in NFC without compatibility mapping or IDNA (before NFKC and `xn--`
/// labels were read), and without the unwrapping of quotes and brackets and the
/// reading of `。` (before new-user trial 6, G3). A value erased or listed then must
/// still match. Empty for most addresses.
pub fn email_keys_before(raw: &str) -> Vec<String> {
    let lower = raw.trim().to_lowercase();
    let wrapped = wrappers::unwrap(&lower).len() != lower.len();
    if lower.is_ascii() && !lower.contains("xn--") && !wrapped {
        return Vec::new();
    }
    let today = email_key(raw);
    let visible: String = lower.chars().filter(|&c| !is_invisible(c)).collect();
    let nfc: String = visible.nfc().collect();
    let mut out: Vec<String> = Vec::new();
    for old in [lower, nfc, fold(raw, false)] {
        if old != today && !out.contains(&old) {
            out.push(old);
        }
    }
    out
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
