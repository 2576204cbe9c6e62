//! Promise 1 ("nobody who opted out gets a message") on the routes a new-user trial
//! found open: a refusal put on record by `import undo` meets the person again under
//! another contact key; one address in NFC and NFD letters is one address; every
//! spelling of a number (an extension, a trunk `0` after `+44`) protects that number;
//! a suppression list's first line is never dropped as a header without a word.
//! Driven through the `tactful` binary; every expected value is worked out by hand
//! from the files written in each test.
//!
//! Numbers are the UK drama range (Ofcom): `+44 07700 900222` read by a person is
//! `+447700900222` (E.164 drops the trunk `0`, ITU-T E.164 §6); an extension is
//! dialled after the call connects, so `+44 7700 900111 ext. 9` is `+447700900111`.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// An SMS campaign `text` to everyone with a first name (contacts without an e-mail
/// address included).
const SMS_BY_FIRST_NAME: &str = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "first_name is not blank"
body = "Hi {{ first_name }}"
"#;

/// The trial's SMS route: Bo said no to SMS in a file keyed by e-mail; the undo puts
/// the refusal on record; a phone-only file (so keyed by the number, `+447700900222`)
/// says yes. The "yes" meets the refusal of the number: refused as an upgrade, and
/// the SMS goes to nobody.
#[test]
fn an_sms_refusal_on_record_holds_for_the_number_under_another_key() {
    let ws = Ws::new();
    let first = ws.write(
        "ur1.csv",
        "email,phone,first_name,accepts_sms_marketing\n\
         bo@example.com,+447700900222,Bo,no\n",
    );
    ws.ok(&["import", &first]);
    let undo = ws.json(&["import", "undo"], 0);
    assert_eq!(undo["refusals_on_record"], 1, "{undo}");
    let second = ws.write(
        "ur2.csv",
        "phone,first_name,accepts_sms_marketing\n+447700900222,Bo,yes\n",
    );
    let report = ws.json(&["import", &second], 0);
    let upgrades = report["consent_upgrades"].as_array().unwrap();
    assert_eq!(upgrades.len(), 1, "{report}");
    assert_eq!(
        (
            upgrades[0]["key"].as_str(),
            upgrades[0]["channel"].as_str(),
            upgrades[0]["from"].as_str(),
            upgrades[0]["applied"].as_bool()
        ),
        (
            Some("+447700900222"),
            Some("sms"),
            Some("declined"),
            Some(false)
        )
    );
    assert_eq!(
        ws.outcome(SMS_BY_FIRST_NAME, "text"),
        pairs(&[("+447700900222", "no_consent")])
    );
}

/// The e-mail route, re-keyed by a shared ID as the README advises: Bo (written
/// `Bo@Example.com`) said no to e-mail; undo; the customer file keyed by
/// `customer_id` (77, `bo@example.com`, yes). The refusal holds for the address;
/// customer 78 (cy) never refused and is the only recipient.
#[test]
fn an_e_mail_refusal_on_record_holds_for_the_address_under_a_customer_id() {
    let ws = Ws::new();
    let first = ws.write(
        "ue1.csv",
        "email,first_name,accepts_email_marketing\nBo@Example.com,Bo,no\n",
    );
    ws.ok(&["import", &first]);
    ws.ok(&["import", "undo"]);
    let second = ws.write(
        "ue2.csv",
        "customer_id,email,first_name,accepts_email_marketing\n\
         77,bo@example.com,Bo,yes\n\
         78,cy@example.com,Cy,yes\n",
    );
    ws.ok(&["import", &second, "--key", "customer_id"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("77", "no_consent"), ("78", "-")])
    );
    // The e-mail refusal is not an SMS refusal: the record is per channel.
    let shown = ws.json(&["contact", "show", "77"], 0);
    let sms = shown["consent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "sms")
        .unwrap()
        .clone();
    assert_eq!(sms["state"], "not_asked", "{shown}");
}

/// `zoë` in composed letters (U+00EB) erased, then a file with `zoe` + U+0308 (the
/// same address in NFD): the row is skipped as erased, and only ann is imported.
#[test]
fn an_erased_address_stays_erased_in_decomposed_letters() {
    let ws = Ws::new();
    let first = ws.write(
        "nfc.csv",
        "email,first_name,accepts_email_marketing\nzo\u{eb}@example.com,Zoe,yes\n",
    );
    ws.ok(&["import", &first]);
    ws.ok(&["contact", "erase", "zo\u{eb}@example.com"]);
    let second = ws.write(
        "nfd.csv",
        "email,first_name,accepts_email_marketing\n\
         zoe\u{308}@example.com,Zoe,yes\n\
         ann@example.com,Ann,yes\n",
    );
    let report = ws.json(&["import", &second], 0);
    assert_eq!(report["rows_skipped_erased"], 1, "{report}");
    assert_eq!(report["rows_imported"], 1, "{report}");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ann@example.com", "-")])
    );
}

