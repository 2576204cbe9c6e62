//! Which exported cells get a `'` in front, and the manifest's count of them, through
//! the binary (second new-user trial): the spreadsheet profile quoted key and address
//! cells while `profile.formulas_neutralised` said 0. Every expected cell below is
//! worked out by hand from the rule in README "Export": a text cell starting with `=`
//! `+` `-` `@` is quoted, a phone number starting with `+` included (BR-22, BR-24:
//! `'+447700900111`), except an SMS export's E.164 phone column in the sending
//! profiles, which goes to the platform as stored.

mod review_support;

use review_support::*;
use serde_json::Value;

/// Keys and first names starting with each formula sign; Eve's first name is a phone
/// number with its country code (quoted like any `+`), Fay has nothing to quote. An
/// address starting with a formula sign is no address since new-user trial 9, L-N8p
/// (a mailbox name starts with a letter, digit or `_`): Gil's `=gil@example.com` is
/// `no_address`, never exported, so no address cell of an e-mail export needs a `'`.
const PEOPLE: &str = "customer_id,email,first_name\n\
    =1+1,ana@example.com,Ana\n\
    +2+2,bo@example.com,@Bo\n\
    -3,cy@example.com,-Cy\n\
    @d,dee@example.com,=SUM(A1)\n\
    k5,eve@example.com,+447700900111\n\
    k6,fay@example.com,Fay\n\
    k7,=gil@example.com,Gil\n";

const HELLO: &str = r#"
name = "hello"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "all"
rule = "email is not blank"
subject = "Hi"
body = "{{ first_name }} hello"
"#;

const REASON: &str = "the spreadsheet is checked by hand before sending";

fn people() -> Ws {
    let ws = Ws::new();
    let path = ws.write("people.csv", PEOPLE);
    ws.cmd()
        .args(["import", &path, "--key", "customer_id"])
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    ws.apply(HELLO);
    ws
}

