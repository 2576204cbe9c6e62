//! Placeholder fallbacks: a fallback that is no text a recipient should read ("Hi ...",
//! "Hi TODO", "Hi [name]", "Hi FNAME", "Hi first_name") counts like no fallback at all.
//!
//! PRODUCT.md promises that "Hi ," never ships; "Hi ..." is the same hole with dots in
//! it. A placeholder is recognised by its shape, not only by a list: after removing
//! whitespace, control and invisible format characters (zero-width space, soft hyphen,
//! bidi marks), it is empty; or only punctuation (`...`, `…`, `---`, `?`); or text in
//! brackets or another tool's merge-tag syntax (`[name]`, `<first name>`, `{name}`,
//! `%NAME%`, `*|FNAME|*`, `{{ name }}`); or a run of `x` (`xxx`); or a word people
//! type as a stand-in (`TODO`, `TBD`, `n/a`, `null`, `placeholder`, the merge tag names
//! of common tools such as `FNAME`); or the merge field's own name (`first_name`,
//! `First Name`). Called by the `default` filter when it prints a fallback (so coverage
//! counts the recipient as getting nothing: a review blocker) and by the TUI's
//! merge-field picker before it inserts one.

/// Words people type where the real fallback should go, compared after lower-casing and
/// removing spaces, `_`, `-`, `.` and `/` (so `N/A`, `n.a.` and `First-Name` match).
const STAND_INS: [&str; 34] = [
    "todo",
    "tbd",
    "tbc",
    "fixme",
    "placeholder",
    "fallback",
    "default",
    "defaultvalue",
    "null",
    "none",
    "nil",
    "undefined",
    "nan",
    "na",
    "unknown",
    "value",
    "text",
    "yourtext",
    "name",
    "yourname",
    "insertname",
    "firstname",
    "fname",
    "lastname",
    "lname",
    "surname",
    "email",
    "loremipsum",
    "lorem",
    "test",
    "asdf",
    "foo",
    "xyz",
    "abc",
];

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

/// `s` lower-cased without whitespace and the separators people put inside words.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `fallback`, the fallback of merge field `field`, is a placeholder rather than
/// text for recipients to read (see the module documentation for the shapes).
pub fn is_placeholder(fallback: &str, field: &str) -> bool {
    let visible: String = fallback.chars().filter(|c| !is_invisible(*c)).collect();
    let text = visible.trim();
    if text.chars().all(|c| c.is_whitespace() || is_filler(c)) {
        return true;
    }
    let enclosed = [
        ("[", "]"),
        ("<", ">"),
        ("{", "}"),
        ("(", ")"),
        ("%", "%"),
        ("#", "#"),
        ("*|", "|*"),
    ]
    .iter()
    .any(|(open, close)| {
        text.len() > open.len() + close.len() && text.starts_with(open) && text.ends_with(close)
    });
    // `$name` (a variable of another tool), not `$5 off`.
    let variable = text.strip_prefix('$').is_some_and(|rest| {
        rest.chars().next().is_some_and(char::is_alphabetic)
            && rest.chars().all(|c| c.is_alphanumeric() || c == '_')
    });
    if enclosed || variable || text.contains("{{") || text.contains("*|") || text.contains("{%") {
        return true;
    }
    let squeezed = squeeze(text);
    if squeezed.len() >= 2 && squeezed.chars().all(|c| c == 'x') {
        return true;
    }
    STAND_INS.contains(&squeezed.as_str()) || squeezed == squeeze(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_from_the_issue_are_recognised() {
        for p in [
            "",
            " ",
            "...",
            "…",
            "TODO",
            "xxx",
            "[name]",
            "FNAME",
            "first_name",
        ] {
            assert!(is_placeholder(p, "first_name"), "{p:?}");
        }
    }

    #[test]
    fn placeholder_shapes_beyond_the_list() {
        for p in [
            "\u{200b}",
            "\u{ad}\u{ad}",
            "---",
            "?",
            "<first name>",
            "{name}",
            "%FIRSTNAME%",
            "*|FNAME|*",
            "{{ first_name }}",
            "N/A",
            "n.a.",
            "XXX XX",
            "First Name",
            "city",
            "T O D O",
            "$first_name",
        ] {
            assert!(is_placeholder(p, "city"), "{p:?}");
        }
    }

    #[test]
    fn real_fallbacks_are_not_placeholders() {
        for p in [
            "there",
            "friend",
            "valued customer",
            "Kunde",
            "cher client",
            "👋",
            "your city",
            "Max",
            "x",
            "$5 off",
        ] {
            assert!(!is_placeholder(p, "first_name"), "{p:?}");
        }
    }
}
