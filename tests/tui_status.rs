//! The status line: notices and errors expire after a number of ticks (no clock),
//! long messages stop before the key hints, and the as-of date is always shown. Driven
//! through the same `update` the loop uses, on case BR-15 (`tui_campaign_support`).

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, draw, send};
use tactful::tui::message::{Message, Screen};
use tactful::tui::status::{ERROR_TICKS, NOTICE_TICKS};
use tui_campaign_support::br15;

fn bottom_line(a: &tactful::tui::app::App, w: u16, h: u16) -> String {
    let terminal = draw(a, w, h);
    let buf = terminal.backend().buffer();
    (0..w).map(|x| buf[(x, h - 1)].symbol()).collect()
}

#[test]
fn a_notice_goes_after_its_ticks_and_a_new_one_starts_over() {
    let ws = br15();
    let mut a = app(&ws, 80, 24);
    send(&mut a, &ws, Message::Refresh);
    a.ctx.notice = Some("saved".into());
    for _ in 0..NOTICE_TICKS - 1 {
        send(&mut a, &ws, Message::Tick);
    }
    assert_eq!(a.ctx.notice.as_deref(), Some("saved"));
    // Another notice restarts the count.
    a.ctx.notice = Some("saved again".into());
    send(&mut a, &ws, Message::Tick);
    assert_eq!(a.ctx.notice.as_deref(), Some("saved again"));
    for _ in 0..NOTICE_TICKS - 2 {
        send(&mut a, &ws, Message::Tick);
    }
    assert_eq!(a.ctx.notice.as_deref(), Some("saved again"));
    send(&mut a, &ws, Message::Tick);
    assert_eq!(a.ctx.notice, None);
}

#[test]
fn an_error_stays_longer_than_a_notice_then_goes() {
    let ws = br15();
    let mut a = app(&ws, 80, 24);
    a.ctx.error = Some("disk full".into());
    for _ in 0..NOTICE_TICKS {
        send(&mut a, &ws, Message::Tick);
    }
    assert_eq!(a.ctx.error.as_deref(), Some("disk full"));
    for _ in NOTICE_TICKS..ERROR_TICKS {
        send(&mut a, &ws, Message::Tick);
    }
    assert_eq!(a.ctx.error, None);
}

#[test]
fn a_long_notice_wraps_over_the_row_above_and_stops_before_the_key_hints() {
    let ws = br15();
    let mut a = app(&ws, 80, 24);
    send(&mut a, &ws, Message::Refresh);
    a.ctx.notice = Some("x".repeat(100));
    // The row above takes 79 `x` one column in; the other 21 go on the status line,
    // where "? keys  q quit " (15 columns, one blank before it) keeps its place.
    let line = bottom_line(&a, 80, 24);
    assert_eq!(
        line,
        format!(" {}{}? keys  q quit ", "x".repeat(21), " ".repeat(43))
    );
    let above = row(&a, 80, 24, 22);
    assert_eq!(above, format!(" {}", "x".repeat(79)));
}

#[test]
fn an_entry_move_notice_is_shown_whole_at_80_and_120_columns() {
    // `J` moves Gold, entry 1 of campaign br15, below Lyon; the notice does not fit
    // after the counts (" 5 fields, 4 contacts, as of 2026-11-01 (campaign)", 50
    // columns), so it is shown alone, whole, before the key hints.
    let notice = "campaign `br15`: moved entry 1 (segment Gold) down to 2; saved";
    for (w, h) in [(80, 24), (120, 40)] {
        let mut ws = br15();
        let mut a = app(&ws, w, h);
        send(&mut a, &ws, Message::Refresh);
        send(&mut a, &ws, Message::SwitchScreen(Screen::Messages));
        common::press(&mut a, &mut ws, common::ch('J'));
        assert_eq!(a.ctx.notice.as_deref(), Some(notice));
        let line = bottom_line(&a, w, h);
        let gap = usize::from(w) - 1 - notice.len() - 15;
        assert_eq!(line, format!(" {notice}{}? keys  q quit ", " ".repeat(gap)));
    }
}

fn row(a: &tactful::tui::app::App, w: u16, h: u16, y: u16) -> String {
    let terminal = draw(a, w, h);
    let buf = terminal.backend().buffer();
    (0..w).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn the_as_of_date_is_always_on_screen() {
    let ws = br15();
    let mut a = app(&ws, 120, 40);
    send(&mut a, &ws, Message::Refresh);
    assert!(bottom_line(&a, 120, 40).contains("as of today"));
    // Campaign br15 has its own as-of date, 2026-11-01, which its screens count from.
    send(&mut a, &ws, Message::SwitchScreen(Screen::Messages));
    assert!(bottom_line(&a, 120, 40).contains("as of 2026-11-01 (campaign)"));
}
