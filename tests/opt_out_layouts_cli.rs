//! A file a platform layout knows as a list of refusals takes no granting `--consent`
//! for a channel the layout does not read (new-user trial 6, G19): a Mailchimp
//! unsubscribed export (`UNSUB_TIME`) under `--consent sms=granted` granted SMS consent
//! to everyone who unsubscribed, and they were texted, while a plain `optouts.csv` was
//! refused. Expected by hand from README, "Files that list opt-outs": the import stops
//! (exit 1, nothing imported) and says how to suppress the list; the layout's own
//! channel keeps its status (`--consent email=granted` is moot there: withdrawn).

mod review_support;

use review_support::Ws;

const UNSUB: &str = "Email Address,First Name,Phone Number,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_REASON\n\
out@example.com,Out,+447700900901,2024-01-01 10:00:00,Spring,I no longer want to receive these emails\n\
out2@example.com,Out2,+447700900902,2024-01-01 10:00:00,Spring,\n";

const CLEANED: &str = "Email Address,First Name,Phone Number,CLEAN_TIME,CLEAN_CAMPAIGN_TITLE\n\
out@example.com,Out,+447700900901,2024-01-01 10:00:00,Spring\n\
out2@example.com,Out2,+447700900902,2024-01-01 10:00:00,Spring\n";

/// `import FILE extra...` fails with exit 1, and the error names the option and the
/// suppress command; nobody was imported.
fn refused(name: &str, csv: &str, extra: &[&str]) {
    let ws = Ws::new();
    let path = ws.write(name, csv);
    let mut args = vec!["import", path.as_str()];
    args.extend(extra);
    let out = ws.cmd().args(&args).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("--consent sms=granted would grant consent to people who opted out")
            && err.contains("tactful suppress")
            && err.contains("nothing was imported"),
        "{name}: {err}"
    );
    ws.cmd()
        .args(["contact", "show", "out2@example.com"])
        .assert()
        .code(1);
}

#[test]
fn a_mailchimp_refusal_export_takes_no_granting_sms_option() {
    // By headers under the trial's name and a neutral one, and by the export's name.
    for name in [
        "optouts_mc.csv",
        "export.csv",
        "unsubscribed_members_export_1.csv",
    ] {
        refused(name, UNSUB, &["--consent", "sms=granted"]);
        refused(
            name,
            UNSUB,
            &["--consent", "email=granted", "--consent", "sms=granted"],
        );
    }
    // Cleaned (bounced) contacts: the export lists addresses that failed.
    for name in ["members.csv", "cleaned_members_export_1.csv"] {
        refused(name, CLEANED, &["--consent", "sms=granted"]);
    }
    the_layouts_own_channel_keeps_its_status();
}

/// Guards, passing before the fix too: what the refusal above must not change.
fn the_layouts_own_channel_keeps_its_status() {
    // `--consent email=granted` on the unsubscribed export: the layout's status wins.
    let ws = Ws::new();
    ws.import_csv("export.csv", UNSUB, &["--consent", "email=granted"]);
    assert_eq!(ws.email_consent("out2@example.com")["state"], "withdrawn");
    // A subscribed export is no list of refusals: an SMS grant is the user's word.
    let ws = Ws::new();
    let subscribed = "Email Address,First Name,Phone Number\nin@example.com,In,+447700900903\n";
    ws.import_csv(
        "subscribed_members_export_1.csv",
        subscribed,
        &["--consent", "sms=granted"],
    );
    let shown = ws.json(&["contact", "show", "in@example.com"], 0);
    let sms = shown["consent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "sms")
        .unwrap()
        .clone();
    assert_eq!(sms["state"], "granted");
    assert_eq!(ws.email_consent("in@example.com")["state"], "granted");
}
