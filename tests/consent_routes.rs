//! Issue 9: no route turns an opt-out back on. Every route below is a sequence of
//! imports and undos ending with the person's e-mail consent, worked out by hand from
//! the rules: a refusal (declined, withdrawn, bounced) outlives the batch and the
//! contact row that recorded it; a "yes" lifts a "no" only with a consent time after the
//! refusal or the user's confirmation; an opt-out is never lifted. Also case BR-26.

mod campaign_support;
mod common;

use campaign_support::{campaign, preview, segment};
use chrono::Utc;
use common::{consent_of, run, shared};
use tactful::campaign::assign::Exclusion;
use tactful::fields::{Channel, ConsentState};
use tactful::import::{ImportPlan, suppress, undo};
use tactful::rights;
use tactful::workspace::Workspace;

#[derive(Debug, Clone, Copy)]
enum Step {
    Import(&'static str),
    ImportConfirmed(&'static str),
    Undo,
}

const UNSUBSCRIBES: &str = "layouts/unsubscribed_members_export_ana.csv";
const CUSTOMERS_YES: &str = "layouts/customers_yes.csv";
const CUSTOMERS_NO: &str = "layouts/customers_no.csv";

fn apply(ws: &mut Workspace, steps: &[Step]) {
    for step in steps {
        match step {
            Step::Import(f) => {
                run(ws, &ImportPlan::new(common::fixture(f), "test")).unwrap();
            }
            Step::ImportConfirmed(f) => {
                let mut plan = ImportPlan::new(common::fixture(f), "test");
                plan.accept_consent_upgrades = true;
                plan.upgrade_reason = Some("confirmed by phone with each person".into());
                run(ws, &plan).unwrap();
            }
            Step::Undo => {
                undo::undo(ws, None, "test").unwrap();
            }
        }
    }
}

/// The routes, each with Ana's e-mail consent at the end.
#[test]
fn no_route_turns_an_opt_out_back_on() {
    use Step::{Import as I, ImportConfirmed as C, Undo as U};
    let (u, y, n) = (UNSUBSCRIBES, CUSTOMERS_YES, CUSTOMERS_NO);
    let routes: [(&str, Vec<Step>, &str); 8] = [
        // The scenario: the undo removed the contact the list created.
        (
            "unsubscribes, undo, customers",
            vec![I(u), U, I(y)],
            "withdrawn",
        ),
        (
            "customers, unsubscribes, undo",
            vec![I(y), I(u), U],
            "withdrawn",
        ),
        (
            "customers, unsubscribes, undo, customers",
            vec![I(y), I(u), U, I(y)],
            "withdrawn",
        ),
        (
            "unsubscribes, customers, undo both, customers",
            vec![I(u), I(y), U, U, I(y)],
            "withdrawn",
        ),
        (
            "unsubscribes, customers confirmed",
            vec![I(u), C(y)],
            "withdrawn",
        ),
        ("no, undo, customers", vec![I(n), U, I(y)], "declined"),
        (
            "customers, no, undo, customers",
            vec![I(y), I(n), U, I(y)],
            "withdrawn",
        ),
        (
            "no, undo, customers confirmed",
            vec![I(n), U, C(y)],
            "granted",
        ),
    ];
    for (name, steps, want) in routes {
        let mut ws = Workspace::open_in_memory().unwrap();
        apply(&mut ws, &steps);
        assert_eq!(
            consent_of(&ws, "ana@example.com", "email").0,
            want,
            "{name}"
        );
    }
}

/// After the undo, `contact show` still answers for Ana (her refusal is on record, by
/// hash); the re-import lists the refused upgrade, and her contact shows it.
#[test]
fn the_refusal_on_record_is_shown_and_met_again() {
    let mut ws = Workspace::open_in_memory().unwrap();
    apply(&mut ws, &[Step::Import(UNSUBSCRIBES)]);
    let report = undo::undo(&mut ws, None, "test").unwrap();
    assert_eq!((report.contacts_removed, report.refusals_on_record), (1, 1));
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let shown = rights::show(&ws, "ana@example.com", as_of).unwrap();
    assert!(!shown.erased && shown.fields.is_empty());
    assert_eq!(shown.refusals_on_record.len(), 1);
    assert_eq!(shown.refusals_on_record[0].state, ConsentState::Withdrawn);
    assert_eq!(
        shown.refusals_on_record[0].source,
        "file status of layout mailchimp_unsubscribed, batch 1"
    );
    let again = run(
        &mut ws,
        &ImportPlan::new(common::fixture(CUSTOMERS_YES), "test"),
    )
    .unwrap();
    let ana: Vec<_> = again
        .consent_upgrades
        .iter()
        .map(|u| (u.key.as_str(), u.from, u.applied))
        .collect();
    assert_eq!(ana, [("ana@example.com", ConsentState::Withdrawn, false)]);
    // The contact carries the refusal's own source, not the file that asked for "yes".
    assert_eq!(
        consent_of(&ws, "ana@example.com", "email").1.as_deref(),
        Some("file status of layout mailchimp_unsubscribed, batch 1")
    );
    assert_eq!(consent_of(&ws, "bo@example.com", "email").0, "granted");
    let shown = rights::show(&ws, "ana@example.com", as_of).unwrap();
    assert_eq!(shown.consent_upgrades.len(), 1);
    assert!(!shown.consent_upgrades[0].applied);
    assert_eq!(shown.consent[0].state, ConsentState::Withdrawn);
}

/// Write a Mailchimp subscribed export for Ana with a confirmation time.
fn subscribed_at(dir: &std::path::Path, confirm_time: &str) -> std::path::PathBuf {
    let path = dir.join("subscribed_members_export_later.csv");
    std::fs::write(
        &path,
        format!(
            "\"Email Address\",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LEID,EUID\nana@example.com,3,,,\"{confirm_time}\",192.0.2.44,1,a\n"
        ),
    )
    .unwrap();
    path
}

/// Ana said no (recorded now, the file gives no time). A Mailchimp export confirming
/// her subscription in 2019 is stale: refused. One confirming it after the refusal
/// (a second later, and not in the future: a time that has not come yet is no
/// evidence) shows consent given later: applied, with its time and IP as evidence.
#[test]
fn a_no_is_lifted_only_by_a_later_consent() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    apply(&mut ws, &[Step::Import(CUSTOMERS_NO)]);
    let stale = run(
        &mut ws,
        &ImportPlan::new(subscribed_at(dir.path(), "2019-05-01 10:00:00"), "t"),
    )
    .unwrap();
    assert!(!stale.consent_upgrades[0].applied);
    assert_eq!(consent_of(&ws, "ana@example.com", "email").0, "declined");
    // The file's times have whole seconds: past the next second, "now" is later than
    // the refusal recorded above and not in the future.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let fresh = run(
        &mut ws,
        &ImportPlan::new(subscribed_at(dir.path(), &later), "t"),
    )
    .unwrap();
    let u = &fresh.consent_upgrades[0];
    assert!(u.applied, "{}", u.reason);
    assert!(u.reason.starts_with("consent given at "), "{}", u.reason);
    let (state, _, evidence) = consent_of(&ws, "ana@example.com", "email");
    assert_eq!(state, "granted");
    let evidence = tactful::fields::ConsentEvidence::from_json(evidence.as_deref()).unwrap();
    assert_eq!(evidence.ip.as_deref(), Some("192.0.2.44"));
}

