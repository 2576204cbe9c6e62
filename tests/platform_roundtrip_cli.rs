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
