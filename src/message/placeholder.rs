//! Placeholders: a fallback, or a contact's value, that is no text a recipient should
//! read ("Hi ...", "Hi TODO", "Hi [name]", "Hi n/a", "Hi *|FNAME|*") counts like none.
//!
//! PRODUCT.md promises that "Hi ," never ships; "Hi ..." and "Hi n/a" are the same hole
//! with text in it. A placeholder is recognised by its shape, not only by a list: after
//! removing whitespace, control and invisible format characters (zero-width space, soft
//! hyphen, bidi marks), it is only punctuation (`...`, `…`, `---`, `?`); or text in
//! brackets or another tool's merge-tag syntax (`[name]`, `<first name>`, `{name}`,
//! `%NAME%`, `*|FNAME|*`, `{{ name }}`, but not template code such as `{{ 7*7 }}`); or a run of `x` (`xxx`); or a word people
//! type as a stand-in (`TODO`, `TBD`, `null`, `unknown`, the merge tag names of common
//! tools such as `FNAME`); or the merge field's own name (`first_name`, `First Name`).
//!
//! Fallbacks ([`is_placeholder`]) are also placeholders when empty, in parentheses, or
//! one of the words that a real value can be (`NA` and `Nan` are names, `ABC` a
//! company). Values ([`is_placeholder_value`]) are also placeholders when they are the
//! `0`, `n/a` or `NaN` spreadsheets and scripts write for "nothing", or an Excel error
//! (`#N/A`). Fallbacks are judged by the `default` filter when it prints one (so
//! coverage counts the recipient as getting nothing: a review blocker) and by the TUI's
//! merge-field picker before it inserts one; values by the renderer, which treats a
//! placeholder value as blank (its fallback prints) while the workspace keeps it.

use std::borrow::Cow;

use words::{FALLBACK_STAND_INS, NOTHING_EXACT, NOTHING_WRITTEN, STAND_INS};

mod memo;
mod words;

/// Pairs that enclose a stand-in in templates of people and of other tools (GOV.UK
/// Notify's `((first_name))`, ERB's `<%= first_name %>`).
const TAGS: [(&str, &str); 8] = [
    ("((", "))"),
    ("<%=", "%>"),
    ("[", "]"),
    ("<", ">"),
    ("{", "}"),
    ("%", "%"),
    ("#", "#"),
    ("*|", "|*"),
];

/// Longest text, in bytes, compared with the word lists once whitespace is gone (the
/// longest word, `notapplicable`, has 13, `n.v.t.` keeps its dots).
const MAX_WORD: usize = 24;

/// Characters that show nothing: Unicode general category Cf (format) as it occurs in
/// pasted text, plus controls.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Punctuation people use as "something goes here".
fn is_filler(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '…' | '‥' | '·' | '–' | '—' | '•')
}

/// Separators people put inside words: `First-Name`, `N.A.`, `first_name`.
fn is_separator(b: u8) -> bool {
    matches!(b, b'_' | b'-' | b'.' | b'/')
}

/// The characters of `s` lower-cased, without whitespace and separators, as an
/// iterator compared lazily: most values differ from the field's name at the first.
fn squeezed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !c.is_whitespace() && !u8::try_from(*c).is_ok_and(is_separator))
        .flat_map(char::to_lowercase)
}

/// A short ASCII text lower-cased without whitespace, kept on the stack: the renderer
/// judges every merge value of every contact, so this must not allocate.
struct Folded {
    bytes: [u8; MAX_WORD],
    len: usize,
}

