//! The platform round trip (session-9 trial): real exports of the sending platforms, as
//! they are named and headed today, imported with the granting option a new user passes
//! (`--consent email=granted`), must leave everyone the platform would not e-mail out
//! of the campaign. Each expected outcome is worked out by hand from the platform's
//! documentation, cited beside the test.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// The header row of a Mailchimp audience export's subscribed and non-subscribed files
/// (the two have the same columns, so only the file name tells them apart).
const MAILCHIMP_HEADER: &str = "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS";

/// A Mailchimp file `name` holding one member `email`.
fn mailchimp_file(email: &str) -> String {
    format!(
        "{MAILCHIMP_HEADER}\n{email},Ann,Lee,2,2024-01-02 10:00:00,,2024-01-02 10:05:00,1.2.3.4,,,,,,,,2024-01-02 10:05:00,111,abc111,,\n"
    )
}

/// Today's Mailchimp export (`audience_export_<id>.zip`) names its files
/// `subscribed_email_audience_export_<id>.csv`, `nonsubscribed_email_audience_export_<id>.csv`,
/// ... (public scripts reading real exports, 2024-2026), and a browser may show them as
/// `Subscribed Email Audience Export <id>.csv`. Mailchimp: non-subscribed contacts "have
/// not opted in to receive your email marketing"
/// (https://mailchimp.com/help/view-unsubscribed-contacts/), so the status their file
/// name gives wins over `--consent email=granted`, as for the older `members_export`
/// names. The non-subscribed file was read as one of unknown status, and the option
/// granted its members.
#[test]
fn mailchimp_audience_export_names_of_today_give_the_status() {
    let ws = Ws::new();
    let files = [
        (
            "subscribed_email_audience_export_1a10653875.csv",
            "sub@example.com",
            "mailchimp_subscribed",
        ),
        (
            "nonsubscribed_email_audience_export_1a10653875.csv",
            "non@example.com",
            "mailchimp_nonsubscribed",
        ),
        (
            "Nonsubscribed Email Audience Export 9c62c33314.csv",
            "non2@example.com",
            "mailchimp_nonsubscribed",
        ),
        (
            "Subscribed Email Audience Export 9c62c33314.csv",
            "sub2@example.com",
            "mailchimp_subscribed",
        ),
    ];
    for (name, email, layout) in files {
        let report = ws.import_csv(
            name,
            &mailchimp_file(email),
            &["--consent", "email=granted"],
        );
        assert_eq!(report["layout"]["id"], layout, "{name}");
    }
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("non2@example.com", "no_consent"),
            ("non@example.com", "no_consent"),
            ("sub2@example.com", "-"),
            ("sub@example.com", "-"),
        ])
    );
    assert_eq!(ws.email_consent("sub@example.com")["state"], "granted");
    assert_eq!(ws.email_consent("non@example.com")["state"], "not_asked");
}

/// A HubSpot contacts export with the e-mail health properties a portal holds by
/// default. HubSpot drops hard-bounced, invalid and quarantined addresses from every
/// marketing send
/// (https://knowledge.hubspot.com/marketing-email/what-is-the-difference-between-a-hard-bounce-and-a-soft-bounce ,
/// https://knowledge.hubspot.com/marketing-email/understand-and-manage-quarantined-contacts),
/// and none of that shows in `Unsubscribed from all email`. The export has no column
/// that grants, so a user imports it with `--consent email=granted`: cy (a hard bounce
/// reason), dee (quarantined), eli (an invalid address) and gus (a quarantine reason)
/// were granted and sent to. bo opted out of the marketing subscription type
/// (`Opted out of email: Marketing Information`, read as before); ana and fay state
/// nothing and take the option.
#[test]
fn hubspot_bounced_invalid_and_quarantined_addresses_are_not_sent_to() {
    let ws = Ws::new();
    let csv = "Record ID,First Name,Last Name,Email,Contact owner,Lifecycle Stage,Marketing contact status,Unsubscribed from all email,Opted out of email: Marketing Information,Email hard bounce reason,Email address quarantine reason,Email Address Quarantined,Invalid email address,Marketing emails bounced\n\
101,Ana,Silva,ana@example.com,Sam Sales,Customer,Marketing contact,false,false,,,false,false,0\n\
102,Bo,Berg,bo@example.com,Sam Sales,Lead,Marketing contact,false,true,,,false,false,0\n\
103,Cy,Costa,cy@example.com,,Lead,Marketing contact,false,false,550 5.1.1 The email account that you tried to reach does not exist,,false,false,1\n\
104,Dee,Dorn,dee@example.com,,Subscriber,Marketing contact,false,false,,,true,false,0\n\
105,Eli,Eng,eli@example.com,,Subscriber,Marketing contact,false,false,,,false,true,0\n\
106,Fay,Fox,fay@example.com,,Subscriber,Marketing contact,,,,,,,\n\
107,Gus,Gray,gus@example.com,,Subscriber,Marketing contact,false,false,,Suspicious form activity,false,false,0\n";
    let report = ws.import_csv(
        "hubspot-crm-exports-all-contacts-2026-12-01.csv",
        csv,
        &["--consent", "email=granted"],
    );
    assert_eq!(report["layout"]["id"], "hubspot_contacts");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ana@example.com", "-"),
            ("bo@example.com", "no_consent"),
            ("cy@example.com", "no_consent"),
            ("dee@example.com", "no_consent"),
            ("eli@example.com", "no_consent"),
            ("fay@example.com", "-"),
            ("gus@example.com", "no_consent"),
        ])
    );
    for key in [
        "cy@example.com",
        "dee@example.com",
        "eli@example.com",
        "gus@example.com",
    ] {
        assert_eq!(ws.email_consent(key)["state"], "bounced", "{key}");
    }
}

