//! Reading addresses out of written values: where one address starts and ends inside
//! a cell, the one rule both the address reader ([`super::address::addresses_in`]:
//! keys, suppression lists, refusals, erasure) and the classifier's e-mail share
//! ([`reads_address`]) follow, so a column whose values the reader takes addresses
//! from is an e-mail column, and its suppressed or opted-out addresses are matched
//! (new-user trial 9, F-N4b: `Secondary Email` = `Ann <ann@corp.com>` or
//! `ann@corp.com/` got role none, and Ann was mailed though `ann@corp.com` was
//! suppressed).
//!
//! An address ends where its domain ends ([`domain_end`]) and starts where its local
//! part starts ([`local_start`]): the `/`, `\`, `:` or `|` of a link or a label left
//! before it (`/jane.doe@gmail.com`, `http://x.org/jane@x.org`, `email:jane@x.org`)
//! and any leading character no mailbox name starts with (`#`, `-`, `+`, `.`, `=`)
//! are no part of it (trial 9, L-N8p: `/jane.doe@gmail.com` was an address of its
//! own, mailed although `jane.doe@gmail.com` was suppressed). Such a value is no
//! address as written ([`super::address::normalise_email`]), so it is never sent to
//! (`no_address`), and every refusal, suppression and erasure reads the address in it.

use unicode_normalization::UnicodeNormalization;

use super::address::{normalise_email, strip_scheme};
use super::look_alike::look_alike;
use super::wrappers;

/// The characters that cut a value into pieces, one address at most in each (with
/// white space and their Unicode counterparts, [`wrappers::separates`]).
const CUTS: &str = ",;<>()[]\"'`";

/// The separators a link or a label leaves before an address: a path's `/` or `\`, a
/// scheme's or label's `:`, a table's `|`.
const BEFORE: &str = "/\\:|";

/// The pieces of `raw` that may each be one address, as [`super::address::addresses_in`]
/// reads them: cut at white space and [`CUTS`], without a leading `mailto:` (RFC 6068)
/// and the `?` query after it, without surrounding `.:!?` and wrapping marks, and cut
/// where the domain ends ([`domain_end`]) and where the local part starts
/// ([`local_start`]). A piece need not be an address.
pub fn pieces(raw: &str) -> impl Iterator<Item = &str> {
    let edge = |c: char| ".:!?".contains(c) || wrappers::is_wrapper(c);
    raw.split(|c: char| c.is_whitespace() || CUTS.contains(c) || wrappers::separates(c, CUTS))
        .map(move |piece| {
            let mut piece = piece.trim_matches(edge);
            if let Some(link) = strip_scheme(piece, "mailto:") {
                let target = link.split('?').next().unwrap_or_default();
                piece = target.trim_matches(edge);
            }
            local_start(domain_end(piece).trim_matches(edge))
        })
        .filter(|piece| !piece.is_empty())
}

/// Whether the address reader reads an address from `raw`: some piece ([`pieces`]) is
/// an address ([`normalise_email`]), or would be one in Latin letters (a look-alike,
/// [`look_alikes_in`]: it still names someone's inbox). The classifier counts such a
/// value toward a column's e-mail share (`fields::classify`), so the share and the
/// reader never disagree on what holds an address.
pub fn reads_address(raw: &str) -> bool {
    // An address behind bracketed markers (`ann(at)example.com`) is read too
    // ([`super::address_obfuscated`]), as [`super::address::addresses_in`] reads it.
    if let Some(plain) = super::address_obfuscated::deobfuscated(raw)
        && pieces(&plain).any(|p| normalise_email(p).is_some())
    {
        return true;
    }
    if !raw.contains('@') && raw.is_ascii() {
        return false;
    }
    pieces(raw).any(|p| normalise_email(p).is_some() || latin_reading(p).is_some())
}

