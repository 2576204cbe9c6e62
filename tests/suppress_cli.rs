//! `tactful suppress FILE` loses no opt-out silently (issue 9 follow-up): a national
//! number is read in `--region` or the workspace's region and, with neither, is kept as
//! written, matched in every region, and named by line in a note; any spelling with a country code (`+44 (0)…`,
//! `0044 …`) needs no region; a row that does not line up with the header is searched
//! whole and reported with its line and column; a one-line list is not taken for a
//! header. Driven through the `tactful` binary, as a user would.
//!
//! Numbers: the UK drama range 07700 900123..5; in E.164 `+44` then the national number
//! without its trunk `0` (Ofcom's numbering plan), `+447700900123` and so on. Every
//! expected value is worked out by hand from the files written below.

mod review_support;

use predicates::str::contains;
use review_support::{Ws, pairs};

/// Ana, Bo and Cy with SMS consent, their numbers written with the country code.
const CONTACTS: &str = "email,first_name,phone,accepts_sms_marketing\n\
    ana@example.com,Ana,+44 7700 900123,yes\n\
    bo@example.com,Bo,+44 7700 900124,yes\n\
    cy@example.com,Cy,+44 7700 900125,yes\n";

const SMS_EVERYONE: &str = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "named"
rule = "first_name is not blank"
body = "Hi {{ first_name }}"
"#;

/// Lines 2 and 4 are national numbers; with no region anywhere they are kept as
/// written (their digits) and matched in every region: the report counts them and
/// names their lines, all three are added, and Ana (+447700900123, the UK reading of
/// line 2) and Cy (line 4) are suppressed as Bo (line 3, `+44 (0)`) is. Before session
/// 9 lines 2 and 4 were named but not added, and Ana and Cy were texted. With
/// `--region GB` their E.164 forms are added beside them.
#[test]
fn national_numbers_without_a_region_are_kept_and_matched() {
    let ws = Ws::new();
    let contacts = ws.write("contacts.csv", CONTACTS);
    ws.ok(&["import", &contacts]);
    let list = ws.write(
        "optouts.csv",
        "phone\n07700 900123\n+44 (0)7700 900124\n07700 900125\n",
    );
    let r = ws.json(&["suppress", &list], 0);
    assert_eq!(r["added"], 3);
    assert_eq!(r["needs_region"]["count"], 2);
    assert_eq!(r["needs_region"]["lines"], serde_json::json!([2, 4]));
    assert_eq!(r["skipped"], serde_json::json!([]));
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .success()
        .stdout(contains(
            "note: 2 phone numbers written without a country code and no region is known (lines 2, 4): they are kept as written and suppressed in every region",
        ));
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("ana@example.com", "suppressed"),
            ("bo@example.com", "suppressed"),
            ("cy@example.com", "suppressed"),
        ])
    );
    let r = ws.json(&["suppress", &list, "--region", "GB"], 0);
    assert_eq!(
        (r["added"].as_u64(), r["already_present"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(r["needs_region"]["count"], 0);
    assert!(ws.exclusions("text").iter().all(|(_, e)| e == "suppressed"));
}

/// The workspace's region (from `import --region GB`) reads the national numbers of a
/// later list without `--region`.
#[test]
fn the_workspace_region_reads_national_numbers() {
    let ws = Ws::new();
    let contacts = ws.write("contacts.csv", CONTACTS);
    ws.ok(&["import", &contacts, "--region", "GB"]);
    let list = ws.write("optouts.txt", "07700 900123\n07700 900125\n");
    let r = ws.json(&["suppress", &list], 0);
    assert_eq!(
        (r["added"].as_u64(), r["needs_region"]["count"].as_u64()),
        (Some(2), Some(0))
    );
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("ana@example.com", "suppressed"),
            ("bo@example.com", "-"),
            ("cy@example.com", "suppressed"),
        ])
    );
}

/// `+44 (0)7700 900123` and `0044 7700 900123` are Ana's number with its country code:
/// one entry, no region needed. A list of one line is that one opt-out, not a header.
#[test]
fn other_spellings_and_one_line_lists_suppress() {
    let ws = Ws::new();
    let contacts = ws.write("contacts.csv", CONTACTS);
    ws.ok(&["import", &contacts]);
    let list = ws.write("two.txt", "+44 (0)7700 900123\n0044 7700 900123\n");
    let r = ws.json(&["suppress", &list], 0);
    assert_eq!(
        (r["added"].as_u64(), r["already_present"].as_u64()),
        (Some(1), Some(1))
    );
    let one = ws.write("one.txt", "+44 (0)7700 900125\n");
    let r = ws.json(&["suppress", &one], 0);
    assert_eq!(r["added"], 1);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("ana@example.com", "suppressed"),
            ("bo@example.com", "-"),
            ("cy@example.com", "suppressed"),
        ])
    );
}

