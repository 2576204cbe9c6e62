//! Session 12, end to end through the binary: a free-text column of short sentences
//! became special category data from a stray word. The real support-tickets file's
//! `Resolution` holds 2,769 generated sentences of 3 to 8 words; 17 say `church`, 29
//! `Democrat` or `Republican`, so every rule on the column was refused as religion and
//! political opinion data. Only texts of 20 words or more were weighed by their share.
//!
//! Expected by hand (src/fields/held.rs, `is_prose`, `PROSE_WORDS` = 3,
//! `PROSE_PERCENT` = 2):
//! - 59 sentences `Ticket N closed after a refund.` (N odd: 30 of them) or `... a
//!   replacement.` (N even: 29), and one `Church forward and report.` (4 words, a
//!   sentence from the real file): religion in 1 of 60 values = 1.7%, under 2%, and
//!   only inside prose, so `resolution contains "refund"` reaches 30 of 60 and the
//!   reason holds no note; `contains "church"` writes the word and is refused, and
//!   `{{ resolution }}` in a message would print the sentence, so it is refused.
//! - The same 59 sentences with `Votes Labour` (2 words: a label, not prose) or
//!   `Catholic` (the term itself) instead: held whatever the share, so `contains
//!   "refund"` is refused ("political opinion values for 1 contact", "religion values
//!   for 1 contact").
//! - Four notes, three about religion (`I am a practising Catholic`, `Goes to church
//!   every Sunday`, `Wants the refund before Ramadan ends`), one not: 75% of the values,
//!   so the column holds religion values for 3 contacts, and `contains "refund"` is
//!   refused.
//! - The real file (../shared/real-data; skipped when absent, failing under CI=true):
//!   `Resolution`'s reason holds no note, `resolution contains "refund"` is allowed,
//!   `resolution contains "Republican"` refused.

mod review_support;
mod shared_folder;

use review_support::*;

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

/// 59 resolution sentences (30 with `refund`) and `last` as the 60th value.
fn resolutions(last: &str) -> Ws {
    let mut csv = String::from("email,resolution\n");
    for i in 1..=59 {
        let what = if i % 2 == 1 { "refund" } else { "replacement" };
        csv.push_str(&format!(
            "c{i}@example.com,Ticket {i} closed after a {what}.\n"
        ));
    }
    csv.push_str(&format!("z@example.com,{last}\n"));
    let ws = Ws::new();
    ws.import_csv("r.csv", &csv, &["--consent", "email=granted"]);
    ws
}

#[test]
fn a_stray_word_in_short_sentences_selects_nobody_but_is_not_merged() {
    let ws = resolutions("Church forward and report.");
    let reason = ws.field("resolution")["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        reason, "no sensitive header word, value vocabulary or validator matched",
        "{reason}"
    );
    let (code, out) = reach(&ws, "resolution contains \"refund\"");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("reach 30 of 60 contacts"), "{out}");
    // The word itself is still refused.
    let (code, out) = reach(&ws, "resolution contains \"church\"");
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("religion data"), "{out}");
    // A merge prints the sentence to its contact.
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    let out = ws
        .cmd()
        .args(["campaign", "add", "c", "all", "--subject", "Hi"])
        .args(["--body", "Closed: {{ resolution }}"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("religion values for 1 contact"), "{err}");
}

#[test]
fn a_term_a_short_label_or_mostly_religious_sentences_count_whatever_the_share() {
    for (last, kind) in [
        ("Votes Labour", "political opinion values for 1 contact"),
        ("Catholic", "religion values for 1 contact"),
        ("REPUBLICAN", "political opinion values for 1 contact"),
    ] {
        let ws = resolutions(last);
        let (code, out) = reach(&ws, "resolution contains \"refund\"");
        assert_ne!(code, 0, "{last}: {out}");
        assert!(out.contains(kind), "{last}: {out}");
    }
    // Sentences mostly about religion are religion data.
    let csv = "email,notes
a@example.com,I am a practising Catholic
b@example.com,Goes to church every Sunday
c@example.com,Wants the refund before Ramadan ends
d@example.com,asked about a refund
";
    let ws = Ws::new();
    ws.import_csv("n.csv", csv, &["--consent", "email=granted"]);
    let reason = ws.field("notes")["reason"].as_str().unwrap().to_string();
    assert!(reason.contains("holds sensitive values: "), "{reason}");
    let (code, out) = reach(&ws, "notes contains \"refund\"");
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("religion values for 3 contacts"), "{out}");
    // And a stray word in a sentence of 3 words is prose (the boundary).
    let ws = resolutions("He church establish.");
    let (code, out) = reach(&ws, "resolution contains \"refund\"");
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_real_support_tickets_resolutions_are_ordinary_text() {
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
    let field = ws.field("resolution");
    let reason = field["reason"].as_str().unwrap();
    assert_eq!(field["class"], "ordinary", "{reason}");
    assert!(!reason.contains("holds sensitive values"), "{reason}");
    let (code, out) = reach(&ws, "resolution contains \"refund\"");
    assert_eq!(code, 0, "{out}");
    let (code, out) = reach(&ws, "resolution contains \"Republican\"");
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("political opinion data"), "{out}");
}