/// A header holding an opt-in phrase and a refusal word says the refusal: a `yes` under
/// `Marketing Emails Unsubscribed` is someone who unsubscribed (the refusal reading
/// of README "Polarity and channel come from the header's own words"). The
/// dictionary's opt-in phrase (`marketing emails`, `consent`, `opt in`) outranked the
/// refusal word and the `yes` was granted; a `no` states nothing (not asked). The
/// field's reason says the header also names the refusal.
#[test]
fn an_opt_in_phrase_beside_a_refusal_word_is_a_refusal() {
    let cases = [
        ("Marketing Emails Unsubscribed", "withdrawn"),
        ("Email Marketing Unsubscribe", "withdrawn"),
        ("Consent Revoked", "withdrawn"),
        ("Email Opt In Revoked", "withdrawn"),
        ("Marketing Consent Declined", "withdrawn"),
        ("Newsletter Opt Out", "withdrawn"),
        ("Marketing emails bounced", "bounced"),
        ("Newsletter Bounced", "bounced"),
    ];
    for (header, refused) in cases {
        let ws = Ws::new();
        let csv = format!("Email,{header}\nyes@example.com,yes\nno@example.com,no\n");
        ws.import_csv("people.csv", &csv, &[]);
        assert_eq!(
            ws.email_consent("yes@example.com")["state"],
            refused,
            "{header}"
        );
        assert_eq!(
            ws.email_consent("no@example.com")["state"],
            "not_asked",
            "{header}"
        );
        // `fields` says why the opt-in phrase's reading was turned round.
        let reason = ws.field(&header.to_lowercase().replace(' ', "_"))["reason"].to_string();
        let named = if refused == "bounced" {
            "also names a bounce"
        } else {
            "also names a refusal"
        };
        // (`Newsletter Opt Out` is a dictionary opt-out already, and says so.)
        let said = reason.contains(named) || reason.contains("opt-out (yes = the person refused)");
        assert!(said, "{header}: {reason}");
    }
}

/// The value of field `name` in `contact show KEY --json`.
fn field_value(ws: &Ws, key: &str, name: &str) -> String {
    let shown = ws.json(&["contact", "show", key], 0);
    let fields = shown["fields"].as_array().unwrap();
    let field = fields.iter().find(|f| f["name"] == name).unwrap();
    field["value"].as_str().unwrap_or("").to_string()
}

/// Shopify's customers export before `Customer ID` (2022-2023 layout,
/// https://help.shopify.com/en/manual/customers/import-export-customers) and the older
/// one with `Accepts Marketing` write zips and phones with the same leading apostrophe
/// as today's, so a spreadsheet keeps them as text. Without the layout the zip kept
/// its `'` (`'SW1A 1AA`, which no rule on the postcode matches and a message would
/// print) and so did a national phone number (`'07700 900004`).
#[test]
fn shopify_exports_without_customer_id_lose_their_apostrophes() {
    let ws = Ws::new();
    let newer = "First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt\n\
Ann,Lee,ann@example.com,yes,,1 High St,,London,England,ENG,United Kingdom,GB,'SW1A 1AA,'+447700900001,yes,120.50,3,\"VIP, Newsletter Subscriber\",,no\n\
Dan,Oh,dan@example.com,yes,,4 High St,,Leeds,England,ENG,United Kingdom,GB,'LS1 1AA,'07700 900004,no,55.00,2,\"wholesale,vip\",,no\n";
    let report = ws.import_csv("customers_export_1.csv", newer, &[]);
    assert_eq!(report["layout"]["id"], "shopify_customers");
    assert_eq!(field_value(&ws, "ann@example.com", "zip"), "SW1A 1AA");
    assert_eq!(field_value(&ws, "dan@example.com", "zip"), "LS1 1AA");
    assert_eq!(field_value(&ws, "dan@example.com", "phone"), "07700 900004");
    assert_eq!(ws.email_consent("dan@example.com")["state"], "granted");

    let ws = Ws::new();
    let older = "First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt\n\
Bo,Berg,bo@example.com,,Storgatan 1,,Stockholm,,,Sweden,SE,'111 22,'+46701234567,no,0.00,0,,,no\n\
Cy,Costa,cy@example.com,,Rua Augusta 1,,Lisboa,,,Portugal,PT,'1100-053,,yes,45.00,1,newsletter,,no\n";
    let report = ws.import_csv("customers_export.csv", older, &[]);
    assert_eq!(report["layout"]["id"], "shopify_customers");
    assert_eq!(field_value(&ws, "bo@example.com", "zip"), "111 22");
    assert_eq!(field_value(&ws, "cy@example.com", "zip"), "1100-053");
    assert_eq!(ws.email_consent("bo@example.com")["state"], "declined");
    assert_eq!(ws.email_consent("cy@example.com")["state"], "granted");
}

