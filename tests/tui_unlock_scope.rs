//! Issue 11 item 3: an unlock on the Review screen leads somewhere. After `u` unlocks
//! `birth_date` for campaign `spring`, the segment editor still refuses the field
//! outside any campaign, and Ctrl+O checks (and saves) the rule in `spring`'s scope,
//! where the unlock applies, as `tactful segment add --campaign spring` does.
//!
//! By hand from tests/fixtures/tui_review.csv: `birth_date before 1956-01-01` matches
//! cy (1955-06-03) and dee (1950-07-04): reach 2 of 7.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_review_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{WHY, ch, ctrl, key, next_campaign, on_screen, press, type_text};
use tactful::campaign::store as campaign_store;
use tactful::segment::store;
use tactful::tui::app::App;
use tactful::tui::screens::messages::new_dialogs::addable;
use tactful::tui::screens::segments::message::{Reach, RuleProblem};

#[test]
fn a_field_unlocked_on_review_is_usable_in_that_campaigns_scope() {
    let mut ws = fixture::shop();
    let mut app = on_screen(&mut ws, '6', 120, 40);
    next_campaign(&mut app, &mut ws);
    press(&mut app, &mut ws, ch('u'));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    type_text(&mut app, &mut ws, WHY);
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert!(app.review.unlock.is_none());
    let notice = &app.review.notice.as_ref().unwrap().0;
    assert!(notice.contains("Ctrl+O in the editor"), "{notice}");

    press(&mut app, &mut ws, ch('3'));
    press(&mut app, &mut ws, ch('n'));
    type_text(&mut app, &mut ws, "birth_date before 1956-01-01");
    let e = app.segments.editor.as_ref().unwrap();
    assert_eq!(e.offer.as_deref(), Some("spring"));
    assert!(
        matches!(&e.reach, Some(Err(RuleProblem::Rule { blocked: true, .. }))),
        "outside a campaign the protected field stays blocked: {:?}",
        e.reach
    );
    press(&mut app, &mut ws, ctrl('o'));
    let e = app.segments.editor.as_ref().unwrap();
    assert_eq!(e.campaign.as_deref(), Some("spring"));
    assert_eq!(
        e.reach,
        Some(Ok(Reach {
            reach: 2,
            audience: 7
        }))
    );
    press(&mut app, &mut ws, key(KeyCode::Down));
    type_text(&mut app, &mut ws, "oldest");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert!(app.segments.editor.is_none(), "saved and closed");
    assert_eq!(
        store::get(ws.conn(), "oldest").unwrap().rule,
        "birth_date before 1956-01-01"
    );
    // The list counts it where it checks, as `tactful segment list` does: in
    // `spring`'s scope, reach 2 (cy and dee), never `error`.
    assert_eq!(app.segments.reaches["oldest"], Ok(2));
    assert_eq!(app.segments.scopes["oldest"], "spring");
    let screen = common::screen_text(&app, 120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("oldest"))
        .unwrap()
        .split('|')
        .map(str::trim)
        .collect::<Vec<_>>();
    // Counted on `spring`'s own as-of date, 2026-11-01, which the scope says when the
    // list counts as of another day (today here: no global --as-of).
    let scope = if chrono::Local::now().date_naive().to_string() == "2026-11-01" {
        "campaign spring"
    } else {
        "campaign spring, as of 2026-11-01"
    };
    assert_eq!(row[..3], ["oldest", "2", scope], "{row:?}");

    // And it can be added to the campaign: the Messages screen checks the entry with
    // the campaign as stored now, unlock included (it held the copy read before the
    // unlock, and refused the field).
    press(&mut app, &mut ws, ch('4'));
    press(&mut app, &mut ws, ch('a'));
    let choices = addable(app.messages.draft.as_ref(), &app.segments.segments);
    let at = choices.iter().position(|n| n == "oldest").unwrap();
    for _ in 0..at {
        press(&mut app, &mut ws, key(KeyCode::Down));
    }
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(app.ctx.error, None);
    let stored = campaign_store::load(ws.conn(), "spring").unwrap().unwrap();
    assert!(stored.entries.iter().any(|e| e.segment == "oldest"));
    assert!(stored.unlocks.iter().any(|u| u.field == "birth_date"));
}

#[test]
fn ctrl_o_switches_back_and_the_scope_is_on_screen() {
    let mut ws = fixture::shop();
    let mut app = on_screen(&mut ws, '6', 100, 30);
    press(&mut app, &mut ws, ch('3'));
    press(&mut app, &mut ws, ch('n'));
    let text = |app: &App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        t.draw(|f| tactful::tui::view::draw(app, f)).unwrap();
        let buf = t.backend().buffer().clone();
        buf.content
            .chunks(100)
            .map(|r| r.iter().map(|c| c.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let screen = text(&app);
    assert!(
        screen.contains(
            " Scope        no campaign (Ctrl+O: campaign `autumn`, where its unlocks apply)"
        ),
        "{screen}"
    );
    press(&mut app, &mut ws, ctrl('o'));
    let screen = text(&app);
    assert!(
        screen.contains(
            " Scope        campaign `autumn`: its category and unlocks apply (Ctrl+O: no campaign)"
        ),
        "{screen}"
    );
    press(&mut app, &mut ws, ctrl('o'));
    assert_eq!(app.segments.editor.as_ref().unwrap().campaign, None);
}
