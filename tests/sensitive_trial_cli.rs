//! Words, symbols and headers the session-9 new-user trial found read as ordinary,
//! each letting a rule through with no unlock. End to end through the binary;
//! expected kinds from `assets/privacy-dictionary.toml` as extended for them: the
//! religion's star and crescent and the rainbow flag as tags, a combining accent that
//! NFKC composes (`m` + U+0301), job titles of clergy, union and vote notes, and the
//! headers `Blood group` (health), `Accessibility needs` (health), `Criminal record`
//! and `Convictions` (criminal offences, GDPR Art. 10).

mod review_support;

use predicates::str::contains;
use review_support::Ws;

/// A rule selecting `value` in field `field` is refused, naming `kind`.
fn refused(ws: &Ws, rule: &str, kind: &str) {
    ws.cmd()
        .args(["reach", rule])
        .assert()
        .failure()
        .stderr(contains(kind));
}

#[test]
fn symbols_accents_titles_and_notes_are_sensitive_values() {
    let ws = Ws::new();
    ws.import_csv(
        "shop.csv",
        "email,first_name,tags,job_title,notes\n\
         a@example.com,A,\u{262A},Imam,Votes Labour\n\
         b@example.com,B,\u{1F3F3}\u{FE0F}\u{200D}\u{1F308},Rabbi,GMB member\n\
         c@example.com,C,muslim\u{301},Trade union rep,asylum seeker\n\
         d@example.com,D,vip,Engineer,likes tea\n",
        &["--consent", "email=granted"],
    );
    refused(&ws, "tags has \"\u{262A}\"", "religion");
    refused(
        &ws,
        "tags has \"\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}\"",
        "sexual orientation",
    );
    refused(&ws, "tags has \"muslim\u{301}\"", "religion");
    refused(&ws, "job_title is \"Imam\"", "religion");
    refused(&ws, "job_title is \"Trade union rep\"", "union");
    refused(&ws, "notes is blank", "notes:");
    // The ordinary values stay usable.
    ws.ok(&["reach", "tags has \"vip\""]);
}

#[test]
fn health_and_conviction_headers_are_special_category() {
    let ws = Ws::new();
    ws.import_csv(
        "members.csv",
        "email,Blood group,Accessibility needs,Criminal record,Convictions\n\
         a@example.com,A+,step-free access,none,0\n\
         b@example.com,0-,,yes,2\n",
        &["--consent", "email=granted"],
    );
    for (field, kind) in [
        ("blood_group", "health"),
        ("accessibility_needs", "health"),
        ("criminal_record", "criminal_offence"),
        ("convictions", "criminal_offence"),
    ] {
        let f = ws.field(field);
        assert_eq!(f["class"], "special_category", "{field}: {f}");
        assert!(
            f["reason"].as_str().unwrap().contains(kind) || f["kind"] == kind,
            "{field}: {f}"
        );
    }
}
