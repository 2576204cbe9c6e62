//! New-user trial 3, H6, H8 and H12, end to end through the binary: message text and
//! segment names that state a sensitive fact about every recipient and passed review.
//!
//! Expected by hand from assets/privacy-dictionary.toml: `your prescription`, `lose
//! weight`, `preggers`, `preggo` are health values; `your new arrival`, `new mum` (from
//! `new mums`), `new baby` family status; `senior member` (from `senior members`) age;
//! `jailbird` (from `jailbirds`) a criminal offence; `muzlim`, `jewz` religion. A word
//! spelt letter by letter (`d-i-a-b-e-t-i-c`) is read as one word, and an HTML body is
//! read as rendered (`dia&shy;betic` is `diabetic`).

mod review_support;

use review_support::*;
use serde_json::Value;

const PEOPLE: &str = "email,first_name,order_status
a@example.com,A,shipped
b@example.com,B,shipped
c@example.com,C,shipped
d@example.com,D,shipped
e@example.com,E,shipped
f@example.com,F,shipped
";

/// One segment per `(name, body, extra add options)` in campaign `c`; the review.
fn review(entries: &[(&str, &str, &[&str])]) -> Value {
    let ws = Ws::new();
    ws.import_csv("p.csv", PEOPLE, &["--consent", "email=granted"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    for (name, body, extra) in entries {
        ws.ok(&["segment", "add", name, "order_status is \"shipped\""]);
        let mut args = vec![
            "campaign",
            "add",
            "c",
            name,
            "--subject",
            "News",
            "--body",
            body,
        ];
        args.extend(*extra);
        ws.ok(&args);
    }
    ws.json(&["review", "c"], 3)
}

/// The terms named by the items of finding `code`, in order.
fn terms(review: &Value, code: &str) -> Vec<String> {
    finding(review, code)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().split('`').nth(3).unwrap().to_string())
        .collect()
}

#[test]
fn messages_that_state_a_condition_a_baby_or_an_age_of_every_recipient_are_blockers() {
    let review = review(&[
        ("s1", "Your prescription is ready for pickup.", &[]),
        ("s2", "Congratulations on your new arrival!", &[]),
        ("s3", "Perfect for new mums.", &[]),
        ("s4", "New baby? Browse our nursery range.", &[]),
        ("s5", "Lose weight fast with our diet plan.", &[]),
        ("s6", "Free shipping for our senior members.", &[]),
        ("s7", "As a fellow d-i-a-b-e-t-i-c, we care.", &[]),
        (
            "s8",
            "<p>As a fellow dia&shy;betic, we care.</p>",
            &["--html"],
        ),
    ]);
    assert_eq!(
        terms(&review, "sensitive_text"),
        [
            "your prescription",
            "your new arrival",
            "new mum",
            "new baby",
            "lose weight",
            "senior member",
            "diabetic",
            "diabetic"
        ]
    );
}

#[test]
fn slang_segment_names_are_read() {
    let review = review(&[
        ("preggers-club", "Hi", &[]),
        ("preggo", "Hi", &[]),
        ("jailbirds", "Hi", &[]),
        ("muzlim-deals", "Hi", &[]),
        ("jewz", "Hi", &[]),
    ]);
    assert_eq!(
        terms(&review, "sensitive_name"),
        ["preggers", "preggo", "jailbird", "muzlim", "jewz"]
    );
}
