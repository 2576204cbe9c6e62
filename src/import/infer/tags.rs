//! Tag cells as platforms write them, split into whole tags.
//!
//! Forms read (case BR-39 and issue 9):
//! - separated by `,` `;` or `|` (`VIP, Wholesale`, `vip;gold`, `a|b`);
//! - a JSON list (`["VIP","Newsletter"]`, Klaviyo's `Shopify Tags`);
//! - Mailchimp's quoted items inside the cell (`"VIP","Newsletter"`), where a `;` or
//!   `|` inside quotes belongs to the tag.
//!
//! Every tag is trimmed of whitespace and of the quotes around it; blank tags are
//! dropped; a space inside a tag stays (`Newsletter Subscriber` is one tag). Tags are
//! stored joined by `", "` (see `workspace::sqlfn::has_tag`), so a `,` inside a JSON
//! or quoted item cannot survive storage: it splits the item like any separator.

/// The tags of one cell, in order, without duplicates (compared ignoring case).
pub fn split_tags(cell: &str) -> Vec<String> {
    let cell = cell.trim();
    let items = json_list(cell).unwrap_or_else(|| quoted_items(cell));
    let mut out: Vec<String> = Vec::new();
    for item in items {
        // Storage splits on `,` only, so `;` and `|` inside a quoted item may stay.
        for part in item.split(',') {
            let tag = unquote(part.trim().trim_matches('"').trim());
            if !tag.is_empty() && !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                out.push(tag.to_string());
            }
        }
    }
    out
}

/// True when `cell` is a JSON list of strings (`["a","b"]`): a column of them is a
/// list field whatever its name.
pub fn is_json_list(cell: &str) -> bool {
    json_list(cell.trim()).is_some()
}

/// `'VIP'` without its pair of single quotes; an apostrophe alone stays (`'90s`).
fn unquote(tag: &str) -> &str {
    match tag.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Some(inner) => inner.trim(),
        None => tag,
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '|')
}

/// The items of a JSON list of strings (numbers are taken as their text).
fn json_list(cell: &str) -> Option<Vec<String>> {
    if !(cell.starts_with('[') && cell.ends_with(']')) {
        return None;
    }
    let items: Vec<serde_json::Value> = serde_json::from_str(cell).ok()?;
    items
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect()
}

/// Split on separators outside double quotes; the quotes stay for the caller to trim.
fn quoted_items(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in cell.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if is_separator(c) && !quoted => items.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    items.push(current);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(cell: &str) -> Vec<String> {
        split_tags(cell)
    }

    #[test]
    fn every_platform_form_gives_clean_whole_tags() {
        // Case BR-39 (Shopify), Mailchimp's TAGS cell, Klaviyo's JSON list.
        assert_eq!(
            tags("VIP, Wholesale, Newsletter Subscriber"),
            ["VIP", "Wholesale", "Newsletter Subscriber"]
        );
        assert_eq!(tags("\"VIP\",\"Newsletter\""), ["VIP", "Newsletter"]);
        assert_eq!(tags("[\"VIP\", \"Newsletter\"]"), ["VIP", "Newsletter"]);
        assert_eq!(tags("vip; gold ;silver"), ["vip", "gold", "silver"]);
        assert_eq!(tags("a|b | c"), ["a", "b", "c"]);
        assert_eq!(tags(" vip ,gold,, "), ["vip", "gold"]);
        assert_eq!(tags("\"a; b\",c"), ["a; b", "c"]);
        assert_eq!(tags("'90s, rock 'n' roll"), ["'90s", "rock 'n' roll"]);
        assert_eq!(tags("[]"), Vec::<String>::new());
        assert_eq!(tags("VIP, vip"), ["VIP"]);
        assert_eq!(tags("'VIP'"), ["VIP"]);
    }

    #[test]
    fn json_lists_are_recognised() {
        assert!(is_json_list("[\"a\",\"b\"]"));
        assert!(is_json_list(" [] "));
        assert!(!is_json_list("[a, b]"));
        assert!(!is_json_list("{\"a\":1}"));
    }
}