/// A minimal XLSX workbook with `sheets` (name, rows of inline strings), as Excel's
/// file format lays it out (ECMA-376 Part 1: workbook, relationships, worksheets).
fn workbook(path: &std::path::Path, sheets: &[(&str, &[&[&str]])]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut types = String::from(
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let (mut book, mut rels) = (String::new(), String::new());
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        types += &format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        book += &format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#);
        rels += &format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
        let mut data = String::new();
        for (r, row) in rows.iter().enumerate() {
            data += &format!(r#"<row r="{}">"#, r + 1);
            for (c, v) in row.iter().enumerate() {
                let cell = format!("{}{}", char::from(b'A' + c as u8), r + 1);
                data += &format!(r#"<c r="{cell}" t="inlineStr"><is><t>{v}</t></is></c>"#);
            }
            data += "</row>";
        }
        put(
            &format!("xl/worksheets/sheet{n}.xml"),
            &format!(
                r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>"#
            ),
        );
    }
    put("[Content_Types].xml", &(types + "</Types>"));
    put(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    put(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{book}</sheets></workbook>"#
        ),
    );
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(r#"<?xml version="1.0"?><Relationships xmlns="{PKG}">{rels}</Relationships>"#),
    );
    zip.finish().unwrap();
}

/// An Excel workbook whose first sheet is a note for the person filling it in: the
/// import read that sheet, found no key, and blamed the CSV delimiter ("the file splits
/// into 1 column with the delimiter `,`; ... pass --delimiter"), which a workbook has
/// not. The error names the sheet read and the workbook's other sheets, and `--sheet`
/// imports the right one. A workbook read by default whose other sheets were left out
/// says so in a warning (`customers.xlsx`: sheets Customers and Orders).
#[test]
fn a_workbook_names_the_sheet_it_read_and_the_others() {
    let ws = Ws::new();
    let book = ws.out("contacts.xlsx");
    let note: &[&[&str]] = &[
        &["Fill in the Contacts sheet"],
        &["Do not change the headers"],
    ];
    let contacts: &[&[&str]] = &[
        &["Email", "First Name", "Accepts Email Marketing"],
        &["ann@example.com", "Ann", "yes"],
    ];
    workbook(&book, &[("Instructions", note), ("Contacts", contacts)]);
    let out = ws.cmd().arg("import").arg(&book).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("sheet `Instructions`"), "{err}");
    assert!(err.contains("other sheets: Contacts"), "{err}");
    assert!(err.contains("--sheet NAME"), "{err}");
    assert!(!err.contains("--delimiter"), "{err}");
    let report = ws.json(
        &["import", book.to_str().unwrap(), "--sheet", "Contacts"],
        0,
    );
    assert_eq!(report["rows_imported"], 1);

    let ws = Ws::new();
    let path = review_support::fixture("customers.xlsx");
    let report = ws.json(&["import", path.to_str().unwrap()], 0);
    let warned = review_support::warnings(&report);
    assert!(
        warned.iter().any(
            |w| w.contains("read sheet `Customers`") && w.contains("other sheets too (Orders)")
        ),
        "{warned:?}"
    );
}

/// A workbook cut short (a download that stopped): it starts like a ZIP container but
/// has no end. The error called it "a ZIP archive of CSV files", which a person
/// importing `customers.xlsx` does not have; it now says the file may be cut short,
/// and nothing is imported (the workspace keeps its one contact).
#[test]
fn a_workbook_cut_short_says_so_and_imports_nothing() {
    let ws = Ws::new();
    ws.import_csv("first.csv", "Email\nann@example.com\n", &[]);
    let whole = review_support::read(&review_support::fixture("customers.xlsx"));
    let cut = ws.out("customers.xlsx");
    std::fs::write(&cut, &whole[..300]).unwrap();
    let out = ws.cmd().arg("import").arg(&cut).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("customers.xlsx"), "{err}");
    assert!(err.contains("may be cut short"), "{err}");
    assert!(!err.contains("archive of CSV files"), "{err}");
    let report = ws.import_csv("second.csv", "Email\nbo@example.com\n", &[]);
    assert_eq!(report["contacts_total"], 2);
}
