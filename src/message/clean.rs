//! Template text hygiene: which characters a template may hold in its own text, and
//! the last cleaning of every rendered text.
//!
//! A template is typed or pasted by a person, so a stray escape sequence, C1 control or
//! bidi override in it is almost always an accident or an attack: ESC and OSC 52
//! sequences rewrite a terminal or its clipboard (CWE-150), bidi overrides make text
//! read differently from what it is (CVE-2021-42574, "Trojan Source"). Every template
//! refuses them, with the line and column of each. Subjects and SMS bodies are one line:
//! a line break in a subject ends the header for the sending tool, and whatever follows
//! (`Bcc: …`) becomes a header of its own (header injection, CWE-93; RFC 5322 §2.2
//! ends a header field at CRLF). String literals inside tags are checked for the same
//! characters written as escapes (`"\x1b"`, `"\u001b"`).
//!
//! [`clean_output`] is the backstop behind all of it: whatever a filter or a literal
//! produced, a rendered subject or SMS body has no line break and no text has a control
//! character, so nothing unsafe reaches `recipients.csv`. Merge values are cleaned
//! before they enter the template ([`super::engine`]). Called by [`super::check`] and
//! [`super::render`].

use super::error::{Issue, IssueKind};
use super::scan::{Tag, TokenKind, line_col};
use crate::text::is_unsafe;

/// Most character problems one template reports; the rest are counted in one issue.
const MAX_REPORTED: usize = 20;

/// Whether a part of a message may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// E-mail bodies: line breaks (LF or CRLF) and tabs are text.
    Multi,
    /// A subject: one line.
    Subject,
    /// An SMS body: one line, as the sending tools' files take it.
    SmsBody,
}

impl Lines {
    /// The part, as a sentence names it.
    fn part(self) -> &'static str {
        match self {
            Lines::Multi => "a body",
            Lines::Subject => "a subject",
            Lines::SmsBody => "an SMS body",
        }
    }

    fn single(self) -> bool {
        self != Lines::Multi
    }
}

/// Characters that break a line: LF, CR, NEL, VT, FF and the Unicode line and
/// paragraph separators (Unicode TR #14, mandatory breaks).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A character as a person can look it up: its usual short name and code point.
pub fn describe_char(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let u = c as u32;
    let name = match u {
        0..=0x1f => C0[u as usize].to_string(),
        0x7f => "DEL".into(),
        0x85 => "C1 control NEL".into(),
        0x90 => "C1 control DCS".into(),
        0x9b => "C1 control CSI".into(),
        0x9c => "C1 control ST".into(),
        0x9d => "C1 control OSC".into(),
        0x80..=0x9f => "C1 control".into(),
        0x202a => "bidi embedding LRE".into(),
        0x202b => "bidi embedding RLE".into(),
        0x202c => "bidi pop PDF".into(),
        0x202d => "bidi override LRO".into(),
        0x202e => "bidi override RLO".into(),
        0x2066 => "bidi isolate LRI".into(),
        0x2067 => "bidi isolate RLI".into(),
        0x2068 => "bidi isolate FSI".into(),
        0x2069 => "bidi isolate PDI".into(),
        0x2028 => "LINE SEPARATOR".into(),
        0x2029 => "PARAGRAPH SEPARATOR".into(),
        _ => "character".into(),
    };
    format!("{name} (U+{u:04X})")
}

/// What, if anything, is wrong with `c` at this point of a template of `lines`;
/// `next` is the character after it (a CR is a line break only with the LF after it).
fn problem(c: char, next: Option<char>, lines: Lines) -> Option<IssueKind> {
    let part = lines.part();
    if is_line_break(c) && lines.single() {
        return Some(IssueKind::LineBreak {
            name: describe_char(c),
            part,
        });
    }
    let allowed = match c {
        '\n' | '\t' => true,
        '\r' => next == Some('\n'),
        '\u{2028}' | '\u{2029}' => true,
        c => !is_unsafe(c),
    };
    if allowed && !(lines.single() && c == '\t') {
        return None;
    }
    Some(IssueKind::UnsafeCharacter {
        name: describe_char(c),
        part,
    })
}

