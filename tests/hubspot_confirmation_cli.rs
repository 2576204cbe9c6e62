//! HubSpot's double opt-in columns are evidence, not consent columns (session 10:
//! `Email Confirmed` and `Marketing email confirmation status` stopped an import with
//! `--consent email=granted` as unreadable consent columns), and `Enrichment opt out`
//! (HubSpot's data enrichment) is no marketing opt-out. README, "Platform layouts".
//! Values by hand: the e-mail consent is what `Unsubscribed from all email` and
//! `--consent` say, whatever the confirmation columns hold.

mod review_support;

use review_support::*;

const EXPORT: &str = "Record ID,First Name,Email,Unsubscribed from all email,Email Confirmed,Marketing email confirmation status,Enrichment opt out\n\
    1,Ann,ann@example.com,false,true,Confirmed,true\n\
    2,Ben,ben@example.com,,false,Confirmation Pending,false\n\
    3,Cy,cy@example.com,true,true,Confirmed due to form,\n\
    4,Di,di@example.com,false,,Confirmation Email Sent,true\n";

#[test]
fn confirmation_columns_are_kept_as_evidence_and_the_import_runs() {
    let ws = Ws::new();
    let report = ws.import_csv("hubspot.csv", EXPORT, &["--consent", "email=granted"]);
    assert!(report.to_string().contains("HubSpot"), "{report:#}");
    for name in [
        "email_confirmed",
        "marketing_email_confirmation_status",
        "enrichment_opt_out",
    ] {
        let field = ws.field(name);
        assert_eq!(field["role"], "none", "{field:#}");
    }
    for (key, expected) in [
        ("ann@example.com", "granted"),
        ("ben@example.com", "granted"),
        ("cy@example.com", "withdrawn"),
        ("di@example.com", "granted"),
    ] {
        assert_eq!(
            ws.email_consent(key)["state"].as_str().unwrap(),
            expected,
            "{key}"
        );
    }
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ann@example.com", "-"),
            ("ben@example.com", "-"),
            ("cy@example.com", "no_consent"),
            ("di@example.com", "-"),
        ])
    );
}

#[test]
fn each_column_alone_is_recognised_as_hubspot() {
    for (header, yes) in [
        ("Email Confirmed", "true"),
        (
            "Marketing email confirmation status",
            "Confirmation Pending",
        ),
        ("Enrichment opt out", "true"),
    ] {
        let ws = Ws::new();
        let csv = format!("Record ID,Email,{header}\n1,ann@example.com,{yes}\n");
        ws.import_csv("hubspot.csv", &csv, &["--consent", "email=granted"]);
        assert_eq!(
            ws.email_consent("ann@example.com")["state"],
            "granted",
            "{header}"
        );
    }
}
