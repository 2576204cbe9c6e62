//! Issue 9: the consent option against each word a consent column states, `--map` and
//! `--skip` on any file, and Mailchimp's ZIP. Every expected value is worked out by hand
//! from the fixtures in tests/fixtures/layouts/.

mod common;

use std::collections::BTreeMap;

use common::{consent_of, count, run, value};
use tactful::fields::{Channel, ConsentState};
use tactful::import::ImportPlan;
use tactful::workspace::Workspace;

fn state(ws: &Workspace, key: &str, channel: &str) -> String {
    consent_of(ws, key, channel).0
}

fn text(ws: &Workspace, key: &str, column: &str) -> String {
    value(ws, key, column).1
}

/// `--consent email=granted` against each word a consent column states: it fills no
/// row (a blank in this opt-in column is an unticked box, not asked); yes, no and
/// unsubscribed are the file's word, and an unknown word is the
/// file's word too (not asked), never filled by the option.
#[test]
fn consent_option_against_each_stated_word() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut plan = ImportPlan::new(common::fixture("layouts/consent_words.csv"), "test");
    plan.consent.insert(Channel::Email, ConsentState::Granted);
    let r = run(&mut ws, &plan).unwrap();
    for (key, want) in [
        ("yes@example.com", "granted"),
        ("no@example.com", "declined"),
        ("unsub@example.com", "withdrawn"),
        // A blank `Accepts Email Marketing` is a box left unticked: the file's word
        // (not asked), not filled by the option (README, "Consent rules").
        ("blank@example.com", "not_asked"),
        ("maybe@example.com", "not_asked"),
    ] {
        assert_eq!(state(&ws, key, "email"), want, "{key}");
    }
    // Every row states its e-mail consent now, the blank included.
    assert_eq!(r.consent_not_applied, BTreeMap::from([(Channel::Email, 5)]));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("1 row holds a word in the email consent column")),
        "{:?}",
        r.warnings
    );
}

/// `--map` and `--skip` on a plain file: `Mobile` fills `phone`, `Notes` is left out,
/// and the report shows both.
#[test]
fn map_and_skip_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.csv");
    std::fs::write(
        &path,
        "E-mail,Mobile,Notes\nana@example.com,+44 7700 900123,likes tea\n",
    )
    .unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut plan = ImportPlan::new(&path, "test");
    plan.map = vec![
        ("Mobile".into(), "phone".into()),
        ("E-mail".into(), "email".into()),
    ];
    plan.skip = vec!["Notes".into()];
    let r = run(&mut ws, &plan).unwrap();
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["email", "phone"]);
    assert_eq!(r.mapping.len(), 2);
    assert_eq!(
        (r.mapping[0].header.as_str(), r.mapping[0].by.as_str()),
        ("E-mail", "--map")
    );
    assert_eq!(r.skipped_columns[0].header, "Notes");
    assert_eq!(text(&ws, "ana@example.com", "phone"), "+44 7700 900123");
    assert_eq!(
        count(&ws, "SELECT count(*) FROM fields WHERE name = 'notes'"),
        0
    );
}

/// Mailchimp's export as it arrives, a ZIP of the four files: each member is its own
/// batch, recognised by the member's own name, so the one-liner
/// (`import audience.zip --consent email=granted`) grants only the subscribed members.
#[test]
fn mailchimp_zip_members_are_recognised_by_their_own_names() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audience_export_5c1f0a.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in [
        "subscribed_members_export_5c1f0a.csv",
        "unsubscribed_members_export_5c1f0a.csv",
        "cleaned_members_export_5c1f0a.csv",
        "nonsubscribed_members_export_5c1f0a.csv",
    ] {
        zip.start_file(format!("members_export_5c1f0a/{name}"), options)
            .unwrap();
        zip.write_all(&std::fs::read(common::fixture(&format!("layouts/{name}"))).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut plan = ImportPlan::new(&path, "test");
    plan.consent.insert(Channel::Email, ConsentState::Granted);
    let reports = tactful::import::run_all(&mut ws, &plan, &mut |_| {}).unwrap();
    let mut layouts: Vec<&str> = reports
        .iter()
        .map(|r| r.layout.as_ref().unwrap().id.as_str())
        .collect();
    layouts.sort();
    assert_eq!(
        layouts,
        [
            "mailchimp_cleaned",
            "mailchimp_nonsubscribed",
            "mailchimp_subscribed",
            "mailchimp_unsubscribed"
        ]
    );
    for (key, want) in [
        ("ana@example.com", "granted"),
        ("bo@example.com", "granted"),
        ("cy@example.com", "withdrawn"),
        ("dee@example.com", "bounced"),
        ("eve@example.com", "not_asked"),
    ] {
        assert_eq!(state(&ws, key, "email"), want, "{key}");
    }
}
