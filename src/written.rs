//! Written reasons: the justifications, reasons, reviewer names and notes people type to
//! put a decision on record, checked on the text a reader can actually see.
//!
//! A reason of twenty zero-width spaces or soft hyphens has twenty characters and says
//! nothing (issue 10, item 5). Every check here first reduces the text to its visible
//! form ([`visible`]): control characters, Unicode format characters (general category
//! Cf: soft hyphen, zero-width space and joiners, bidi marks, the BOM), the other
//! default-ignorable code points (variation selectors, Hangul fillers, tag characters:
//! Unicode `DerivedCoreProperties.txt`, `Default_Ignorable_Code_Point`) and the
//! characters fonts draw as nothing (the Braille blank U+2800, the musical null
//! notehead U+1D159) are removed and runs of whitespace fold to one space.
//!
//! What is left is counted in grapheme clusters (UAX #29, what a reader takes for one
//! character), and a cluster counts only when it holds a visible base character: `a`
//! followed by twenty combining accents is one character, and accents stacked on a
//! blank or standing alone are nothing (issue: a trial passed `a` + 20 U+0301 + ` b`
//! and 21 Braille blanks + `a 1`). Justifications and reasons then need
//! [`MIN_JUSTIFICATION_CHARS`] visible characters in at least [`MIN_JUSTIFICATION_WORDS`]
//! words (a word holds a letter or digit); names and notes need visible text at all.
//!
//! Written text holds no control character (C0 including TAB and line breaks, DEL, C1)
//! and no bidi embedding, override or isolate ([`crate::text::is_unsafe`]): such text is
//! refused with the character and its position ([`WrittenError::Control`]), never stored,
//! because it would reach the audit log, the manifest and every later screen that shows
//! it (new-user trial: a sign-off name holding `ESC [31m` was stored and written to the
//! manifest as typed). Every check here refuses it first.
//!
//! The checks only judge: callers store the text as typed (trimmed at the edges), so the
//! audit log keeps exactly what was written. Every face uses these functions: the CLI
//! through the core calls (`fields::change::set`, `campaign::unlock`, `review::sign_off`,
//! `review::accept`, review's check of added export fields) and the TUI's dialogs, which
//! also call them to say what is missing before anything is sent.

/// Shortest written justification, in visible characters, for an unlock, a lowered
/// protection, an accepted finding or a field added to an export. A reviewer must be
/// able to read why; "ok" or "x" says nothing.
pub const MIN_JUSTIFICATION_CHARS: usize = 20;

/// Fewest words in a justification: one long token (`aaaaaaaaaaaaaaaaaaaaaa`,
/// `....................`) is not a sentence.
pub const MIN_JUSTIFICATION_WORDS: usize = 2;

/// Fewest different words in a justification, and no word may make up more than half
/// of its words: `test test test test` or `ok ok ok ok ok ok ok` has twenty characters
/// in several words and still says nothing (session 9 trial). Words are compared
/// lower-cased, so `Test TEST test` is one word.
pub const MIN_JUSTIFICATION_DISTINCT_WORDS: usize = 3;

/// What a piece of written text amounts to once invisible characters are gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Grapheme clusters of [`visible`] text (whitespace runs count as one).
    pub chars: usize,
    /// Whitespace-separated words holding at least one letter or digit.
    pub words: usize,
}

/// Why written text was refused. The message names what was measured; callers put it
/// in a sentence that says what the text is for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WrittenError {
    #[error(
        "{what} holds {name} at character {at}: control characters, line breaks and bidi overrides are not allowed in text put on record (they could rewrite a terminal, forge a line of the audit log or disguise text); write it on one line without them (it may have come in with pasted text)"
    )]
    Control {
        what: String,
        /// The character's short name and code point (`ESC (U+001B)`).
        name: String,
        /// Its 1-based position, in characters.
        at: usize,
    },
    #[error("{what} has no visible text (control, format and zero-width characters do not count)")]
    Blank { what: String },
    #[error(
        "{what} has {} in {}; write at least {MIN_JUSTIFICATION_CHARS} characters in at least {MIN_JUSTIFICATION_WORDS} words (control, format and zero-width characters do not count)",
        crate::text::count(*.chars as u64, "visible character"),
        crate::text::count(*.words as u64, "word")
    )]
    TooShort {
        what: String,
        chars: usize,
        words: usize,
    },
    #[error(
        "{what} repeats itself: {} in {}, `{most}` {}; write a sentence of at least {MIN_JUSTIFICATION_DISTINCT_WORDS} different words, none more than half of them, that says why",
        crate::text::count(*.distinct as u64, "different word"),
        crate::text::count(*.words as u64, "word"),
        crate::text::count(*.times as u64, "time")
    )]
    Repetitive {
        what: String,
        distinct: usize,
        words: usize,
        /// The most repeated word and how often it occurs.
        most: String,
        times: usize,
    },
    #[error(
        "{what} only names what it unlocks ({named}); say why it is needed, in at least {MIN_JUSTIFICATION_DISTINCT_WORDS} other different words"
    )]
    OnlySubject { what: String, named: String },
    #[error(
        "{what} is a placeholder ({found}), not a reason: write in your own words why it is needed, in at least {MIN_JUSTIFICATION_DISTINCT_WORDS} different words that say something (`TODO`, `lorem ipsum`, keyboard runs such as `asdf` and test words do not count)"
    )]
    Placeholder {
        what: String,
        /// The marker or the words that make it one (`` `todo` ``).
        found: String,
    },
}