/// Line 3 has an unquoted comma in the name (3 fields where the header has 2), line 4
/// only the address (1 field): both still hold an e-mail address. Every field of such a
/// row is searched, so all four opt-outs are added, and both rows are reported with
/// line, column and what was found. Eve, not on the list, is the one recipient.
#[test]
fn ragged_rows_are_searched_whole_and_reported() {
    let ws = Ws::new();
    let contacts = ws.write(
        "contacts.csv",
        "email,first_name\nana@example.com,Ana\nbo@example.com,Bo\ncy@example.com,Cy\n\
         dee@example.com,Dee\neve@example.com,Eve\n",
    );
    ws.ok(&["import", &contacts, "--consent", "email=granted"]);
    let list = ws.write(
        "optouts.csv",
        "name,email\n\"Silva, Ana\",ana@example.com\nBerg, Bo,bo@example.com\n\
         cy@example.com\nDorn,dee@example.com\n",
    );
    let r = ws.json(&["suppress", &list], 0);
    assert_eq!(r["added"], 4);
    let ragged = r["ragged"].as_array().unwrap();
    assert_eq!(ragged.len(), 2, "{r}");
    assert_eq!(
        (ragged[0]["line"].as_u64(), ragged[0]["column"].as_str()),
        (Some(3), Some("field 3"))
    );
    assert!(
        ragged[0]["reason"]
            .as_str()
            .unwrap()
            .ends_with("every field was searched for addresses: 1 found"),
        "{r}"
    );
    assert_eq!(
        (ragged[1]["line"].as_u64(), ragged[1]["column"].as_str()),
        (Some(4), Some("email"))
    );
    assert_eq!(
        ragged[1]["reason"],
        "1 field where the header has 2; every field was searched for addresses: 1 found"
    );
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .success()
        .stdout(contains(
            "warning: 2 rows do not line up with the header; every field of each was searched for addresses:",
        ))
        .stdout(contains("  line 4, column email: 1 field where the header has 2"));
    ws.apply(
        r#"
name = "news"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "first_name is not blank"
subject = "News"
body = "Hi {{ first_name }}"
"#,
    );
    let p = ws.json(&["preview", "news", "--format", "json"], 0);
    assert_eq!(p["summary"]["recipients"], 1);
    let excluded: Vec<&str> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["excluded"] == "suppressed")
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        excluded,
        [
            "ana@example.com",
            "bo@example.com",
            "cy@example.com",
            "dee@example.com"
        ]
    );
}

/// A workbook list is read from its first sheet (tests/fixtures/customers.xlsx, written
/// by make_workbooks.py): rows 2, 3 and 5 hold ana@, bo@ and cy@ (added); row 2's phone
/// 447700900123 has no `+` and no region is known (named, kept as written: added); row
/// 5's phone `#N/A` and row 6's `not-an-email` are neither. A ZIP holding more than
/// opt-outs is refused with the command for its opt-out file, which then adds eve@ (5 in
/// all).
#[test]
fn a_workbook_list_is_read_and_a_zip_is_sent_to_import() {
    let ws = Ws::new();
    let book = review_support::fixture("customers.xlsx");
    // Its sheets are Customers and Orders, so the sheet is named; lines 5 and 6 hold
    // values that are no address, accepted with a reason (tests/suppress_partial_cli.rs).
    let r = ws.json(
        &[
            "suppress",
            book.to_str().unwrap(),
            "--sheet",
            "Customers",
            "--accept-unread",
            "--reason",
            "rows 5 and 6 are test rows of the fixture",
        ],
        0,
    );
    assert_eq!(r["added"], 4, "{r}");
    assert_eq!(r["needs_region"]["lines"], serde_json::json!([2]));
    let skipped: Vec<(u64, &str)> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["line"].as_u64().unwrap(), s["column"].as_str().unwrap()))
        .collect();
    assert_eq!(skipped, [(5, "Phone"), (6, "Email")]);
    let zip = ws.dir.path().join("export.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    writer
        .start_file("subscribed_members_export_1.csv", options)
        .unwrap();
    std::io::Write::write_all(&mut writer, b"Email Address\nzed@example.com\n").unwrap();
    writer
        .start_file("unsubscribed_members_export_1.csv", options)
        .unwrap();
    std::io::Write::write_all(&mut writer, b"Email Address\neve@example.com\n").unwrap();
    writer.finish().unwrap();
    // An export of subscribed and unsubscribed files is no list of opt-outs as a
    // whole: refused, naming the command for its unsubscribed file (third trial H2).
    let zip = zip.to_str().unwrap();
    let member = format!("{zip}/unsubscribed_members_export_1.csv");
    ws.cmd()
        .args(["suppress", zip])
        .assert()
        .code(1)
        .stderr(contains(
            "is a ZIP archive whose name does not say it lists opt-outs",
        ))
        .stderr(contains(format!("`tactful suppress {member}`")))
        .stderr(contains(format!("`tactful import {zip}`")));
    let r = ws.json(&["suppress", &member], 0);
    assert_eq!((&r["added"], &r["total"]), (&1.into(), &5.into()), "{r}");
}