/// The address between the angle brackets of a value written as a display name and
/// an address (RFC 5322 `name-addr`: `Ann <ann@x.org>`, `"bob@x.org" <ann@x.org>`),
/// when the brackets close the value (a sentence's `;`, `,` or `.` after them aside)
/// and hold an address ([`normalise_email`]). The display name is only a name, even
/// when it looks like an address: the mailbox is the one in brackets, so an import
/// keys such a row by it, not by the name (new-user trial 11: `"bob@x.com"
/// <ann@x.com>` keyed Ann's row as Bob). `None` for any other value.
pub fn angle_address(raw: &str) -> Option<String> {
    let written = raw.trim().trim_end_matches([';', ',', '.', ' ']);
    let inner = written.strip_suffix('>')?;
    let open = inner.rfind('<')?;
    if inner[..open].contains(['<', '>']) {
        return None;
    }
    normalise_email(&inner[open + 1..])
}

/// The Latin readings of the look-alike addresses in `raw` (a piece mixing scripts in
/// one part, `ann@cоrp.com` with a Cyrillic `о`: [`super::look_alike`]), in normal
/// form, each once: no address to send to, but the address a refusal or suppression
/// of it must hold for, in any e-mail column (trial 9, L-G18s).
pub fn look_alikes_in(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if raw.is_ascii() {
        return out;
    }
    for latin in pieces(raw).filter_map(latin_reading) {
        if !out.contains(&latin) {
            out.push(latin);
        }
    }
    out
}

/// The Latin reading of one piece that is a look-alike address, if it is one.
fn latin_reading(piece: &str) -> Option<String> {
    if piece.is_ascii() {
        return None;
    }
    let key = super::address::email_key(piece);
    look_alike(&key)?.latin.and_then(|l| normalise_email(&l))
}

/// `piece` up to the end of its domain: cut at the first character after its last
/// `@` that no domain name holds ([`is_domain_char`]): the `/`, `?`, `#`, `&`, `%` or
/// `=` of a link or query, a `;` or `)` left by a sentence. A domain is letters,
/// digits and hyphens between dots (RFC 1035 §2.3.1; RFC 5890 for other scripts), so
/// nothing after such a character can be part of the address. `piece` itself when it
/// has no `@`.
pub fn domain_end(piece: &str) -> &str {
    let Some(at) = piece.rfind('@') else {
        return piece;
    };
    let domain = &piece[at + 1..];
    match domain.find(|c: char| !is_domain_char(c)) {
        Some(end) => &piece[..at + 1 + end],
        None => piece,
    }
}

