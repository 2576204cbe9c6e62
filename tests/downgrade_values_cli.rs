//! New-user trial 5, F5, end to end through the binary: `fields set gender --class
//! ordinary --reason ...` said only "downgrade recorded", and the next `segment add
//! women 'gender is "female"'` was refused because the values are gender data. The
//! user was told one thing and then refused. The downgrade stays recorded and the
//! values stay protected (the safe direction); the reply now says so, and how to
//! unlock them.
//!
//! Expected by hand: three contacts, `gender` female, male, female. After the change
//! the field is ordinary but holds gender values for 3 contacts, `female` (2) before
//! `male` (1); the unlock is `gender:gender` (`FIELD:KIND`). A campaign that unlocks
//! it with a written reason may use the rule (reach 2: the two `female`), as the reply
//! says. A field holding no sensitive value (`notes`) gets no such note.

mod review_support;

use review_support::*;

const PEOPLE: &str = "email,gender,notes
a@example.com,female,likes tea
b@example.com,male,new customer
c@example.com,female,likes coffee
";

const REASON: &str = "we need gender for sizing of the garments we sell";

#[test]
fn a_downgrade_says_the_values_stay_protected_and_how_to_unlock_them() {
    let ws = Ws::new();
    ws.import_csv("p.csv", PEOPLE, &["--consent", "email=granted"]);
    let out = ws.stdout(&[
        "fields", "set", "gender", "--class", "ordinary", "--reason", REASON,
    ]);
    assert_eq!(
        out,
        "gender: class protected -> ordinary, role none -> none (downgrade recorded in the audit log)\n\
         Note: its values stay protected: `gender` holds gender values for 3 contacts (female, male): \
         rules, messages and exports that use them are still refused until a campaign unlocks them \
         with a written reason (tactful unlock CAMPAIGN gender:gender --reason \"...\"); \
         no unlock is possible in housing, employment, credit or politics campaigns\n"
    );
    // What the note says happens.
    let refused = ws
        .cmd()
        .args(["segment", "add", "women", "gender is \"female\""])
        .output()
        .unwrap();
    assert_ne!(refused.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("gender:gender"));
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws.ok(&[
        "unlock",
        "c",
        "gender:gender",
        "--reason",
        "sizing offers for the garments each customer buys",
    ]);
    let out = ws.stdout(&[
        "segment",
        "add",
        "women",
        "gender is \"female\"",
        "--campaign",
        "c",
    ]);
    assert!(out.contains("reach 2"), "{out}");
}

#[test]
fn json_lists_what_stays_protected_and_nothing_for_plain_fields() {
    let ws = Ws::new();
    ws.import_csv("p.csv", PEOPLE, &["--consent", "email=granted"]);
    let change = ws.json(
        &[
            "fields", "set", "gender", "--class", "ordinary", "--reason", REASON,
        ],
        0,
    );
    assert_eq!(
        change["kept_protected"],
        serde_json::json!([{
            "kind": "gender",
            "contacts": 3,
            "examples": ["female", "male"],
            "in_rules": true,
            "unlock": "gender:gender",
        }])
    );
    let change = ws.json(
        &[
            "fields",
            "set",
            "notes",
            "--class",
            "quasi_identifier",
            "--reason",
            "notes name the shop",
        ],
        0,
    );
    assert_eq!(change["kept_protected"], serde_json::json!([]));
    let out = ws.stdout(&[
        "fields",
        "set",
        "notes",
        "--class",
        "ordinary",
        "--reason",
        "notes hold nothing about the person at all",
    ]);
    assert!(!out.contains("Note:"), "{out}");
}
