//! The workspace of the campaign screens' tests: case BR-15 (../shared/cases/BR-15,
//! overlapping segments) reproduced by the own fixture `tests/fixtures/tui_campaign.csv`,
//! with Cy's first name left blank (to show a fallback) and an empty `religion` column
//! (special category data, blocked in message text).
//!
//! Segments in priority order: `Gold` (tier is "gold") → M1, `Lyon` (city is "Lyon") →
//! M2. Expected by hand: Ana matches both and gets Gold by priority, Bo gets Lyon, Cy
//! gets Gold, Dee matches neither (no_segment): 3 recipients of an audience of 4.
#![allow(dead_code)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use tactful::campaign::store as campaigns;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::{Channel, ConsentState};
use tactful::import::{self, ImportPlan};
use tactful::segment::{Scope, store};
use tactful::workspace::{Workspace, fields};

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
    let defs = fields::list(ws.conn()).unwrap();
    let none = BTreeSet::new();
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &none,
        as_of: as_of(),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &defs).unwrap(),
    };
    store::add(&mut ws, "Gold", r#"tier is "gold""#, "", &scope).unwrap();
    store::add(&mut ws, "Lyon", r#"city is "Lyon""#, "", &scope).unwrap();
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
