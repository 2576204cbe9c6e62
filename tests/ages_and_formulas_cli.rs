//! Faults a new-user trial found, through the binary (today and as-of 2026-11-01):
//! rows that disagree about a contact's age (the youngest plausible age decides), the
//! "age unknown" mark and count read value by value as the minor check reads them,
//! an export manifest that says what `--neutralise-formulas` did, the preview CSV's
//! formula rule (the spreadsheet profile's, with only real phone numbers exempt), and
//! a campaign nobody can receive.

mod review_support;

use review_support::*;

/// An e-mail campaign `c` to everyone with an address whose subject and body are the
/// first name, so a formula-like name starts the cells.
const NAME_FIRST: &str = r#"
name = "c"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "all"
rule = "email is not blank"
subject = "{{ first_name }}"
body = "{{ first_name }}"
"#;

/// Import `text` written to `name`, with `--json`; the report.
fn import(ws: &Ws, name: &str, text: &str) -> serde_json::Value {
    let path = ws.write(name, text);
    ws.json(&["import", &path], 0)
}

const KID_14: &str = "email,first_name,age,accepts_email_marketing\nkid@example.com,Kid,14,yes\n";
const KID_40: &str = "email,first_name,age,accepts_email_marketing\nkid@example.com,Kid,40,yes\n";

/// Trial fault 1: two rows of one file for one contact, age 14 then 40. Before, the
/// last row won (age 40) and the child got the message. The youngest plausible age
/// decides: 14 stays, the contact is excluded as a minor (14 < 16), and the report names
/// line 3 against line 2. In the other order 14 replaces 40.
#[test]
fn repeated_rows_that_disagree_on_age_keep_the_youngest() {
    for (rows, given, held, kept) in [
        ("14,yes\nkid@example.com,Kid,40,yes\n", "40", "14", "held"),
        ("40,yes\nkid@example.com,Kid,14,yes\n", "14", "40", "given"),
    ] {
        let ws = Ws::new();
        let report = import(
            &ws,
            "kid.csv",
            &format!("email,first_name,age,accepts_email_marketing\nkid@example.com,Kid,{rows}"),
        );
        assert_eq!(
            report["age_conflicts"],
            serde_json::json!([{
                "field": "age", "line": 3, "given": given, "earlier_line": 2,
                "held": held, "kept": kept
            }])
        );
        let w = warnings(&report);
        let said = format!("line 3 gives age `{given}` where line 2 gave `{held}`: kept `14`");
        assert!(
            w.iter()
                .any(|w| w.starts_with("1 row disagreed") && w.ends_with(&said)),
            "{w:?}"
        );
        ws.apply(EMAIL_EVERYONE);
        assert_eq!(
            ws.exclusions("news"),
            pairs(&[("kid@example.com", "minor")])
        );
    }
}

/// The same across re-imports (the product's merge updates a contact from a later
/// file): whichever file comes last, the contact keeps age 14 and stays a minor; the
/// conflict has no earlier line (the value came from an earlier import).
#[test]
fn a_re_import_that_disagrees_on_age_keeps_the_youngest() {
    for (first, second, given, kept) in [
        (KID_14, KID_40, "40", "held"),
        (KID_40, KID_14, "14", "given"),
    ] {
        let ws = Ws::new();
        import(&ws, "one.csv", first);
        let report = import(&ws, "two.csv", second);
        assert_eq!(report["age_conflicts"][0]["line"], 2);
        assert_eq!(report["age_conflicts"][0]["given"], given);
        assert_eq!(
            report["age_conflicts"][0]["earlier_line"],
            serde_json::Value::Null
        );
        assert_eq!(report["age_conflicts"][0]["kept"], kept);
        ws.apply(EMAIL_EVERYONE);
        assert_eq!(
            ws.exclusions("news"),
            pairs(&[("kid@example.com", "minor")])
        );
    }
}

