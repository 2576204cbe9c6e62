//! Session 12, end to end through the binary: product words loosened religion in
//! segment names and message text. A segment `hijab-sale` passed review (the
//! dictionary listed `hijab` among `thing_terms`, and `sale` is a product noun), while
//! the rule `product is "hijab"` was refused: the same word was religion data in a
//! rule and a product in a name. Religious dress and devotional objects are worn or
//! prayed with by believers only, so a name or message built on them names the
//! recipients' religion (GDPR Art. 9(1)), as `muslim-deals` does; halal and kosher food
//! before a product noun stays a thing anyone buys (new-user trial 3, H6 and H7).
//!
//! Expected by hand from assets/privacy-dictionary.toml (the religion entry's values;
//! `[context]` `thing_terms` and `nouns`; inflections `s`, `es` and `ies` → `y`):
//! - names `hijab-sale`, `HIJAB-sale`, `hijab_sale`, `HijabSale`, `Hijabs`,
//!   `kippah-deals`, `yarmulkes`, `rosary-sale`, `rosaries`, `turban-sale` and
//!   `tallit-gifts` are `sensitive_name` blockers, one each, naming the term;
//!   `kosher-wine` and `halal-meat` are not;
//! - bodies `New hijab collection` and `Our new ROSARY range` are `sensitive_text`;
//!   `Kosher salt is back` and `Halal and kosher options available.` are not (`salt`
//!   and `options` are product nouns);
//! - rules `product is "rosary"` and `product contains "Tallits"` are refused as
//!   religion data, as `product is "hijab"` was.

mod review_support;

use review_support::*;
use serde_json::Value;

/// The items of finding `code`, or none.
fn items(review: &Value, code: &str) -> Vec<String> {
    review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .flat_map(|f| f["items"].as_array().unwrap().clone())
        .map(|i| i.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn religious_dress_in_segment_names_is_religion_in_every_spelling() {
    let names = [
        ("hijab-sale", "hijab"),
        ("HIJAB-sale", "hijab"),
        ("hijab_sale", "hijab"),
        ("HijabSale", "hijab"),
        ("Hijabs", "hijab"),
        ("kippah-deals", "kippah"),
        ("yarmulkes", "yarmulke"),
        ("rosary-sale", "rosary"),
        ("rosaries", "rosaries"),
        ("turban-sale", "turban"),
        ("tallit-gifts", "tallit"),
    ];
    let mut entries: Vec<(&str, &str, &[&str])> =
        names.iter().map(|&(n, _)| (n, "News", &[][..])).collect();
    entries.push(("kosher-wine", "News", &[]));
    entries.push(("halal-meat", "News", &[]));
    let (_, review) = shipped_review(&entries);
    let found = items(&review, "sensitive_name");
    assert_eq!(found.len(), names.len(), "{found:#?}");
    for (name, term) in names {
        let start = format!("segment `{name}`: `{term}` is religion data");
        assert!(
            found.iter().any(|i| i.starts_with(&start)),
            "{start}: {found:#?}"
        );
    }
}

#[test]
fn religious_dress_in_message_text_is_religion_but_kosher_salt_is_not() {
    let (_, review) = shipped_review(&[
        ("a", "New hijab collection", &[]),
        ("b", "Our new ROSARY range", &[]),
        ("c", "Kosher salt is back", &[]),
        ("d", "Halal and kosher options available.", &[]),
    ]);
    let found = items(&review, "sensitive_text");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("segment `a`, body: `hijab` is religion data"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("segment `b`, body: `rosary` is religion data"),
        "{found:#?}"
    );
}

#[test]
fn rules_on_devotional_objects_are_refused_as_religion() {
    let ws = Ws::new();
    let csv = "email,product\na@example.com,shoes\nb@example.com,bags\n";
    ws.import_csv("p.csv", csv, &["--consent", "email=granted"]);
    for rule in [
        "product is \"rosary\"",
        "product contains \"Tallits\"",
        "product is \"HIJAB\"",
    ] {
        let out = ws.cmd().args(["reach", rule]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{rule}");
        assert!(err.contains("religion data"), "{rule}: {err}");
    }
}
