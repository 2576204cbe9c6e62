//! A `no` in a consent-ish column nobody can read, for a contact with a grant on
//! record, stops a re-import without `--consent` (new-user trial, session 9: a
//! re-import whose `Mailing list` said `no` left the earlier grant, and the contact was
//! still e-mailed). Nothing is imported; the error names file, line, column, value,
//! contact and channel, and advises a `--map`, which then records the withdrawal.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Ana and Bo, e-mail granted by the first file's option.
fn granted() -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,first_name\nana@example.com,Ana\nbo@example.com,Bo\n",
        &["--consent", "email=granted"],
    );
    ws
}

/// The stderr of a failed `import FILE extra...`, expecting exit 1.
fn refused(ws: &Ws, file: &str, extra: &[&str]) -> String {
    let out = ws
        .cmd()
        .arg("import")
        .arg(file)
        .args(extra)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// crm.csv line 2 says `no` for Ana: the import stops, nothing imported (no
/// `mailing_list` field, Ana still granted); the advice names the channel-less opt-in
/// field (`Mailing list` names no channel, so its refusals reach both); mapped so, the
/// `no` withdraws
/// Ana's grant (no_consent) and Bo's `yes` keeps his. Before, the import succeeded and
/// Ana was still a recipient.
#[test]
fn a_no_for_a_granted_contact_stops_the_import() {
    let ws = granted();
    let crm = ws.write(
        "crm.csv",
        "email,first_name,Mailing list\nana@example.com,Ana,no\nbo@example.com,Bo,yes\n",
    );
    let err = refused(&ws, &crm, &[]);
    for part in [
        "crm.csv, line 2, column `Mailing list`",
        "its `no` may say no",
        "contact ana@example.com has email consent granted on record",
        "nothing was imported",
        "--map 'Mailing list=opt_in'",
        "--skip 'Mailing list'",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    // A dry run stops the same way.
    let dry = refused(&ws, &crm, &["--dry-run"]);
    assert!(
        dry.contains("crm.csv, line 2, column `Mailing list`"),
        "{dry}"
    );
    assert_eq!(ws.field_names(), ["email", "first_name"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ana@example.com", "-"), ("bo@example.com", "-")])
    );
    ws.ok(&["import", &crm, "--map", "Mailing list=opt_in"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ana@example.com", "no_consent"), ("bo@example.com", "-")])
    );
}

/// Other spellings of a no: a list status (`Removed`, line 3 for Bo) under `Email
/// status` and a German `nein` under `Werbung erlaubt` (line 2 for Ana) stop the import
/// too. A `no` for a contact with no grant on record (Cy, new) and an `Active` go on:
/// the file holding only those imports.
#[test]
fn statuses_and_other_languages_stop_it_and_ungranted_contacts_do_not() {
    let ws = granted();
    let status = ws.write(
        "status.csv",
        "email,Email status\nana@example.com,Active\nbo@example.com,Removed\n",
    );
    let err = refused(&ws, &status, &[]);
    assert!(
        err.contains("status.csv, line 3, column `Email status`"),
        "{err}"
    );
    assert!(
        err.contains("contact bo@example.com has email consent"),
        "{err}"
    );
    let news = ws.write(
        "news.csv",
        "email,Werbung erlaubt\nana@example.com,nein\nbo@example.com,ja\n",
    );
    let err = refused(&ws, &news, &[]);
    assert!(
        err.contains("news.csv, line 2, column `Werbung erlaubt`"),
        "{err}"
    );
    let fine = ws.write(
        "fine.csv",
        "email,Mailing list\ncy@example.com,no\nana@example.com,yes\n",
    );
    ws.ok(&["import", &fine]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ana@example.com", "-"),
            ("bo@example.com", "-"),
            ("cy@example.com", "no_consent"),
        ])
    );
}