impl Folded {
    /// `text` folded, without separators too when `squeeze` (`N/A`, `First-Name` and
    /// `Not Set` give `na`, `firstname` and `notset`); `None` when it holds a character
    /// other than ASCII or is longer than [`MAX_WORD`]: no listed word can be it.
    fn new(text: &str, squeeze: bool) -> Option<Folded> {
        let mut folded = Folded {
            bytes: [0; MAX_WORD],
            len: 0,
        };
        for b in text.bytes() {
            if b.is_ascii_whitespace() || (squeeze && is_separator(b)) {
                continue;
            }
            if !b.is_ascii() || folded.len == MAX_WORD {
                return None;
            }
            folded.bytes[folded.len] = b.to_ascii_lowercase();
            folded.len += 1;
        }
        Some(folded)
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Whether the folded text is one of `words`, sorted by length, then bytes.
    fn is_in(&self, words: &[&str]) -> bool {
        words
            .binary_search_by(|w| {
                (w.len().cmp(&self.len)).then_with(|| w.as_bytes().cmp(self.as_bytes()))
            })
            .is_ok()
    }

    /// Whether it is a run of two or more `x` (`xxx`, `XX XX`).
    fn is_x_run(&self) -> bool {
        self.len >= 2 && self.as_bytes().iter().all(|&b| b == b'x')
    }

    /// Whether it is `field`, the merge field's name, squeezed alike (`First Name` in
    /// `first_name`: a header row inside the data, or a tag nobody filled in).
    fn is_name_of(&self, field: &str) -> bool {
        field
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && !is_separator(*b))
            .map(|b| b.to_ascii_lowercase())
            .eq(self.as_bytes().iter().copied())
    }
}

/// `s` without invisible characters and surrounding whitespace; borrowed when it has
/// none, as nearly every value has.
fn visible(s: &str) -> Cow<'_, str> {
    let suspect = s.bytes().any(|b| !(0x20..0x7f).contains(&b));
    if suspect && s.chars().any(is_invisible) {
        let kept: String = s.chars().filter(|c| !is_invisible(*c)).collect();
        Cow::Owned(kept.trim().to_string())
    } else {
        Cow::Borrowed(s.trim())
    }
}

/// The shapes fallbacks and values share: only punctuation, a merge tag or bracketed
/// text, a `$variable`, a run of `x`, a stand-in word or the field's own name. `text`
/// is [`visible`] and not empty.
fn is_stand_in(text: &str, field: &str) -> bool {
    if text.chars().all(|c| c.is_whitespace() || is_filler(c)) {
        return true;
    }
    // Around words only: `{{ 7*7 }}` and `{% raw %}` are template code, printed as
    // written (a `{{ name }}` inside is caught below). A sigil before the tag is
    // another tool's syntax: `${first_name}`, `#{first_name}`, `@{first_name}`
    // (new-user trial 9, L-G16).
    let tag = text
        .strip_prefix(['$', '#', '@'])
        .filter(|rest| rest.starts_with(['{', '[', '(']))
        .unwrap_or(text);
    let enclosed = TAGS.iter().any(|(open, close)| {
        tag.len() > open.len() + close.len()
            && tag
                .strip_prefix(open)
                .and_then(|rest| rest.strip_suffix(close))
                .is_some_and(is_name_like)
    });
    // `$name` (a variable of another tool), not `$5 off`.
    let variable = text.strip_prefix('$').is_some_and(|rest| {
        rest.chars().next().is_some_and(char::is_alphabetic)
            && rest.chars().all(|c| c.is_alphanumeric() || c == '_')
    });
    let tag_inside = text.bytes().any(|b| b == b'{' || b == b'*')
        && !text.contains("{%")
        && (names_inside(text, "{{", "}}") || names_inside(text, "*|", "|*"));
    if enclosed || variable || tag_inside {
        return true;
    }
    match Folded::new(text, true) {
        Some(w) => w.is_x_run() || w.is_in(&STAND_INS) || w.is_name_of(field),
        // Long or not ASCII: no listed word, but maybe a long run of `x` or the name.
        None => {
            let mut letters = 0;
            let x_run = squeezed(text).all(|c| {
                letters += 1;
                c == 'x'
            });
            (x_run && letters >= 2) || squeezed(text).eq(squeezed(field))
        }
    }
}

/// Whether `text` holds a merge tag of another run around a bare name (`{{ first_name }}`,
/// `*|FNAME|*`): a tag nobody replaced. Template code such as `{{ 7*7 }}`, or any
/// value with a `{% … %}` statement, is no stand-in: it prints as written (values are
/// never run).
fn names_inside(text: &str, open: &str, close: &str) -> bool {
    text.split(open).skip(1).any(|rest| {
        rest.split_once(close)
            .is_some_and(|(inside, _)| is_name_like(inside))
    })
}

