//! The workspace of the campaign screens' tests: case BR-15 (../shared/cases/BR-15,
//! overlapping segments) reproduced by the own fixture `tests/fixtures/tui_campaign.csv`,
//! with Cy's first name left blank (to show a fallback) and an empty `religion` column
//! (special category data, blocked in message text).
//!
//! Segments in priority order: `Gold` (tier is "gold") → M1, `Lyon` (city is "Lyon") →
//! M2. Expected by hand: Ana matches both and gets Gold by priority, Bo gets Lyon, Cy
//! gets Gold, Dee matches neither (no_segment): 3 recipients of an audience of 4.
//!
//! Segments are saved with the campaign tests' own helper
//! (`campaign_support::segment`), which tests here use for segments of their own.
#![allow(dead_code)]

#[path = "../campaign_support/mod.rs"]
mod campaign_support;

use chrono::NaiveDate;
use tactful::campaign::store as campaigns;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::{Channel, ConsentState};
use tactful::import::{self, ImportPlan};
use tactful::workspace::Workspace;

pub use campaign_support::segment;

/// The as-of date of every campaign here.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// The Gold entry's body: a merge field with a fallback.
pub const GOLD_BODY: &str = "Hi {{ first_name | default(\"there\") }}\nM1";

/// BR-15 as a workspace: import, two segments, campaign `br15` (e-mail) and campaign
/// `texts` (SMS, one entry).
pub fn br15() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    let path = format!(
        "{}/tests/fixtures/tui_campaign.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut plan = ImportPlan::new(path, "test");
    plan.consent.insert(Channel::Email, ConsentState::Granted);
    import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    segment(&mut ws, "Gold", r#"tier is "gold""#);
    segment(&mut ws, "Lyon", r#"city is "Lyon""#);
    let entry = |segment: &str, subject: Option<&str>, body: &str| Entry {
        segment: segment.into(),
        subject: subject.map(str::to_string),
        body: body.into(),
        format: BodyFormat::Plain,
    };
    let mut c = Campaign::new("br15", Channel::Email);
    c.as_of = Some(as_of());
    c.entries = vec![
        entry(
            "Gold",
            Some("S1 for {{ first_name | default(\"you\") }}"),
            GOLD_BODY,
        ),
        entry("Lyon", Some("S2"), "M2"),
    ];
    let mut sms = Campaign::new("texts", Channel::Sms);
    sms.as_of = Some(as_of());
    sms.entries = vec![entry("Lyon", None, "Lyon news")];
    ws.write(|tx| {
        campaigns::save(tx, &c)?;
        campaigns::save(tx, &sms)
    })
    .unwrap();
    ws
}
