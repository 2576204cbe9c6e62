//! Session-10 trial F7, end to end through the binary: tags the vocabulary missed
//! (`anxiety`, `depressed`, `pcos`, `mastectomy`, the union `UNISON`, the candidate tag
//! `trump2024`, `ex-con`, `immigrant`) and disguised spellings (`musIim` with a capital
//! I for the l, `musl1m`, `mu$lim`, `g4y`) were targetable and exported to Mailchimp
//! with no blocker.
//!
//! Expected kinds by hand: mental health and conditions are health data, UNISON a
//! trade union, a presidential candidate's name a political opinion (GDPR Art. 9(1)),
//! `ex-con` a criminal conviction (Art. 10), `immigrant` immigration status (CPRA
//! §1798.140(ae)(1)(D)); a digit or symbol that stands for a letter inside a word
//! reads as that letter, and a number stuck to a word is split off. False friends:
//! ordinary tags and codes with digits stay usable (`vip`, `b2b`, `l1`, `4x4`, `mp3`,
//! `win10`, `24/7`, `std-shipping`, `top10`, `gr8`, `h3llo`).

mod review_support;

use predicates::str::contains;
use review_support::*;

/// A workspace whose `note` field holds only ordinary values, so a rule on it is
/// judged by the literal it compares with.
fn notes_ws() -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "n.csv",
        "email,first_name,note\na@example.com,A,likes tea\nb@example.com,B,wholesale\n",
        &["--consent", "email=granted"],
    );
    ws
}

#[test]
fn trial_tags_and_disguised_spellings_are_sensitive_in_rules() {
    let ws = notes_ws();
    for (tag, kind) in [
        ("anxiety", "health"),
        ("depressed", "health"),
        ("pcos", "health"),
        ("mastectomy", "health"),
        ("UNISON", "union"),
        ("trump2024", "political"),
        ("ex-con", "criminal"),
        ("immigrant", "citizenship"),
        ("musIim", "religion"),
        ("musl1m", "religion"),
        ("mu$lim", "religion"),
        ("g4y", "sexual orientation"),
        ("pregnant2026", "health"),
    ] {
        ws.cmd()
            .args(["reach", &format!("note is \"{tag}\"")])
            .assert()
            .failure()
            .stderr(contains(kind));
    }
}

#[test]
fn ordinary_tags_with_digits_and_symbols_stay_usable() {
    let ws = notes_ws();
    for tag in [
        "vip",
        "b2b",
        "l1",
        "4x4",
        "mp3",
        "win10",
        "24/7",
        "std-shipping",
        "top10",
        "gr8",
        "h3llo",
        "sang in unison",
        "trump card",
        "Illinois",
        "iPhone",
    ] {
        ws.ok(&["reach", &format!("note is \"{tag}\"")]);
    }
}

#[test]
fn the_trial_tags_hold_sensitive_values_and_the_mailchimp_export_refuses_them() {
    let ws = Ws::new();
    ws.import_csv(
        "t2.csv",
        "email,first_name,tags\n\
         a@example.com,A,\"vip, depressed\"\n\
         b@example.com,B,\"vip, UNISON\"\n\
         c@example.com,C,\"vip, trump2024\"\n\
         d@example.com,D,\"vip, g4y\"\n",
        &["--consent", "email=granted"],
    );
    ws.ok(&["segment", "add", "everyone", "first_name is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    // Merging the tags would print them: refused, naming each value and its kind.
    let refused = ws
        .cmd()
        .args(["campaign", "add", "c", "everyone", "--subject", "Hi"])
        .args(["--body", "Your tags: {{ tags }}"])
        .assert()
        .failure();
    let said = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    for (value, kind) in [
        ("depressed", "health"),
        ("UNISON", "union membership"),
        ("trump2024", "political opinion"),
        ("g4y", "sexual orientation"),
    ] {
        assert!(
            said.contains(&format!("value `{value}` of field `tags` is {kind} data")),
            "{value}: {said}"
        );
    }
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "everyone",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    let out = ws.out("o");
    ws.cmd()
        .args([
            "export",
            "c",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            "mailchimp",
        ])
        .args([
            "--field",
            "tags",
            "--reason",
            "the platform segments by these tags",
        ])
        .assert()
        .code(3)
        .stderr(contains("sensitive_value"));
    assert!(!out.join("audience.csv").exists());
}
