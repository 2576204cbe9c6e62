//! An export's address column carries one address, the one the message goes to,
//! normalised, in every profile; no other column copies an address-bearing field
//! (new-user trial, session 9: a phone cell `07911 123456 / 07700 900456` is texted on
//! its first number, but the spreadsheet profile wrote the whole cell, so the second,
//! suppressed number reached the sending platform's file). UK numbers: 07911 123456 is
//! a mobile, 07700 900xxx Ofcom's drama range.

mod review_support;

use review_support::{EMAIL_EVERYONE, SMS_EVERYONE, Ws};

/// a's and c's cells hold two numbers, b's one; all consent to SMS and e-mail.
const PEOPLE: &str = "email,first_name,phone,mobile\n\
    a@example.com,Ana,07911 123456 / 07700 900456,07700 900124\n\
    b@example.com,Bo,+44 7700 900222,\n\
    c@example.com,Cy,07911 123457 / 07700 900457,\n";

/// The workspace of [`PEOPLE`] with `+44 7700 900456` (a's second number) suppressed.
fn suppressed_second() -> Ws {
    let ws = Ws::new();
    let file = ws.write("people.csv", PEOPLE);
    ws.ok(&[
        "import",
        &file,
        "--region",
        "GB",
        "--consent",
        "email=granted",
        "--consent",
        "sms=granted",
    ]);
    let list = ws.write("optouts.txt", "+44 7700 900456\n");
    ws.ok(&["suppress", &list]);
    ws
}

/// Run `args`, expecting exit 1 (refused); stderr.
fn refused(ws: &Ws, args: &[&str]) -> String {
    let out = ws.cmd().args(args).assert().code(1);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// Every file an export wrote into `dir`, as text.
fn files(dir: &std::path::Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        all.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
    }
    all
}

/// By hand: c is texted on +447911123457 (the first number of the cell), b on
/// +447700900222; c's second number 07700 900457 appears in no file of any SMS
/// profile. a's second number +447700900456 is suppressed, so a is texted on neither
/// (session-10 trial F22; before, a was texted on its first, +447911123456). The
/// spreadsheet profile quotes a `+` (OWASP), the others write E.164 as it is. Before
/// session 9, the spreadsheet file's first record was `07911 123456 / 07700 900456`.
#[test]
fn every_profile_writes_only_the_number_texted() {
    let ws = suppressed_second();
    ws.apply(SMS_EVERYONE);
    for profile in ["spreadsheet", "upload", "sms", "klaviyo", "brevo"] {
        let out = ws.out(profile);
        ws.ok(&[
            "export",
            "text",
            "--profile",
            profile,
            "--out",
            out.to_str().unwrap(),
        ]);
        let all = files(&out);
        assert!(!all.contains("900456"), "{profile}: {all}");
        assert!(!all.contains("900457"), "{profile}: {all}");
        assert!(!all.contains("07911 123457"), "{profile}: {all}");
        assert!(!all.contains("+447911123456"), "{profile}: {all}");
        assert!(all.contains("+447911123457"), "{profile}: {all}");
        assert!(all.contains("+447700900222"), "{profile}: {all}");
    }
    let sheet = std::fs::read_to_string(ws.out("spreadsheet").join("recipients.csv")).unwrap();
    assert_eq!(
        sheet,
        "\u{FEFF}phone,segment,body\r\n\
         '+447700900222,everyone,Hello\r\n\
         '+447911123457,everyone,Hello\r\n"
    );
}

/// `--field phone` (and `--field mobile`, a second phone field) would copy the cell as
/// written into the file: refused, exit 1, the field named, no file written. Before,
/// the export wrote `07911 123456 / 07700 900456`.
#[test]
fn an_added_phone_field_is_refused() {
    let ws = suppressed_second();
    ws.apply(EMAIL_EVERYONE);
    for field in ["phone", "mobile"] {
        let out = ws.out(field);
        let err = refused(
            &ws,
            &[
                "export",
                "news",
                "--out",
                out.to_str().unwrap(),
                "--field",
                field,
                "--reason",
                "the shop calls them back by phone",
            ],
        );
        assert!(
            err.contains(&format!("--field {field}: it holds phone numbers")),
            "{err}"
        );
        assert!(!out.join("recipients.csv").exists());
    }
    // A person lowering the role (and accepting the review's blocker) does not let
    // the numbers through: the dictionary entry that classed the field still says.
    ws.ok(&[
        "fields",
        "set",
        "phone",
        "--role",
        "none",
        "--reason",
        "the column is only a note for the shop",
    ]);
    ws.ok(&[
        "review",
        "news",
        "--accept",
        "safeguard_removed",
        "--reason",
        "nobody on this list has a number that matters here",
    ]);
    let out = ws.out("lowered");
    ws.cmd()
        .args(["export", "news", "--out", out.to_str().unwrap()])
        .args([
            "--field",
            "phone",
            "--reason",
            "the shop calls them back by phone",
        ])
        .assert()
        .code(1);
    assert!(!out.join("recipients.csv").exists());
}

/// A message merging a phone field copies the cell into the rendered body (and a
/// template profile's merge column): refused in every profile, exit 1, naming the
/// entry. Before, the body was `Your numbers: 07911 123456 / 07700 900456`.
#[test]
fn a_message_merging_a_phone_field_is_refused() {
    let ws = suppressed_second();
    ws.apply(&SMS_EVERYONE.replace("body = \"Hello\"", "body = \"Your numbers: {{ phone }}\""));
    for profile in ["spreadsheet", "sms", "klaviyo"] {
        let out = ws.out(profile);
        let err = refused(
            &ws,
            &[
                "export",
                "text",
                "--profile",
                profile,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            err.contains("entry 1 (`everyone`): its message merges `{{ phone }}`"),
            "{profile}: {err}"
        );
        assert!(!out.join("recipients.csv").exists(), "{profile}");
    }
}
