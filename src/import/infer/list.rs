//! Items of a list cell, as the platforms write them: `vip, gold`, a JSON list
//! (`["vip","swim"]`, Klaviyo's `Shopify Tags`) or double-quoted items (`"VIP","Newsletter"`,
//! Mailchimp's `TAGS`). Minimal on purpose: the general splitter (`;` and `|` separators)
//! belongs to the import robustness work (issue 9, item 6) and replaces this.

/// The non-blank items of `value`, trimmed, quotes removed.
pub fn items(value: &str) -> Vec<String> {
    let v = value.trim();
    if v.starts_with('[')
        && let Ok(list) = serde_json::from_str::<Vec<serde_json::Value>>(v)
    {
        return list
            .iter()
            .map(|item| match item {
                serde_json::Value::String(s) => s.trim().to_string(),
                other => other.to_string(),
            })
            .filter(|s| !s.is_empty())
            .collect();
    }
    let mut out = Vec::new();
    let mut item = String::new();
    let mut quoted = false;
    for c in v.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    out.push(item);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::items;

    #[test]
    fn platform_list_cells() {
        assert_eq!(items(" vip ,gold,, "), ["vip", "gold"]);
        assert_eq!(items(r#""VIP","Newsletter""#), ["VIP", "Newsletter"]);
        assert_eq!(items(r#""Early, bird","x""#), ["Early, bird", "x"]);
        assert_eq!(items(r#"["vip","swim"]"#), ["vip", "swim"]);
        assert_eq!(items("[]"), Vec::<String>::new());
        // Not JSON after all: read as plain items.
        assert_eq!(items("[draft, x"), ["[draft", "x"]);
    }
}