/// Every character of `source` that a template of `lines` may not hold, written or as
/// an escape in a string literal of `tags`, in order of position (at most
/// [`MAX_REPORTED`], then one issue counting the rest).
pub(crate) fn issues(source: &str, tags: &[Tag], lines: Lines) -> Vec<Issue> {
    let mut found: Vec<(usize, IssueKind)> = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        if let Some(kind) = problem(c, next, lines) {
            found.push((offset, kind));
            // One issue for a CRLF pair, not two.
            if c == '\r' && next == Some('\n') {
                chars.next();
            }
        }
    }
    for tag in tags {
        for token in &tag.tokens {
            if matches!(token.kind, TokenKind::Str(_)) {
                escapes(source, token.offset, lines, &mut found);
            }
        }
    }
    found.sort_by_key(|(offset, _)| *offset);
    let more = found.len().saturating_sub(MAX_REPORTED);
    let mut out: Vec<Issue> = found
        .into_iter()
        .take(MAX_REPORTED)
        .map(|(offset, kind)| {
            let (line, column) = line_col(source, offset);
            Issue { line, column, kind }
        })
        .collect();
    if more > 0
        && let Some(last) = out.last()
    {
        out.push(Issue {
            line: last.line,
            column: last.column,
            kind: IssueKind::MoreCharacters { more },
        });
    }
    out
}