/// Dates of birth that disagree: 2012-01-01 (14 on 2026-11-01) and 1980-05-05 (46).
/// The later date (the younger person) stays, in either row order.
#[test]
fn dates_of_birth_that_disagree_keep_the_youngest() {
    let ws = Ws::new();
    let report = import(
        &ws,
        "dob.csv",
        "email,first_name,date_of_birth,accepts_email_marketing\n\
         kid@example.com,Kid,2012-01-01,yes\nkid@example.com,Kid,1980-05-05,yes\n",
    );
    assert_eq!(report["age_conflicts"][0]["held"], "2012-01-01");
    assert_eq!(report["age_conflicts"][0]["kept"], "held");
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("kid@example.com", "minor")])
    );
}

/// Trial fault 2: a text age column (`15 Jahre`, `fünfzehn`) beside a date column.
/// Before, every contact with an age value was counted and marked "age unknown" (4),
/// though the campaign read three of them. On 2026-11-01: n1 (born 2012-01-01) is 14
/// and n2 (`15 Jahre`) 15, both minors; n7 is 46 by date and 40 by age, so 40: a
/// recipient; only n5's `fünfzehn` cannot be read. So 1 contact is age unknown, marked
/// with the field `alter`, and review's minor check counts 1 recipient it could not
/// judge.
#[test]
fn age_unknown_counts_only_values_the_minor_check_cannot_read() {
    let ws = Ws::new();
    let report = import(
        &ws,
        "ages.csv",
        "email,first_name,Date of Birth,Alter,accepts_email_marketing\n\
         n1@example.com,N1,2012-01-01,,yes\nn2@example.com,N2,,15 Jahre,yes\n\
         n7@example.com,N7,1980-05-05,40,yes\nn5@example.com,N5,,fünfzehn,yes\n",
    );
    assert_eq!(report["contacts_age_unknown"], 1);
    let conn = rusqlite::Connection::open(&ws.path).unwrap();
    let marks: Vec<(String, Option<String>)> = conn
        .prepare("SELECT _key, _age_unknown FROM contacts ORDER BY _id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        marks,
        vec![
            ("n1@example.com".to_string(), None),
            ("n2@example.com".to_string(), None),
            ("n7@example.com".to_string(), None),
            ("n5@example.com".to_string(), Some("alter".to_string())),
        ]
    );
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("n1@example.com", "minor"),
            ("n2@example.com", "minor"),
            ("n7@example.com", "-"),
            ("n5@example.com", "-"),
        ])
    );
    let review = ws.json(&["review", "news"], 3);
    assert_eq!(
        finding(&review, "age_unknown")["items"][0],
        "field `alter`: 1 recipient"
    );
}

const FORMULA_NAMES: &str = "email,first_name,accepts_email_marketing\n\
    a@example.com,=1+1,yes\nb@example.com,-2+3,yes\nc@example.com,@x,yes\n\
    d@example.com,+1+1,yes\ne@example.com,+44 7700 900123,yes\n";

/// Trial fault 3: with `--neutralise-formulas` the Mailchimp audience file quotes the
/// first names (`'=1+1`, `'-2+3`, `'@x`, `'+1+1`, `'+44 7700 900123`: five cells, the
/// platform profiles exempt no phone in a merge value), and the manifest says so
/// instead of "none: every cell is written exactly as stored".
#[test]
fn the_manifest_says_formulas_were_neutralised() {
    let ws = Ws::new();
    import(&ws, "names.csv", FORMULA_NAMES);
    ws.apply(NAME_FIRST);
    let out = ws.out("m11");
    ws.ok(&[
        "export",
        "c",
        "--out",
        out.to_str().unwrap(),
        "--profile",
        "mailchimp",
        "--neutralise-formulas",
    ]);
    let audience = String::from_utf8(read(&out.join("audience.csv"))).unwrap();
    for cell in ["'=1+1", "'-2+3", "'@x", "'+1+1", "'+44 7700 900123"] {
        assert!(
            audience.contains(&format!(",{cell}\r\n")) || audience.contains(&format!(",{cell}\n")),
            "{cell} in {audience}"
        );
    }
    let manifest: serde_json::Value = manifest_in(&out);
    let profile = &manifest["profile"];
    assert_eq!(profile["formulas_neutralised"], 5);
    let rule = profile["neutralisation"].as_str().unwrap();
    assert!(
        rule.starts_with("--neutralise-formulas: a text cell that starts with = + - @ TAB or CR")
            && rule.contains("gets a single quote (') in front"),
        "{rule}"
    );
    assert!(!rule.starts_with("none"), "{rule}");
}

