//! Promise 2 ("sensitive data is never used unless someone justified it, on record")
//! across re-imports, end to end through the `tactful` binary (session 8 trial): a
//! `notes` or `tags` field first imported with ordinary values says, in its reason, the
//! sensitive values a later file, a `--map` into it or an undo brings, and the import
//! or undo report warns.
//!
//! Expected values worked out by hand from `assets/privacy-dictionary.toml` and the
//! note's format (`ValueProfile::sensitive_note`: terms most frequent first, then in
//! byte order; per term the contacts holding it):
//! - `SECOND`: `Pregnant (due May)` (C) and `diabetes type 2` (D) hold the health words
//!   `pregnant` and `diabetes`, one contact each; the tag `halal-only` (C) holds the
//!   religion word `halal`. Held examples are values, most frequent first, then in
//!   byte order (`P` sorts before `d`).
//! - `FIRST`: `likes tea`, `called twice`, tags `vip`, `new`: no sensitive word.

mod review_support;

use review_support::*;
use serde_json::Value;

const FIRST: &str = "email,first_name,notes,tags
a@example.com,A,likes tea,vip
b@example.com,B,called twice,new
";

const SECOND: &str = "email,first_name,notes,tags
c@example.com,C,Pregnant (due May),halal-only
d@example.com,D,diabetes type 2,vip
";

const NOTES_NOTE: &str = "no sensitive header word, value vocabulary or validator matched; holds sensitive values: diabetes (health, 1), pregnant (health, 1); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN FIELD:KIND)";
const NOTES_PLAIN: &str = "no sensitive header word, value vocabulary or validator matched";
const TAGS_NOTE: &str = "whole header `tags`: tags, ordinary (tactful privacy policy: tags are ordinary data); holds sensitive values: halal (religion, 1); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN FIELD:KIND)";
const NOTES_WARNING: &str = "field notes now holds sensitive values: `notes` holds health values for 2 contacts (Pregnant (due May), diabetes type 2); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN notes:health --reason \"...\"); its reason says so";
const TAGS_WARNING: &str = "field tags now holds sensitive values: `tags` holds religion values for 1 contact (halal-only); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN tags:religion --reason \"...\"); its reason says so";

/// `import FILE --consent email=granted [extra] --json`, the report.
fn import(ws: &Ws, name: &str, csv: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--consent", "email=granted"];
    args.extend(extra);
    ws.import_csv(name, csv, &args)
}

/// The reason `fields --json` gives field `name`.
fn reason(ws: &Ws, name: &str) -> String {
    ws.field(name)["reason"].as_str().unwrap().to_string()
}

#[test]
fn a_later_file_with_sensitive_notes_and_tags_is_named_in_the_reasons_and_the_report() {
    let ws = Ws::new();
    import(&ws, "first.csv", FIRST, &[]);
    assert_eq!(reason(&ws, "notes"), NOTES_PLAIN);
    let report = import(&ws, "second.csv", SECOND, &[]);
    let said = warnings(&report);
    assert!(said.iter().any(|w| w == NOTES_WARNING), "{said:#?}");
    assert!(said.iter().any(|w| w == TAGS_WARNING), "{said:#?}");
    // What `fields` (and the terminal app's Fields screen) shows, as if one file had
    // brought every value.
    assert_eq!(reason(&ws, "notes"), NOTES_NOTE);
    assert_eq!(reason(&ws, "tags"), TAGS_NOTE);
    // On record: who noted it, from which file.
    let audit = ws.stdout(&["audit"]);
    assert!(
        audit.lines().any(|l| l.contains("field.sensitive_values")
            && l.contains("notes")
            && l.contains("second.csv")),
        "{audit}"
    );
}

#[test]
fn a_file_that_replaces_the_sensitive_notes_clears_the_note_and_undo_brings_it_back() {
    let ws = Ws::new();
    import(&ws, "second.csv", SECOND, &[]);
    assert_eq!(reason(&ws, "notes"), NOTES_NOTE);
    // The same two contacts, their notes and tags replaced by ordinary ones.
    let plain = "email,notes,tags\nc@example.com,likes tea,vip\nd@example.com,called,vip\n";
    import(&ws, "plain.csv", plain, &[]);
    assert_eq!(reason(&ws, "notes"), NOTES_PLAIN);
    // Undo puts `Pregnant (due May)` and `diabetes type 2` back, and says so.
    let undone = ws.json(&["import", "undo"], 0);
    assert_eq!(undone["contacts_restored"], 2);
    let said = warnings(&undone);
    assert_eq!(said, [NOTES_WARNING, TAGS_WARNING]);
    assert_eq!(reason(&ws, "notes"), NOTES_NOTE);
    assert_eq!(reason(&ws, "tags"), TAGS_NOTE);
}

#[test]
fn a_column_mapped_into_an_existing_field_is_noted_too() {
    let ws = Ws::new();
    import(&ws, "first.csv", FIRST, &[]);
    // `Remarks` lands in `notes` by `--map`: A's note becomes `on chemo`, a health word
    // (one contact; B keeps `called twice`).
    let remarks = "email,Remarks\na@example.com,on chemo\n";
    let report = import(&ws, "remarks.csv", remarks, &["--map", "Remarks=notes"]);
    let want = "field notes now holds sensitive values: `notes` holds health values for 1 contact (on chemo); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN notes:health --reason \"...\"); its reason says so";
    assert!(warnings(&report).iter().any(|w| w == want), "{report:#}");
    assert_eq!(
        reason(&ws, "notes"),
        NOTES_NOTE.replace(
            "diabetes (health, 1), pregnant (health, 1)",
            "chemo (health, 1)"
        )
    );
    // Still refused in a rule without an unlock, as before.
    ws.cmd()
        .args(["reach", "notes is blank"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("notes:health"));
}
