//! The Review screen's notices: shown whole (wrapped, as their end says what to do
//! next), and dropped when another campaign is picked on any screen, since "Signed off
//! by ..." is about the campaign signed off and would read as if about the one shown.
//! Workspace: `tui_review_fixture` (campaigns `autumn` and `spring`).

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_review_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{WHY, ch, key, next_campaign, on_screen, press, shop, type_text, unlock_spring};

#[test]
fn a_campaign_switch_on_messages_clears_the_review_notice_of_the_one_left() {
    let mut ws = shop();
    unlock_spring(&mut ws);
    let mut app = on_screen(&mut ws, '6', 120, 40);
    // Review shows `autumn` first; `C` Down Enter picks `spring`, which has no blocker
    // once `birth_date` is unlocked, so it can be signed off.
    next_campaign(&mut app, &mut ws);
    assert_eq!(app.review.campaign.as_deref(), Some("spring"));
    press(&mut app, &mut ws, ch('s'));
    type_text(&mut app, &mut ws, "Tess Tester");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    type_text(&mut app, &mut ws, "looked at it");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    let signed = "Signed off by Tess Tester; recorded in the audit log.";
    assert_eq!(app.review.notice, Some((signed.to_string(), false)));
    // On Messages, `C` Up Enter picks `autumn`, then `C` Down Enter `spring` again: the
    // Review screen was not shown in between, so only the switch can drop the notice.
    press(&mut app, &mut ws, ch('4'));
    press(&mut app, &mut ws, ch('C'));
    press(&mut app, &mut ws, key(KeyCode::Up));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(app.campaigns.current_name(), Some("autumn"));
    assert_eq!(app.review.notice, None);
    next_campaign(&mut app, &mut ws);
    assert_eq!(app.campaigns.current_name(), Some("spring"));
    press(&mut app, &mut ws, ch('6'));
    assert_eq!(app.review.campaign.as_deref(), Some("spring"));
    assert_eq!(app.review.notice, None);
    assert!(!common::screen_text(&app, 120, 40).contains("Signed off by"));
}

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
