//! Where a value is being typed in a rule: after `FIELD is`, `is not`, `=`, `!=`,
//! `has`, `contains`, `starts with` or `ends with` (with or without the opening quote
//! typed), or inside the list of `in (`, `not in (`, `has any (` and `has all (` (after
//! the `(` or a `,`). The operators are the parser's (`segment::parse`); field names are
//! its word characters (ASCII letters, digits, `_`).
//!
//! Pure text work: the editor asks the field's most common values for the spot and
//! replaces [`ValueSpot::start`]`..cursor` with the chosen value written as a literal.

/// A value being typed at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueSpot {
    /// The field named before the operator, as typed.
    pub field: String,
    /// Character index where the value starts (its opening quote when typed).
    pub start: usize,
    /// What is typed of the value so far (without the quote).
    pub typed: String,
    /// True when an opening quote is typed and not yet closed.
    pub in_quote: bool,
}

/// Operators a single value follows, longest first so `is not` wins over `is`.
const SINGLE: [&str; 8] = [
    "starts with",
    "ends with",
    "contains",
    "is not",
    "has",
    "is",
    "!=",
    "=",
];

/// Operators a `(` list of values follows.
const LIST: [&str; 4] = ["not in", "has any", "has all", "in"];

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `text` ends with operator `op` (ignoring case), as a whole word when it is one; the
/// text before it.
fn strip_op<'t>(text: &'t str, op: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(op.len())?;
    if !text.is_char_boundary(cut) || !text[cut..].eq_ignore_ascii_case(op) {
        return None;
    }
    let before = &text[..cut];
    let word_op = op.starts_with(is_word);
    if word_op && before.ends_with(is_word) {
        return None;
    }
    Some(before)
}

/// The field name ending `text` (after trailing space), if it is one.
fn field_before(text: &str) -> Option<String> {
    let text = text.trim_end();
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map(|(i, _)| i)?;
    let name = &text[start..];
    (!name.starts_with(|c: char| c.is_ascii_digit())).then(|| name.to_string())
}

/// Where a value is typed at character `cursor` of `text`, if it is.
pub fn value_spot(text: &str, cursor: usize) -> Option<ValueSpot> {
    let before: Vec<char> = text.chars().take(cursor).collect();
    // Walk the text before the cursor: where an unclosed quote opened, and the `(`
    // lists still open outside quotes.
    let mut quote: Option<usize> = None;
    let mut open_lists: Vec<usize> = Vec::new();
    let mut escaped = false;
    for (i, c) in before.iter().enumerate() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(_), '"') => quote = None,
            (Some(_), _) => {}
            (None, '"') => quote = Some(i),
            (None, '(') => open_lists.push(i),
            (None, ')') => {
                open_lists.pop();
            }
            (None, _) => {}
        }
    }
    let (start, typed) = match quote {
        Some(q) => (q, before[q + 1..].iter().collect::<String>()),
        None => {
            let n = before
                .iter()
                .rev()
                .take_while(|c| !c.is_whitespace() && !"(),\"=<>!".contains(**c))
                .count();
            let start = before.len() - n;
            (start, before[start..].iter().collect())
        }
    };
    let prefix: String = before[..start].iter().collect();
    let prefix = prefix.trim_end();
    let spot = |field: String| ValueSpot {
        field,
        start,
        typed: typed.clone(),
        in_quote: quote.is_some(),
    };
    if prefix.ends_with(['(', ',']) {
        let open = *open_lists.last()?;
        let head: String = before[..open].iter().collect();
        let head = head.trim_end();
        return LIST
            .iter()
            .find_map(|op| strip_op(head, op))
            .and_then(field_before)
            .map(spot);
    }
    SINGLE
        .iter()
        .find_map(|op| strip_op(prefix, op))
        .and_then(field_before)
        .map(spot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Option<(String, usize, String)> {
        value_spot(text, text.chars().count()).map(|s| (s.field, s.start, s.typed))
    }

    #[test]
    fn a_value_after_an_operator() {
        // `country is "` : the quote is character 11.
        assert_eq!(
            at_end("country is \""),
            Some(("country".into(), 11, String::new()))
        );
        assert_eq!(
            at_end("city = \"Ber"),
            Some(("city".into(), 7, "Ber".into()))
        );
        assert_eq!(at_end("tags has "), Some(("tags".into(), 9, String::new())));
        assert_eq!(
            at_end("x and city IS NOT Lo"),
            Some(("city".into(), 18, "Lo".into()))
        );
    }

    #[test]
    fn a_value_inside_a_list() {
        // `city in ("Berlin", ` : the list opens at 8; the next value starts at 19.
        assert_eq!(
            at_end("city in (\"Berlin\", "),
            Some(("city".into(), 19, String::new()))
        );
        assert_eq!(
            at_end("tags has any (\"v"),
            Some(("tags".into(), 14, "v".into()))
        );
    }

    #[test]
    fn no_value_elsewhere() {
        assert_eq!(at_end("coun"), None);
        assert_eq!(at_end("city is \"Berlin\""), None, "the value is closed");
        assert_eq!(at_end("city is \"Berlin\" and "), None);
        assert_eq!(at_end("this "), None, "`is` inside a word is no operator");
        assert_eq!(at_end("(city is \"a\") or ("), None);
    }
}
