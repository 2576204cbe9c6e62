//! The literal text of a template: what every recipient reads whatever their data,
//! the words outside `{{ … }}` and `{% … %}` tags and `{# … #}` comments, and the
//! fallback text of `default("…")` (printed when a merge field is blank).
//!
//! Review reads it for words that say something sensitive about every recipient
//! (`Eid Mubarak to our Muslim customers`, `As a fellow diabetic`: session-10 trial
//! F23; [`crate::review::text`]). Merge field names and the values compared in tags are
//! not literal text: those are judged as field and value uses.

use super::scan::{self, TokenKind};

/// The pieces of literal text in template `source`, in order: each run of text between
/// tags with its comments left out, then each `default` filter's literal fallback.
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
        for (i, token) in tag.tokens.iter().enumerate() {
            let TokenKind::Str(text) = &token.kind else {
                continue;
            };
            let fallback = i >= 3
                && tag.is_punct(i - 1, '(')
                && tag.ident(i - 2) == Some("default")
                && tag.is_punct(i - 3, '|');
            if fallback {
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
}
