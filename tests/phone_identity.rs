//! Issue 9, item 3: a contact is its e-mail address, else its phone number, and a phone
//! number is one address in every spelling (E.164), for keys, SMS campaigns, the
//! suppression list and erasure. Driven through the `tactful` binary, as a user would.
//!
//! The number used is the UK mobile 07911 123456: in E.164 `+44` then the national
//! number without its trunk `0` (ITU-T E.164; Ofcom's numbering plan), `+447911123456`.
//! 020 7946 0018 is a London fixed line, `+442079460018`. Every expected value below
//! was worked out by hand from the fixture files.

mod review_support;

use review_support::*;

const GB_MOBILE: &str = "+447911123456";

const SMS_EVERYONE: &str = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "named"
rule = "first_name is not blank"
body = "Hi {{ first_name }}"
"#;

fn import_json(ws: &Ws, fixture_name: &str, extra: &[&str]) -> serde_json::Value {
    let file = fixture(fixture_name);
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    ws.json(&args, 0)
}

fn preview(ws: &Ws) -> serde_json::Value {
    ws.json(&["preview", "text", "--format", "json"], 0)
}

/// `(key, address as stored, channel address, excluded)` of every preview row.
fn rows(preview: &serde_json::Value) -> Vec<(String, String, String, String)> {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                s(&r["key"]),
                s(&r["address"]),
                s(&r["channel_address"]),
                s(&r["excluded"]),
            )
        })
        .collect()
}

