//! A child's age tag survives a merge that would replace it (new-user trial, session 12,
//! G13): a later file (or a later row of one file, with or without `--aggregate`)
//! giving the child's contact the tags `vip` overwrote `teen`, and the child was mailed
//! with no warning, while an age (14, then 40) or a customer type (`Child`, then
//! `Retail`) kept the younger reading. Tags now merge as ages do (README, "The minor
//! check"): when the row's tags read older than the contact's (or say nothing of age),
//! the row's tags are stored with the held tags naming an age group after them
//! (`vip, teen`), and the report lists the conflict under `age_conflicts`.
//!
//! Expected by hand: `teen` is 13 to 19 and `u16` 0 to 15, under the default minor age
//! 16; `vip` and `newsletter` name no age, `adult` 18 and over.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws, pairs};
use serde_json::json;

const FIRST: &str = "Email,First Name,Tags\n\
kid@example.com,Kid,teen\n\
ad@example.com,Ad,vip\n";

fn import(ws: &Ws, name: &str, csv: &str, extra: &[&str]) -> serde_json::Value {
    let mut args: Vec<&str> = BOTH_GRANTED.to_vec();
    args.extend(extra);
    ws.import_csv(name, csv, &args)
}

fn kid_is_a_minor(ws: &Ws) {
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ad@example.com", "-"), ("kid@example.com", "minor")])
    );
}

#[test]
fn a_later_file_retagging_a_child_keeps_the_age_tag_and_reports_it() {
    for (header, age_tag, later) in [
        ("Tags", "teen", "vip"),
        ("Tags", "teen", "\"newsletter, vip\""),
        ("Tags", "teen", "adult"),
        ("Labels", "u16", "vip"),
    ] {
        let ws = Ws::new();
        let first = FIRST.replace("Tags", header).replace("teen", age_tag);
        import(&ws, "a.csv", &first, &[]);
        let later_csv = format!("Email,First Name,{header}\nkid@example.com,Kid,{later}\n");
        let report = import(&ws, "b.csv", &later_csv, &[]);
        let given = later.trim_matches('"');
        assert_eq!(
            report["age_conflicts"],
            json!([{
                "field": header.to_lowercase(),
                "line": 2,
                "given": given,
                "earlier_line": null,
                "held": age_tag,
                "kept": "held"
            }]),
            "{header}: {age_tag} then {later}"
        );
        kid_is_a_minor(&ws);
        let shown = ws.stdout(&["contact", "show", "kid@example.com"]);
        assert!(shown.contains(&format!("{given}, {age_tag}")), "{shown}");
    }
}

#[test]
fn a_later_row_of_one_file_keeps_the_age_tag_with_or_without_aggregate() {
    let orders = "Order ID,Order Date,Email,First Name,Total,Tags\n\
3001,2024-05-01,kid@example.com,Kid,20.00,teen\n\
3002,2024-06-01,kid@example.com,Kid,25.00,vip\n\
3003,2024-06-01,ad@example.com,Ad,25.00,vip\n";
    for extra in [
        &["--key", "email"][..],
        &["--key", "email", "--aggregate"][..],
    ] {
        let ws = Ws::new();
        let report = import(&ws, "orders.csv", orders, extra);
        let conflicts = report["age_conflicts"].as_array().unwrap();
        assert_eq!(conflicts.len(), 1, "{extra:?}: {report}");
        assert_eq!(conflicts[0]["field"], "tags");
        assert_eq!(conflicts[0]["held"], "teen");
        assert_eq!(conflicts[0]["kept"], "held");
        kid_is_a_minor(&ws);
    }
}

#[test]
fn tags_naming_no_age_or_a_younger_one_are_replaced_as_before() {
    let ws = Ws::new();
    import(&ws, "a.csv", FIRST, &[]);
    // `vip` → `gold` names no age: no conflict. `teen` → `u16` is younger: replaced.
    let report = import(
        &ws,
        "b.csv",
        "Email,First Name,Tags\nad@example.com,Ad,gold\nkid@example.com,Kid,u16\n",
        &[],
    );
    let conflicts = report["age_conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert_eq!(conflicts[0]["given"], "u16");
    assert_eq!(conflicts[0]["kept"], "given");
    let shown = ws.stdout(&["contact", "show", "ad@example.com"]);
    let tags = shown.lines().find(|l| l.starts_with("tags ")).unwrap();
    assert!(tags.contains("gold") && !tags.contains("vip"), "{shown}");
    kid_is_a_minor(&ws);
}
