//! Session-10 trial F23, end to end through the binary: a subject `Eid Mubarak to our
//! Muslim customers` and a body `As a fellow diabetic, … Congratulations on your
//! pregnancy!` passed review with no finding. Message text that names special
//! category data says it of every recipient, so review now raises `sensitive_text`
//! (a blocker a reviewer may accept with a written reason, on record), or the warning
//! `sensitive_text_unlocked` when the segment's rule selects by that kind through an
//! unlock.
//!
//! Expected by hand from the dictionary: `muslim` is a religion term, `diabetic` and
//! `pregnancy` health terms (GDPR Art. 9(1)); `Eid Mubarak` is a seasonal greeting
//! (its last word `mubarak` is a `greeting_after` word of the dictionary's `[context]`),
//! which says nothing about the recipient, as `Merry Christmas` does not (new-user
//! trial 3, H6). Merge fields (`{{ first_name }}`) and ordinary words
//! (`Christmas`, `Cancer Research UK`, `Church Street`, `vegan`, `in unison`) raise
//! nothing. Four contacts in one segment are under k = 5: `small_cell` is a warning,
//! not a blocker.

mod review_support;

use review_support::*;
use serde_json::Value;

const PEOPLE: &str = "email,first_name,tags
a@example.com,A,vip
b@example.com,B,vip
c@example.com,C,diabetic
d@example.com,D,diabetic
";

const SUBJECT: &str = "Eid Mubarak to our Muslim customers";
const BODY: &str = "As a fellow diabetic, {{ first_name }}, you will love our sugar-free range. Congratulations on your pregnancy!";

fn ws_with(segment: &str, rule: &str, subject: &str, body: &str) -> Ws {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", segment, rule]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        segment,
        "--subject",
        subject,
        "--body",
        body,
    ]);
    ws
}

fn items(f: &Value) -> Vec<String> {
    let items = f["items"].as_array().unwrap();
    items.iter().map(|i| i.as_str().unwrap().into()).collect()
}

#[test]
fn message_text_naming_religion_and_health_is_a_blocker_until_accepted() {
    let ws = ws_with("promo", "first_name is not blank", SUBJECT, BODY);
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(codes(&review, "blocker"), ["sensitive_text"]);
    let f = finding(&review, "sensitive_text");
    assert_eq!(f["acceptable"], true);
    let said = items(f);
    let religion = "religion data (religious or philosophical beliefs; GDPR Art. 9(1)";
    let health = "health data (data concerning health; GDPR Art. 9(1)";
    let expected = [
        ("subject", "muslim", religion),
        ("body", "diabetic", health),
        ("body", "pregnancy", health),
    ];
    assert_eq!(said.len(), expected.len(), "{said:#?}");
    for (item, (part, term, kind)) in said.iter().zip(expected) {
        let start = format!("segment `promo`, {part}: `{term}` is {kind}");
        assert!(item.starts_with(&start), "{item}");
    }
    // The export refuses while it is open.
    let out = ws.out("o");
    ws.cmd()
        .args(["export", "c", "--out", out.to_str().unwrap()])
        .assert()
        .code(3);
    // Accepted with a written reason, on record: a warning, and the export goes.
    let reason = "Festival greeting the customers signed up for on the Eid page";
    let review = ws.json(
        &[
            "review",
            "c",
            "--accept",
            "sensitive_text",
            "--reason",
            reason,
        ],
        0,
    );
    let f = finding(&review, "sensitive_text");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["accepted"]["reason"], reason);
    assert_eq!(f["accepted"]["was"], "blocker");
    let out = ws.out("o2");
    ws.ok(&["export", "c", "--out", out.to_str().unwrap()]);
}

#[test]
fn an_unlock_of_the_kind_the_rule_selects_by_covers_the_text() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    let justification = "Customers who told us they are diabetic asked for these offers";
    ws.ok(&["unlock", "c", "tags:health", "--reason", justification]);
    ws.ok(&[
        "segment",
        "add",
        "diabetics",
        "tags has \"diabetic\"",
        "--campaign",
        "c",
    ]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "diabetics",
        "--subject",
        "Sugar-free range",
        "--body",
        "As a fellow diabetic, {{ first_name }}, you will love it.",
    ]);
    let review = ws.json(&["review", "c"], 0);
    assert_eq!(codes(&review, "blocker"), Vec::<String>::new());
    let f = finding(&review, "sensitive_text_unlocked");
    let said = items(f);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0].starts_with("segment `diabetics`, body: `diabetic` is health data"),
        "{}",
        said[0]
    );
    assert!(
        said[0].contains(&format!(
            "through the unlock of `tags:health`: \"{justification}\""
        )),
        "{}",
        said[0]
    );
}

#[test]
fn merge_fields_and_ordinary_words_raise_nothing() {
    let ws = ws_with(
        "promo",
        "first_name is not blank",
        "Christmas treats for {{ first_name }}",
        "Vegan and gluten-free options at our Church Street store. We sang in unison for Cancer Research UK. {{ first_name | default(\"friend\") }}",
    );
    let review = ws.json(&["review", "c"], 0);
    let all: Vec<&str> = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        !all.iter().any(|c| c.starts_with("sensitive_text")),
        "{all:?}"
    );
}

/// Session-10 trial H12: the same words written as strings a tag prints (`{{ "Muslim"
/// }}`, `{{ "diabetic" | upper }}`, a `set` variable) reach every recipient as well.
/// Expected by hand: `muslim` (religion) in the subject, `diabetic` and `pregnant`
/// (health) in the body, in that order.
#[test]
fn strings_printed_from_tags_are_message_text() {
    let ws = ws_with(
        "promo",
        "first_name is not blank",
        "A note for our {{ \"Muslim\" }} customers",
        "As a fellow {{ \"diabetic\" | upper }}, we care. {% set w = \"pregnant\" %}You are {{ w }}!",
    );
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(codes(&review, "blocker"), ["sensitive_text"]);
    let said = items(finding(&review, "sensitive_text"));
    let expected = [
        ("subject", "muslim"),
        ("body", "diabetic"),
        ("body", "pregnant"),
    ];
    assert_eq!(said.len(), expected.len(), "{said:#?}");
    for (item, (part, term)) in said.iter().zip(expected) {
        let start = format!("segment `promo`, {part}: `{term}` is ");
        assert!(item.starts_with(&start), "{item}");
    }
}

/// Session-10 trial H4: the Italian and Portuguese ending rule read `side` as `sida`
/// (AIDS) and `Rome` as `Roma`, so a segment `side-tables` and "Side tables on sale"
/// were blockers. English words the rule would turn into a term are never inflected
/// (the dictionary's `never`): no sensitive finding at all.
#[test]
fn side_tables_and_rome_are_ordinary() {
    let ws = ws_with(
        "side-tables",
        "first_name is not blank",
        "Side tables on sale, {{ first_name }}",
        "Nine new side tables, made in Rome. {{ first_name | default(\"friend\") }}",
    );
    let review = ws.json(&["review", "c"], 0);
    let all: Vec<&str> = review["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!all.iter().any(|c| c.starts_with("sensitive")), "{all:?}");
}
