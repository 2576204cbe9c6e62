//! Symbols say their word (session 9), now from data (`assets/symbol-words.toml`,
//! session 10) with the health and gender symbols a tag may be, end to end through the
//! `tactful` binary.
//!
//! Worked out by hand from the asset and `assets/privacy-dictionary.toml`: `♿` (U+267F)
//! says `wheelchair`, `🦻` (U+1F9BB) `hearing aid`, `🦯` (U+1F9AF) `visually impaired`,
//! `🤰` (U+1F930) `pregnant`, all health values (special category); `♀` (U+2640)
//! `female`, a gender value (protected trait). The session-9 symbols still read: `☪`
//! `islam` (religion), the rainbow flag (U+1F3F3, VS16, ZWJ, U+1F308) `lgbt` (sexual
//! orientation). A white flag alone and a rainbow alone say nothing.

mod review_support;

use predicates::prelude::*;
use review_support::*;

#[test]
fn symbol_tags_are_the_sensitive_values_they_say() {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,first_name,tags\na@example.com,A,vip\n",
        &["--consent", "email=granted"],
    );
    for (tag, kind) in [
        ("\u{267F}", "health"),
        ("\u{1F9BB}", "health"),
        ("\u{1F9AF}", "health"),
        ("\u{1F930}", "health"),
        ("\u{2640}", "gender"),
        ("\u{262A}", "religion"),
        ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "sexual orientation"),
    ] {
        ws.cmd()
            .args(["reach", &format!(r#"tags has "{tag}""#)])
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!(
                "value `{tag}` of field `tags` is {kind} data"
            )));
    }
    for tag in ["\u{1F3F3}", "\u{1F308}"] {
        ws.ok(&["reach", &format!(r#"tags has "{tag}""#)]);
    }
}
