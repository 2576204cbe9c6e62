//! The workspace of the policy tests (issue 10), driven through the `tactful` binary:
//! tests/fixtures/policy_people.csv imported and the campaigns they apply (the
//! workspace, manifest and audit helpers are `review_support`'s). Counts by hand, as of
//! 2026-11-01 (today is taken as the same day):
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
