//! Properties: checking never panics on arbitrary input, and merge values are printed
//! exactly as given (no evaluation, no escaping) in plain text, unless they are
//! placeholders (`n/a`, `-`), which print as blank.

mod support;

use proptest::prelude::*;
use support::{record, text};
use tactful::message::placeholder::is_placeholder_value;
use tactful::message::{BodyFormat, PolicyScope, check};

/// Fragments that make the scanner and parser work: tags, strings, filters, Liquid
/// colons, comments, raw blocks, unterminated pieces, multi-byte text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{".to_string()),
        Just("}}".to_string()),
        Just("{%".to_string()),
        Just("%}".to_string()),
        Just("{#".to_string()),
        Just("#}".to_string()),
        Just("|".to_string()),
        Just(":".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(" first_name ".to_string()),
        Just(" default".to_string()),
        Just(" date".to_string()),
        Just(" raw ".to_string()),
        Just(" endraw ".to_string()),
        Just(" if ".to_string()),
        Just(" endif ".to_string()),
        Just("zoë 👋\n".to_string()),
        "[a-z ]{0,4}",
    ]
}

proptest! {
    #[test]
    fn check_never_panics(parts in prop::collection::vec(fragment(), 0..24)) {
        let src = parts.concat();
        let fields = [text("first_name")];
        if let Ok(t) = check(&src, BodyFormat::Plain, &fields, &PolicyScope::outside_campaign()) {
            let _ = t.render(&record(&[("first_name", "Ana")]));
        }
    }

    #[test]
    fn plain_values_print_as_typed(value in "[^\\p{Cc}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]{1,40}") {
        prop_assume!(!value.trim().is_empty());
        // A placeholder (`!`, `n/a`, `*|FNAME|*`) prints as blank, by design (G16).
        prop_assume!(!is_placeholder_value(&value, "first_name"));
        let t = check(
            "<{{ first_name }}>",
            BodyFormat::Plain,
            &[text("first_name")],
            &PolicyScope::outside_campaign(),
        )
        .unwrap();
        let r = t.render(&record(&[("first_name", &value)])).unwrap();
        prop_assert_eq!(r.text, format!("<{value}>"));
    }
}
