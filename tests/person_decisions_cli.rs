//! New-user trial 8, M5 and M4, through the binary: a person's decisions about a field
//! are safeguards like the classifier's, and survive `import undo` (README, "Fields").
//!
//! M5: `fields set date_2 --role date_of_birth`, then `--role none`, let the known minor
//! through with a clean review, where the same removal of a classifier-given role is a
//! `safeguard_removed` blocker. M4: a class a person raised (`fields set programme
//! --class special_category`) was lost when the creating import was undone and the file
//! imported again, so a rule on the HIV programme code passed with no unlock.
//!
//! Expected by hand: Kid (born 2012-05-01) is 14 on 2026-11-01, under the default
//! minor age 16; the adults (1980, 1981) are not. With the role gone the campaign to
//! everyone sends to all three, and restoring the role would exclude exactly Kid: 1
//! contact, as a minor. `programme` holds P7/P2 codes that no vocabulary knows, so only
//! the person's decision makes it special category.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, finding, pairs};

const DATES: &str = "Email,First Name,Date 2,Accepts Email Marketing
kid@example.com,Kid,2012-05-01,yes
ad@example.com,Ad,1980-01-01,yes
ad2@example.com,Ad2,1981-01-01,yes
";

const PROGRAMMES: &str = "Email,First Name,Programme,Accepts Email Marketing
a@example.com,A,P7,yes
b@example.com,B,P2,yes
c@example.com,C,P2,yes
d@example.com,D,P7,yes
";

fn everyone_sent() -> Vec<(String, String)> {
    pairs(&[
        ("ad2@example.com", "-"),
        ("ad@example.com", "-"),
        ("kid@example.com", "-"),
    ])
}

fn kid_is_a_minor() -> Vec<(String, String)> {
    pairs(&[
        ("ad2@example.com", "-"),
        ("ad@example.com", "-"),
        ("kid@example.com", "minor"),
    ])
}

fn give_birth_role(ws: &Ws) {
    ws.ok(&[
        "fields",
        "set",
        "date_2",
        "--role",
        "date_of_birth",
        "--reason",
        "Date 2 is the date of birth in our CRM export",
    ]);
}

/// The `safeguard_removed` item of review of `news` (exit 3: a blocker).
fn safeguard_item(ws: &Ws) -> String {
    let review = ws.json(&["review", "news"], 3);
    finding(&review, "safeguard_removed")["items"][0]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn removing_a_birth_date_role_a_person_gave_is_a_removed_safeguard() {
    let ws = Ws::new();
    ws.import_csv("d2.csv", DATES, &[]);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), everyone_sent());
    give_birth_role(&ws);
    assert_eq!(ws.sorted_exclusions("news"), kid_is_a_minor());
    let said = ws.stdout(&[
        "fields",
        "set",
        "date_2",
        "--role",
        "none",
        "--reason",
        "we were wrong, Date 2 is the signup date",
    ]);
    assert!(said.contains("downgrade recorded"), "{said}");
    assert_eq!(ws.sorted_exclusions("news"), everyone_sent());
    let item = safeguard_item(&ws);
    assert!(
        item.starts_with(
            "minor check off: 1 contact would be excluded as a minor; field `date_2` had role date_of_birth given by a person, now none, changed by tester at "
        ),
        "{item}"
    );
    assert!(
        item.ends_with(": \"we were wrong, Date 2 is the signup date\""),
        "{item}"
    );
    // `fields` shows the role a person gave beside the field.
    let listed = ws.stdout(&["fields"]);
    assert!(
        listed.contains("none (given by a person: date_of_birth)"),
        "{listed}"
    );
    // Undo and re-import: the removal is still the person's, and still a blocker.
    ws.ok(&["import", "undo"]);
    ws.import_csv("d2.csv", DATES, &[]);
    assert_eq!(ws.sorted_exclusions("news"), everyone_sent());
    assert!(safeguard_item(&ws).starts_with("minor check off: 1 contact would be excluded"));
}

#[test]
fn a_class_a_person_raised_survives_undo_and_reimport() {
    let ws = Ws::new();
    let file = ws.write("pc.csv", PROGRAMMES);
    ws.ok(&["import", &file]);
    assert_eq!(ws.field("programme")["class"], "ordinary");
    ws.ok(&[
        "fields",
        "set",
        "programme",
        "--class",
        "special_category",
        "--reason",
        "programme P7 is the HIV support programme",
    ]);
    let undone = ws.stdout(&["import", "undo"]);
    assert!(
        undone.contains("a person's class or role decisions about programme stay on record"),
        "{undone}"
    );
    let report = ws.import_csv("pc.csv", PROGRAMMES, &[]);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains(
            "field programme: class special category applied again, as tester decided at "
        ),
        "{warnings}"
    );
    let f = ws.field("programme");
    assert_eq!(f["class"], "special_category");
    assert_eq!(f["classifier_class"], "ordinary");
    assert_eq!(
        f["changed"]["reason"],
        "programme P7 is the HIV support programme"
    );
    let out = ws
        .cmd()
        .args(["segment", "add", "p7", "programme is \"P7\""])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("special category"));
}

#[test]
fn a_birth_date_role_a_person_gave_survives_undo_and_reimport() {
    let ws = Ws::new();
    ws.import_csv("d2.csv", DATES, &[]);
    give_birth_role(&ws);
    ws.ok(&["import", "undo"]);
    ws.import_csv("d2.csv", DATES, &[]);
    let f = ws.field("date_2");
    assert_eq!(
        (f["role"].as_str(), f["class"].as_str()),
        (Some("date_of_birth"), Some("protected"))
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), kid_is_a_minor());
}