/// The trial's list, one value a line, no header: `mailto:ana@…` (a link), `CY@…COM.`
/// (a sentence's full stop), `<bo@…>;` (brackets and a separator), `"dee@…"`
/// (quoted) are ana, cy, bo and dee; `tel:+44-7700-900126` is Eve's number in a link
/// (RFC 3966); `fay@localhost` holds no valid address: not added, named by line and
/// column. So 5 added, and every contact but Fay (not on the list) is suppressed.
#[test]
fn wrapped_addresses_are_read_out_and_a_value_with_none_is_named() {
    let ws = Ws::new();
    let contacts = ws.write(
        "contacts.csv",
        "email,first_name,phone\nana@example.com,Ana,\nbo@example.com,Bo,\n\
         cy@example.com,Cy,\ndee@example.com,Dee,\neve@example.com,Eve,+44 7700 900126\n\
         fay@example.com,Fay,\n",
    );
    ws.ok(&["import", &contacts, "--consent", "email=granted"]);
    let list = ws.write(
        "optouts.txt",
        "mailto:ana@example.com\nCY@EXAMPLE.COM.\n<bo@example.com>;\n\"dee@example.com\"\n\
         tel:+44-7700-900126\nfay@localhost\n",
    );
    // Accepted with a reason: a list read in part is refused otherwise
    // (tests/suppress_partial_cli.rs).
    let accept = [
        "--accept-unread",
        "--reason",
        "fay@localhost is a test value",
    ];
    let r = ws.json(&[&["suppress", list.as_str()][..], &accept].concat(), 0);
    assert_eq!(
        (r["added"].as_u64(), r["already_present"].as_u64()),
        (Some(5), Some(0)),
        "{r}"
    );
    let skipped: Vec<(u64, &str)> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["line"].as_u64().unwrap(), s["column"].as_str().unwrap()))
        .collect();
    assert_eq!(skipped, [(6, "field 1")]);
    ws.apply(
        r#"
name = "news"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "first_name is not blank"
subject = "News"
body = "Hi {{ first_name }}"
"#,
    );
    let p = ws.json(&["preview", "news", "--format", "json"], 0);
    let rows: Vec<(String, String)> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (s(&r["key"]), s(&r["excluded"]))
        })
        .collect();
    assert_eq!(
        rows,
        pairs(&[
            ("ana@example.com", "suppressed"),
            ("bo@example.com", "suppressed"),
            ("cy@example.com", "suppressed"),
            ("dee@example.com", "suppressed"),
            ("eve@example.com", "suppressed"),
            ("fay@example.com", "-"),
        ])
    );
    // The same list again: all five are already on it, the one value is named again.
    ws.cmd()
        .args(["suppress", &list])
        .args(accept)
        .assert()
        .success()
        .stdout(contains(
            "0 addresses added to the suppression list, 5 already on it (5 entries in total)",
        ))
        .stdout(contains(
            "  line 6, field 1: no valid e-mail address (local@domain.tld) in the value",
        ));
}

/// Trial 4, N10: a workbook kept by hand with a `Customers` sheet and an `Unsubscribed`
/// sheet (tests/fixtures/shop_book.xlsx, written by
/// make_workbooks.py; Zed is on both). Importing the opt-out sheet under a granting
/// `--consent` is refused like a file so named, with the command that reads that sheet
/// into the suppression list; that command adds exactly Zed, and Ann stays a recipient.
/// Without --sheet the granting import of the workbook is refused as well (F-G6w).
#[test]
fn an_opt_out_sheet_is_refused_a_grant_and_suppressed_by_its_name() {
    let ws = Ws::new();
    let book = review_support::fixture("shop_book.xlsx");
    let book = book.to_str().unwrap();
    let out = ws
        .cmd()
        .args(["import", book, "--sheet", "Unsubscribed"])
        .args(["--consent", "email=granted"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the name of its sheet `Unsubscribed` says it lists opt-outs"),
        "{err}"
    );
    assert!(
        err.contains(&format!("`tactful suppress {book} --sheet Unsubscribed`")),
        "{err}"
    );
    assert!(!ws.path.exists(), "nothing was imported");
    let r = ws.json(&["suppress", book, "--sheet", "Unsubscribed"], 0);
    assert_eq!(r["added"], 1, "{r}");
    // Trial 9, F-G6w: importing the workbook without --sheet under a granting
    // --consent is refused too, naming the other sheet, since its first sheet would
    // grant consent to Zed, whom the Unsubscribed sheet lists.
    let out = ws
        .cmd()
        .args(["import", book, "--consent", "email=granted"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the name of its other sheet `Unsubscribed` says it lists opt-outs"),
        "{err}"
    );
    assert!(
        err.contains(&format!("`tactful suppress {book} --sheet Unsubscribed`")),
        "{err}"
    );
    assert!(
        err.contains("import the sheet you mean with --sheet NAME (this run read `Customers`)"),
        "{err}"
    );
    // The first sheet chosen by name is imported; Zed, now suppressed, is not mailed.
    ws.json(
        &[
            "import",
            book,
            "--sheet",
            "Customers",
            "--consent",
            "email=granted",
        ],
        0,
    );
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    let mut got = ws.exclusions("c");
    got.sort();
    assert_eq!(
        got,
        [
            ("ann@example.com".to_string(), "-".to_string()),
            ("zed@example.com".to_string(), "suppressed".to_string())
        ]
    );
}
