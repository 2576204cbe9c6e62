//! A child's age tag in any list or category column excludes the child (new-user trial,
//! session 12, G2). The classifier read `teen` in `Shopify Tags`, `Groups`, `Team` or
//! `Segment` as age data (rules on it were refused), yet only a field with the `tags`
//! role fed the minor check, so the child was a recipient and review was clean. Now a
//! plain column holding a tag that names a minor's age group gets the tags role at
//! import (README, "The minor check"), `Shopify Tags` gets it by its header, and tags
//! written as team grades, ages with a unit and school years are read too.
//!
//! Expected outcomes by hand: the default minor age is 16; `teen` allows 13 to 19,
//! `u16`/`U-16` 0 to 15, `U12` 0 to 11, `U14 Girls` 0 to 13, `Under 16s` 0 to 15,
//! `Year 7` (England) 11 to 12, `Year 8` 12 to 13, `15yo`/`15 y/o` 15, `school kid`
//! 0 to 17, `Teenie` 13 to 19, `Junior member` 0 to 20: every youngest age is under 16.
//! `Junior` alone is a job level, `U16 coach` an adult beside the team, `15 years` a
//! tenure: none is an age.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws, pairs};

/// A workspace with `kid@` holding `kid` and `ad@` holding `adult` under `header`.
fn kid_and_adult(header: &str, kid: &str, adult: &str) -> Ws {
    let ws = Ws::new();
    let csv = format!(
        "email,first_name,{header}\nkid@example.com,Kid,{kid}\nad@example.com,Ad,{adult}\n"
    );
    let file = ws.write("people.csv", &csv);
    let mut args = vec!["import", file.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    ws
}

#[test]
fn an_age_tag_in_a_column_of_any_header_excludes_the_child() {
    let cases = [
        (
            "Shopify Tags",
            "\"[\"\"teen\"\"]\"",
            "\"[\"\"vip\"\"]\"",
            "shopify_tags",
        ),
        ("Shopify Tags", "under 16", "vip", "shopify_tags"),
        ("Groups", "u16", "vip", "groups"),
        ("Groups", "teen", "vip", "groups"),
        ("Lists", "teen", "newsletter", "lists"),
        (
            "Interests",
            "\"teen, skate\"",
            "\"golf, wine\"",
            "interests",
        ),
        ("Schlagworte", "teen", "vip", "schlagworte"),
        ("Team", "U12", "Seniors", "team"),
        ("Club", "U14 Girls", "Masters", "club"),
        ("Segment", "Under 16s", "VIP", "segment"),
        ("Segment", "Kids", "VIP", "segment"),
    ];
    for (header, kid, adult, field) in cases {
        let ws = kid_and_adult(header, kid, adult);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("ad@example.com", "-"), ("kid@example.com", "minor")]),
            "{header} = {kid}"
        );
        let f = ws.field(field);
        assert_eq!(f["role"], "tags", "{header} = {kid}: {f}");
        // `Shopify Tags` and `Schlagworte` are tags by their headers, others by values.
        let reason = f["reason"].as_str().unwrap();
        assert!(
            reason.contains("read as tags by the minor check") || reason.contains("whole header"),
            "{f}"
        );
    }
}

#[test]
fn team_grades_ages_with_a_unit_and_school_years_in_tags_are_ages() {
    let kids = [
        "Year 7",
        "Year 8",
        "U14 Girls",
        "U-16",
        "Junior member",
        "15yo",
        "15 y/o",
        "school kid",
        "Teenie",
    ];
    for kid in kids {
        let ws = kid_and_adult("Tags", kid, "vip");
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("ad@example.com", "-"), ("kid@example.com", "minor")]),
            "Tags = {kid}"
        );
    }
    // No age: a job level, an adult beside a team, an event. (`15 years` alone reads
    // as an age since session 15, the cautious side: README "The minor check".)
    for adult in ["Junior", "U16 coach", "reception"] {
        let ws = kid_and_adult("Tags", "vip", adult);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("ad@example.com", "-"), ("kid@example.com", "-")]),
            "Tags = {adult}"
        );
    }
}

#[test]
fn shopify_tags_is_a_tags_field_by_its_header_and_prose_stays_plain() {
    let ws = kid_and_adult("Shopify Tags", "vip", "\"vip, gold\"");
    assert_eq!(ws.field("shopify_tags")["role"], "tags");
    // A note mentioning a teen is no tag naming the contact's age.
    let ws = kid_and_adult("Notes", "bought a gift for her teen son", "likes tea");
    assert_eq!(ws.field("notes")["role"], "none");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ad@example.com", "-"), ("kid@example.com", "-")])
    );
}
