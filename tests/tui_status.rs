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

/// A notice longer than the five rows it may take (120 words `w001`..`w120`, 4 columns
/// each): rows 19-22 hold 16 words each (16×5−1 = 79 columns), the status line the
/// next 10 words that fit before "… ? shows all" (64 columns left of the key hints,
/// one blank lead: 10×5−1 = 49 ≤ 64−1−13). It used to end in `~` with the rest lost;
/// now `?` opens the help with the whole message first.
#[test]
fn a_notice_too_long_for_five_rows_is_read_whole_in_the_help() {
    let words: Vec<String> = (1..=120).map(|n| format!("w{n:03}")).collect();
    let mut ws = br15();
    let mut a = app(&ws, 80, 24);
    send(&mut a, &ws, Message::Refresh);
    a.ctx.notice = Some(words.join(" "));
    assert_eq!(row(&a, 80, 24, 19), format!(" {}", words[..16].join(" ")));
    assert_eq!(row(&a, 80, 24, 22), format!(" {}", words[48..64].join(" ")));
    assert_eq!(
        bottom_line(&a, 80, 24),
        format!(" {}… ? shows all  ? keys  q quit ", words[64..74].join(" "))
    );

    let mut a = app(&ws, 120, 40);
    send(&mut a, &ws, Message::Refresh);
    a.ctx.notice = Some(words.join(" "));
    common::press(&mut a, &mut ws, common::ch('?'));
    // The help is 100x36, centred: its left column is columns 11-59 of rows 3-37.
    let screen = common::screen_text(&a, 120, 40);
    let terminal = draw(&a, 120, 40);
    let buf = terminal.backend().buffer();
    let column: String = (3..38)
        .map(|y| (11..60).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect();
    assert!(column.starts_with("The last message, whole"), "{screen}");
    let shown: Vec<&str> = column
        .split_whitespace()
        .filter(|w| w.len() == 4 && w.starts_with('w') && w[1..].parse::<u32>().is_ok())
        .collect();
    assert_eq!(shown, words, "{screen}");
    // The help keeps it after the notice has expired.
    for _ in 0..NOTICE_TICKS {
        send(&mut a, &ws, Message::Tick);
    }
    assert_eq!(a.ctx.notice, None);
    assert!(common::screen_text(&a, 120, 40).contains("w120"));
}