/// Whether `inside`, the text between a tag's marks, is words (`first name`, `FNAME`,
/// `N/A`), not template code (`7*7`, `% raw %`).
fn is_name_like(inside: &str) -> bool {
    // Smarty's and PHP's `{$first_name}`.
    let name = inside.trim();
    let name = name.strip_prefix('$').unwrap_or(name);
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | ' ' | '/' | '\''))
}

/// Whether `fallback`, the fallback of merge field `field`, is a placeholder rather than
/// text for recipients to read (see the module documentation for the shapes).
pub fn is_placeholder(fallback: &str, field: &str) -> bool {
    let text = visible(fallback);
    let parenthesised = text.len() > 2 && text.starts_with('(') && text.ends_with(')');
    text.is_empty()
        || parenthesised
        || is_stand_in(&text, field)
        || Folded::new(&text, true).is_some_and(|w| w.is_in(&FALLBACK_STAND_INS))
}

/// Whether `value`, a contact's value of merge field `field`, is a placeholder that
/// stands for no value (`n/a`, `-`, `0`, `null`, `*|FNAME|*`; see the module
/// documentation). A blank value is not a placeholder: it is blank.
///
/// Asked for every merge value of every contact, several times each: answers for short
/// values are kept per thread ([`memo`]).
pub fn is_placeholder_value(value: &str, field: &str) -> bool {
    memo::remembered(value, field, || judged_value(value, field))
}

/// [`is_placeholder_value`], judged.
fn judged_value(value: &str, field: &str) -> bool {
    let text = visible(value);
    if text.is_empty() {
        return false;
    }
    // Bare, or wrapped the way exports quote an empty marker: `(none)`, `"null"`.
    let inner = [('(', ')'), ('"', '"'), ('\'', '\'')]
        .iter()
        .find_map(|(open, close)| text.strip_prefix(*open)?.strip_suffix(*close))
        .map_or(&*text, str::trim);
    let written = || {
        inner.bytes().any(|b| matches!(b, b'/' | b'.' | b'#'))
            && Folded::new(inner, false).is_some_and(|f| f.is_in(&NOTHING_WRITTEN))
    };
    if is_name_word_as_name(inner) && is_name_field(field) {
        return false;
    }
    NOTHING_EXACT.contains(&inner)
        || written()
        || is_stand_in(inner, field)
        || (inner.len() < text.len() && is_stand_in(&text, field))
}

/// Whether `text` is one of the words that mean "nothing" but are real names too
/// (`Null`, `None`, `Nil`, `Void`, `Na`, `Nan`, `Blank`: Jennifer Null, a Korean `Na`),
/// written as a name is, capital then lower case. Lower case (`null`, JSON's) and
/// capitals (`NULL`, SQL's; `NA`, R's) are what programs write, so they stay stand-ins
/// (new-user trial 9, R4).
fn is_name_word_as_name(text: &str) -> bool {
    let mut chars = text.chars();
    let title = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_lowercase());
    title && NAME_WORDS.contains(&text.to_ascii_lowercase().as_str())
}

/// Stand-in words that are also surnames or given names (see [`is_name_word_as_name`]).
const NAME_WORDS: [&str; 8] = ["na", "nan", "nil", "nul", "null", "none", "void", "blank"];

/// Whether merge field `field` is a name by its name as the classifier reads a header
/// (`first_name`, `last_name`, `Nachname`, `full_name`: role name), remembered per
/// field: asked only of a value that is one of [`NAME_WORDS`].
fn is_name_field(field: &str) -> bool {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static SEEN: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&known) = seen.get(field) {
            return known;
        }
        let profile = crate::fields::classify::ValueProfile::new();
        let class = crate::fields::classify::classify(
            field,
            field,
            crate::fields::FieldType::Text,
            &profile,
        );
        let name = class.role == crate::fields::Role::Name;
        if seen.len() < 256 {
            seen.insert(field.to_string(), name);
        }
        name
    })
}

#[cfg(test)]
mod tests;