/// `jörg` suppressed in NFD (`jo` + U+0308 `rg`), imported in NFC: suppressed.
#[test]
fn a_suppressed_address_in_decomposed_letters_suppresses_the_composed_one() {
    let ws = Ws::new();
    let file = ws.write(
        "c.csv",
        "email,first_name,accepts_email_marketing\n\
         j\u{f6}rg@example.com,J,yes\n\
         ann@example.com,Ann,yes\n",
    );
    ws.ok(&["import", &file]);
    let list = ws.write("s.txt", "jo\u{308}rg@example.com\n");
    let added = ws.json(&["suppress", &list], 0);
    assert_eq!(added["added"], 1, "{added}");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ann@example.com", "-"),
            ("j\u{f6}rg@example.com", "suppressed")
        ])
    );
}

/// Keyed by customer ID: 1 said no with `zoë` in NFC; 2 said yes with the NFD
/// spelling, which the refusal of the address covers (consent comes before the
/// address step); 3 said yes with `jörg` in NFC and is the recipient; 4 holds `JÖRG`
/// (NFC, upper case), the same address: a duplicate; 5 holds `jörg` in NFD and said
/// yes: import stores text in NFC (RFC 6532 §3.1 exchanges addresses in NFC; trial 4
/// N12), so it is 3's address too: a duplicate (it was `no_address` while the NFD
/// spelling was stored as written).
#[test]
fn nfc_and_nfd_spellings_are_one_address_for_refusals_and_duplicates() {
    let ws = Ws::new();
    let file = ws.write(
        "d.csv",
        "customer_id,email,first_name,accepts_email_marketing\n\
         1,zo\u{eb}@example.com,Z1,no\n\
         2,zoe\u{308}@example.com,Z2,yes\n\
         3,j\u{f6}rg@example.com,J3,yes\n\
         4,J\u{d6}RG@example.com,J4,yes\n\
         5,jo\u{308}rg@example.com,J5,yes\n",
    );
    ws.ok(&["import", &file, "--key", "customer_id"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("1", "no_consent"),
            ("2", "no_consent"),
            ("3", "-"),
            ("4", "duplicate_address"),
            ("5", "duplicate_address"),
        ])
    );
    // The address step names the address as stored: composed (NFC).
    let detail = ws.explain_step("news", "5", 3);
    assert!(detail.contains("`j\u{f6}rg@example.com`"), "{detail}");
}

/// The trial's SMS file read in region GB: d refused `+44 7700 900111 ext. 9`
/// (+447700900111) and f refused `+4407700900222` (+447700900222); b and g said yes
/// with the same numbers and are refused with them; h is the only recipient.
#[test]
fn an_extension_or_a_trunk_zero_does_not_lose_the_refusal_of_a_number() {
    let ws = Ws::new();
    let file = ws.write(
        "p.csv",
        "email,phone,first_name,accepts_sms_marketing\n\
         d@example.com,+44 7700 900111 ext. 9,D,no\n\
         b@example.com,+44 7700 900111,B,yes\n\
         f@example.com,+4407700900222,F,no\n\
         g@example.com,+447700900222,G,yes\n\
         h@example.com,+447700900333,H,yes\n",
    );
    let report = ws.json(&["import", &file, "--region", "GB"], 0);
    assert_eq!(report["phones"]["parsed"], 5, "{report}");
    assert_eq!(
        ws.outcome(SMS_BY_FIRST_NAME, "text"),
        pairs(&[
            ("b@example.com", "no_consent"),
            ("d@example.com", "no_consent"),
            ("f@example.com", "no_consent"),
            ("g@example.com", "no_consent"),
            ("h@example.com", "-"),
        ])
    );
}

