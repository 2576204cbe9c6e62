//! Promise 1 on four routes a new-user trial (trial 4: N7, N3, N8, N2) found open,
//! each through the binary: a spreadsheet-damaged contact key that merged different
//! people, a phone number typed with O for 0 that the keypad reading turned into a
//! stranger's number, a known minor known by the other channel's address, and a newer
//! platform export that no longer grants marketing permission. Expected values worked
//! out by hand from the files below; UK numbers are in Ofcom's drama range.

mod review_support;

use review_support::*;

/// Rejected rows of an import report: `(line, reason)`.
fn rejected(report: &serde_json::Value) -> Vec<(u64, String)> {
    report["rows_rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let line = r["line"].as_u64().unwrap();
            (line, r["reason"].as_str().unwrap().to_string())
        })
        .collect()
}

/// N7: two customers whose 13-digit IDs Excel rounded to `7.02255E+12` were one
/// contact, the second inheriting the first's consent. Every damaged key, in each
/// writing (decimal point or comma, lower-case `e`, 15 significant digits, `#N/A`),
/// rejects its row with the column and the fix; the sound key imports.
#[test]
fn a_spreadsheet_damaged_key_never_merges_contacts() {
    let ws = Ws::new();
    let csv = "customer_id,email,first_name,email_opt_in\n\
        7.02255E+12,ann@example.com,Ann,yes\n\
        7.02255E+12,bo@example.com,Bo,\n\
        7022550000003,cy@example.com,Cy,yes\n\
        \"7,02256E+12\",dee@example.com,Dee,yes\n\
        1.23e15,eve@example.com,Eve,yes\n\
        1234567890123450000,fay@example.com,Fay,yes\n\
        1234567890123450000,gil@example.com,Gil,\n\
        #N/A,hal@example.com,Hal,yes\n";
    let report = ws.import_csv("x2.csv", csv, &["--key", "customer_id"]);
    let rows = rejected(&report);
    let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 5, 6, 7, 8, 9], "{report}");
    for (_, reason) in &rows {
        assert!(reason.contains("(column customer_id)"), "{reason}");
        assert!(reason.contains("formatted as text"), "{reason}");
    }
    assert!(rows[0].1.contains("`7.02255E+12`"), "{}", rows[0].1);
    assert!(rows[0].1.contains("scientific notation"), "{}", rows[0].1);
    assert!(rows[4].1.contains("15 significant digits"), "{}", rows[4].1);
    assert_eq!(report["rows_imported"], 1);
    // Only Cy is a contact, and only Cy is mailed.
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("7022550000003", "-")])
    );
}

/// N7, review: a workspace whose contacts were merged by a damaged key before the
/// import refused such keys (made here by writing the key into the store) gets an
/// `excel_damage` finding naming the contact key, though no campaign field holds it.
#[test]
fn review_flags_contacts_whose_key_is_damaged() {
    let ws = Ws::new();
    let csv = "customer_id,email,first_name\n\
        7022550000003,ann@example.com,Ann\n\
        7022550000004,bo@example.com,Bo\n";
    ws.import_csv(
        "ok.csv",
        csv,
        &["--key", "customer_id", "--consent", "email=granted"],
    );
    ws.apply(EMAIL_EVERYONE);
    let before = ws.json(&["review", "news"], 0);
    assert!(!has_code(&before, "excel_damage"), "{before}");
    let conn = rusqlite::Connection::open(&ws.path).unwrap();
    conn.execute(
        "UPDATE contacts SET _key = '7.02255E+12' WHERE _key = '7022550000003'",
        [],
    )
    .unwrap();
    drop(conn);
    let after = ws.json(&["review", "news"], 0);
    let f = finding(&after, "excel_damage");
    assert_eq!(f["severity"], "warning", "{f}");
    assert_eq!(f["items"][0], "contact key: 1 contact", "{f}");
}

/// N3: `07700 9OO456` (letters O for zeros) was read by the keypad as +447700966456,
/// a stranger's number, and texted. A number with letters is no sendable number; a
/// suppression entry and a refusal written with the same typo protect the number
/// meant (and the keypad's reading).
#[test]
fn a_number_typed_with_letters_is_never_texted() {
    let ws = Ws::new();
    let csv = "email,first_name,phone,Accepts SMS Marketing\n\
        c1@example.com,C1,+447700900111,yes\n\
        c3@example.com,C3,07700 9OO456,yes\n\
        c4@example.com,C4,+44 7700 9OO123,yes\n\
        mum@example.com,Mum,+447700900301,yes\n\
        dad@example.com,Dad,07700 9OO301,no\n\
        c6@example.com,C6,+447700966777,yes\n\
        c7@example.com,C7,+447700900888,yes\n";
    ws.import_csv("y.csv", csv, &["--region", "GB"]);
    // A list that suppresses C7's number written with O and I: 9OO888 → 900888, and
    // +447700966777 (C6) by the keypad's reading of 9OO777.
    let list = ws.write("sup.txt", "07700 9OO888\n07700 9OO777\n");
    ws.ok(&["suppress", &list]);
    ws.apply(SMS_EVERYONE);
    let addresses = ws.preview_column("text", "channel_address");
    assert!(
        !addresses
            .iter()
            .any(|(_, a)| a.contains("66456") || a.contains("66123")),
        "{addresses:?}"
    );
    assert_eq!(
        ws.sorted_exclusions("text"),
        pairs(&[
            ("c1@example.com", "-"),
            ("c3@example.com", "no_address"),
            ("c4@example.com", "no_address"),
            ("c6@example.com", "suppressed"),
            ("c7@example.com", "suppressed"),
            ("dad@example.com", "no_consent"),
            ("mum@example.com", "suppressed"),
        ])
    );
}

