//! Addresses written to hide them from spam robots: `ann(at)example.com`,
//! `ann [at] example [dot] com`, `ann{at}example{dot}com`, `ann[@]example.com`,
//! `ann (AT) example (DOT) com`.
//!
//! Such a value names the inbox `ann@example.com` as surely as the plain spelling, so it
//! is read as that address wherever a value is read generously: the contact key, the
//! suppression list, refusals, erasure ([`super::address::addresses_in`] reads the
//! address inside). It is never sent to as written (`no_address`: a sending tool would
//! read no address, or another), and the import report lists the lines so the user can
//! write them plain ([`super::address::Unsendable::Obfuscated`]). New-user trial: the
//! row was keyed by its phone number instead, and a suppression list holding
//! `ann(at)example.com` met nobody, though `ann@example.com` was a contact.
//!
//! Only bracketed markers are read (`(at)`, `[at]`, `{at}`, `<at>`, `(@)`, and `dot`
//! or `.` in the same brackets), any case, with any white space inside and around: the
//! bare words (`ann at example dot com`) are as often a sentence as an address.

/// Brackets that may hold a marker, each opening one at the index of its closing one.
const OPEN: &str = "([{<";
const CLOSE: &str = ")]}>";

/// Longest text between a marker's brackets, in bytes (`( dot )` has 5).
const MAX_INNER: usize = 8;

/// `raw` with its bracketed `at` and `dot` markers read as `@` and `.`, and the white
/// space around each marker removed; `None` when it holds no marker, or when the text
/// read so holds no `@` (`(dot)` alone hides no address).
pub fn deobfuscated(raw: &str) -> Option<String> {
    if !raw.contains(|c| OPEN.contains(c)) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut replaced = false;
    while let Some(i) = rest.find(|c| OPEN.contains(c)) {
        let (before, from) = rest.split_at(i);
        match marker(from) {
            Some((symbol, len)) => {
                out.push_str(before.trim_end());
                out.push(symbol);
                rest = from[len..].trim_start();
                replaced = true;
            }
            None => {
                // The bracket is ASCII: one byte.
                out.push_str(before);
                out.push_str(&from[..1]);
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    (replaced && out.contains('@')).then_some(out)
}

/// Whether `raw` writes an address with a bracketed marker ([`deobfuscated`]).
pub fn is_obfuscated(raw: &str) -> bool {
    deobfuscated(raw).is_some()
}

/// The marker `s` starts with (at its opening bracket): the symbol it stands for and
/// its length in bytes, closing bracket included.
fn marker(s: &str) -> Option<(char, usize)> {
    let open = s.chars().next()?;
    let close = CLOSE.as_bytes()[OPEN.find(open)?] as char;
    // A marker is short (`( at )`): look no further for its end, so a long text with
    // many brackets costs one pass.
    let end = 1 + s.as_bytes()[1..]
        .iter()
        .take(MAX_INNER + 1)
        .position(|&b| b == close as u8)?;
    let inner = s[1..end].trim();
    let symbol = if inner == "@" || inner.eq_ignore_ascii_case("at") {
        '@'
    } else if inner == "." || inner.eq_ignore_ascii_case("dot") {
        '.'
    } else {
        return None;
    };
    Some((symbol, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_markers_are_read() {
        for (written, read) in [
            ("ann(at)example.com", "ann@example.com"),
            ("ann [at] example [dot] com", "ann@example.com"),
            ("ann{at}example{dot}com", "ann@example.com"),
            ("ann <AT> example <Dot> co (dot) uk", "ann@example.co.uk"),
            ("ann[@]example[.]com", "ann@example.com"),
            ("ann ( at ) example.com", "ann@example.com"),
            ("ann@example [dot] com", "ann@example.com"),
            (
                "Ann (work) ann(at)example.com",
                "Ann (work) ann@example.com",
            ),
        ] {
            assert_eq!(deobfuscated(written).as_deref(), Some(read), "{written}");
        }
    }

    #[test]
    fn other_text_is_no_obfuscated_address() {
        for v in [
            "ann@example.com",
            "Ann <ann@example.com>",
            "ann at example dot com",
            "example(dot)com",
            "(attic) ann",
            "ann(at",
            "",
        ] {
            assert_eq!(deobfuscated(v), None, "{v}");
        }
    }
}
