//! Import options never talk a refusal away, and the report's advice about them is
//! true (README, "Consent rules"): `--skip` on a consent column that holds a "no" is
//! refused with the column, the count and the lines; `pass --accept-consent-upgrades`
//! is advised only where that option would confirm something. Driven through the
//! `tactful` binary; expected values worked out by hand from the files written below.

mod review_support;

use predicates::str::contains;
use review_support::{EMAIL_EVERYONE, Ws, pairs, warnings};

/// `(key, excluded or "-")` of every preview row of an e-mail to everyone.
fn news(ws: &Ws) -> Vec<(String, String)> {
    ws.apply(EMAIL_EVERYONE);
    ws.exclusions("news")
}

/// The trial: Bo said `no` (line 3) in the column the user skips while `--consent
/// email=granted` would grant everyone. The import is refused, naming the column, the
/// one refusing row and its line, and nothing is written (no contact to show).
/// Importing the column instead records Bo's "no" (declined) and grants Ana.
#[test]
fn a_refusal_cannot_be_skipped_away() {
    let ws = Ws::new();
    let file = ws.write(
        "customers.csv",
        "email,first_name,accepts_email_marketing\n\
         ana@example.com,Ana,yes\n\
         bo@example.com,Bo,no\n",
    );
    ws.cmd()
        .args([
            "import",
            &file,
            "--skip",
            "accepts_email_marketing",
            "--consent",
            "email=granted",
        ])
        .assert()
        .failure()
        .stderr(contains(
            "--skip `accepts_email_marketing`: the column is e-mail consent and 1 row in it refuses (line 3: `no`); a refusal cannot be skipped away, so nothing was imported",
        ));
    ws.cmd()
        .args(["contact", "show", "bo@example.com"])
        .assert()
        .failure();
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    assert_eq!(
        news(&ws),
        pairs(&[("ana@example.com", "-"), ("bo@example.com", "no_consent")])
    );
    let bo = ws.json(&["contact", "show", "bo@example.com"], 0);
    assert_eq!(bo["consent"][0]["channel"], "email");
    assert_eq!(bo["consent"][0]["state"], "declined", "{bo:#}");
}

/// A skipped consent column that refuses nothing loses nobody's "no": the import goes
/// ahead and `--consent email=granted` grants both.
#[test]
fn a_consent_column_without_refusals_may_be_skipped() {
    let ws = Ws::new();
    let file = ws.write(
        "customers.csv",
        "email,first_name,accepts_email_marketing\n\
         ana@example.com,Ana,yes\n\
         bo@example.com,Bo,\n",
    );
    ws.ok(&[
        "import",
        &file,
        "--skip",
        "Accepts Email Marketing",
        "--consent",
        "email=granted",
    ]);
    assert_eq!(
        news(&ws),
        pairs(&[("ana@example.com", "-"), ("bo@example.com", "-")])
    );
}

/// Bo unsubscribed and Cy declined; a later file says `yes` for both. Without the
/// option: Bo's opt-out stands (never turned back on, whatever the option), Cy's
/// upgrade is refused and is the one upgrade the advice counts. With it: Cy is
/// granted, Bo's opt-out still stands, and the report no longer advises the option.
#[test]
fn the_upgrade_advice_is_given_only_where_the_option_would_help() {
    let ws = Ws::new();
    let first = ws.write(
        "first.csv",
        "email,accepts_email_marketing\nbo@example.com,unsubscribed\ncy@example.com,no\n",
    );
    let later = ws.write(
        "later.csv",
        "email,accepts_email_marketing\nbo@example.com,yes\ncy@example.com,yes\n",
    );
    ws.ok(&["import", &first]);
    let kept = "1 row said consent was granted where it had been withdrawn or had bounced; the opt-out was kept";
    let advice = "1 consent upgrade refused (see consent_upgrades); pass --accept-consent-upgrades with --upgrade-reason TEXT (why) to confirm upgrades of declined or not-asked contacts";
    let r = ws.json(&["import", &later], 0);
    let w = warnings(&r);
    assert!(w.iter().any(|w| w == kept), "{w:#?}");
    assert!(w.iter().any(|w| w == advice), "{w:#?}");
    let r = ws.json(
        &[
            "import",
            &later,
            "--accept-consent-upgrades",
            "--upgrade-reason",
            "Cy re-subscribed in person at the fair",
        ],
        0,
    );
    let w = warnings(&r);
    assert!(w.iter().any(|w| w == kept), "{w:#?}");
    assert!(
        !w.iter().any(|w| w.contains("--accept-consent-upgrades")),
        "{w:#?}"
    );
    assert_eq!(
        news(&ws),
        pairs(&[("bo@example.com", "no_consent"), ("cy@example.com", "-")])
    );
}