/// N8: a minor kept on record by phone after `import undo` was excluded from SMS
/// campaigns but mailed by e-mail ones; a second contact holding a minor's number was
/// mailed. A minor is a minor on every channel, by any address.
#[test]
fn a_known_minor_is_excluded_on_every_channel_by_any_address() {
    let ws = Ws::new();
    let by_phone = ws.write(
        "pd.csv",
        "phone,first_name,Age,Accepts SMS Marketing\n\
         +447700900777,Kid,12,yes\n+447700900778,Ad,40,yes\n",
    );
    ws.ok(&["import", &by_phone, "--region", "GB"]);
    ws.ok(&["import", "undo"]);
    let by_email = ws.write(
        "pe.csv",
        "email,first_name,phone,Accepts SMS Marketing\n\
         kid@example.com,Kid,07700 900777,yes\nad@example.com,Ad,07700900778,yes\n",
    );
    let mut args = vec!["import", by_email.as_str(), "--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let both = pairs(&[("ad@example.com", "-"), ("kid@example.com", "minor")]);
    assert_eq!(ws.outcome(SMS_EVERYONE, "text"), both);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), both);
    let detail = ws.explain_step("news", "kid@example.com", 2);
    assert!(
        detail.contains("holds the phone number of a known minor kept on record"),
        "{detail}"
    );

    // Without an undo: kid.alt holds Kid's number and no age.
    let (email, sms) = outcomes(
        "email,first_name,phone,Age\n\
         kid@example.com,Kid,+447700900777,12\n\
         kid.alt@example.com,Kid,07700 900777,\n\
         ad@example.com,Ad,+447700900778,40\n",
        &["--region", "GB"],
    );
    let expected = pairs(&[
        ("ad@example.com", "-"),
        ("kid.alt@example.com", "minor"),
        ("kid@example.com", "minor"),
    ]);
    assert_eq!(email, expected);
    assert_eq!(sms, expected);
}

/// N8, the mirror: a minor on record by e-mail, then a phone-keyed file holding that
/// e-mail address: the SMS campaign must not text the child.
#[test]
fn a_minor_on_record_by_email_is_not_texted() {
    let ws = Ws::new();
    let first = ws.write(
        "ed.csv",
        "email,first_name,Age\nkid@example.com,Kid,12\nad@example.com,Ad,40\n",
    );
    ws.ok(&["import", &first, "--consent", "email=granted"]);
    ws.ok(&["import", "undo"]);
    let second = ws.write(
        "pp.csv",
        "phone,email,first_name,Accepts SMS Marketing\n\
         +447700900777,kid@example.com,Kid,yes\n+447700900778,ad@example.com,Ad,yes\n",
    );
    ws.ok(&["import", &second, "--key", "phone"]);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.sorted_exclusions("text"),
        pairs(&[("+447700900777", "minor"), ("+447700900778", "-")])
    );
}

/// N2: a newer HubSpot export saying `Non-marketing contact`, or a Klaviyo export
/// saying `NEVER_SUBSCRIBED`, removes the older grant; the field takes the new value
/// and the report says so. Shopify's `no` (a refusal) withdraws, as before.
#[test]
fn a_newer_export_without_marketing_permission_removes_the_grant() {
    let ws = Ws::new();
    let h = "Record ID,First Name,Last Name,Email,Phone Number,Marketing contact status,Unsubscribed from all email,Email hard bounce reason,Create Date";
    let jan = format!(
        "{h}\n103,Cy,C,cy@example.com,,Marketing contact,,,2024-01-01 10:00\n\
         104,Di,D,di@example.com,,Marketing contact,,,2024-01-01 10:00\n"
    );
    let dec = format!(
        "{h}\n103,Cy,C,cy@example.com,,Non-marketing contact,false,,2024-01-01 10:00\n\
         104,Di,D,di@example.com,,Marketing contact,false,,2024-01-01 10:00\n"
    );
    let granted = ["--consent", "email=granted"];
    ws.import_csv(
        "hubspot-crm-exports-all-contacts-2026-01-01.csv",
        &jan,
        &granted,
    );
    let report = ws.import_csv(
        "hubspot-crm-exports-all-contacts-2026-12-01.csv",
        &dec,
        &granted,
    );
    let said = warnings(&report).join("\n");
    assert!(
        said.contains("1 contact granted email consent before is now not asked"),
        "{said}"
    );
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("cy@example.com", "no_consent"), ("di@example.com", "-")])
    );
    let shown = ws.json(&["contact", "show", "cy@example.com"], 0);
    let text = shown.to_string();
    assert!(text.contains("Non-marketing contact"), "{text}");
    assert_eq!(ws.email_consent("cy@example.com")["state"], "not_asked");

    // Klaviyo: SUBSCRIBED, then NEVER_SUBSCRIBED.
    let kl = Ws::new();
    let k = "Email,Klaviyo ID,First Name,Email Marketing Consent";
    kl.import_csv(
        "profiles.csv",
        &format!("{k}\nkay@example.com,01K,Kay,SUBSCRIBED\n"),
        &[],
    );
    kl.import_csv(
        "profiles2.csv",
        &format!("{k}\nkay@example.com,01K,Kay,NEVER_SUBSCRIBED\n"),
        &[],
    );
    assert_eq!(
        kl.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("kay@example.com", "no_consent")])
    );

    // Shopify: yes, then no.
    let sh = Ws::new();
    let s = "Email,First Name,Accepts Email Marketing";
    sh.import_csv(
        "customers_export.csv",
        &format!("{s}\nsam@example.com,Sam,yes\n"),
        &[],
    );
    sh.import_csv(
        "customers_export2.csv",
        &format!("{s}\nsam@example.com,Sam,no\n"),
        &[],
    );
    assert_eq!(
        sh.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("sam@example.com", "no_consent")])
    );
}
