//! Dead ends of issue 11 item 3, settings and names: `S` on the Messages screen edits
//! the campaign's channel, category, holdout, k, as-of date and minor age through the
//! core's `campaign::edit::set`; `R` on the segment list renames a segment and the
//! campaign entries using it follow (`segment::store::rename`). Each change is checked
//! in the store. BR-15 as set up in `tui_campaign_support`: campaign `br15` (e-mail)
//! has entries [Gold, Lyon], campaign `texts` (SMS) [Lyon].

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use chrono::NaiveDate;
use common::{app, draw, key, press, send, type_text};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tactful::campaign::store as campaigns;
use tactful::fields::Channel;
use tactful::fields::policy::Category;
use tactful::tui::app::{App, Popup};
use tactful::tui::message::{Message, Screen};
use tactful::workspace::{Workspace, audit};
use tui_campaign_support::br15;

fn started(ws: &Workspace, screen: Screen) -> App {
    let mut a = app(ws, 120, 40);
    send(&mut a, ws, Message::Refresh);
    send(&mut a, ws, Message::SwitchScreen(screen));
    a
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn stored(ws: &Workspace, name: &str) -> Option<tactful::campaign::Campaign> {
    campaigns::load(ws.conn(), name).unwrap()
}

fn actions(ws: &Workspace) -> Vec<String> {
    audit::entries(ws.conn())
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// Down to the next row, clear it (Ctrl+U) and type `text`.
fn next_row_typed(a: &mut App, ws: &mut Workspace, text: &str) {
    press(a, ws, key(KeyCode::Down));
    press(a, ws, ctrl('u'));
    type_text(a, ws, text);
}

#[test]
fn s_edits_category_holdout_k_as_of_and_minor_age() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    press(&mut a, &mut ws, key(KeyCode::Char('S')));
    assert_eq!(a.popup, Some(Popup::CampaignSettings));
    // The dialog opens on the stored settings (fixture: general, 0 %, k = 5).
    let form = a.settings.as_ref().unwrap();
    assert_eq!(form.holdout.value(), "0");
    assert_eq!(form.k.value(), "5");
    assert_eq!(form.as_of.value(), "2026-11-01");
    press(&mut a, &mut ws, key(KeyCode::Down));
    // Category: general -> housing -> employment, and back one.
    press(&mut a, &mut ws, key(KeyCode::Right));
    press(&mut a, &mut ws, key(KeyCode::Right));
    press(&mut a, &mut ws, key(KeyCode::Left));
    next_row_typed(&mut a, &mut ws, "10");
    next_row_typed(&mut a, &mut ws, "7");
    next_row_typed(&mut a, &mut ws, "2026-03-01");
    next_row_typed(&mut a, &mut ws, "18");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.popup, None, "{:?}", a.settings);
    let c = stored(&ws, "br15").unwrap();
    assert_eq!(c.category, Category::Housing);
    assert_eq!(c.holdout_pct, 10.0);
    assert_eq!(c.k, 7);
    assert_eq!(c.as_of, NaiveDate::from_ymd_opt(2026, 3, 1));
    assert_eq!(c.minor_age, Some(18));
    assert_eq!(c.channel, Channel::Email);
    // The screens work on the campaign as saved.
    assert_eq!(a.campaigns.current.as_ref().unwrap().k, 7);
    assert!(
        a.notice.as_deref().unwrap().contains("category housing"),
        "{:?}",
        a.notice
    );
    assert!(actions(&ws).contains(&"campaign settings changed".to_string()));
}

#[test]
fn a_bad_value_or_a_refused_channel_leaves_the_campaign_as_it_was() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    press(&mut a, &mut ws, key(KeyCode::Char('S')));
    for _ in 0..3 {
        press(&mut a, &mut ws, key(KeyCode::Down));
    }
    press(&mut a, &mut ws, ctrl('u'));
    type_text(&mut a, &mut ws, "seven");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let error = a.settings.as_ref().unwrap().error.clone().unwrap();
    assert_eq!(error, "k takes a whole number of contacts, not `seven`");
    press(&mut a, &mut ws, ctrl('u'));
    type_text(&mut a, &mut ws, "5");
    // SMS: the core checks every entry again, and br15's entries have subjects.
    for _ in 0..3 {
        press(&mut a, &mut ws, key(KeyCode::Up));
    }
    press(&mut a, &mut ws, key(KeyCode::Char(' ')));
    assert_eq!(a.settings.as_ref().unwrap().channel, Channel::Sms);
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.popup, Some(Popup::CampaignSettings));
    let error = a.settings.as_ref().unwrap().error.clone().unwrap();
    assert!(error.starts_with("Not saved: "), "{error}");
    assert_eq!(stored(&ws, "br15").unwrap().channel, Channel::Email);
    press(&mut a, &mut ws, key(KeyCode::Esc));
    assert_eq!(a.popup, None);
    assert!(a.settings.is_none());
}

#[test]
fn the_settings_dialog_shows_every_setting() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Messages);
    a.size = ratatui::layout::Rect::new(0, 0, 80, 24);
    press(&mut a, &mut ws, key(KeyCode::Char('S')));
    let t = draw(&a, 80, 24);
    let text: Vec<String> = t
        .backend()
        .buffer()
        .content
        .chunks(80)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect();
    let screen = text.join("\n");
    for expected in [
        "Settings of `br15` (Enter saves, Esc cancels)",
        "Channel     [e-mail]  SMS",
        "Category    [general]  housing   employment   credit   politics",
        "Holdout %   0",
        "k           5",
        "As of       2026-11-01",
        "Minor age",
        "Left/Right or Space chooses; Up/Down moves",
    ] {
        assert!(screen.contains(expected), "{expected:?} not in\n{screen}");
    }
}

#[test]
fn capital_r_renames_a_segment_and_both_campaigns_follow() {
    let mut ws = br15();
    let mut a = started(&ws, Screen::Segments);
    let names: Vec<&str> = a
        .segments
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Gold", "Lyon"]);
    press(&mut a, &mut ws, key(KeyCode::Char('j')));
    press(&mut a, &mut ws, key(KeyCode::Char('R')));
    assert_eq!(a.segments.rename.as_ref().unwrap().name.value(), "Lyon");
    // A taken name is refused by the core, and nothing changes.
    for _ in 0..4 {
        press(&mut a, &mut ws, key(KeyCode::Backspace));
    }
    type_text(&mut a, &mut ws, "Gold");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let error = a.segments.rename.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("`Gold` already exists"), "{error}");
    for _ in 0..4 {
        press(&mut a, &mut ws, key(KeyCode::Backspace));
    }
    type_text(&mut a, &mut ws, "Lyon city");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert!(a.segments.rename.is_none());
    let names: Vec<&str> = a
        .segments
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Gold", "Lyon city"]);
    let segments = |c: &str| -> Vec<String> {
        stored(&ws, c)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.segment)
            .collect()
    };
    assert_eq!(segments("br15"), ["Gold", "Lyon city"]);
    assert_eq!(segments("texts"), ["Lyon city"]);
    assert_eq!(
        a.segments.notice.as_ref().unwrap().0,
        "Renamed segment `Lyon` to `Lyon city`; entries in `br15`, `texts` follow."
    );
    // Esc closes the dialog without renaming.
    press(&mut a, &mut ws, key(KeyCode::Char('R')));
    press(&mut a, &mut ws, key(KeyCode::Esc));
    assert!(a.segments.rename.is_none());
}
