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

/// The review of campaign `c` with one segment per `(name, body, extra add options)`
/// ([`shipped_review`]); every entry here is blocked (exit code 3).
fn review(entries: &[(&str, &str, &[&str])]) -> Value {
    let (code, review) = shipped_review(entries);
    assert_eq!(code, 3, "{review}");
    review
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
