//! The workspace the Review and Export screen tests share, imported from
//! tests/fixtures/tui_review.csv with `import::run`. The driver is the one in
//! `tui_common`.
//!
//! By hand, from the seven contacts (fay has not consented; cy has no first name):
//! - campaign `autumn`: entry `berlin` (`city is "Berlin"`: ana, bo, gus = 3), then
//!   `rest` (`email is not blank`: everyone; berlin takes ana, bo, gus first, fay is
//!   excluded for consent, so cy, dee, eve = 3). Both messages say "Hi {{ first_name }}"
//!   with no fallback, so cy gets nothing for first_name: blocker `merge_field_blank`;
//!   both segments are under k = 5: warning `small_cell`; berlin won 3 contacts over
//!   rest: warning `priority_overlap`; info `fields_used` and `exclusion_counts`
//!   (audience 7 = 6 recipients + 1 excluded).
//! - campaign `spring`: entry `older` (`birth_date before 1966-11-02`: ana 1960,
//!   cy 1955, dee 1950, fay 1958; fay has no consent, so 3 recipients). `birth_date` is a
//!   protected trait and not unlocked: blocker `blocked_field` until it is.
#![allow(dead_code)]

use std::collections::BTreeSet;

use crossterm::event::KeyCode;
use tactful::campaign::store as campaigns;
use tactful::campaign::{Campaign, Entry};
use tactful::fields::Channel;
use tactful::message::BodyFormat;
use tactful::segment::Scope;
use tactful::segment::store;
use tactful::tui::app::App;
use tactful::workspace::{Workspace, fields};

// The driver is `tui_common`'s; each test binary that includes this file uses a part.
#[allow(unused_imports)]
pub use crate::common::{ch, ctrl, key, press, run, send_mut as send, type_text};

/// The justification the tests unlock `birth_date` with (over 20 characters).
pub const WHY: &str = "the range is designed for customers over sixty";

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// The imported workspace with campaigns `autumn` and `spring` (see the module doc).
pub fn shop() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    // Today is the campaigns' as-of date, so no finding depends on the clock.
    ws.set_today(as_of());
    let path = format!(
        "{}/tests/fixtures/tui_review.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let plan = tactful::import::ImportPlan::new(&path, "test");
    tactful::import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    let fields = fields::list(ws.conn()).unwrap();
    // `older` needs birth_date, which a rule outside a campaign may not use; the
    // segment is saved as a campaign that unlocked it would save it, and `spring` is
    // stored without that unlock.
    let unlocked: BTreeSet<String> = ["birth_date".to_string()].into();
    let scope = Scope {
        fields: &fields,
        category: None,
        unlocked: &unlocked,
        as_of: as_of(),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &fields).unwrap(),
    };
    for (name, rule) in [
        ("berlin", "city is \"Berlin\""),
        ("rest", "email is not blank"),
        ("older", "birth_date before 1966-11-02"),
    ] {
        store::add(&mut ws, name, rule, "", &scope).unwrap();
    }
    let entry = |segment: &str, subject: &str, body: &str| Entry {
        segment: segment.into(),
        subject: Some(subject.into()),
        body: body.into(),
        format: BodyFormat::Plain,
    };
    let mut autumn = Campaign::new("autumn", Channel::Email);
    autumn.as_of = Some(as_of());
    autumn.entries = vec![
        entry(
            "berlin",
            "Autumn in Berlin",
            "Hi {{ first_name }}, see you soon.",
        ),
        entry(
            "rest",
            "Autumn news",
            "Hi {{ first_name }}, our autumn range is in.",
        ),
    ];
    let mut spring = Campaign::new("spring", Channel::Email);
    spring.as_of = Some(as_of());
    spring.entries = vec![entry("older", "For you", "Our new range is in.")];
    ws.write(|tx| {
        campaigns::save(tx, &autumn)?;
        campaigns::save(tx, &spring)
    })
    .unwrap();
    ws
}

/// Unlock `birth_date` for `spring` through the core, as `tactful unlock` does.
pub fn unlock_spring(ws: &mut Workspace) {
    tactful::campaign::unlock::unlock(ws, "spring", "birth_date", WHY, "test").unwrap();
}

/// An app on `ws` at `width`×`height`, on screen `n` (6 Review, 7 Export) with the
/// first campaign reviewed.
pub fn on_screen(ws: &mut Workspace, n: char, width: u16, height: u16) -> App {
    on_screen_as_of(ws, n, width, height, None)
}

/// As [`on_screen`], with the global `--as-of` given as `as_of`.
pub fn on_screen_as_of(
    ws: &mut Workspace,
    n: char,
    width: u16,
    height: u16,
    as_of: Option<chrono::NaiveDate>,
) -> App {
    let mut app = tactful::tui::app::App::new(tactful::tui::app::AppOptions {
        workspace: "/home/ana/shop.tactful".into(),
        fields: fields::list(ws.conn()).unwrap(),
        width,
        height,
        as_of,
    });
    press(&mut app, ws, ch(n));
    app
}

/// Choose the campaign after the current one (`spring` after `autumn`) in the shared
/// campaign picker, as the user does with `C`, Down, Enter.
pub fn next_campaign(app: &mut App, ws: &mut Workspace) {
    press(app, ws, ch('C'));
    press(app, ws, key(KeyCode::Down));
    press(app, ws, key(KeyCode::Enter));
}

/// The codes of the findings in the order the screen shows them.
pub fn codes(app: &App) -> Vec<&'static str> {
    app.review.order().iter().map(|f| f.code).collect()
}
