//! The literal text of a template: what every recipient reads whatever their data,
//! the words outside `{{ … }}` and `{% … %}` tags and `{# … #}` comments, the
//! fallback text of `default("…")` (printed when a merge field is blank), and the
//! strings an output tag prints or a `set`, `for` or `with` tag names (`{{ "Muslim" }}`).
//!
//! Review reads it for words that say something sensitive about every recipient
//! (`Eid Mubarak to our Muslim customers`, `As a fellow diabetic`: session-10 trial
//! F23; [`crate::review::text`]). Merge field names and the values compared in tags are
//! not literal text: those are judged as field and value uses.

use super::scan::{self, TokenKind};

/// The pieces of literal text in template `source`, in order: each run of text between
/// tags with its comments left out, then each `default` filter's literal fallback and
/// each string an output, `set`, `for` or `with` tag holds.
pub fn literal_text(source: &str) -> Vec<String> {
    let tags = scan::tags(source);
    let mut out = Vec::new();
    let mut from = 0;
    for tag in &tags {
        if tag.start > from {
            push_text(&source[from..tag.start], &mut out);
        }
        from = from.max(tag.end);
    }
    if from < source.len() {
        push_text(&source[from..], &mut out);
    }
    for tag in &tags {
        // A string an output tag prints (`{{ "Muslim" }}`, `{{ "diabetic" | upper }}`)
        // or a `set`, `for` or `with` tag gives a name to print is read by everyone:
        // literal text as much as the words around the tags (session-10 trial H12). A
        // string an `if` compares is a value use, judged as such.
        let printed = source[tag.start..].starts_with("{{")
            || matches!(tag.ident(0), Some("set" | "for" | "with"));
        for (i, token) in tag.tokens.iter().enumerate() {
            let TokenKind::Str(text) = &token.kind else {
                continue;
            };
            let fallback = i >= 3
                && tag.is_punct(i - 1, '(')
                && tag.ident(i - 2) == Some("default")
                && tag.is_punct(i - 3, '|');
            if fallback || printed {
                out.push(text.clone());
            }
        }
    }
    out
}

/// `text` without its `{# … #}` comments, pushed to `out` when anything is left.
fn push_text(text: &str, out: &mut Vec<String>) {
    let mut rest = text;
    let mut kept = String::new();
    while let Some(open) = rest.find("{#") {
        kept.push_str(&rest[..open]);
        match rest[open..].find("#}") {
            Some(close) => rest = &rest[open + close + 2..],
            None => {
                rest = "";
            }
        }
    }
    kept.push_str(rest);
    if !kept.trim().is_empty() {
        out.push(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_tags_comments_and_fallbacks_is_literal() {
        assert_eq!(
            literal_text("Hi {{ first_name | default(\"fellow diabetic\") }}, {# note #}eat well"),
            ["Hi ", ", eat well", "fellow diabetic"]
        );
        assert_eq!(
            literal_text("{% if \"muslim\" in tags %}Eid{% endif %}"),
            ["Eid"]
        );
        assert_eq!(literal_text("{{ diabetic_flag }}"), Vec::<String>::new());
    }

    /// Session-10 trial H12: strings printed from tags are read by every recipient.
    #[test]
    fn strings_printed_or_named_in_tags_are_literal() {
        assert_eq!(
            literal_text("A note for our {{ \"Muslim\" }} customers"),
            ["A note for our ", " customers", "Muslim"]
        );
        assert_eq!(literal_text("{{ \"diabetic\" | upper }}"), ["diabetic"]);
        assert_eq!(
            literal_text("{% set w = \"pregnant\" %}You are {{ w }}"),
            ["You are ", "pregnant"]
        );
        assert_eq!(
            literal_text("{% for d in [\"halal\", \"kosher\"] %}{{ d }}{% endfor %}"),
            ["halal", "kosher"]
        );
    }
}