/// `(first cell of the record, column)` of every cell starting with `'` in the CSV
/// `bytes` (BOM skipped), and listmonk's `attributes` values that do.
fn quoted_cells(bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        for (column, cell) in header.iter().zip(record.iter()) {
            if cell.starts_with('\'') {
                out.push((record[0].to_string(), column.clone()));
            }
            if column == "attributes"
                && let Ok(Value::Object(attrs)) = serde_json::from_str::<Value>(cell)
            {
                for (name, value) in attrs {
                    if value.as_str().is_some_and(|v| v.starts_with('\'')) {
                        out.push((record[0].to_string(), format!("attributes.{name}")));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn the_spreadsheet_profile_counts_every_cell_it_quotes() {
    let ws = people();
    let out = ws.out("sheet");
    ws.ok(&[
        "export",
        "hello",
        "--out",
        out.to_str().unwrap(),
        "--with-key",
        "--field",
        "first_name",
        "--reason",
        REASON,
    ]);
    // By hand: Ana 1 (key), Bo 3 (key, body, first_name), Cy 3 (key, body,
    // first_name), Dee 3 (key, body, first_name), Eve 2 (body, and first_name, a
    // phone number starting with `+`), Fay 0, Gil not exported: 12 cells.
    let expected = "\u{FEFF}email,segment,key,subject,body,first_name\r\n\
        ana@example.com,all,'=1+1,Hi,Ana hello,Ana\r\n\
        bo@example.com,all,'+2+2,Hi,'@Bo hello,'@Bo\r\n\
        cy@example.com,all,'-3,Hi,'-Cy hello,'-Cy\r\n\
        dee@example.com,all,'@d,Hi,'=SUM(A1) hello,'=SUM(A1)\r\n\
        eve@example.com,all,k5,Hi,'+447700900111 hello,'+447700900111\r\n\
        fay@example.com,all,k6,Hi,Fay hello,Fay\r\n";
    let bytes = read(&out.join("recipients.csv"));
    assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected);
    let cell = |row: &str, column: &str| (row.to_string(), column.to_string());
    assert_eq!(
        quoted_cells(&bytes),
        [
            cell("ana@example.com", "key"),
            cell("bo@example.com", "key"),
            cell("bo@example.com", "body"),
            cell("bo@example.com", "first_name"),
            cell("cy@example.com", "key"),
            cell("cy@example.com", "body"),
            cell("cy@example.com", "first_name"),
            cell("dee@example.com", "key"),
            cell("dee@example.com", "body"),
            cell("dee@example.com", "first_name"),
            cell("eve@example.com", "body"),
            cell("eve@example.com", "first_name"),
        ]
    );
    assert_eq!(manifest_in(&out)["profile"]["formulas_neutralised"], 12);

    // Split into parts of 4 and 2 records (Ana to Dee: 10 cells; Eve and Fay: 2): the
    // count covers both files.
    let split = ws.out("split");
    ws.ok(&[
        "export",
        "hello",
        "--out",
        split.to_str().unwrap(),
        "--with-key",
        "--split-rows",
        "4",
        "--field",
        "first_name",
        "--reason",
        REASON,
    ]);
    let first = quoted_cells(&read(&split.join("recipients-001.csv"))).len();
    let second = quoted_cells(&read(&split.join("recipients-002.csv"))).len();
    assert_eq!((first, second), (10, 2));
    assert_eq!(manifest_in(&split)["profile"]["formulas_neutralised"], 12);
}

/// Every e-mail profile, the platform ones with `--neutralise-formulas`: the manifest
/// counts exactly the cells written with a `'` in front (no imported value starts with
/// one: the importer removes it).
#[test]
fn every_profile_counts_the_cells_it_quotes() {
    let ws = people();
    for profile in [
        "spreadsheet",
        "upload",
        "mailchimp",
        "klaviyo",
        "brevo",
        "listmonk",
    ] {
        let out = ws.out(profile);
        let mut args = vec![
            "export",
            "hello",
            "--profile",
            profile,
            "--out",
            out.to_str().unwrap(),
            "--with-key",
        ];
        if profile != "spreadsheet" {
            args.push("--neutralise-formulas");
        }
        ws.ok(&args);
        let data = if out.join("audience.csv").exists() {
            "audience.csv"
        } else {
            "recipients.csv"
        };
        let quoted = quoted_cells(&read(&out.join(data)));
        assert!(!quoted.is_empty(), "{profile}");
        assert_eq!(
            manifest_in(&out)["profile"]["formulas_neutralised"],
            quoted.len(),
            "{profile}: {quoted:?}"
        );
    }
}

const PHONES: &str = "email,phone\n\
    a@example.com,+447700900111\n\
    b@example.com,+44 (0)7700 900112\n\
    c@example.com,07700 900113\n";

/// An SMS campaign's phones. The spreadsheet profile writes each in E.164 and quotes
/// it (BR-22's trade-off: `'+447700900111`), counts
/// each quoted cell, and says `e164_phones_intact: false`. The sending profiles write
/// the E.164 form stored at import, unquoted, with or without `--neutralise-formulas`,
/// and count nothing. The preview CSV writes the number texted, in E.164, as it is
/// (new-user trial 11: the spelling as imported is no number a platform sends to).
#[test]
fn phone_numbers_are_quoted_in_the_spreadsheet_profile_only() {
    let ws = Ws::new();
    let path = ws.write("phones.csv", PHONES);
    ws.cmd()
        .args(["import", &path, "--region", "GB"])
        .args(["--consent", "sms=granted"])
        .assert()
        .success();
    ws.apply(SMS_EVERYONE);
    let preview = ws.stdout(&["preview", "text", "--format", "csv"]);
    assert!(preview.contains(",+447700900111,"), "{preview}");
    assert!(preview.contains(",+447700900112,"), "{preview}");
    assert!(preview.contains(",+447700900113,"), "{preview}");

    // By hand: the phone column in E.164 (since session 9: the number sent to, never
    // the cell as stored); each starts with `+` and gets a quote: 3 cells.
    let sheet = ws.out("sheet");
    ws.ok(&["export", "text", "--out", sheet.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(read(&sheet.join("recipients.csv"))).unwrap(),
        "\u{FEFF}phone,segment,body\r\n\
         '+447700900111,everyone,Hello\r\n\
         '+447700900112,everyone,Hello\r\n\
         '+447700900113,everyone,Hello\r\n"
    );
    let m = manifest_in(&sheet);
    assert_eq!(m["profile"]["formulas_neutralised"], 3);
    assert_eq!(m["profile"]["e164_phones_intact"], false);

    // By hand: every phone in E.164, the address the gateway sends to; no quote.
    let e164 = "\u{FEFF}phone,body\r\n\
         +447700900111,Hello\r\n\
         +447700900112,Hello\r\n\
         +447700900113,Hello\r\n";
    for neutralise in [false, true] {
        let sms = ws.out(&format!("sms-{neutralise}"));
        let mut args = vec![
            "export",
            "text",
            "--profile",
            "sms",
            "--out",
            sms.to_str().unwrap(),
        ];
        if neutralise {
            args.push("--neutralise-formulas");
        }
        ws.ok(&args);
        assert_eq!(
            String::from_utf8(read(&sms.join("recipients.csv"))).unwrap(),
            e164,
            "--neutralise-formulas: {neutralise}"
        );
        let m = manifest_in(&sms);
        assert_eq!(m["profile"]["formulas_neutralised"], 0);
        assert_eq!(m["profile"]["e164_phones_intact"], true);
    }
    for profile in ["upload", "klaviyo", "brevo"] {
        let out = ws.out(profile);
        ws.ok(&[
            "export",
            "text",
            "--profile",
            profile,
            "--out",
            out.to_str().unwrap(),
        ]);
        let data = if out.join("audience.csv").exists() {
            "audience.csv"
        } else {
            "recipients.csv"
        };
        let text = String::from_utf8(read(&out.join(data))).unwrap();
        for phone in ["+447700900111", "+447700900112", "+447700900113"] {
            assert!(text.contains(&format!("\n{phone},")), "{profile}: {text}");
        }
        assert!(!text.contains('\''), "{profile}: {text}");
        let m = manifest_in(&out);
        assert_eq!(m["profile"]["formulas_neutralised"], 0);
        assert_eq!(m["profile"]["e164_phones_intact"], true);
    }
}

/// The `export_extra_field` blocker names its real cause: a protected trait is never
/// exported as a column, whatever the reason (before, the headline blamed a missing
/// reason).
#[test]
fn an_added_protected_trait_is_refused_as_one() {
    let ws = Ws::new();
    ws.import("policy_people.csv", &[]);
    ws.apply(EMAIL_EVERYONE);
    let out = ws.out("x");
    let refused = ws
        .cmd()
        .args(["export", "news", "--out", out.to_str().unwrap()])
        .args(["--field", "gender", "--reason", REASON])
        .assert()
        .code(3)
        .get_output()
        .stderr
        .clone();
    let refused = String::from_utf8(refused).unwrap();
    assert!(
        refused.contains(
            "export_extra_field: the export would carry a protected trait, which an export never carries as a column (drop it)"
        ),
        "{refused}"
    );
    assert!(!refused.contains("valid reason"), "{refused}");
    assert!(
        refused.contains("export refused: 1 blocker open"),
        "{refused}"
    );
    assert!(!out.exists());
}
