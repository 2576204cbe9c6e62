//! Constant Contact's contacts export is read (session 10: its `Email permission
//! status` and `Email status` columns stopped an import with `--consent email=granted`
//! as unreadable consent columns). Explicit (express) permission is a grant,
//! Unsubscribed a withdrawal; implicit (implied) permission, pending confirmation and
//! no permission set are not asked, which `--consent` does not turn into a grant
//! (implied consent is not GDPR consent); `Active` states nothing. README, "Platform
//! layouts" and "Consent rules". Values by hand from the rows below.

mod review_support;

use review_support::*;

/// The export's own columns (public code that reads real exports quotes this header
/// row), values as the UI writes them.
const EXPORT: &str = "Email address,First name,Last name,Email status,Email permission status,Email Lists,Confirmed Opt-Out Date\n\
    exp@example.com,Ex,P,Active,Explicit,Newsletter,\n\
    imp@example.com,Im,P,Active,Implicit,Newsletter,\n\
    uns@example.com,Un,S,Unsubscribed,Unsubscribed,Newsletter,2024-03-01\n\
    pen@example.com,Pe,N,Awaiting Confirmation,Pending confirmation,Newsletter,\n\
    xpr@example.com,Xp,R,Active,Express,Newsletter,\n\
    non@example.com,No,N,No Permissions Set,Not set,Newsletter,\n";

fn state(ws: &Ws, key: &str) -> String {
    ws.email_consent(key)["state"].as_str().unwrap().to_string()
}

#[test]
fn the_permission_status_decides_and_only_explicit_permission_is_a_grant() {
    let ws = Ws::new();
    let report = ws.import_csv("contacts.csv", EXPORT, &["--consent", "email=granted"]);
    assert!(
        report.to_string().contains("Constant Contact"),
        "{report:#}"
    );
    for (key, expected) in [
        ("exp@example.com", "granted"),
        ("imp@example.com", "not_asked"),
        ("uns@example.com", "withdrawn"),
        ("pen@example.com", "not_asked"),
        ("xpr@example.com", "granted"),
        ("non@example.com", "not_asked"),
    ] {
        assert_eq!(state(&ws, key), expected, "{key}");
    }
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("exp@example.com", "-"),
            ("imp@example.com", "no_consent"),
            ("non@example.com", "no_consent"),
            ("pen@example.com", "no_consent"),
            ("uns@example.com", "no_consent"),
            ("xpr@example.com", "-"),
        ])
    );
}

#[test]
fn the_api_spellings_and_a_renamed_email_column_read_the_same() {
    let ws = Ws::new();
    ws.import_csv(
        "api.csv",
        "Email,Email Permission Status\n\
         exp@example.com,explicit\n\
         imp@example.com,implicit\n\
         uns@example.com,unsubscribed\n\
         pen@example.com,pending_confirmation\n\
         tmp@example.com,temp_hold\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("exp@example.com", "-"),
            ("imp@example.com", "no_consent"),
            ("pen@example.com", "no_consent"),
            ("tmp@example.com", "no_consent"),
            ("uns@example.com", "no_consent"),
        ])
    );
    assert_eq!(state(&ws, "uns@example.com"), "withdrawn");
}

#[test]
fn without_advanced_permissions_active_takes_the_files_consent() {
    let ws = Ws::new();
    ws.import_csv(
        "basic.csv",
        "Email address,First name,Email status,Email Lists\n\
         act@example.com,A,Active,Newsletter\n\
         uns@example.com,U,Unsubscribed,Newsletter\n\
         awa@example.com,W,Awaiting Confirmation,Newsletter\n\
         non@example.com,N,No Permissions Set,Newsletter\n",
        &["--consent", "email=granted"],
    );
    for (key, expected) in [
        ("act@example.com", "granted"),
        ("uns@example.com", "withdrawn"),
        ("awa@example.com", "not_asked"),
        ("non@example.com", "not_asked"),
    ] {
        assert_eq!(state(&ws, key), expected, "{key}");
    }
}

#[test]
fn a_later_explicit_permission_never_undoes_an_unsubscribe() {
    let ws = Ws::new();
    ws.import_csv("contacts.csv", EXPORT, &["--consent", "email=granted"]);
    ws.import_csv(
        "later.csv",
        "Email address,Email status,Email permission status,Email Lists\n\
         uns@example.com,Active,Explicit,Newsletter\n",
        &[],
    );
    assert_eq!(state(&ws, "uns@example.com"), "withdrawn");
}
