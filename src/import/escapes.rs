//! Terminal escape sequences inside imported values, removed whole.
//!
//! Removing only the control characters left the sequences' printable tails in the
//! stored text: a first name `Ev\e]0;PWNED\aIl\e[2J` was stored as `Ev]0;PWNEDIl[2J` and
//! rendered into messages as such (trial 4, minor notes). A sequence is removed as a
//! terminal would read it (ECMA-48 §5.4 and §8.3.89; xterm's control sequences):
//! - CSI, `ESC [` or U+009B: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F,
//!   one final byte 0x40–0x7E (`ESC [31m`, `ESC [2J`);
//! - OSC `ESC ]` / U+009D, DCS `ESC P` / U+0090, SOS `ESC X` / U+0098, PM `ESC ^` /
//!   U+009E and APC `ESC _` / U+009F: a string up to BEL, ST (`ESC \` or U+009C), another
//!   control character or the end of the value (`ESC ]0;title BEL`);
//! - any other `ESC` with intermediates 0x20–0x2F and a final 0x30–0x7E (`ESC ( B`,
//!   `ESC c`, `ESC 7`).
//!
//! A malformed sequence ends at the first byte that cannot belong to it, which is kept.
//! Called by [`super::normalise::clean_value`] for every cell and header.

use std::iter::Peekable;
use std::str::Chars;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// STRING TERMINATOR as a C1 control.
const ST: char = '\u{9c}';

/// If `c` opens a sequence, consume the rest of it from `rest` and return true; else
/// leave `rest` as it is and return false.
pub fn skip_sequence(c: char, rest: &mut Peekable<Chars<'_>>) -> bool {
    match c {
        ESC => {
            match rest.peek().copied() {
                Some('[') => {
                    rest.next();
                    skip_csi(rest);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    rest.next();
                    skip_string(rest);
                }
                Some(n) if ('\u{20}'..='\u{2f}').contains(&n) => {
                    while rest
                        .next_if(|n| ('\u{20}'..='\u{2f}').contains(n))
                        .is_some()
                    {}
                    rest.next_if(|n| ('\u{30}'..='\u{7e}').contains(n));
                }
                Some(n) if ('\u{30}'..='\u{7e}').contains(&n) => {
                    rest.next();
                }
                // A lone ESC (at the end, or before text or another control).
                _ => {}
            }
            true
        }
        '\u{9b}' => {
            skip_csi(rest);
            true
        }
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
            skip_string(rest);
            true
        }
        _ => false,
    }
}

/// The rest of a control sequence after its introducer.
fn skip_csi(rest: &mut Peekable<Chars<'_>>) {
    while rest
        .next_if(|n| ('\u{30}'..='\u{3f}').contains(n))
        .is_some()
    {}
    while rest
        .next_if(|n| ('\u{20}'..='\u{2f}').contains(n))
        .is_some()
    {}
    rest.next_if(|n| ('\u{40}'..='\u{7e}').contains(n));
}

/// The rest of a control string (OSC, DCS, SOS, PM, APC) after its introducer, its
/// terminator included.
fn skip_string(rest: &mut Peekable<Chars<'_>>) {
    while let Some(&n) = rest.peek() {
        match n {
            BEL | ST => {
                rest.next();
                return;
            }
            ESC => {
                // `ESC \` is the terminator; any other ESC starts the next sequence.
                let mut ahead = rest.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    rest.next();
                    rest.next();
                }
                return;
            }
            n if (n as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&n) => return,
            _ => {
                rest.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::import::normalise::clean_value;

    #[test]
    fn sequences_go_whole() {
        let cases = [
            ("Ev\u{1b}]0;PWNED\u{7}Il\u{1b}[2J", "EvIl", 2),
            ("\u{1b}[1;31mRed\u{1b}[0m", "Red", 2),
            ("a\u{9b}31mb", "ab", 1),
            (
                "t\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "tlink",
                2,
            ),
            ("x\u{1b}(By", "xy", 1),
            ("end\u{1b}", "end", 1),
            ("unterminated\u{1b}]0;title", "unterminated", 1),
        ];
        for (raw, want, n) in cases {
            let (value, stats) = clean_value(raw);
            assert_eq!(
                (value.as_str(), stats.sequences_removed),
                (want, n),
                "{raw:?}"
            );
            assert_eq!(stats.controls_removed, 0, "{raw:?}");
            assert_eq!(clean_value(&value).0, value, "idempotent: {raw:?}");
        }
        // A control that opens no sequence is still removed alone.
        let (value, stats) = clean_value("a\u{7}b");
        assert_eq!((value.as_str(), stats.controls_removed), ("ab", 1));
    }
}
