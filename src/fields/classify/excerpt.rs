//! Short excerpts of long values, and the parts of a value that are not prose.
//!
//! A reason or a refusal names the word it matched and a few words around it, never a
//! whole support ticket (new-user trial H5: the `fields` reason of a ticket column was
//! one 3,000-character line quoting whole cells). And a link's query string
//! (`?eid=1&p=3`) is a machine's key, not a word anyone wrote: `eid` there is no Eid.

use std::borrow::Cow;

/// Longest value shown whole; longer values are shown as an [`excerpt`].
pub const SHOWN_CHARS: usize = 60;
/// Characters kept before the matched word in an excerpt.
const BEFORE: usize = 20;

/// `value` as a reason shows it: whole when it is at most [`SHOWN_CHARS`] characters on
/// one line, otherwise an excerpt of at most about that many characters around the
/// first place `term` (or its first word) is written, case ignored, with `…` where it
/// was cut; line breaks and runs of spaces read as one space.
pub fn excerpt(value: &str, term: &str) -> String {
    let flat: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = flat.chars().collect();
    if chars.len() <= SHOWN_CHARS {
        return flat;
    }
    let lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    let first = term.split_whitespace().next().unwrap_or(term);
    let needle: Vec<char> = first.chars().map(|c| c.to_ascii_lowercase()).collect();
    let at = if needle.is_empty() {
        0
    } else {
        lower
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .unwrap_or(0)
    };
    let start = at.saturating_sub(BEFORE);
    let end = (start + SHOWN_CHARS).min(chars.len());
    let start = end.saturating_sub(SHOWN_CHARS).min(start);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// `value` without the query strings and fragments of the links in it
/// (`http://x.com?eid=1&p=2` reads `http://x.com`): parameter names are codes, not
/// words. Borrowed when there is no link.
pub fn without_link_queries(value: &str) -> Cow<'_, str> {
    if !value.contains("://") && !value.contains("www.") {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(pos) = rest.find(|c: char| !c.is_whitespace()) {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        if token.contains("://") || token.starts_with("www.") {
            let cut = token.find(['?', '#']).unwrap_or(token.len());
            out.push_str(&token[..cut]);
        } else {
            out.push_str(token);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_shown_whole_and_long_ones_around_the_word() {
        assert_eq!(
            excerpt("diabetic, needs\nsugar-free", "diabetic"),
            "diabetic, needs sugar-free"
        );
        let long = "I'm having an issue with the product. Please assist. Note that this product is not recommended for pregnant women whose pregnancies are likely";
        let e = excerpt(long, "pregnant");
        assert!(e.contains("pregnant"), "{e}");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.chars().count() <= SHOWN_CHARS + 2, "{e}");
    }

    #[test]
    fn link_queries_are_dropped_and_other_text_kept() {
        assert_eq!(
            without_link_queries("see http://x.com?eid=1&p=2 now"),
            "see http://x.com now"
        );
        assert_eq!(without_link_queries("Eid Mubarak"), "Eid Mubarak");
        assert_eq!(without_link_queries("www.a.com/#eid x"), "www.a.com/ x");
    }
}
