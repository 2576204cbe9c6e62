//! Export's review pass (`review::Tap`) counts the spreadsheet-damaged values a
//! campaign uses as the standalone `tactful review` counts them, also in columns the
//! walk leaves blank in the contact's record: a phone field's columns on the e-mail
//! channel while the suppression list is empty, and a tags field none of whose values
//! says anything of age (issue 13, session 12). Before the fix the export's pass read
//! those fields from the record, found them blank, and its manifest left the damaged
//! values uncounted while `review` counted them.

mod review_support;

use review_support::*;
use serde_json::{Value, json};

/// The items of the `excel_damage` finding among `findings`, if there is one.
fn damage(findings: &Value) -> Option<Value> {
    findings
        .as_array()?
        .iter()
        .find(|f| f["code"] == "excel_damage")
        .map(|f| f["items"].clone())
}

/// `review CAMPAIGN --json` and the findings of the manifest of `export CAMPAIGN`,
/// on the same workspace with nothing changed between them.
fn review_and_export(ws: &Ws, campaign: &str) -> (Value, Value) {
    let review = ws.json(&["review", campaign], 0);
    let out = ws.out("export");
    ws.ok(&["export", campaign, "--out", out.to_str().unwrap()]);
    let manifest: Value = manifest_in(&out);
    (review["findings"].clone(), manifest["findings"].clone())
}

const PHONE_RULE: &str = r#"
name = "mail"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "reachable"
rule = "phone is not blank"
subject = "Hello"
body = "Hi {{ first_name }}"
"#;

/// `br24_phones.csv`: four contacts, e-mail granted for all, and Bo's phone written
/// `4.47700900124E+11` (a spreadsheet's scientific notation, digits lost). An e-mail
/// campaign whose rule reads `phone`: the walk leaves the phone columns unread (the
/// suppression list is empty), yet the rule uses the field, so its one damaged value
/// counts: `phone: 1 contact`. The keys are the e-mail addresses, none damaged.
#[test]
fn a_damaged_phone_a_rule_reads_is_counted_by_export_as_by_review() {
    let ws = Ws::new();
    ws.import(
        "br24_phones.csv",
        &["--consent", "email=granted", "--region", "GB"],
    );
    ws.apply(PHONE_RULE);
    let (review, export) = review_and_export(&ws, "mail");
    assert_eq!(damage(&review), Some(json!(["phone: 1 contact"])));
    assert_eq!(damage(&export), Some(json!(["phone: 1 contact"])));
    assert_eq!(export, review);
}

const TAGS_RULE: &str = r#"
name = "vips"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "vips"
rule = "tags has \"vip\""
subject = "Hello"
body = "Hi {{ first_name }}"
"#;

/// Six contacts whose tags say nothing of age (so the walk reads the tags field as
/// blank for the minor check and leaves it unread), two of them a damaged cell as a
/// whole: Cy's `#N/A` (a spreadsheet error value) and Eve's `4.47701E+11` (scientific
/// notation). The rule reads `tags`, so both count: `tags: 2 contacts`. Bo's and Dee's
/// lists hold such a tag beside `vip`; a cell is checked as a whole (as the import
/// report checks it), so they do not.
#[test]
fn damaged_tags_a_rule_reads_are_counted_by_export_as_by_review() {
    let ws = Ws::new();
    let file = ws.write(
        "tags.csv",
        "email,first_name,tags\n\
         ana@example.com,Ana,vip\n\
         bo@example.com,Bo,\"vip, #N/A\"\n\
         cy@example.com,Cy,#N/A\n\
         dee@example.com,Dee,\"vip, 4.47701E+11\"\n\
         eve@example.com,Eve,4.47701E+11\n\
         fay@example.com,Fay,vip\n",
    );
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    ws.apply(TAGS_RULE);
    let (review, export) = review_and_export(&ws, "vips");
    assert_eq!(damage(&review), Some(json!(["tags: 2 contacts"])));
    assert_eq!(damage(&export), Some(json!(["tags: 2 contacts"])));
    assert_eq!(export, review);
}
