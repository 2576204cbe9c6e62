//! Promise 1 ("nobody who opted out gets a message") through reclassification (session
//! 7 trial): a refusal recorded for an address keeps holding for that address whatever
//! later happens to field roles. Taking the phone role away from the field that held
//! the refusing contact's number (or the e-mail role from its address) let every other
//! contact holding that number be texted, because the refusals were read from the
//! fields whose role is e-mail or phone *now*. Driven through the `tactful` binary.
//!
//! Expected values worked out by hand. Numbers are UK drama-range mobiles (Ofcom) read
//! in region GB: `07700 900111`, `+44 (0)7700-900111` and `0044 7700 900112` are
//! `+447700900111` and `+447700900112` in E.164 (the `(0)` is the trunk prefix, `00` the
//! international prefix). `Do Not Contact` names no channel, so its `yes` withdraws
//! e-mail and SMS (README, "Consent rules"). The SMS address is the first field with
//! the phone role; the e-mail address the first with the e-mail role. Consent is decided
//! before the address (PRODUCT.md, "Campaign assignment"), so a refusing contact shows
//! `no_consent` even when it has no address.

mod review_support;

use review_support::{BOTH_GRANTED, Ws, pairs};

/// The trial's files: a@x.com said Do Not Contact with `07700 900111`; the phone-only
/// file brings `+447700900111` and `+447700900112` (keyed by the number) in a `mobile`
/// column, with SMS granted. Campaign `c1` texts everyone with a first name.
fn trial(ws: &Ws) {
    let first = "email,phone,first_name,Do Not Contact\n\
                 a@x.com,07700 900111,A,yes\n\
                 b@x.com,07700 900112,B,no\n";
    let mut args = vec!["--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.import_csv("r1a.csv", first, &args);
    import_phone_only(ws);
    campaign_to_all(ws, "c1", "sms");
}

fn import_phone_only(ws: &Ws) {
    let second = "mobile,first_name\n+44 (0)7700-900111,A2\n0044 7700 900112,B2\n";
    ws.import_csv(
        "r1b.csv",
        second,
        &["--region", "GB", "--consent", "sms=granted"],
    );
}

/// Campaign `name` on `channel` (`email` or `sms`) with one entry: segment `all`
/// (everyone with a first name), `Hi {{first_name}}` (subject `Hi` for e-mail).
fn campaign_to_all(ws: &Ws, name: &str, channel: &str) {
    let subject = if channel == "email" {
        "subject = \"Hi\"\n"
    } else {
        ""
    };
    ws.apply(&format!(
        "name = \"{name}\"\nchannel = \"{channel}\"\n[[entry]]\nsegment = \"all\"\n\
         rule = \"first_name is not blank\"\n{subject}body = \"Hi {{{{first_name}}}}\"\n"
    ));
}

/// Import `csv` (written to `name`) keyed by `customer_id`, with `extra` options.
fn import_by_id(ws: &Ws, name: &str, csv: &str, extra: &[&str]) {
    let mut args = vec!["--key", "customer_id"];
    args.extend(extra);
    ws.import_csv(name, csv, &args);
}

/// `fields set phone --role none`, as the trial did.
fn demote_phone(ws: &Ws) {
    ws.ok(&[
        "fields",
        "set",
        "phone",
        "--role",
        "none",
        "--reason",
        "we text the mobile column only from now on",
    ]);
}

/// The trial: before, each contact's first phone field with a value is its SMS address:
/// b@x.com is texted at `+447700900112` from `phone`; the phone-only contacts' numbers
/// are in `mobile`: `+447700900111` is a@x.com's refused number (`no_consent`), and
/// `+447700900112` was already given to b@x.com (`duplicate_address`). After `phone` loses its role, `mobile` is the address:
/// `+447700900111` holds a@x.com's refused number and stays out (`no_consent`, named
/// in `explain`), `+447700900112` is texted, b@x.com has no address. The SMS export
/// (once review's `safeguard_removed` is accepted) holds `+447700900112` alone.
#[test]
fn demoting_the_phone_field_keeps_its_refusals_for_the_number() {
    let ws = Ws::new();
    trial(&ws);
    assert_eq!(
        ws.sorted_exclusions("c1"),
        pairs(&[
            ("+447700900111", "no_consent"),
            ("+447700900112", "duplicate_address"),
            ("a@x.com", "no_consent"),
            ("b@x.com", "-"),
        ])
    );
    demote_phone(&ws);
    assert_eq!(
        ws.sorted_exclusions("c1"),
        pairs(&[
            ("+447700900111", "no_consent"),
            ("+447700900112", "-"),
            ("a@x.com", "no_consent"),
            ("b@x.com", "no_address"),
        ])
    );
    let step = ws.explain_step("c1", "+447700900111", 1);
    assert!(
        step.contains("SMS consent withdrawn on contact a@x.com, which holds the same number"),
        "{step}"
    );
    ws.ok(&[
        "review",
        "c1",
        "--accept",
        "safeguard_removed",
        "--reason",
        "we text the mobile column only from now on",
    ]);
    let out = ws.out("export");
    ws.ok(&[
        "export",
        "c1",
        "--out",
        out.to_str().unwrap(),
        "--profile",
        "sms",
    ]);
    let recipients = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert_eq!(
        recipients.trim_start_matches('\u{feff}'),
        "phone,body\r\n+447700900112,Hi B2\r\n"
    );
}

/// The e-mail analogue, keyed by customer ID so two contacts can hold one address:
/// C1 said Do Not Contact from `a@x.com`; C3 holds `A@X.com` (the same address in
/// another case) in `contact_email`. While `email` is the first e-mail field, C4 has
/// no address, and C3 is already out by C1's refusal of the inbox it holds in its
/// second e-mail field (no consent comes before no address; trial 6, G14: every
/// e-mail field is the contact's inbox). Once `email` loses its role,
/// `contact_email` is the address: C3 stays out by C1's refusal, C4 (`b@x.com`,
/// refused by nobody) gets the e-mail, C2 has no address.
#[test]
fn demoting_the_email_field_keeps_its_refusals_for_the_address() {
    let ws = Ws::new();
    let granted = ["--consent", "email=granted"];
    let first = "customer_id,email,first_name,Do Not Contact\n\
                 C1,a@x.com,A,yes\n\
                 C2,b@x.com,B,no\n";
    import_by_id(&ws, "e1.csv", first, &granted);
    let second = "customer_id,first_name,contact_email\nC3,Z,A@X.com\nC4,Y,b@x.com\n";
    import_by_id(&ws, "e2.csv", second, &granted);
    campaign_to_all(&ws, "e1", "email");
    assert_eq!(
        ws.sorted_exclusions("e1"),
        pairs(&[
            ("C1", "no_consent"),
            ("C2", "-"),
            ("C3", "no_consent"),
            ("C4", "no_address"),
        ])
    );
    ws.ok(&[
        "fields",
        "set",
        "email",
        "--role",
        "none",
        "--reason",
        "we mail the contact_email column only from now on",
    ]);
    assert_eq!(
        ws.sorted_exclusions("e1"),
        pairs(&[
            ("C1", "no_consent"),
            ("C2", "no_address"),
            ("C3", "no_consent"),
            ("C4", "-"),
        ])
    );
    let step = ws.explain_step("e1", "C3", 1);
    assert!(
        step.contains("e-mail consent withdrawn on contact C1, which holds the same address"),
        "{step}"
    );
}

/// After the demotion, `import undo` of the phone-only file and its re-import bring
/// `+447700900111` back as a new contact: a@x.com's refusal of the number still keeps
/// it out.
#[test]
fn the_refusal_holds_after_undo_and_re_import_of_the_other_file() {
    let ws = Ws::new();
    trial(&ws);
    demote_phone(&ws);
    ws.ok(&["import", "undo"]);
    import_phone_only(&ws);
    assert_eq!(
        ws.sorted_exclusions("c1"),
        pairs(&[
            ("+447700900111", "no_consent"),
            ("+447700900112", "-"),
            ("a@x.com", "no_consent"),
            ("b@x.com", "no_address"),
        ])
    );
}

/// After the demotion, undoing both files removes a@x.com: its two refusals (e-mail
/// and SMS) go on record, the SMS one under the number it was recorded with although
/// `phone` is no phone field now. The phone-only file imported alone again meets it:
/// `+447700900111` is withdrawn, with a@x.com's column as the source.
#[test]
fn the_refusal_holds_after_undo_of_both_files_and_re_import() {
    let ws = Ws::new();
    trial(&ws);
    demote_phone(&ws);
    ws.ok(&["import", "undo"]);
    let undo = ws.json(&["import", "undo"], 0);
    assert_eq!(undo["refusals_on_record"], 2, "{undo}");
    import_phone_only(&ws);
    assert_eq!(
        ws.sorted_exclusions("c1"),
        pairs(&[("+447700900111", "no_consent"), ("+447700900112", "-")])
    );
    let step = ws.explain_step("c1", "+447700900111", 1);
    assert!(
        step.contains("withdrawn (source: column do_not_contact, batch 1)"),
        "{step}"
    );
}

/// Undo is a route that removes address fields too: the second file brings C1's
/// `work_email` (x@y.com, C2's address) with Do Not Contact. Its undo restores C1 but
/// keeps C1's withdrawal (an undo never turns consent back on) and drops `work_email`;
/// the refusal goes on record under x@y.com, so C2 stays out, the record named.
#[test]
fn undo_of_the_file_that_brought_the_address_keeps_its_refusal() {
    let ws = Ws::new();
    let first = "customer_id,email,first_name\nC1,a@x.com,A\nC2,x@y.com,B\n";
    import_by_id(&ws, "f1.csv", first, &["--consent", "email=granted"]);
    let second = "customer_id,work_email,Do Not Contact\nC1,x@y.com,yes\n";
    import_by_id(&ws, "f2.csv", second, &[]);
    campaign_to_all(&ws, "e1", "email");
    let both_out = pairs(&[("C1", "no_consent"), ("C2", "no_consent")]);
    assert_eq!(ws.sorted_exclusions("e1"), both_out);
    ws.ok(&["import", "undo"]);
    assert_eq!(ws.sorted_exclusions("e1"), both_out);
    let step = ws.explain_step("e1", "C2", 1);
    assert!(
        step.contains("e-mail consent withdrawn on record for this address (recorded by batch 2"),
        "{step}"
    );
}

/// Erasure (GDPR Art. 17, an objection under Art. 21) suppresses every number the
/// person was known by, also one held in a field that has since lost the phone role:
/// after `contact erase a@x.com`, `+447700900111` is `suppressed`.
#[test]
fn erasure_suppresses_the_number_a_demoted_field_held() {
    let ws = Ws::new();
    trial(&ws);
    demote_phone(&ws);
    ws.ok(&["contact", "erase", "a@x.com"]);
    assert_eq!(
        ws.sorted_exclusions("c1"),
        pairs(&[
            ("+447700900111", "suppressed"),
            ("+447700900112", "-"),
            ("b@x.com", "no_address"),
        ])
    );
}