/// `piece` from where the local part of its address starts: after the last `/`, `\`,
/// `:` or `|` before its last `@` (or a compatibility form of one: full-width `／`),
/// and past any character a mailbox name does not start with ([`starts_local`]).
/// `piece` itself when it has no `@`, or when nothing would be left before the `@`.
pub fn local_start(piece: &str) -> &str {
    let Some(at) = piece.rfind('@') else {
        return piece;
    };
    let local = &piece[..at];
    let from = local
        .char_indices()
        .rfind(|&(_, c)| is_before(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let rest = &local[from..];
    let trimmed = rest.trim_start_matches(|c: char| !starts_local(c));
    if trimmed.is_empty() {
        return piece;
    }
    &piece[at - trimmed.len()..]
}

/// Whether the local part `local` (in normal form) starts and reads as a mailbox name:
/// it starts with a character a mailbox name starts with ([`starts_local`]) and holds
/// none of the separators a link or label leaves ([`BEFORE`]). An address whose local
/// part does not is no address as written ([`normalise_email`]); [`local_start`] reads
/// the address in it.
pub fn is_local_part(local: &str) -> bool {
    local.chars().next().is_some_and(starts_local) && !local.chars().any(is_before)
}

/// Whether a mailbox name may start with `c`: a letter or digit of any script, or `_`.
/// RFC 5322 allows `!#$%&'*+-/=?^{|}~` too, but no mail provider hands out such names
/// (Gmail, Outlook and Yahoo accept letters, digits, `.`, `_`, `-` and `+` inside a
/// name and a letter or digit first), and a value that starts so is a link's or a
/// table's leftover before the address.
fn starts_local(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `c` is one of [`BEFORE`], or a compatibility form of one (NFKC).
fn is_before(c: char) -> bool {
    if c.is_ascii() {
        return BEFORE.contains(c);
    }
    let mut mapped = c.nfkc();
    matches!((mapped.next(), mapped.next()), (Some(m), None) if BEFORE.contains(m))
}

/// Whether `c` may be written in the domain of an address: an ASCII letter, digit,
/// `-` or `.` (RFC 1035 §2.3.1); a letter, digit or combining mark of another script
/// (an internationalised label, RFC 5890); an invisible character, which the normal
/// form drops ([`super::address::is_invisible`]); the ideographic full stop
/// ([`wrappers::is_idna_dot`]); or a compatibility form of one of these (full-width
/// `ｏ`, `．`: Unicode NFKC).
pub fn is_domain_char(c: char) -> bool {
    let ascii = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    if c.is_ascii() {
        return ascii(c);
    }
    c.is_alphanumeric()
        || unicode_normalization::char::is_combining_mark(c)
        || super::address::is_invisible(c)
        || wrappers::is_idna_dot(c)
        || {
            let mut mapped = c.nfkc();
            matches!((mapped.next(), mapped.next()),
                (Some(m), None) if m != c && (ascii(m) || wrappers::is_idna_dot(m)))
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Junk before the local part is no part of the address (trial 9, L-N8p).
    #[test]
    fn the_local_part_starts_after_a_link_or_label() {
        assert_eq!(local_start("/jane.doe@gmail.com"), "jane.doe@gmail.com");
        assert_eq!(local_start("http://x.org/jane@x.org"), "jane@x.org");
        assert_eq!(local_start("email:jane@x.org"), "jane@x.org");
        assert_eq!(local_start("#-jane@x.org"), "jane@x.org");
        assert_eq!(local_start("／jane@x.org"), "jane@x.org");
        assert_eq!(local_start("jane@x.org"), "jane@x.org");
        assert_eq!(local_start("/@x.org"), "/@x.org");
        assert!(!is_local_part("/jane") && !is_local_part("a/b") && is_local_part("o'brien"));
    }

    /// The share reads what the reader reads (trial 9, F-N4b).
    #[test]
    fn a_wrapped_address_is_read() {
        for v in [
            "Ann <ann@corp.com>",
            "ann@corp.com/",
            "mailto:ann@corp.com",
            "«ann@corp.com»",
            "/ann@corp.com",
            "ann@cоrp.com",
        ] {
            assert!(reads_address(v), "{v}");
        }
        for v in ["n/a", "ann@localhost", "07700 900001", "@corp.com"] {
            assert!(!reads_address(v), "{v}");
        }
        assert_eq!(look_alikes_in("Ann <ann@cоrp.com>"), vec!["ann@corp.com"]);
    }

    /// The mailbox of a display name and an address is the one in brackets, by hand
    /// from RFC 5322 §3.4 (`name-addr = [display-name] angle-addr`).
    #[test]
    fn the_angle_address_is_the_mailbox() {
        let a = |v: &str| angle_address(v);
        assert_eq!(a("\"bob@x.com\" <ann@x.com>").as_deref(), Some("ann@x.com"));
        assert_eq!(a("bob@x.com <ANN@x.com>;").as_deref(), Some("ann@x.com"));
        assert_eq!(a("Ann <ann@x.com>").as_deref(), Some("ann@x.com"));
        assert_eq!(a("<a@x.com> <b@x.com>"), None);
        assert_eq!(a("ann@x.com"), None);
        assert_eq!(a("Ann <ann@x.com> (work)"), None);
    }
}
