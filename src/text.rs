//! Text hygiene shared by every face of tactful: making untrusted strings safe to show
//! on a terminal.
//!
//! Values come from customer files and may hold escape sequences that would move the
//! cursor, change colours, set the clipboard (OSC 52) or rewrite the screen (CWE-150),
//! or bidi overrides that disguise text (CVE-2021-42574, "Trojan Source"). Nothing from
//! data reaches a terminal without passing [`for_terminal`], or, for whole documents
//! (CSV, JSON, TOML on stdout), a [`SafeWriter`] in the mode [`StreamSafety::for_output`]
//! chooses: exact bytes into a pipe or file, made safe only on a terminal.

use std::borrow::Cow;
use std::io::{self, Write};

/// `n` and an English noun that agrees with it: `count(1, "recipient")` is
/// `1 recipient`, `count(3, "recipient")` is `3 recipients`, `count(2, "entry")` is
/// `2 entries`, `count(2, "address")` is `2 addresses`. For the counts people read in
/// reports and summaries ("1 recipients" reads as a fault).
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let consonant_y = noun.ends_with('y')
        && !noun.ends_with("ay")
        && !noun.ends_with("ey")
        && !noun.ends_with("oy");
    if consonant_y {
        format!("{n} {}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|e| noun.ends_with(e)) {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

/// At most `max` characters of `value`, with `…` where it was cut: for quoting a value
/// in a reason or a finding.
pub fn shorten(value: &str, max: usize) -> String {
    match value.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

/// Replace control characters with visible stand-ins so the string can be printed to a
/// terminal: C0 controls become their Control Pictures (`\x1b` → `␛`, U+241B), DEL
/// becomes `␡`, C1 controls and bidi embedding/override/isolate controls become `�`.
/// Tabs become a single space and line breaks (CR, LF, U+2028, U+2029) `␤` (U+2424)
/// so one value stays on one line. Returns the input unchanged (borrowed) when it is already safe.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => '\u{2424}',
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// Like [`for_terminal`], but keeps line breaks as line breaks: for multi-line messages
/// (a caret display under a rule or template, a TOML error) that are ours, with
/// untrusted text inside. `\r\n` and `\r` become `\n`.
pub fn for_terminal_lines(s: &str) -> String {
    s.replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(for_terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

/// True for characters that must not reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        // Bidi embeddings, overrides and isolates (Unicode TR #9).
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        // LINE and PARAGRAPH SEPARATOR: line breaks to a terminal and to JavaScript
        // (new-user trial 11: one in a reason split `review`'s line).
        || (0x2028..=0x2029).contains(&u)
}

/// How a document written to an output is made safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamSafety {
    /// Bytes pass unchanged: a pipe or a file gets exactly what was written.
    Exact,
    /// Text (CSV, TOML): unsafe characters become visible stand-ins as in
    /// [`for_terminal`]; line feeds and tabs stay, a CR becomes `␍`.
    Text,
    /// JSON: unsafe characters become `\uXXXX` escapes, so the document stays valid
    /// JSON with the same values (serde_json already escapes C0 controls; C1 controls,
    /// DEL and bidi overrides it writes raw).
    Json,
}

impl StreamSafety {
    /// The safety a document needs: [`StreamSafety::Exact`] unless the output is a
    /// terminal, where JSON documents are escaped and others shown with stand-ins.
    pub fn for_output(is_terminal: bool, json: bool) -> Self {
        match (is_terminal, json) {
            (false, _) => StreamSafety::Exact,
            (true, true) => StreamSafety::Json,
            (true, false) => StreamSafety::Text,
        }
    }
}

/// A writer that makes a UTF-8 stream safe for a terminal in the chosen
/// [`StreamSafety`] mode. A character split across two writes is held until its last
/// byte arrives; bytes that are not UTF-8 show as `�` (U+FFFD).
pub struct SafeWriter<W: Write> {
    inner: W,
    mode: StreamSafety,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Wrap `inner`.
    pub fn new(inner: W, mode: StreamSafety) -> Self {
        SafeWriter {
            inner,
            mode,
            pending: Vec::new(),
        }
    }

    /// The mode in use.
    pub fn mode(&self) -> StreamSafety {
        self.mode
    }

    /// The wrapped writer (anything still pending is dropped: only an incomplete
    /// character can be).
    pub fn into_inner(self) -> W {
        self.inner
    }

    fn emit(&mut self, text: &str) -> io::Result<()> {
        if !text.chars().any(is_unsafe) {
            return self.inner.write_all(text.as_bytes());
        }
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            match (self.mode, c) {
                (_, '\n' | '\t') => out.push(c),
                (StreamSafety::Json, c) if is_unsafe(c) => {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                }
                (_, '\r') => out.push('\u{240d}'),
                (_, '\u{7f}') => out.push('\u{2421}'),
                (_, c) if (c as u32) < 0x20 => {
                    out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
                }
                (_, c) if is_unsafe(c) => out.push('\u{fffd}'),
                (_, c) => out.push(c),
            }
        }
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.mode == StreamSafety::Exact {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        let pending = std::mem::take(&mut self.pending);
        let mut rest: &[u8] = &pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text)?;
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    self.emit(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // An incomplete character at the end: wait for its last bytes.
                        None => {
                            rest = after;
                            break;
                        }
                        Some(n) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        self.pending = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "recipient"), "1 recipient");
        assert_eq!(count(0, "recipient"), "0 recipients");
        assert_eq!(count(2, "entry"), "2 entries");
        assert_eq!(count(2, "address"), "2 addresses");
        assert_eq!(count(2, "day"), "2 days");
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(for_terminal("a\x1b[31mb"), "a\u{241b}[31mb");
        assert_eq!(for_terminal("x\u{9b}y"), "x\u{fffd}y");
        assert_eq!(for_terminal("l1\r\nl2\tz"), "l1\u{2424}\u{2424}l2 z");
        assert_eq!(for_terminal("abc\u{202e}cba"), "abc\u{fffd}cba");
        assert_eq!(for_terminal("bell\x07"), "bell\u{2407}");
        // U+2028 and U+2029 break a line as LF does (new-user trial 11).
        assert_eq!(for_terminal("a\u{2028}b\u{2029}c"), "a\u{2424}b\u{2424}c");
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_their_escapes() {
        assert_eq!(
            for_terminal_lines("a\x1b[2J\r\n  ^ here\rz"),
            "a\u{241b}[2J\n  ^ here\nz"
        );
    }

    #[test]
    fn documents_are_exact_into_pipes_and_safe_on_terminals() {
        assert_eq!(StreamSafety::for_output(false, false), StreamSafety::Exact);
        assert_eq!(StreamSafety::for_output(false, true), StreamSafety::Exact);
        assert_eq!(StreamSafety::for_output(true, false), StreamSafety::Text);
        assert_eq!(StreamSafety::for_output(true, true), StreamSafety::Json);
    }

    fn through(mode: StreamSafety, parts: &[&[u8]]) -> String {
        let mut w = SafeWriter::new(Vec::new(), mode);
        for p in parts {
            w.write_all(p).unwrap();
        }
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn safe_writer_keeps_bytes_or_shows_stand_ins() {
        // ESC [2J, OSC 52 (set clipboard) ended by BEL, C1 CSI, RLO, CRLF.
        let doc = "a\u{1b}[2J,\u{1b}]52;c;aGk=\u{07},\u{9b}1m,\u{202e}x\r\n";
        assert_eq!(through(StreamSafety::Exact, &[doc.as_bytes()]), doc);
        assert_eq!(
            through(StreamSafety::Text, &[doc.as_bytes()]),
            "a\u{241b}[2J,\u{241b}]52;c;aGk=\u{2407},\u{fffd}1m,\u{fffd}x\u{240d}\n"
        );
        // JSON: the same characters as escapes, so a JSON reader gets the same string.
        let json = serde_json::to_string("x\u{9b}y\u{202e}\u{1b}").unwrap();
        let safe = through(StreamSafety::Json, &[json.as_bytes()]);
        assert_eq!(safe, r#""x\u009by\u202e\u001b""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "x\u{9b}y\u{202e}\u{1b}");
    }

    #[test]
    fn characters_split_across_writes_are_held_until_complete() {
        // U+009B is C2 9B in UTF-8; U+202E is E2 80 AE.
        assert_eq!(
            through(StreamSafety::Text, &[b"a\xc2", b"\x9bb\xe2\x80", b"\xaec"]),
            "a\u{fffd}b\u{fffd}c"
        );
        assert_eq!(through(StreamSafety::Text, &[b"a\xffb"]), "a\u{fffd}b");
    }

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(for_terminal("Zoë 花子 مرحبا"), Cow::Borrowed(_)));
    }
}
