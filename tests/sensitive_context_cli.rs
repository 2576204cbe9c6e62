//! New-user trial 3, H6, H7 and H11, end to end through the binary: ordinary marketing
//! was blocked because a sensitive word named a menu, an event, a greeting or someone
//! else, not the recipient (`kids-menu`, `Happy Diwali`, `Halal and kosher options`,
//! `Account health`), while `Merry Christmas` never was.
//!
//! Expected by hand from the dictionary's `[context]` lists (src/fields/classify/
//! context.rs): a term followed by a noun of `nouns` (directly or after `and`/`or` and
//! one word), preceded by a `greeting_before` word or followed or ended by a
//! `greeting_after` word, or an `other_person_words` word after a determiner, is
//! passed; a term alone or beside an audience word is not (`muslim-customers`,
//! `kids-club`: `club` is no listed noun). In headers a one-word token followed later
//! by a listed noun, or after a `thing_words` word, is passed; `Health`, `Religion`,
//! `Party` alone are not. `Sex Pistols` and `Faith (first name)` are word vetoes.

mod review_support;

use review_support::*;
use serde_json::Value;

/// The review of campaign `c` with one segment per `(name, body)`
/// ([`shipped_review`]), whatever its exit code.
fn review(entries: &[(&str, &str)]) -> Value {
    let entries: Vec<(&str, &str, &[&str])> =
        entries.iter().map(|&(n, b)| (n, b, &[][..])).collect();
    shipped_review(&entries).1
}

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
fn greetings_menus_events_and_other_peoples_words_are_no_statement_about_the_recipient() {
    let review = review(&[
        ("kids-menu", "Get the kids ready for back-to-school."),
        ("womens-day-sale", "Grandparents' Day gift ideas."),
        ("ladies-night", "Halal and kosher options available."),
        ("kosher-wine", "Happy Diwali from all of us."),
        (
            "halal-meat",
            "Merry Christmas, happy Hanukkah and Eid Mubarak. Happy Pride month!",
        ),
        ("pride-month-sale", "Prescription glasses on sale."),
        ("muslim-customers", "Hi"),
        ("kids-club", "Hi"),
    ]);
    assert_eq!(items(&review, "sensitive_text"), Vec::<String>::new());
    let names = items(&review, "sensitive_name");
    assert_eq!(names.len(), 2, "{names:#?}");
    assert!(
        names[0].starts_with("segment `muslim-customers`: `muslim` is religion data"),
        "{names:#?}"
    );
    assert!(
        names[1].starts_with("segment `kids-club`: `kids` is age data"),
        "{names:#?}"
    );
}

#[test]
fn a_sensitive_header_word_beside_a_thing_names_the_thing() {
    let ws = Ws::new();
    let headers = [
        "Account health",
        "Health score",
        "Disabled notifications",
        "Handicap (golf)",
        "Gender reveal party",
        "Political science course",
        "Sex Pistols fan",
        "Faith (first name)",
        "Conviction level",
        "Health",
        "Religion",
        "Party",
    ];
    let csv = format!(
        "email,{}\na@example.com{}\n",
        headers.join(","),
        ",x1".repeat(headers.len())
    );
    ws.import_csv("h.csv", &csv, &["--consent", "email=granted"]);
    let fields = ws.json(&["fields"], 0);
    let class = |header: &str| -> String {
        let f = fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["header"] == header)
            .unwrap_or_else(|| panic!("{header}: {fields}"));
        f["class"].as_str().unwrap().to_string()
    };
    for header in &headers[..9] {
        assert_eq!(class(header), "ordinary", "{header}");
    }
    for header in &headers[9..] {
        assert_eq!(class(header), "special_category", "{header}");
    }
}
