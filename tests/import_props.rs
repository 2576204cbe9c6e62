//! Property tests: the sniffer recovers the delimiter of generated tables whose quoted
//! fields hold the other delimiters; the value cleaner is idempotent and leaves no edge
//! whitespace or control characters.

use proptest::prelude::*;
use tactful::import::normalise::{clean_value, is_edge_junk};
use tactful::import::sniff::{CANDIDATES, sniff};

/// A cell: plain word, or a quoted text holding any of the candidate delimiters.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}",
        "[0-9]{1,5}",
        "[a-z]{1,4}[,;|\t ][a-z]{1,4}".prop_map(|s| format!("\"{s}\"")),
        "[a-z]{0,3}\"[a-z]{0,3}".prop_map(|s| format!("\"{}\"", s.replace('"', "\"\""))),
    ]
}

proptest! {
    #[test]
    fn sniffing_recovers_the_delimiter(
        d in prop::sample::select(CANDIDATES.to_vec()),
        width in 2usize..6,
        rows in 2usize..12,
        seed in prop::collection::vec(cell(), 72),
    ) {
        let mut text = String::new();
        let header: Vec<String> = (0..width).map(|i| format!("col{i}")).collect();
        text.push_str(&header.join(&(d as char).to_string()));
        text.push('\n');
        for r in 0..rows {
            let row: Vec<String> = (0..width).map(|c| seed[(r * width + c) % seed.len()].clone()).collect();
            text.push_str(&row.join(&(d as char).to_string()));
            text.push('\n');
        }
        let s = sniff(text.as_bytes(), false, None);
        prop_assert_eq!(s.delimiter, d);
        prop_assert_eq!(s.width, width);
        prop_assert!(s.has_header);
    }

    #[test]
    fn cleaning_is_idempotent_and_leaves_clean_edges(raw in "\\PC{0,20}|[\\x00-\\x20\\u{80}-\\u{a0}\\u{200b}\\u{feff}a-z]{0,20}") {
        let (once, _) = clean_value(&raw);
        let (twice, again) = clean_value(&once);
        prop_assert_eq!(&once, &twice);
        prop_assert_eq!(again.controls_removed, 0);
        prop_assert!(!once.starts_with(is_edge_junk) && !once.ends_with(is_edge_junk));
        prop_assert!(once.chars().all(|c| c == '\n' || !(c.is_control())));
    }
}