/// The trial's list `+44 07700 900222` then `bo@example.com`: the first line is a
/// number, so data, not a header: both are added and no header is reported. A
/// number with an extension (`07700 900128 ext 12`, region GB) is the number.
#[test]
fn a_first_line_that_is_a_value_is_suppressed_not_taken_as_a_header() {
    let ws = Ws::new();
    let list = ws.write("fl.txt", "+44 07700 900222\nbo@example.com\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(report["skipped"], serde_json::json!([]), "{report}");
    assert_eq!(report["header"], serde_json::Value::Null, "{report}");
    let ext = ws.write("ext.txt", "07700 900128 ext 12\n+447700900222\n");
    let report = ws.json(&["suppress", &ext, "--region", "GB"], 0);
    // +447700900128 is new; +447700900222 came with the first list.
    assert_eq!(
        (report["added"].as_u64(), report["already_present"].as_u64()),
        (Some(1), Some(1)),
        "{report}"
    );
    let file = ws.write(
        "people.csv",
        "email,phone,first_name,accepts_sms_marketing\n\
         a@example.com,+447700900128,A,yes\n\
         b@example.com,07700 900222,B,yes\n\
         c@example.com,+447700900999,C,yes\n",
    );
    ws.ok(&["import", &file, "--region", "GB"]);
    assert_eq!(
        ws.outcome(SMS_BY_FIRST_NAME, "text"),
        pairs(&[
            ("a@example.com", "suppressed"),
            ("b@example.com", "suppressed"),
            ("c@example.com", "-"),
        ])
    );
}

/// A list with a header: the report names the line taken as the header and its
/// names, in JSON and in the human report.
#[test]
fn a_header_taken_is_reported() {
    let ws = Ws::new();
    let list = ws.write("h.csv", "Email Address\nbo@example.com\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(
        report["header"],
        serde_json::json!({"line": 1, "fields": ["Email Address"]}),
        "{report}"
    );
    assert_eq!(report["added"], 1, "{report}");
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "line 1 taken as the header: Email Address",
        ));
}

/// Batch 1: x said yes to SMS with `+447700900222`. Batch 2: y said no with the
/// same number, which keeps x out (a refusal belongs to the number). Undoing batch 2
/// removes y; its refusal stays on record under the number and still keeps x out,
/// with the record named as the source.
#[test]
fn a_refusal_on_record_keeps_out_a_contact_still_holding_the_number() {
    let ws = Ws::new();
    let first = ws.write(
        "x.csv",
        "email,phone,first_name,accepts_sms_marketing\n\
         x@example.com,+447700900222,X,yes\n\
         z@example.com,+447700900333,Z,yes\n",
    );
    ws.ok(&["import", &first]);
    let second = ws.write(
        "y.csv",
        "email,phone,first_name,accepts_sms_marketing\n\
         y@example.com,07700 900222,Y,no\n",
    );
    ws.ok(&["import", &second, "--region", "GB"]);
    assert_eq!(
        ws.outcome(SMS_BY_FIRST_NAME, "text"),
        pairs(&[
            ("x@example.com", "no_consent"),
            ("y@example.com", "no_consent"),
            ("z@example.com", "-"),
        ])
    );
    ws.ok(&["import", "undo"]);
    assert_eq!(
        ws.outcome(SMS_BY_FIRST_NAME, "text"),
        pairs(&[("x@example.com", "no_consent"), ("z@example.com", "-")])
    );
    let consent = ws.explain_step("text", "x@example.com", 1);
    assert!(
        consent.contains("SMS consent declined on record for this number (recorded by batch 2"),
        "{consent}"
    );
}

/// An invisible character inside an address (a zero-width space U+200B after `a`, a
/// soft hyphen U+00AD after `c`) changed its bytes, so the suppression of `a@…` and the
/// erasure of `c@…` missed it and the trial saw `a`​`@…` get the message. Compared
/// without invisible characters, `a` is suppressed and `c`'s row is skipped as erased;
/// `d` + U+200B, on no list, is not sent to as written (`no_address`) and `explain`
/// says which character to delete. Only `b` is a recipient.
#[test]
fn an_invisible_character_never_hides_an_address_from_its_list() {
    let ws = Ws::new();
    let first = ws.write(
        "c.csv",
        "email,first_name,accepts_email_marketing\nc@example.com,C,yes\n",
    );
    ws.ok(&["import", &first]);
    ws.ok(&["contact", "erase", "c@example.com"]);
    let list = ws.write("s.txt", "a@example.com\n");
    ws.ok(&["suppress", &list]);
    let file = ws.write(
        "z.csv",
        "email,first_name,accepts_email_marketing\n\
         a\u{200b}@example.com,A,yes\n\
         b@example.com,B,yes\n\
         c\u{ad}@example.com,C,yes\n\
         d\u{200b}@example.com,D,yes\n",
    );
    let report = ws.json(&["import", &file], 0);
    assert_eq!(report["rows_skipped_erased"], 1, "{report}");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("a@example.com", "suppressed"),
            ("b@example.com", "-"),
            ("d@example.com", "no_address"),
        ])
    );
    let detail = ws.explain_step("news", "d@example.com", 3);
    assert!(
        detail.contains("holds an invisible character (U+200B) a sending tool may keep as part of the address; delete it: d@example.com"),
        "{detail}"
    );
}
