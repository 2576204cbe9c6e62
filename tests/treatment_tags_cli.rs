//! New-user trial 9, L-G20 and L-G10, through the binary: `tags has "therapy"` (and
//! `physio`, `counselling`, `rehab`) passed as ordinary tags; a German placeholder
//! justification (`folgt noch, wird nachgereicht`, "to follow, will be submitted") and
//! the French, Spanish and Italian ones were accepted; a real reason that starts with
//! the brand word `Lorem` was refused.
//!
//! Expected by hand: the four tags are `[tag_values] terms.health`, so each whole tag
//! is health data (refused in a rule); `retail therapy` is no listed tag. From
//! src/written_placeholder.rs: every word of the four foreign placeholders is filler, so
//! fewer than 3 words say something; `Lorem Cosmetics customers asked for skin care tips
//! for their condition` has 8 such words, at least the 5 a text starting with the soft
//! marker `lorem` needs.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const PEOPLE: &str = "email,Accepts Email Marketing,first_name,Tags\n\
a@example.com,yes,Ann,\"vip, therapy\"\n\
b@example.com,yes,Bob,\"physio, counselling\"\n\
c@example.com,yes,Cy,\"rehab, retail therapy\"\n";

#[test]
fn treatment_tags_are_health_data() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("people.csv", PEOPLE)]);
    for tag in ["therapy", "physio", "counselling", "rehab"] {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "value `{tag}` of field `tags` is health data"
            )));
    }
    let out = ws.stdout(&["reach", r#"tags has "retail therapy""#]);
    assert!(out.starts_with("reach 1 of 3"), "{out}");
}

#[test]
fn foreign_placeholder_reasons_are_refused_and_brand_words_are_not() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("people.csv", PEOPLE)]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    for reason in [
        "folgt noch, wird nachgereicht",
        "à compléter plus tard",
        "por definir, se añadirá más tarde",
        "da definire, da completare più tardi",
    ] {
        ws.cmd()
            .args(["unlock", "c", "tags:health", "--reason", reason])
            .assert()
            .code(1)
            .stderr(contains("is a placeholder"));
    }
    ws.ok(&[
        "unlock",
        "c",
        "tags:health",
        "--reason",
        "Lorem Cosmetics customers asked for skin care tips for their condition",
    ]);
}