/// Trial fault 4: the preview CSV neutralises what the spreadsheet profile does
/// (`=1+1`, `-2+3`, `@x`, `+1+1` get a `'`); before, `-2+3` and `+1+1` passed as
/// "phone-like" and stayed live. A phone number with its country code
/// (`+44 7700 900123`) stays as it is in the preview, where the spreadsheet profile
/// quotes every `+`.
#[test]
fn the_preview_csv_neutralises_as_the_spreadsheet_profile_does() {
    let ws = Ws::new();
    import(&ws, "names.csv", FORMULA_NAMES);
    ws.apply(NAME_FIRST);
    let csv = ws
        .cmd()
        .args(["preview", "c", "--format", "csv"])
        .output()
        .unwrap();
    assert!(csv.status.success());
    let bodies = |bytes: &[u8], column: usize| -> Vec<String> {
        let text = String::from_utf8_lossy(bytes);
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap()[column].to_string())
            .collect()
    };
    assert_eq!(
        bodies(&csv.stdout, 4),
        ["'=1+1", "'-2+3", "'@x", "'+1+1", "+44 7700 900123"]
    );
    let out = ws.out("sheet");
    ws.ok(&[
        "export",
        "c",
        "--out",
        out.to_str().unwrap(),
        "--profile",
        "spreadsheet",
    ]);
    // recipients.csv: email, segment, subject, body.
    assert_eq!(
        bodies(&read(&out.join("recipients.csv")), 3),
        ["'=1+1", "'-2+3", "'@x", "'+1+1", "'+44 7700 900123"]
    );
    // Subject and body are both the first name: 5 contacts x 2 quoted cells, the
    // phone number in a first name included (BR-22's trade-off); no e-mail is quoted.
    let manifest: serde_json::Value = manifest_in(&out);
    assert_eq!(manifest["profile"]["formulas_neutralised"], 10);
}

/// Trial fault 5: an e-mail campaign none of whose contacts can receive it (one
/// declined, one with no valid address) reviewed "0 blockers, 0 warnings". Now the
/// warning `no_recipients` gives the count per reason: no_consent 1, no_address 1.
#[test]
fn a_campaign_nobody_can_receive_is_a_warning() {
    let ws = Ws::new();
    let path = ws.write(
        "nobody.csv",
        "customer_id,email,first_name,accepts_email_marketing\n\
         1,no@example.com,No,no\n2,n/a,Na,yes\n",
    );
    ws.json(&["import", &path, "--key", "customer_id"], 0);
    ws.apply(EMAIL_EVERYONE);
    let review = ws.json(&["review", "news"], 0);
    let f = finding(&review, "no_recipients");
    assert_eq!(f["severity"], "warning");
    let items: Vec<&str> = f["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].starts_with("no_consent: 1 ("), "{items:?}");
    assert!(items[1].starts_with("no_address: 1 ("), "{items:?}");
    ws.cmd()
        .args(["review", "news"])
        .assert()
        .success()
        .stdout(predicates::str::contains("no_recipients"));
}

/// Trial fault 2 with a workbook (`dob_cells.xlsx`, made with openpyxl): date cells
/// 2012-01-01 and 1980-05-05 and a text cell `unknown` in a `Date of Birth` column. The
/// text cell keeps the column text; before, all 3 contacts were marked age unknown.
/// The date cells are read (n1 is 14 on 2026-11-01: a minor; n7 46), so only n5 is.
#[test]
fn workbook_date_cells_are_readable_ages() {
    let ws = Ws::new();
    let report = ws.json(&["import", fixture("dob_cells.xlsx").to_str().unwrap()], 0);
    assert_eq!(report["contacts_age_unknown"], 1);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("n1@example.com", "minor"),
            ("n7@example.com", "-"),
            ("n5@example.com", "-"),
        ])
    );
}
