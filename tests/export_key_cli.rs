//! `export --with-key` never writes a contact key of a class blocked by default
//! (special category data, protected traits). Session-9 trial: a clinic's file keyed by
//! `NHS Number` (a health identifier, special category) exported with `--with-key` put
//! the number in Mailchimp's `TF_KEY` column, in a housing campaign, with no unlock and a
//! manifest saying special category data was never used.

mod review_support;

use predicates::str::contains;
use review_support::{EMAIL_EVERYONE, Ws};

/// Two patients, both subscribed (the NHS numbers are valid by the mod-11 check digit,
/// as in the trial).
const CLINIC: &str = "NHS Number,Email,First Name,Newsletter\n\
    943 476 5919,n1@example.com,Nia,yes\n\
    943 476 5870,n2@example.com,Ned,yes\n";

/// Every profile of the e-mail channel refuses `--with-key` (exit 1, nothing written,
/// the reason names the field and its class), and the same export without it succeeds
/// and carries neither number.
#[test]
fn a_special_category_key_is_never_exported() {
    let ws = Ws::new();
    let file = ws.write("clinic.csv", CLINIC);
    ws.ok(&["import", &file, "--key", "NHS Number"]);
    assert_eq!(ws.field("nhs_number")["class"], "special_category");
    ws.apply(EMAIL_EVERYONE);
    for profile in ["mailchimp", "klaviyo", "spreadsheet", "upload"] {
        let out = ws.out(profile);
        ws.cmd()
            .args([
                "export",
                "news",
                "--profile",
                profile,
                "--with-key",
                "--out",
            ])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(contains(
                "--with-key: the contacts are keyed by field `nhs_number`, special category data",
            ));
        assert!(!out.exists(), "{profile}: nothing may be written");
    }
    let out = ws.out("plain");
    ws.cmd()
        .args(["export", "news", "--profile", "mailchimp", "--out"])
        .arg(&out)
        .assert()
        .success();
    for entry in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(
            !text.contains("943 476") && !text.contains("9434765"),
            "{text}"
        );
    }
}
