//! The Review screen's notices are shown whole (wrapped, as their end says what to do
//! next).
//! Workspace: `tui_review_fixture` (campaigns `autumn` and `spring`).

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_review_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{WHY, ch, key, next_campaign, on_screen, press, shop, type_text};

#[test]
fn the_unlock_notice_wraps_whole_at_80_and_120_columns() {
    let text = "Unlocked `birth_date` for this campaign; the justification is in the audit log. Reviewing again. To use it in a segment: Segments (3), Ctrl+O in the editor.";
    // Rows 0-1 are the tabs and the context line; the Review screen's as-of line and
    // counts come next, then the notice from row 4, one column in. Wrapped at spaces:
    // 79 columns take it in two rows, 119 columns too (split before "segment:").
    let expected: [(u16, u16, [&str; 2]); 2] = [
        (
            80,
            24,
            [
                " Unlocked `birth_date` for this campaign; the justification is in the audit log.",
                " Reviewing again. To use it in a segment: Segments (3), Ctrl+O in the editor.",
            ],
        ),
        (
            120,
            40,
            [
                " Unlocked `birth_date` for this campaign; the justification is in the audit log. Reviewing again. To use it in a",
                " segment: Segments (3), Ctrl+O in the editor.",
            ],
        ),
    ];
    for (width, height, rows) in expected {
        let mut ws = shop();
        let mut app = on_screen(&mut ws, '6', width, height);
        next_campaign(&mut app, &mut ws);
        press(&mut app, &mut ws, ch('u'));
        press(&mut app, &mut ws, key(KeyCode::Enter));
        type_text(&mut app, &mut ws, WHY);
        press(&mut app, &mut ws, key(KeyCode::Enter));
        assert_eq!(app.review.notice, Some((text.to_string(), false)));
        let screen = common::screen_text(&app, width, height);
        let shown: Vec<&str> = screen.lines().skip(4).take(2).map(str::trim_end).collect();
        assert_eq!(shown, rows, "{screen}");
    }
}
