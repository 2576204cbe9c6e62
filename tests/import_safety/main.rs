//! Import safety: consent is never re-granted, failures and dry runs change nothing,
//! undo restores the previous state, erased contacts stay erased, suppression lists.
//! Consent is this file's; failures, dry runs, undo and the contact key are
//! [`undo_batches`]'s; erased contacts, suppression lists and what rows may bring
//! are [`rows`]'s.

#[path = "../common/mod.rs"]
mod common;

mod rows;
mod undo_batches;

use common::{consent_of, plan, run, value};
use tactful::fields::{Channel, ConsentState};
use tactful::import::undo;
use tactful::workspace::Workspace;

/// One contact's e-mail consent: state and source, by contact key.
pub(crate) fn consent(ws: &Workspace, key: &str) -> (String, Option<String>) {
    let (state, source, _) = consent_of(ws, key, "email");
    (state, source)
}

/// Ana says yes, then no (she unsubscribed); Bo said no (declined), then unsubscribes
/// explicitly in a HubSpot-style file. A stale export saying yes for both keeps both
/// withdrawn, with the source of the withdrawal and the consent column's "no", and
/// lists both refused upgrades.
#[test]
fn stale_reimport_keeps_withdrawn_consent_withdrawn() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let first = run(&mut ws, &plan("consent_first.csv")).unwrap();
    let batch1 = first.batch.unwrap();
    let column1 = format!("column accepts_email_marketing, batch {batch1}");
    assert_eq!(
        consent(&ws, "ana@example.com"),
        ("granted".into(), Some(column1.clone()))
    );
    // "no" for a contact we did not hold: declined (issue 9), not a withdrawal.
    assert_eq!(
        consent(&ws, "bo@example.com"),
        ("declined".into(), Some(column1))
    );
    let declined = run(&mut ws, &plan("consent_declined.csv")).unwrap();
    let batch2 = declined.batch.unwrap();
    assert_eq!(
        consent(&ws, "ana@example.com"),
        (
            "withdrawn".into(),
            Some(format!("column accepts_email_marketing, batch {batch2}"))
        )
    );
    let hubspot = run(&mut ws, &plan("consent_hubspot.csv")).unwrap();
    let batch3 = hubspot.batch.unwrap();
    let bo_withdrawn = (
        "withdrawn".to_string(),
        Some(format!(
            "column unsubscribed_from_all_email, batch {batch3}"
        )),
    );
    assert_eq!(consent(&ws, "bo@example.com"), bo_withdrawn);
    // HubSpot "false" says nothing: Ana's withdrawal and its source stay.
    assert_eq!(consent(&ws, "ana@example.com").0, "withdrawn");

    let stale = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(stale.consent_kept_withdrawn, 2);
    let upgrades: Vec<(&str, &str, bool)> = stale
        .consent_upgrades
        .iter()
        .map(|u| (u.key.as_str(), u.from.as_str(), u.applied))
        .collect();
    assert_eq!(
        upgrades,
        [
            ("ana@example.com", "withdrawn", false),
            ("bo@example.com", "withdrawn", false)
        ]
    );
    assert_eq!(
        consent(&ws, "ana@example.com"),
        (
            "withdrawn".into(),
            Some(format!("column accepts_email_marketing, batch {batch2}"))
        )
    );
    assert_eq!(consent(&ws, "bo@example.com"), bo_withdrawn);
    for key in ["ana@example.com", "bo@example.com"] {
        assert_eq!(
            value(&ws, key, "accepts_email_marketing"),
            ("integer".into(), "0".into()),
            "{key}"
        );
    }
    // Other fields update.
    assert_eq!(
        value(&ws, "bo@example.com", "total_spent"),
        ("real".into(), "21.0".into())
    );
    assert_eq!(consent(&ws, "cy@example.com").0, "granted");
    assert_eq!(stale.contacts_added, 1);
    assert_eq!(stale.contacts_updated, 2);
}

/// Issue 9: Bo said "no" (declined); a later export says "yes" with no consent time,
/// so nothing shows the consent came after the refusal: the upgrade is refused and
/// listed, his column keeps its "no". Confirmed with `--accept-consent-upgrades`, the
/// same file grants him.
#[test]
fn a_stale_yes_does_not_overturn_a_no() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let first = run(&mut ws, &plan("consent_first.csv")).unwrap();
    let later = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(later.consent_kept_withdrawn, 0);
    let bo = &later.consent_upgrades[0];
    assert_eq!(
        (bo.key.as_str(), bo.from, bo.to, bo.applied),
        (
            "bo@example.com",
            ConsentState::Declined,
            ConsentState::Granted,
            false
        )
    );
    assert_eq!(later.consent_upgrades.len(), 1);
    assert_eq!(
        consent(&ws, "bo@example.com"),
        (
            "declined".into(),
            Some(format!(
                "column accepts_email_marketing, batch {}",
                first.batch.unwrap()
            ))
        )
    );
    assert_eq!(
        value(&ws, "bo@example.com", "accepts_email_marketing"),
        ("integer".into(), "0".into())
    );
    undo::undo(&mut ws, None, "test").unwrap();
    let mut confirmed = plan("consent_stale.csv");
    confirmed.accept_consent_upgrades = true;
    confirmed.upgrade_reason = Some("Bo signed up again at the shop counter".into());
    let again = run(&mut ws, &confirmed).unwrap();
    assert!(again.consent_upgrades[0].applied);
    assert_eq!(
        consent(&ws, "bo@example.com"),
        (
            "granted".into(),
            Some(format!(
                "column accepts_email_marketing, batch {}",
                again.batch.unwrap()
            ))
        )
    );
    assert_eq!(
        value(&ws, "bo@example.com", "accepts_email_marketing"),
        ("integer".into(), "1".into())
    );
}

#[test]
fn file_level_consent_is_recorded_and_never_overrides_a_row() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut p = plan("consent_first.csv");
    p.consent.insert(Channel::Email, ConsentState::Granted);
    p.consent.insert(Channel::Sms, ConsentState::Granted);
    let report = run(&mut ws, &p).unwrap();
    // Bo's row says "no": the file-level grant does not override it.
    assert_eq!(consent(&ws, "bo@example.com").0, "declined");
    // Both rows state e-mail consent, so the option filled neither; SMS it filled.
    assert_eq!(
        report.consent_not_applied,
        std::collections::BTreeMap::from([(Channel::Email, 2), (Channel::Sms, 0)])
    );
    let (state, source, _) = consent_of(&ws, "bo@example.com", "sms");
    let batch = report.batch.unwrap();
    assert_eq!(
        (state, source),
        (
            "granted".into(),
            Some(format!("--consent sms=granted, batch {batch}"))
        )
    );
    let options: String = ws
        .conn()
        .query_row("SELECT options FROM import_batches", [], |r| r.get(0))
        .unwrap();
    let options: serde_json::Value = serde_json::from_str(&options).unwrap();
    assert_eq!(options["consent"]["email"], "granted");
    assert_eq!(options["consent"]["sms"], "granted");
}