/// Escapes in the string literal that starts (with its quote) at byte `start` whose
/// character a template of `lines` may not hold. Escapes as minijinja reads them:
/// `\n \r \t \b \f`, `\xHH`, `\uHHHH` and octal `\NNN`.
fn escapes(source: &str, start: usize, lines: Lines, found: &mut Vec<(usize, IssueKind)>) {
    let text = &source[start..];
    let mut chars = text.char_indices();
    let Some((_, quote)) = chars.next() else {
        return;
    };
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return;
        }
        if c != '\\' {
            continue;
        }
        let Some((_, kind)) = chars.next() else {
            return;
        };
        let rest = &text[i + 2..];
        let hex = |n: usize| {
            rest.get(..n)
                .filter(|h| h.chars().all(|d| d.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let (produced, len) = match kind {
            'n' => (Some('\n'), 2),
            'r' => (Some('\r'), 2),
            't' => (Some('\t'), 2),
            'b' => (Some('\u{08}'), 2),
            'f' => (Some('\u{0c}'), 2),
            'x' => (hex(2).and_then(char::from_u32), 4),
            'u' => (hex(4).and_then(char::from_u32), 6),
            '0'..='7' => {
                let digits: String = std::iter::once(kind)
                    .chain(rest.chars().take_while(|d| ('0'..='7').contains(d)).take(2))
                    .collect();
                let value = u32::from_str_radix(&digits, 8).ok();
                (value.and_then(char::from_u32), 1 + digits.len())
            }
            _ => (None, 2),
        };
        let Some(produced) = produced else {
            continue;
        };
        // An escaped LF or tab is ordinary text in a body; anything unsafe is not.
        let bad = if lines.single() {
            is_line_break(produced) || produced == '\t' || is_unsafe(produced)
        } else {
            !matches!(produced, '\n' | '\t') && is_unsafe(produced)
        };
        if bad {
            let escape = text[i..(i + len).min(text.len())].to_string();
            found.push((
                start + i,
                IssueKind::EscapedCharacter {
                    escape,
                    name: describe_char(produced),
                    part: lines.part(),
                },
            ));
        }
    }
}

/// The last cleaning of a rendered text of `lines`: in a subject or SMS body every line
/// break and tab becomes a space and every other unsafe character goes; in a body line
/// breaks (LF, CRLF) and tabs stay and every other unsafe character goes. Returns `text`
/// unchanged (no copy) when it is already clean, which is the rule: the checks and the
/// merge-value cleaning leave nothing for this to do.
pub(crate) fn clean_output(text: String, lines: Lines) -> String {
    let single = lines.single();
    // Printable ASCII, and LF and tab where they stay, is clean: one pass over the bytes
    // instead of a decode per character (issue 13, session 9: 2 % of a preview).
    let stays = |b: u8| (b' '..=b'~').contains(&b) || (!single && matches!(b, b'\n' | b'\t'));
    if text.bytes().all(stays) {
        return text;
    }
    let unsafe_here = |c: char, next: Option<char>| match c {
        '\n' | '\t' => single,
        '\r' => single || next != Some('\n'),
        '\u{2028}' | '\u{2029}' => single,
        c => is_unsafe(c),
    };
    let mut it = text.chars().peekable();
    let mut dirty = false;
    while let Some(c) = it.next() {
        if unsafe_here(c, it.peek().copied()) {
            dirty = true;
            break;
        }
    }
    if !dirty {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if !unsafe_here(c, it.peek().copied()) {
            out.push(c);
        } else if single && (is_line_break(c) || c == '\t') {
            // CRLF becomes one space.
            if c == '\r' && it.peek() == Some(&'\n') {
                it.next();
            }
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::scan;

    fn at(source: &str, lines: Lines) -> Vec<(usize, usize, String)> {
        issues(source, &scan::tags(source), lines)
            .into_iter()
            .map(|i| (i.line, i.column, i.kind.to_string()))
            .collect()
    }

    #[test]
    fn a_subject_with_crlf_is_refused_at_the_cr() {
        // "Hello" is 5 characters: the CR is column 6 of line 1, one issue for CRLF.
        let got = at("Hello\r\nBcc: all@example.com", Lines::Subject);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (1, 6));
        assert!(got[0].2.contains("CR (U+000D)"), "{}", got[0].2);
        assert!(got[0].2.contains("a subject"), "{}", got[0].2);
    }

    #[test]
    fn controls_c1_and_bidi_are_refused_with_line_and_column() {
        // Line 2 is "x\x1b]52;c;aGk=\x07 \u{9b}1m \u{202e}": ESC at column 2, BEL at 13,
        // CSI (C1) at 15, RLO at 19.
        let body = "Hi\nx\u{1b}]52;c;aGk=\u{07} \u{9b}1m \u{202e}";
        let got: Vec<(usize, usize)> = at(body, Lines::Multi)
            .iter()
            .map(|(l, c, _)| (*l, *c))
            .collect();
        assert_eq!(got, vec![(2, 2), (2, 13), (2, 15), (2, 19)]);
        let names: Vec<String> = at(body, Lines::Multi).into_iter().map(|i| i.2).collect();
        assert!(names[0].contains("ESC (U+001B)"));
        assert!(names[2].contains("C1 control CSI (U+009B)"));
        assert!(names[3].contains("bidi override RLO (U+202E)"));
        // Line breaks and tabs are text in a body, and a line break in an SMS is not.
        assert!(at("a\r\nb\n\tc", Lines::Multi).is_empty());
        assert_eq!(at("a\nb", Lines::SmsBody)[0].0, 1);
        assert!(at("a\nb", Lines::SmsBody)[0].2.contains("an SMS body"));
    }

    #[test]
    fn escapes_in_string_literals_are_refused() {
        let got = at(r#"Hi {{ first_name | default("\x1b[2J") }}"#, Lines::Multi);
        assert_eq!(got.len(), 1);
        // The backslash is character 29 of the line.
        assert_eq!((got[0].0, got[0].1), (1, 29));
        assert!(got[0].2.contains(r"`\x1b`"), "{}", got[0].2);
        assert!(
            at(r#"{{ x | default("\u202E") }}"#, Lines::Multi)[0]
                .2
                .contains("RLO")
        );
        assert!(
            at(r#"{{ x | default("\033") }}"#, Lines::Multi)[0]
                .2
                .contains("ESC")
        );
        // A line break written as an escape: fine in a body, not in a subject.
        assert!(at(r#"{{ x | default("a\nb") }}"#, Lines::Multi).is_empty());
        assert_eq!(at(r#"{{ x | default("a\nb") }}"#, Lines::Subject).len(), 1);
    }

    #[test]
    fn many_problems_are_capped_and_counted() {
        let body = "\u{1b}".repeat(25);
        let got = at(&body, Lines::Multi);
        assert_eq!(got.len(), 21);
        assert!(got[20].2.contains("5 more"), "{}", got[20].2);
    }

    #[test]
    fn output_is_cleaned_as_a_backstop() {
        assert_eq!(
            clean_output("A\r\nBcc: x\tz".into(), Lines::Subject),
            "A Bcc: x z"
        );
        assert_eq!(
            clean_output("a\r\nb\u{1b}c\rd\u{202e}".into(), Lines::Multi),
            "a\r\nbcd"
        );
        assert_eq!(clean_output("Zoë\n".into(), Lines::Multi), "Zoë\n");
    }
}
