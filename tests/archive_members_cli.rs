//! Every member of a ZIP export is read or the import fails, and no member may expand
//! without limit (sixth new-user trial, G6), through the binary. README, "Importing", "A
//! ZIP of exports". The archives are built here with the `zip` crate; the opt-out
//! workbook is tests/fixtures/optouts_list.xlsx (make_workbooks.py: sheet
//! `Unsubscribed`, `Email Address` a@example.com, `UNSUB_TIME` 2024-01-01 10:00:00).
//!
//! Expected values by hand: the subscribed file grants Ann (a@) and Bob (b@) by its
//! `Accepts Email Marketing` yes; the opt-out list in the archive withdraws Ann, so a
//! campaign to everyone excludes Ann for consent and mails Bob alone.

mod review_support;

use std::io::Write;

use predicates::prelude::*;
use review_support::*;

const SUBSCRIBED: &[u8] =
    b"Email,First Name,Accepts Email Marketing\na@example.com,Ann,yes\nb@example.com,Bob,yes\n";
const UNSUBSCRIBED: &[u8] = b"Email Address,UNSUB_TIME\na@example.com,2024-01-01 10:00:00\n";

/// A ZIP (deflated) holding `members` (name, bytes).
fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn write_zip(ws: &Ws, name: &str, bytes: &[u8]) -> String {
    let path = ws.out(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// Ann excluded for consent, Bob a recipient.
fn ann_withdrawn() -> Vec<(String, String)> {
    pairs(&[("a@example.com", "no_consent"), ("b@example.com", "-")])
}

/// The Mailchimp-style export of the trial with its opt-out list as a workbook: the
/// workbook is read as a workbook file is (its first sheet), so Ann's withdrawal holds
/// under `--consent email=granted`. Before: skipped with a warning, Ann mailed.
#[test]
fn an_opt_out_workbook_in_a_zip_is_read() {
    let ws = Ws::new();
    let xlsx = std::fs::read(fixture("optouts_list.xlsx")).unwrap();
    let zip = zip_bytes(&[
        ("subscribed_members_export_1.csv", SUBSCRIBED),
        ("unsubscribed_members.xlsx", &xlsx),
    ]);
    let file = write_zip(&ws, "withxlsx.zip", &zip);
    let reports = ws.json(&["import", &file, "--consent", "email=granted"], 0);
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1]["format"], "xlsx");
    assert_eq!(reports[1]["sheet"], "Unsubscribed");
    assert_eq!(reports[1]["archive"]["member"], "unsubscribed_members.xlsx");
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), ann_withdrawn());
}

/// A ZIP inside the archive is opened one level deep, its members named
/// `optouts.zip/...` and, named like opt-outs (by the inner ZIP's name too), imported
/// last. Before: `optouts.zip` skipped, Ann mailed.
#[test]
fn a_zip_inside_the_archive_is_read_one_level_deep() {
    let ws = Ws::new();
    let inner = zip_bytes(&[("part1.csv", UNSUBSCRIBED)]);
    let zip = zip_bytes(&[
        ("optouts.zip", &inner),
        ("subscribed_members_export_1.csv", SUBSCRIBED),
    ]);
    let file = write_zip(&ws, "nested.zip", &zip);
    let reports = ws.json(&["import", &file, "--consent", "email=granted"], 0);
    let members: Vec<&str> = (reports.as_array().unwrap().iter())
        .map(|r| r["archive"]["member"].as_str().unwrap())
        .collect();
    assert_eq!(
        members,
        ["subscribed_members_export_1.csv", "optouts.zip/part1.csv"]
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), ann_withdrawn());

    // Two levels down is refused, named.
    let ws = Ws::new();
    let deeper = zip_bytes(&[("inner.zip", &inner)]);
    let zip = zip_bytes(&[
        ("subscribed_members_export_1.csv", SUBSCRIBED),
        ("optouts.zip", &deeper),
    ]);
    let file = write_zip(&ws, "deep.zip", &zip);
    ws.cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "member optouts.zip/inner.zip is a ZIP inside a ZIP inside the archive; only one level is opened",
        ));
    assert!(!ws.path.exists(), "something was imported");
}

