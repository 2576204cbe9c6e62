//! New-user trial 3, H5, end to end through the binary: free-text columns (support
//! tickets) were read as card numbers because a sentence said "credit card" or "Card
//! Name:" (no number), as health because of "Please be patient:" and as religion
//! because of a link's `?eid=1`; every rule on the column was refused, and the `fields`
//! reason quoted whole tickets (one ~3,000-character line).
//!
//! Expected by hand:
//! - `Printed Card Name: Utopia Spire`: a `key:value` pair, but `Utopia Spire` fails the
//!   Luhn check a card number needs (assets/privacy-dictionary.toml, `card` needs
//!   `luhn`), so it is no card number, nor is `Card: gold`; `Visa card: 4111 1111 1111
//!   1111` passes it (the Visa test number: Luhn sum 30) and is.
//! - `Please pay with credit card: we take Visa` and `Please be patient: it is on the
//!   way.`: a sentence before the colon is no label (more than 3 words; punctuation),
//!   read word by word: `credit`, `card`, `patient` are no vocabulary terms.
//! - `see http://help.example.com/faq?eid=1&p=3`: the query string is dropped, so no
//!   `eid`.
//! - A `notes` column `diabetic, needs sugar-free` still holds `diabetic` (health): a
//!   rule on it is refused.
//! - The real support-tickets file (../shared/real-data; skipped when absent, failing
//!   under CI=true): `Ticket Description` mentions religion, health and politics words
//!   in a few of its 8,469 texts of 21 words or more (`Catholic Encyclopedia`, a quoted
//!   tweet), under 2% of them, so a rule `contains "refund"` is not refused, and its
//!   reason is short.

mod review_support;
mod shared_folder;

use review_support::*;

const TICKETS: &str = "email,first_name,description
a@example.com,A,Printed Card Name: Utopia Spire
b@example.com,B,Please pay with credit card: we take Visa
c@example.com,C,Please be patient: it is on the way.
d@example.com,D,see http://help.example.com/faq?eid=1&p=3 for a refund
e@example.com,E,refund please
";

/// `reach RULE`: (exit code, stdout and stderr).
fn reach(ws: &Ws, rule: &str) -> (i32, String) {
    let out = ws.cmd().args(["reach", rule]).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn sentences_that_mention_cards_patience_or_links_hold_nothing_sensitive() {
    let ws = Ws::new();
    ws.import_csv("t.csv", TICKETS, &["--consent", "email=granted"]);
    let field = ws.field("description");
    assert_eq!(field["class"], "ordinary", "{field}");
    let reason = field["reason"].as_str().unwrap();
    assert_eq!(
        reason, "no sensitive header word, value vocabulary or validator matched",
        "{reason}"
    );
    let (code, out) = reach(&ws, "description contains \"refund\"");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("reach 2 of 5 contacts"), "{out}");
}

#[test]
fn a_card_number_after_a_card_label_and_a_diabetic_note_still_block() {
    let ws = Ws::new();
    let csv = "email,notes\na@example.com,\"diabetic, needs sugar-free\"\nb@example.com,Visa card: 4111 1111 1111 1111\nc@example.com,Card: gold\n";
    ws.import_csv("n.csv", csv, &["--consent", "email=granted"]);
    let reason = ws.field("notes")["reason"].as_str().unwrap().to_string();
    assert!(
        reason.contains("holds sensitive values: ") && reason.contains("diabetic (health, 1)"),
        "{reason}"
    );
    assert!(reason.contains("Visa card (card number, 1)"), "{reason}");
    assert!(!reason.contains("Card (card number"), "{reason}");
    let (code, out) = reach(&ws, "notes contains \"gold\"");
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("card number values for 1 contact"), "{out}");
}

#[test]
fn the_real_support_tickets_descriptions_are_ordinary_text() {
    let Some(file) =
        shared_folder::shared("real-data/support-tickets/customer_support_tickets.csv")
    else {
        return;
    };
    let ws = Ws::new();
    ws.cmd()
        .arg("import")
        .arg(&file)
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    let field = ws.field("ticket_description");
    let reason = field["reason"].as_str().unwrap();
    assert_eq!(field["class"], "ordinary", "{reason}");
    assert!(!reason.contains("card number"), "{reason}");
    assert!(reason.chars().count() < 300, "{reason}");
    let (code, out) = reach(&ws, "ticket_description contains \"refund\"");
    assert_eq!(code, 0, "{out}");
    // The word itself is still refused.
    let (code, out) = reach(&ws, "ticket_description contains \"pregnant\"");
    assert_ne!(code, 0, "{out}");
}

/// A kind that only a few long texts mention (1 of 60 tickets of 20 words or more,
/// under the 2% share) selects nobody: a rule `contains "refund"` is not refused. But a
/// message merging the column prints that ticket to its contact, so the merge is
/// refused as health data (PRODUCT.md: sensitive data in message text needs an unlock).
#[test]
fn a_rare_mention_in_long_texts_still_blocks_merging_the_column() {
    let mut csv = String::from("email,description\n");
    for i in 1..=59 {
        csv.push_str(&format!(
            "c{i}@example.com,Order {i} arrived late and the box was damaged so I would like a refund or a replacement sent to my home address soon please\n"
        ));
    }
    csv.push_str("p@example.com,I am pregnant and the dress I ordered as order 7 arrived in the wrong size so please send the right one to me quickly\n");
    let ws = Ws::new();
    ws.import_csv("t.csv", &csv, &["--consent", "email=granted"]);
    let (code, out) = reach(&ws, "description contains \"refund\"");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("reach 59 of 60 contacts"), "{out}");
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    let out = ws
        .cmd()
        .args(["campaign", "add", "c", "all", "--subject", "Hi"])
        .args(["--body", "About your ticket: {{ description }}"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("merging it prints them into the message"),
        "{err}"
    );
    assert!(err.contains("health values for 1 contact"), "{err}");
}
