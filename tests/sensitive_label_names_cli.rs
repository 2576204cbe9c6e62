//! Segment names read as the label they put on every recipient (session 10), end to
//! end through the `tactful` binary: a protected trait among other words (`women over
//! 50`, `trans-allies`, `kids-club`), in compounds and short forms (`TeensSummer`,
//! `seniors-club`, `over-40s`, `50plus`, `U18-league`, `new-parents`), and the false
//! friends a marketer writes every day, which must stay ordinary.
//!
//! Expected values worked out by hand from `assets/privacy-dictionary.toml` and
//! `src/fields/classify/names.rs`. Each name is split like a header (`-`, spaces,
//! camelCase, letters apart from digits) and read for every special category and
//! protected-trait term as whole words, inflected by `[inflections]`:
//! - `kids-club`: `kids`, an age group value (the plural only: `Kid` is a name in
//!   many files): age;
//! - `trans-allies`: `trans`, a gender value (no veto word beside it): gender;
//! - `women over 50`: `women` (gender) and the listed age phrase `over 50` (age), in
//!   that order;
//! - `TeensSummer`: camelCase split `teens summer`; `teens` is `teen` + `-s`: age;
//! - `seniors-club`: `seniors`, listed: age;
//! - `over-40s`: not listed; the `[age_phrases]` rule reads `over` + `40s` (40 within
//!   12..99): age, spelled `over 40s`;
//! - `50plus`: split `50 plus`, a number then `plus`: age, `50 plus`;
//! - `U18-league`: split `u 18 league`; `u` + 18: age, spelled `u18`;
//! - `new-parents`: `parents` is `parent` + `-s`, and `new parent` the longest term:
//!   family status.
//!
//! Ordinary: `transport-fans`, `transfer-customers`, `translation-clients`,
//! `transaction-review` (one word each, no `trans`), `Trans-Atlantic flyers` (`trans`
//! vetoed by `atlantic`), `kidskin-bags` (one word), `orders over 50` (the veto word
//! `orders` makes 50 a count), `we-miss-you` (`miss` is an everyday word in names),
//! `Mothers Day` (`mother` is no term: `mum`, `mom`, `dad` are placeholder names).
//!
//! The tag literal `kids` is that age value as well: `tags has "kids"` is
//! refused like any sensitive value.

mod review_support;

use predicates::prelude::*;
use review_support::*;
use serde_json::Value;

const PEOPLE: &str = "email,first_name,tags
a@example.com,A,vip
b@example.com,B,vip
";

/// `(segment name, term, kind)` in the order review lists them.
const NAMED: &[(&str, &str, &str)] = &[
    ("kids-club", "kids", "age"),
    ("trans-allies", "trans", "gender"),
    ("women over 50", "women", "gender"),
    ("women over 50", "over 50", "age"),
    ("TeensSummer", "teen", "age"),
    ("seniors-club", "seniors", "age"),
    ("over-40s", "over 40s", "age"),
    ("50plus", "50 plus", "age"),
    ("U18-league", "u18", "age"),
    ("new-parents", "new parent", "family status"),
];

const INNOCENT: &[&str] = &[
    "transport-fans",
    "transfer-customers",
    "translation-clients",
    "transaction-review",
    "Trans-Atlantic flyers",
    "kidskin-bags",
    "orders over 50",
    "we-miss-you",
    "Mothers Day",
];

fn items(f: &Value) -> Vec<String> {
    let items = f["items"].as_array().unwrap();
    items.iter().map(|i| i.as_str().unwrap().into()).collect()
}

#[test]
fn trait_words_compounds_and_short_forms_in_segment_names_are_a_sensitive_name_blocker() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    let mut toml = String::from("name = \"c\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n");
    let mut names: Vec<&str> = NAMED.iter().map(|n| n.0).collect();
    names.dedup();
    for name in names.into_iter().chain(INNOCENT.iter().copied()) {
        toml += &format!(
            "[[entry]]\nsegment = \"{name}\"\nrule = 'first_name is not blank'\nsubject = \"Hi\"\nbody = \"Hello\"\n"
        );
    }
    ws.apply(&toml);
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(codes(&review, "blocker"), ["sensitive_name"]);
    let said = items(finding(&review, "sensitive_name"));
    assert_eq!(said.len(), NAMED.len(), "{said:#?}");
    for ((name, term, kind), item) in NAMED.iter().zip(&said) {
        let start = format!("segment `{name}`: `{term}` is {kind} data");
        assert!(item.starts_with(&start), "{item} should start with {start}");
    }
    for name in INNOCENT {
        assert!(
            !said.iter().any(|i| i.contains(&format!("`{name}`"))),
            "{name}: {said:?}"
        );
    }
}

#[test]
fn a_short_form_tag_literal_is_a_sensitive_value() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    ws.cmd()
        .args(["reach", r#"tags has "kids""#])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "value `kids` of field `tags` is age data",
        ));
    // Its false friends are not.
    for tag in ["transport", "transfer", "kidskin"] {
        ws.ok(&["reach", &format!(r#"tags has "{tag}""#)]);
    }
}
