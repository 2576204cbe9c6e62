//! The workspace of the policy tests (issue 10), driven through the `tactful` binary:
//! tests/fixtures/policy_people.csv imported, the campaigns they apply, and a
//! manifest reader. Counts by hand, as of 2026-11-01 (today is taken as the same day):
//! | contact | yob  | date_of_birth | age on 2026-11-01 | consent |
//! | ana     | 1960 | 1960-04-01    | 66                | yes     |
//! | bo      | 1990 | 1990-05-02    | 36                | yes     |
//! | cy      | 2012 | 2012-06-03    | 14 (minor)        | yes     |
//! | dee     |      | 2011-07-04    | 15 (minor)        | yes     |
//! | eve     | 1985 | 1985-08-05    | 41                | yes     |
//! | fay     | 2013 | 2013-09-06    | 13                | no      |
//! | gus     |      | 2012-01-15    | 14 (minor)        | yes     |
//! Campaign `everyone` (`email is not blank`): fay is excluded for consent; cy, dee and
//! gus as minors; ana, bo, eve get the message. Without the date-of-birth role, the
//! minor check has only the birth year: cy (2026 - 2012 = 14) is still caught, dee and
//! gus (no birth year) get through: 2 contacts.

#![allow(dead_code)]

#[path = "../review_support/mod.rs"]
mod review_support;

use serde_json::Value;

pub use review_support::*;

pub const EVERYONE: &str = r#"
name = "everyone"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = "email is not blank"
subject = "Hello {{ first_name }}"
body = "Hi {{ first_name }}, our new range is in."
"#;

pub const FLATS: &str = r#"
name = "flats"
channel = "email"
category = "housing"
as_of = "2026-11-01"
[[entry]]
segment = "older"
rule = "yob < 1990"
subject = "Flats"
body = "Hi {{ first_name }}, new flats are available."
"#;

pub const ADULTS_ONLY: &str = "the shop sells to adults only, checked at signup";

pub fn people() -> Ws {
    let ws = Ws::new();
    ws.import("policy_people.csv", &[]);
    ws
}

pub fn manifest(ws: &Ws, campaign: &str, extra: &[&str]) -> Value {
    let out = ws.out(&format!("export-{campaign}"));
    ws.cmd()
        .args([
            "export",
            campaign,
            "--out",
            out.to_str().unwrap(),
            "--force",
        ])
        .args(extra)
        .assert()
        .success();
    serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap()
}

/// The audit entry of the first `action` in `log` (`audit --json`).
pub fn audit_entry<'a>(log: &'a Value, action: &str) -> &'a Value {
    log.as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == action)
        .unwrap()
}

/// Import fixture `name` and return the report's warning that starts with `prefix`.
pub fn import_warning(ws: &Ws, name: &str, prefix: &str) -> String {
    let report = ws.json(&["import", fixture(name).to_str().unwrap()], 0);
    warnings(&report)
        .into_iter()
        .find(|w| w.starts_with(prefix))
        .unwrap_or_else(|| panic!("{report:#}"))
}