/// Import `SUBSCRIBED` first, then `zip` (named `name`): exit 1 with stderr holding
/// every one of `parts`, and the workspace file byte for byte as it was.
fn refused_untouched(name: &str, zip: &[u8], parts: &[&str]) {
    let ws = Ws::new();
    let first = ws.write("first.csv", std::str::from_utf8(SUBSCRIBED).unwrap());
    ws.ok(&["import", &first]);
    let before = std::fs::read(&ws.path).unwrap();
    let file = write_zip(&ws, name, zip);
    let mut assert = ws
        .cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1);
    for part in parts {
        assert = assert.stderr(predicate::str::contains(*part));
    }
    assert_eq!(std::fs::read(&ws.path).unwrap(), before, "{name}: changed");
}

/// A member that is neither a table, nor a workbook, nor a ZIP fails the whole import,
/// named, whatever its name says (an opt-out list in a Word file too). Before: skipped with a warning, exit 0, the rest imported.
#[test]
fn a_member_that_cannot_be_read_fails_the_import() {
    let docx = zip_bytes(&[("word/document.xml", b"<w:document/>")]);
    for (member, bytes) in [
        ("readme.pdf", &b"%PDF-1.4 notes"[..]),
        ("unsubscribed.json", br#"[{"email":"a@example.com"}]"#),
        ("Unsubscribed.docx", &docx),
    ] {
        let zip = zip_bytes(&[
            ("subscribed_members_export_1.csv", SUBSCRIBED),
            (member, bytes),
        ]);
        refused_untouched(
            "export.zip",
            &zip,
            &[
                &format!("member {member} cannot be read"),
                "Nothing was imported",
                "Remove it from the archive",
            ],
        );
    }
}

/// The offset of the central directory entry of the archive's first member.
fn central_entry(zip: &[u8]) -> usize {
    zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap()
}

/// A 12 MiB member of one repeated letter deflates to a few KiB (far over 100:1, and
/// over the 10 MiB floor): refused by the sizes the archive declares, before a byte is
/// inflated. Shown without a clock: its compressed data is overwritten with bytes no
/// inflater accepts, so an archive read first would fail with a deflate error instead.
#[test]
fn a_member_expanding_past_the_ratio_is_refused_by_its_declared_size() {
    let mut big = b"Email,Note\na@example.com,".to_vec();
    big.resize(12 << 20, b'x');
    big.extend_from_slice(b"\n");
    let mut zip = zip_bytes(&[("subscribed_members_export_1.csv", &big)]);
    let cd = central_entry(&zip);
    let compressed = u32::from_le_bytes(zip[cd + 20..cd + 24].try_into().unwrap()) as usize;
    assert!(compressed * 100 < big.len(), "{compressed}");
    // The data starts after the local header (30 bytes, name, no extra field).
    let data = 30 + "subscribed_members_export_1.csv".len();
    for b in &mut zip[data..data + compressed] {
        *b = 0xFF;
    }
    refused_untouched(
        "bomb.zip",
        &zip,
        &[
            "member subscribed_members_export_1.csv says it expands to 12.0 MiB from",
            "over the limit of 100 times for a member over 10 MiB",
            "refused as a likely ZIP bomb, nothing imported",
        ],
    );
}

/// Trial 9, F-G6w: a workbook member whose second sheet is `Unsubscribed`
/// (tests/fixtures/shop_book.xlsx: Zed on both sheets) is refused under a granting
/// `--consent`, as the workbook alone is, naming the sheet. Before: exit 0 with a
/// warning, and Zed granted from the first sheet; the advice named the extracted
/// temporary copy, deleted when the import ends, not `book.zip/audience.xlsx`.
#[test]
fn a_workbook_member_with_an_opt_out_sheet_is_refused_a_grant() {
    let xlsx = std::fs::read(fixture("shop_book.xlsx")).unwrap();
    let zip = zip_bytes(&[("audience.xlsx", &xlsx)]);
    refused_untouched(
        "book.zip",
        &zip,
        &[
            "the name of its other sheet `Unsubscribed` says it lists opt-outs (`unsubscribed`)",
            "nothing was imported",
            "tactful suppress ",
            "book.zip/audience.xlsx --sheet Unsubscribed`",
        ],
    );
}
