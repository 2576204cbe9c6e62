//! `sensitive_name` and unlocks, end to end through the `tactful` binary (session 8):
//! a segment named after the kind its rule selects by, in a campaign that unlocked that
//! kind with a written justification, is not a blocker but the warning
//! `sensitive_name_unlocked` quoting the justification; a name of a kind nothing
//! unlocked stays the blocker.
//!
//! Worked out by hand: `gender` is a protected trait of kind gender (header word), so
//! `gender is "Female"` needs `tactful unlock C gender`; the name `female` is a gender
//! value and `muslim-customers` holds the religion word `muslim`. The tag
//! `pregnant-2026` holds the health word `pregnant`, unlocked by `tags:health`. Two
//! recipients per segment (under k = 5) give a `small_cell` warning, no blocker.

mod review_support;

use review_support::*;
use serde_json::Value;

const PEOPLE: &str = "email,first_name,gender,tags
a@example.com,A,Female,vip
b@example.com,B,Female,pregnant-2026
c@example.com,C,Male,pregnant-2026
d@example.com,D,Male,vip
";

const REASON: &str = "Testing a product line for women that the brand team asked for";

/// A workspace with `PEOPLE` (e-mail consent granted) and a campaign `c` with one
/// entry, segment `segment` with `rule`, and the unlock `(field, reason)`.
fn campaign(segment: &str, rule: &str, (field, reason): (&str, &str)) -> Ws {
    let ws = Ws::new();
    let file = ws.write("people.csv", PEOPLE);
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    ws.apply(&format!(
        "name = \"c\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n\
         [[entry]]\nsegment = \"{segment}\"\nrule = '{rule}'\nsubject = \"Hi\"\nbody = \"Hello\"\n\
         [[unlock]]\nfield = \"{field}\"\nreason = \"{reason}\"\n"
    ));
    ws
}

fn items(f: &Value) -> Vec<String> {
    let items = f["items"].as_array().unwrap();
    items.iter().map(|i| i.as_str().unwrap().into()).collect()
}

#[test]
fn a_segment_named_after_the_unlocked_trait_its_rule_selects_by_is_a_warning() {
    let ws = campaign("female", "gender is \"Female\"", ("gender", REASON));
    let review = ws.json(&["review", "c"], 0);
    assert_eq!(codes(&review, "blocker"), Vec::<String>::new());
    let f = finding(&review, "sensitive_name_unlocked");
    assert_eq!(f["severity"], "warning");
    let said = items(f);
    assert_eq!(said.len(), 1);
    assert!(said[0].starts_with("segment `female`: `female` is gender data"));
    assert!(
        said[0].contains(&format!(
            "its rule selects by it through the unlock of `gender`: \"{REASON}\" (unlocked by tester at "
        )),
        "{said:?}"
    );
    // The sign-off the journey needs goes through.
    ws.ok(&["review", "c", "--sign-off", "ana", "--note", "checked"]);
}

#[test]
fn a_name_of_a_kind_the_unlock_does_not_cover_stays_a_blocker() {
    // Religion in the name, gender in the rule: the gender unlock says nothing about
    // labelling everyone Muslim.
    let ws = campaign(
        "muslim-customers",
        "gender is \"Female\"",
        ("gender", REASON),
    );
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(codes(&review, "blocker"), ["sensitive_name"]);
    let said = items(finding(&review, "sensitive_name"));
    assert_eq!(said.len(), 1);
    assert!(said[0].starts_with("segment `muslim-customers`: `muslim` is religion data"));
    assert!(!has_code(&review, "sensitive_name_unlocked"));
}

#[test]
fn a_value_unlock_covers_a_name_of_the_tag_its_rule_selects() {
    let why = "Prenatal vitamins offer these customers opted in for";
    let ws = campaign(
        "pregnant_2026",
        "tags has \"pregnant-2026\"",
        ("tags:health", why),
    );
    let review = ws.json(&["review", "c"], 0);
    let said = items(finding(&review, "sensitive_name_unlocked"));
    assert!(
        said[0].starts_with("segment `pregnant_2026`: `pregnant` is health data"),
        "{said:?}"
    );
    assert!(said[0].contains("the unlock of `tags:health`"), "{said:?}");
}