use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// True for characters no reader sees: controls (C0, DEL, C1), format characters
/// (Unicode general category Cf), default-ignorable code points (Hangul fillers U+115F,
/// U+1160, U+3164, U+FFA0 among them) and blank-rendering symbols (Braille pattern
/// blank U+2800, musical symbol null notehead U+1D159).
pub fn is_invisible(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(
            u,
            0x00AD
                | 0x034F
                | 0x061C
                | 0x0600..=0x0605
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x2800
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D159
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// True for a character a reader sees on its own: not invisible, not whitespace and not
/// a combining mark (which only decorates the character before it).
fn is_visible_base(c: char) -> bool {
    !is_invisible(c) && !c.is_whitespace() && !is_combining_mark(c)
}

/// The text a reader sees: grapheme clusters without a visible base character removed
/// (invisible characters, marks on nothing), invisible characters removed from the
/// rest, every run of whitespace (Unicode White_Space, so no-break and ideographic
/// spaces too) folded to one space, no space at either end.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for g in text.graphemes(true) {
        if !g.chars().any(is_visible_base) {
            if g.chars().any(char::is_whitespace) {
                space = !out.is_empty();
            }
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(
            g.chars()
                .filter(|&c| !is_invisible(c) && !c.is_whitespace()),
        );
    }
    out
}

/// Visible characters (grapheme clusters) and words of `text`.
pub fn measure(text: &str) -> Measure {
    let seen = visible(text);
    Measure {
        chars: seen.graphemes(true).count(),
        words: seen
            .split(' ')
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count(),
    }
}

/// Check a justification or reason: at least [`MIN_JUSTIFICATION_CHARS`] visible
/// characters in at least [`MIN_JUSTIFICATION_WORDS`] words, not repeating itself, and
/// no placeholder ([`placeholder`]: `TODO: write a justification`, `lorem ipsum`,
/// `qwertyuiop asdfghjkl`; [`deferred`]: `to be confirmed by legal`, `wird
/// nachgereicht`). `what` names the text in the error ("the reason", "the
/// justification").
///
/// Errors: [`WrittenError::Blank`] when nothing is visible, [`WrittenError::TooShort`],
/// [`WrittenError::Repetitive`], [`WrittenError::Placeholder`].
pub fn check_justification(what: &str, text: &str) -> Result<(), WrittenError> {
    check_control(what, text)?;
    check_sentence(what, text)?;
    check_placeholder(what, text)
}

/// The length and repetition checks of [`check_justification`].
fn check_sentence(what: &str, text: &str) -> Result<(), WrittenError> {
    let m = measure(text);
    if m.chars == 0 {
        return Err(WrittenError::Blank { what: what.into() });
    }
    if m.chars < MIN_JUSTIFICATION_CHARS || m.words < MIN_JUSTIFICATION_WORDS {
        return Err(WrittenError::TooShort {
            what: what.into(),
            chars: m.chars,
            words: m.words,
        });
    }
    let words = lower_words(text);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for w in &words {
        match counts.iter_mut().find(|(c, _)| c == w) {
            Some((_, n)) => *n += 1,
            None => counts.push((w, 1)),
        }
    }
    let (most, times) = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(("", 0), |&(w, n)| (w, n));
    if counts.len() < MIN_JUSTIFICATION_DISTINCT_WORDS || times * 2 > words.len() {
        return Err(WrittenError::Repetitive {
            what: what.into(),
            distinct: counts.len(),
            words: words.len(),
            most: most.to_string(),
            times,
        });
    }
    Ok(())
}

/// The placeholder check of [`check_justification`]: filler and markers
/// ([`placeholder`]), then a reason put off until later ([`deferred`]: `da completare in
/// seguito`, `justification pending from marketing team`).
fn check_placeholder(what: &str, text: &str) -> Result<(), WrittenError> {
    let found = placeholder::placeholder(&lower_words(text)).or_else(|| deferred::deferred(text));
    match found {
        Some(found) => Err(WrittenError::Placeholder {
            what: what.into(),
            found,
        }),
        None => Ok(()),
    }
}

/// [`check_justification`] for the justification of an unlock of `subject` (a field
/// name, `tags:religion`): besides that check, it needs
/// [`MIN_JUSTIFICATION_DISTINCT_WORDS`] different words that are not the subject's own
/// words, so `religion tags religion tags religion` or `unlock the age` cannot pass
/// for a reason.
///
/// Errors: as [`check_justification`], and [`WrittenError::OnlySubject`] (said before a
/// placeholder, as the more precise of the two).
pub fn check_justification_about(
    what: &str,
    text: &str,
    subject: &str,
) -> Result<(), WrittenError> {
    check_control(what, text)?;
    check_sentence(what, text)?;
    let named = lower_words(subject);
    let mut other: Vec<String> = lower_words(text)
        .into_iter()
        .filter(|w| !named.contains(w))
        .collect();
    other.sort_unstable();
    other.dedup();
    if other.len() < MIN_JUSTIFICATION_DISTINCT_WORDS {
        return Err(WrittenError::OnlySubject {
            what: what.into(),
            named: named.join(", "),
        });
    }
    check_placeholder(what, text)
}

/// The words of the visible text of `text`, lower-cased: runs of letters and digits
/// (punctuation, `_`, `:` and `-` separate words, so `tags:religion` is two).
fn lower_words(text: &str) -> Vec<String> {
    visible(text)
        .split(|c: char| !c.is_alphanumeric() && !is_combining_mark(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_lowercase)
        .collect()
}

/// Check a name or note: some visible text, and no control character.
///
/// Errors: [`WrittenError::Control`], [`WrittenError::Blank`].
pub fn check_present(what: &str, text: &str) -> Result<(), WrittenError> {
    check_control(what, text)?;
    if measure(text).chars == 0 {
        return Err(WrittenError::Blank { what: what.into() });
    }
    Ok(())
}

/// Check a sign-off's name or note ([`check_present`]) and refuse one of at most
/// [`MAX_SHORT_PLACEHOLDER_WORDS`] words that puts things off (`TBD`, `to be
/// confirmed`, `TBC by legal`): a sign-off names a person and is given now. A name is
/// also refused when it is one of [`NAME_PLACEHOLDERS`] (`TODO`, `xxx`, `N/A`); a note is not
/// (`ok` is a note). Longer texts are left alone (`Approved; discount amount to be
/// confirmed` is a note).
///
/// Errors: as [`check_present`], and [`WrittenError::Placeholder`].
pub fn check_named(what: &str, text: &str, is_name: bool) -> Result<(), WrittenError> {
    check_present(what, text)?;
    if measure(text).words > MAX_SHORT_PLACEHOLDER_WORDS {
        return Ok(());
    }
    let words = lower_words(text).join(" ");
    let found = deferred::deferred(text).or_else(|| {
        (is_name && NAME_PLACEHOLDERS.contains(&words.as_str()))
            .then(|| format!("`{words}`, no person's name"))
    });
    match found {
        Some(found) => Err(WrittenError::Placeholder {
            what: what.into(),
            found,
        }),
        None => Ok(()),
    }
}

/// Sign-off names that name nobody ([`check_named`]), lower case, words joined by one
/// space (`N/A` is `n a`).
const NAME_PLACEHOLDERS: &[&str] = &[
    "todo",
    "xxx",
    "x",
    "n a",
    "na",
    "test",
    "tester",
    "unknown",
    "someone",
    "somebody",
    "anonymous",
    "anon",
    "nobody",
    "none",
    "name",
    "your name",
    "reviewer",
    "lorem ipsum",
    "asdf",
    "me",
    "admin",
    "user",
    "?",
];

/// The most words a sign-off name or note may have and still be refused as a
/// placeholder ([`check_named`]).
pub const MAX_SHORT_PLACEHOLDER_WORDS: usize = 4;

/// Refuse the first control or bidi override character of `text`
/// ([`crate::text::is_unsafe`]), at the edges too: not every caller trims what it
/// stores (the upgrade reason is kept as given).
///
/// Errors: [`WrittenError::Control`].
pub fn check_control(what: &str, text: &str) -> Result<(), WrittenError> {
    match text
        .chars()
        .enumerate()
        .find(|&(_, c)| crate::text::is_unsafe(c))
    {
        Some((i, c)) => Err(WrittenError::Control {
            what: what.into(),
            name: crate::message::clean::describe_char(c),
            at: i + 1,
        }),
        None => Ok(()),
    }
}

#[path = "written_placeholder.rs"]
mod placeholder;

#[path = "written_deferred.rs"]
mod deferred;

#[cfg(test)]
#[path = "written_tests.rs"]
mod tests;
