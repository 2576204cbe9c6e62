//! The Preview screen driven through `keymap` and `update` without a terminal: the
//! summary, filters, search, the explanation of one contact, and a merge field that
//! printed nothing, on case BR-15 as set up in `tui_campaign_support`. Expected
//! values are worked out by hand from the fixture.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_campaign_support/drive.rs"]
mod drive;
mod tui_campaign_support;

use common::{send_mut, type_text};
use crossterm::event::{Event, KeyCode, KeyModifiers};
use drive::{key, preview_keys, started};
use tactful::campaign::explain::Verdict;
use tactful::campaign::store as campaigns;
use tactful::tui::app::Popup;
use tactful::tui::keymap;
use tactful::tui::message::Screen;
use tui_campaign_support::{br15, segment};

#[test]
fn br15_preview_shows_three_recipients_and_filters_narrow_the_rows() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Preview);
    let s = a.preview.summary.clone().unwrap();
    assert_eq!((s.audience, s.recipients), (4, 3));
    assert!(s.reconciles());
    assert_eq!(
        preview_keys(&a),
        [
            "ana@example.com",
            "bo@example.com",
            "cy@example.com",
            "dee@example.com"
        ]
    );
    assert!(common::screen_text(&a, 120, 40).contains("Audience 4 = 3 recipients + 1 excluded"));
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(a.preview.segment_filter.as_deref(), Some("Gold"));
    assert_eq!(preview_keys(&a), ["ana@example.com", "cy@example.com"]);
    assert_eq!(a.preview.matching, Some(2));
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(preview_keys(&a), ["bo@example.com"]);
    key(&mut a, &mut ws, KeyCode::Char('f'));
    assert_eq!(a.preview.segment_filter, None);
    assert_eq!(preview_keys(&a).len(), 4);
    key(&mut a, &mut ws, KeyCode::Char('x'));
    assert_eq!(preview_keys(&a).len(), 3, "recipients only");
    key(&mut a, &mut ws, KeyCode::Char('x'));
    assert_eq!(preview_keys(&a), ["dee@example.com"], "no_segment only");
    key(&mut a, &mut ws, KeyCode::Esc);
    key(&mut a, &mut ws, KeyCode::Char('/'));
    type_text(&mut a, &mut ws, "BO@");
    assert_eq!(preview_keys(&a), ["bo@example.com"]);
    key(&mut a, &mut ws, KeyCode::Enter);
    assert!(!a.preview.searching);
    assert_eq!(a.preview.search.value(), "BO@");
}

#[test]
fn br15_enter_explains_that_ana_got_gold_by_priority() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Preview);
    // Tabs and context (2 lines), summary and filters (4), header (1): rows start at
    // screen row 7, so a click on row 9 selects the third contact, Cy.
    let click = Event::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: 5,
        row: 9,
        modifiers: KeyModifiers::NONE,
    });
    if let Some(m) = keymap::map(&a, &click) {
        send_mut(&mut a, &mut ws, m);
    }
    assert_eq!(a.preview.selected_key(), Some("cy@example.com"));
    key(&mut a, &mut ws, KeyCode::Home);
    assert_eq!(a.preview.selected_key(), Some("ana@example.com"));
    key(&mut a, &mut ws, KeyCode::Enter);
    assert_eq!(a.popup, Some(Popup::Explanation));
    let e = a.preview.explanation.clone().unwrap();
    assert_eq!(e.segment.as_deref(), Some("Gold"));
    assert_eq!(e.segments[0].verdict, Verdict::Won);
    assert_eq!(e.segments[1].verdict, Verdict::LostToPriority);
    let text = common::screen_text(&a, 120, 40);
    assert!(text.contains("ana@example.com gets the message of segment `Gold`"));
    assert!(text.contains("Segment 2 `Lyon`: matched: lost to priority"));
    key(&mut a, &mut ws, KeyCode::Esc);
    assert_eq!(a.popup, None);
}

/// Counts read as English (the core's `text::count`, as the CLI writes them): with one
/// entry for `tier is "bronze"`, only Dee is a recipient (by hand from the fixture), so
/// the summary says `1 recipient`, never `1 recipients`; Ana, Bo and Cy match no
/// segment: 3 excluded of 4.
#[test]
fn preview_summary_says_1_recipient() {
    let mut ws = br15();
    segment(&mut ws, "Bronze", r#"tier is "bronze""#);
    let mut c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    c.entries.truncate(1);
    c.entries[0].segment = "Bronze".into();
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();

    let a = started(&ws, Screen::Preview);
    let screen = common::screen_text(&a, 120, 40);
    assert!(
        screen.contains(" Audience 4 = 1 recipient + 3 excluded (as of 2026-11-01)"),
        "{screen}"
    );
    assert!(screen.contains(" 5 fields, 4 contacts, "), "{screen}");
}

/// The Preview screen marks a merge field that printed nothing, as `tactful preview`
/// does: with Gold's body `Hi {{ first_name }},` (no fallback), Cy, whose first name is
/// blank in the fixture, reads `Hi [first_name missing],`, never `Hi ,`; Ana reads
/// `Hi Ana,`. Review and export keep the plain rendering (they hash what is sent).
#[test]
fn preview_marks_a_merge_field_that_printed_nothing() {
    let mut ws = br15();
    let mut c = campaigns::load(ws.conn(), "br15").unwrap().unwrap();
    c.entries[0].body = "Hi {{ first_name }},\nM1".into();
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();

    let a = started(&ws, Screen::Preview);
    let first = |key: &str| {
        a.preview
            .rows
            .iter()
            .find(|r| r.key == key)
            .and_then(|r| r.first_line.clone())
    };
    assert_eq!(
        first("cy@example.com").as_deref(),
        Some("Hi [first_name missing],")
    );
    assert_eq!(first("ana@example.com").as_deref(), Some("Hi Ana,"));
    assert!(common::screen_text(&a, 120, 40).contains("Hi [first_name missing],"));
}
