//! Helpers shared by the campaign tests: importing fixtures through the library
//! importer, saving segments and campaigns, and collecting a preview's rows.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tactful::campaign::preview::{self, PreviewRow, Summary};
use tactful::campaign::store as campaigns;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::{Channel, ConsentState};
use tactful::import::{self, ImportPlan};
use tactful::segment::{Scope, store};
use tactful::workspace::{Workspace, fields};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// Import a fixture with consent stated for the whole file on `channel` (if any).
pub fn import(ws: &mut Workspace, name: &str, consent: Option<(Channel, ConsentState)>) {
    let mut plan = ImportPlan::new(fixture(name), "test");
    plan.allow_ragged = true;
    if let Some((c, s)) = consent {
        plan.consent.insert(c, s);
    }
    import::run(ws, &plan, &mut |_| {}).unwrap();
}

/// Import a fixture, as [`import`] does, into the workspace file at `path` (created
/// if need be), and close it again: for tests that go on through the `tactful` binary.
pub fn import_at(path: &Path, name: &str, consent: Option<(Channel, ConsentState)>) {
    let mut ws = Workspace::open(path).unwrap();
    import(&mut ws, name, consent);
}

/// Save a segment, checked outside any campaign.
pub fn segment(ws: &mut Workspace, name: &str, rule: &str) {
    let defs = fields::list(ws.conn()).unwrap();
    let none = BTreeSet::new();
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &none,
        as_of: as_of(),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &defs).unwrap(),
    };
    store::add(ws, name, rule, "", &scope).unwrap();
}

/// Save a campaign with entries `(segment, subject, body)`.
pub fn campaign(
    ws: &mut Workspace,
    name: &str,
    channel: Channel,
    entries: &[(&str, Option<&str>, &str)],
) -> Campaign {
    let mut c = Campaign::new(name, channel);
    c.as_of = Some(as_of());
    c.entries = entries
        .iter()
        .map(|(segment, subject, body)| Entry {
            segment: segment.to_string(),
            subject: subject.map(str::to_string),
            body: body.to_string(),
            format: BodyFormat::Plain,
        })
        .collect();
    c.validate().unwrap();
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();
    c
}

/// Every row of a preview, and its summary.
pub fn preview(ws: &Workspace, c: &Campaign) -> (Vec<PreviewRow>, Summary) {
    let mut rows = Vec::new();
    let summary = preview::run(ws, c, as_of(), &mut |r| {
        rows.push(r.clone());
        Ok(())
    })
    .unwrap();
    (rows, summary)
}