/// Five people, one number written five ways: five contacts (keyed by e-mail), one
/// stored E.164 form, one SMS; the other four are duplicates of the first.
#[test]
fn one_number_in_five_forms_is_one_address_and_one_sms() {
    let ws = Ws::new();
    let report = import_json(&ws, "phone_five_forms.csv", &["--region", "GB"]);
    assert_eq!(report["contacts_added"], 5);
    assert_eq!(report["phones"]["parsed"], 5);
    assert_eq!(report["phones"]["region"], "GB");
    assert_eq!(report["phones"]["region_source"], "--region");
    ws.apply(SMS_EVERYONE);
    let p = preview(&ws);
    let dup = "duplicate_address";
    assert_eq!(
        rows(&p),
        [
            ("ana@example.com", "+44 (0)7911 123456", GB_MOBILE, "-"),
            ("bo@example.com", "07911 123456", GB_MOBILE, dup),
            ("cy@example.com", "+447911123456", GB_MOBILE, dup),
            ("dee@example.com", "0044 7911-123.456", GB_MOBILE, dup),
            ("eli@example.com", "(07911) 123 456", GB_MOBILE, dup),
        ]
        .map(|(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
    );
    assert_eq!(p["summary"]["recipients"], 1);
}

/// A suppression list names the number in two other spellings: one entry, and all five
/// contacts holding the number are suppressed.
#[test]
fn suppression_by_any_form_suppresses_every_form() {
    let ws = Ws::new();
    import_json(&ws, "phone_five_forms.csv", &["--region", "GB"]);
    let list = fixture("phone_suppress.txt");
    let added = ws.json(&["suppress", list.to_str().unwrap()], 0);
    assert_eq!(
        (added["added"].as_u64(), added["already_present"].as_u64()),
        (Some(1), Some(1))
    );
    ws.apply(SMS_EVERYONE);
    let p = preview(&ws);
    assert!(
        rows(&p).iter().all(|r| r.3 == "suppressed"),
        "{:?}",
        rows(&p)
    );
    assert_eq!(p["summary"]["recipients"], 0);
}

/// Shopify customers without an e-mail address: keyed by their phone in E.164, five
/// spellings of one number make one contact; a fixed line is no SMS address; a value
/// that is no number is listed with its line.
#[test]
fn phone_only_customers_are_contacts_with_an_sms_plan() {
    let ws = Ws::new();
    let r = import_json(
        &ws,
        "phone_only.csv",
        &["--region", "GB", "--consent", "sms=granted"],
    );
    // Lines 2-6 Fay (one contact), 7 Gus, 8 Hal (no e-mail, no number: rejected),
    // 9 Ivy (e-mail, phone too short).
    assert_eq!(r["rows_imported"], 7);
    assert_eq!(r["contacts_added"], 3);
    assert_eq!(r["duplicates_merged"], 4);
    assert_eq!(r["keyed_by_phone"], 6);
    let rejected = r["rows_rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["line"], 8);
    assert_eq!(
        rejected[0]["reason"],
        "blank contact key (column Email) and Phone is not a phone number: no digits"
    );
    assert_eq!(r["phones"]["parsed"], 6);
    assert_eq!(r["phones"]["fixed_line"], 1);
    assert_eq!(
        r["phones"]["unparseable"],
        serde_json::json!([{
            "line": 9,
            "field": "phone",
            "value": "12345",
            "reason": "too short to be a phone number"
        }])
    );
    ws.apply(SMS_EVERYONE);
    let p = preview(&ws);
    assert_eq!(
        rows(&p),
        [
            (GB_MOBILE, "+447911123456", GB_MOBILE, "-"),
            ("+442079460018", "020 7946 0018", "-", "no_address"),
            ("ivy@example.com", "12345", "-", "no_address"),
        ]
        .map(|(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
    );
    // Explain names the E.164 form next to the text as written.
    let e = ws.json(&["explain", "text", "020-7946-0018"], 0);
    assert_eq!(e["key"], "+442079460018");
    assert_eq!(
        e["steps"][3]["detail"],
        "`020 7946 0018` in field `phone` is +442079460018, a fixed line (numbering plan): it cannot take an SMS"
    );
    let e = ws.json(&["explain", "text", "07911 123456"], 0);
    assert_eq!(
        e["steps"][3]["detail"],
        "SMS address +447911123456 (E.164, line type mobile) from `+447911123456` in field `phone`"
    );
}

/// The human report lists the number that is not one, with its line.
#[test]
fn the_human_report_lists_numbers_that_do_not_parse() {
    let ws = Ws::new();
    let out = ws
        .cmd()
        .arg("import")
        .arg(fixture("phone_only.csv"))
        .args(["--region", "GB"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("    line 9: phone `12345`: too short to be a phone number"),
        "{text}"
    );
    assert!(
        text.contains("phones: region GB (--region); 6 numbers in E.164, 1 not SMS-capable (fixed line), 1 not a phone number"),
        "{text}"
    );
}

/// `contact erase` takes the key in any spelling of the number; a re-import of the
/// five spellings brings none of them back.
#[test]
fn erasure_by_any_form_keeps_every_form_out() {
    let ws = Ws::new();
    import_json(&ws, "phone_only.csv", &["--region", "GB"]);
    let erased = ws.json(&["contact", "erase", "0044 (0)7911-123-456"], 0);
    // The key and the phone, as hashes.
    assert_eq!(erased["suppression_entries"], 2);
    let again = import_json(&ws, "phone_only.csv", &[]);
    assert_eq!(again["rows_skipped_erased"], 5);
    assert_eq!(again["phones"]["region_source"], "workspace setting");
    let gone = ws
        .cmd()
        .args(["contact", "show", "+447911123456"])
        .arg("--json")
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&gone.stdout).unwrap();
    assert_eq!(shown["erased"], true);
}

/// With no region, a row's country column decides national numbers (names and codes);
/// without either a national number is not readable and says why.
#[test]
fn a_rows_country_reads_its_national_number() {
    let ws = Ws::new();
    let r = import_json(&ws, "phone_countries.csv", &[]);
    assert_eq!(r["phones"]["country_column"], "country");
    assert_eq!(r["phones"]["region_source"], "none");
    assert_eq!(r["phones"]["parsed"], 2);
    assert_eq!(r["phones"]["fixed_line"], 1);
    assert_eq!(r["phones"]["unparseable"][0]["line"], 4);
    assert_eq!(
        r["phones"]["unparseable"][0]["reason"],
        "written without its country code and no region is known: pass --region CC, or give the file a country column"
    );
    let ws = Ws::new();
    let r = import_json(&ws, "phone_countries.csv", &["--region", "GB"]);
    assert_eq!(r["phones"]["parsed"], 3);
    let shown = ws.json(&["contact", "show", "+33 6 12 34 56 78"], 0);
    assert_eq!(shown["key"], "jo@example.com");
    let shown = ws.json(&["contact", "show", "07911123456"], 0);
    assert_eq!(shown["key"], "lu@example.com");
}

/// An SMS opt-out recorded for the number (here a phone-only file) holds for every
/// contact with that number, whatever their own consent says.
#[test]
fn an_sms_opt_out_holds_for_every_contact_with_the_number() {
    let ws = Ws::new();
    import_json(&ws, "phone_five_forms.csv", &["--region", "GB"]);
    let r = import_json(&ws, "phone_optout.csv", &["--consent", "sms=withdrawn"]);
    assert_eq!(r["key"], "phone");
    // Five contacts hold the number: none is chosen, the row is its own contact.
    assert_eq!(r["contacts_added"], 1);
    assert!(
        r["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("1 row without an e-mail address kept as their own contact")),
        "{r:#}"
    );
    ws.apply(SMS_EVERYONE);
    let p = preview(&ws);
    let reasons: Vec<String> = rows(&p).into_iter().map(|r| r.3).collect();
    assert_eq!(reasons, vec!["no_consent"; 6]);
    let e = ws.json(&["explain", "text", "bo@example.com"], 0);
    assert_eq!(
        e["steps"][1]["detail"],
        "SMS consent: withdrawn (source: SMS consent withdrawn on contact +447911123456, which holds the same number); only granted consent receives messages"
    );
}

/// A customer first known by phone gives an e-mail address later: still one contact,
/// now keyed by the e-mail; undoing that import puts the phone key back.
#[test]
fn a_phone_contact_that_gains_an_e_mail_stays_one_contact() {
    let ws = Ws::new();
    import_json(&ws, "phone_only.csv", &["--region", "GB"]);
    let r = import_json(&ws, "phone_fay_email.csv", &[]);
    assert_eq!(r["contacts_added"], 0);
    assert_eq!(r["duplicates_merged"], 1);
    assert_eq!(r["contacts_total"], 3);
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with(
                "1 contact first known by phone number now keyed by the e-mail address"
            )),
        "{r:#}"
    );
    let shown = ws.json(&["contact", "show", "07911 123456"], 0);
    assert_eq!(shown["key"], "fay@example.com");
    let email = shown["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "email")
        .unwrap();
    assert_eq!(email["value"], "fay@example.com");
    ws.json(&["import", "undo"], 0);
    let shown = ws.json(&["contact", "show", "07911 123456"], 0);
    assert_eq!(shown["key"], GB_MOBILE);
}

/// A phone-only opt-out file meets the one contact that holds the number: it merges
/// into that contact instead of becoming a second one.
#[test]
fn a_phone_only_row_merges_into_the_one_contact_with_its_number() {
    let ws = Ws::new();
    import_json(&ws, "phone_countries.csv", &["--region", "GB"]);
    let r = import_json(&ws, "phone_optout.csv", &["--consent", "sms=withdrawn"]);
    assert_eq!(r["contacts_added"], 0);
    assert_eq!(r["duplicates_merged"], 1);
    let shown = ws.json(&["contact", "show", "lu@example.com"], 0);
    assert_eq!(shown["consent"][1]["channel"], "sms");
    assert_eq!(shown["consent"][1]["state"], "withdrawn");
}