/// Case BR-26: opt-outs written in any letter case suppress the same people, whether
/// the list comes before or after the import; the Mailchimp unsubscribed export, now
/// recognised as such, withdraws their consent when imported.
#[test]
fn br26_opt_outs_in_any_case() {
    let (Some(customers), Some(optouts), Some(mailchimp)) = (
        shared("cases/BR-26/customers.csv"),
        shared("cases/BR-26/optouts.txt"),
        shared("cases/BR-26/mailchimp_unsubscribed.csv"),
    ) else {
        return;
    };
    let granted = |path: &std::path::Path| {
        let mut plan = ImportPlan::new(path, "test");
        plan.consent.insert(Channel::Email, ConsentState::Granted);
        plan
    };
    let outcome = |ws: &mut Workspace| {
        segment(ws, "everyone", "email is not blank");
        let c = campaign(
            ws,
            "br26",
            Channel::Email,
            &[("everyone", Some("Hi"), "Hello")],
        );
        let (rows, _) = preview(ws, &c);
        rows.iter()
            .map(|r| (r.key.clone(), r.excluded))
            .collect::<Vec<_>>()
    };
    let suppressed = |reason| {
        vec![
            ("ana.example@example.com".to_string(), Some(reason)),
            ("bo@example.com".to_string(), Some(reason)),
            ("cy@example.com".to_string(), Some(reason)),
            ("dee@example.com".to_string(), None),
        ]
    };
    for list_first in [true, false] {
        let mut ws = Workspace::open_in_memory().unwrap();
        if list_first {
            let r = suppress::suppress_file(&mut ws, &optouts, "test").unwrap();
            assert_eq!(r.added, 3);
        }
        run(&mut ws, &granted(&customers)).unwrap();
        if !list_first {
            let r = suppress::suppress_file(&mut ws, &optouts, "test").unwrap();
            assert_eq!(r.added, 3);
        }
        assert_eq!(outcome(&mut ws), suppressed(Exclusion::Suppressed));
    }
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &granted(&customers)).unwrap();
    let r = run(&mut ws, &granted(&mailchimp)).unwrap();
    assert_eq!(r.layout.unwrap().id, "mailchimp_unsubscribed");
    assert_eq!((r.contacts_added, r.contacts_total), (0, 4));
    assert_eq!(outcome(&mut ws), suppressed(Exclusion::NoConsent));
}

/// Explain names the evidence behind a contact's consent: for Cy, withdrawn by
/// Mailchimp's unsubscribed file, the file, layout, batch and unsubscribe time.
#[test]
fn explain_shows_the_consent_evidence() {
    let mut ws = Workspace::open_in_memory().unwrap();
    for f in [
        "layouts/subscribed_members_export_5c1f0a.csv",
        "layouts/unsubscribed_members_export_5c1f0a.csv",
    ] {
        run(&mut ws, &ImportPlan::new(common::fixture(f), "test")).unwrap();
    }
    segment(&mut ws, "everyone", "email is not blank");
    let c = campaign(
        &mut ws,
        "news",
        Channel::Email,
        &[("everyone", Some("Hi"), "Hello")],
    );
    let e =
        tactful::campaign::explain::explain(&ws, &c, campaign_support::as_of(), "cy@example.com")
            .unwrap();
    assert_eq!(e.excluded, Some(Exclusion::NoConsent));
    let step = e
        .steps
        .iter()
        .find(|s| s.check == Exclusion::NoConsent)
        .unwrap();
    assert_eq!(
        step.detail,
        "e-mail consent: withdrawn (source: file status of layout mailchimp_unsubscribed, batch 2); evidence: file unsubscribed_members_export_5c1f0a.csv, layout mailchimp_unsubscribed, batch 2, at 2024-02-14T08:30:00Z; only granted consent receives messages"
    );
}
