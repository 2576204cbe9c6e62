//! The Segments screen driven through `keymap` and `update` with the worker's answers
//! run synchronously (STYLE.md, pattern 12): live reach with the newest request
//! winning, errors with their column, completion, the condition builder, saving,
//! deleting and the overlap matrix. Expected counts are worked out by hand in the
//! fixture.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;

use crossterm::event::{Event, KeyCode};
use fixture::{ctrl, key, on_segments, press, run, send, shop, type_text, use_in_campaign};
use tactful::segment::store;
use tactful::tui::app::Popup;
use tactful::tui::keymap;
use tactful::tui::message::{Message, Request};
use tactful::tui::screens::segments::SegmentsMode;
use tactful::tui::screens::segments::jobs as worker_segments;
use tactful::tui::screens::segments::message::{Reach, RuleProblem, SegmentJob, SegmentsMsg};
use tactful::tui::update::update;
use tactful::tui::widgets::text_input::TextEdit;

fn reach(app: &tactful::tui::app::App) -> Option<Result<Reach, RuleProblem>> {
    app.segments.editor.as_ref().unwrap().reach.clone()
}

#[test]
fn the_list_shows_every_segment_with_its_reach() {
    let mut ws = shop();
    let app = on_segments(&mut ws, 80, 24);
    let names: Vec<&str> = app
        .segments
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["berlin", "big_spenders", "vip"]);
    for name in names {
        assert_eq!(app.segments.reaches[name], Ok(3), "{name}");
    }
    assert_eq!(app.segments.audience, Some(6));
}

#[test]
fn typing_asks_for_reach_with_increasing_generations() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    assert_eq!(app.segments.mode(), SegmentsMode::Editor);
    let mut last = 0;
    for (typed, c) in ["c", "ci", "cit", "city"].iter().zip("city".chars()) {
        let message = keymap::map(&app, &key(KeyCode::Char(c))).unwrap();
        let requests = update(&mut app, message);
        let [
            Request::Segments(SegmentJob::Reach {
                generation, rule, ..
            }),
        ] = requests.as_slice()
        else {
            panic!("one reach request per key, got {requests:?}");
        };
        assert!(*generation > last);
        last = *generation;
        assert_eq!(rule, typed);
    }
}

#[test]
fn an_old_reach_reply_is_dropped() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    send(
        &mut app,
        &mut ws,
        Message::Segments(SegmentsMsg::NewSegment),
    );
    let mut asked = Vec::new();
    for c in "city is \"Berlin\"".chars() {
        asked.push(update(
            &mut app,
            Message::Segments(SegmentsMsg::Edit(TextEdit::Insert(c))),
        ));
    }
    // More typed before the first reply: Berlin and vip is ana alone (1).
    let mut newest = Vec::new();
    for c in " and tags has \"vip\"".chars() {
        newest = update(
            &mut app,
            Message::Segments(SegmentsMsg::Edit(TextEdit::Insert(c))),
        );
    }
    let full = asked.last().unwrap()[0].clone();
    // The reply for the full rule (3 contacts) arrives after newer text was typed.
    let Request::Segments(job) = &full else {
        panic!()
    };
    let late = worker_segments::answer(&mut ws, job).unwrap();
    update(&mut app, late);
    assert_eq!(reach(&app), None, "a stale reply changes nothing");
    run(&mut app, &mut ws, newest);
    assert_eq!(
        reach(&app),
        Some(Ok(Reach {
            reach: 1,
            audience: 6
        }))
    );
    // And a stale reply after the newest one has been shown is dropped too.
    let late = worker_segments::answer(&mut ws, job).unwrap();
    update(&mut app, late);
    assert_eq!(
        reach(&app),
        Some(Ok(Reach {
            reach: 1,
            audience: 6
        }))
    );
}

#[test]
fn an_error_reply_points_at_its_column() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(
        &mut app,
        &mut ws,
        "city is \"Berlin\" and totl_spent >= 100",
    );
    let Some(Err(RuleProblem::Rule { error, blocked })) = reach(&app) else {
        panic!("{:?}", reach(&app));
    };
    // `city is "Berlin" and ` is 21 characters: the field name starts in column 22.
    assert_eq!((error.line, error.column), (1, 22));
    assert!(
        error.message.contains("did you mean `total_spent`"),
        "{}",
        error.message
    );
    assert!(!blocked);
}

#[test]
fn a_blocked_field_is_refused_and_marked_blocked() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "religion is \"x\"");
    let Some(Err(RuleProblem::Rule { error, blocked })) = reach(&app) else {
        panic!("{:?}", reach(&app));
    };
    assert!(blocked);
    assert_eq!(error.column, 1);
    assert!(
        error.message.contains("GDPR Art. 9(1)"),
        "{}",
        error.message
    );
}

#[test]
fn tab_completes_field_names_and_cycles() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "fir");
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(common::rule_text(&app), "first_name");
    // `t` matches `tags` and `total_spent` (alphabetical); Tab again takes the next.
    type_text(&mut app, &mut ws, " is \"A\" and t");
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(common::rule_text(&app), "first_name is \"A\" and tags");
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(
        common::rule_text(&app),
        "first_name is \"A\" and total_spent"
    );
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(common::rule_text(&app), "first_name is \"A\" and tags");
    // Completing in the middle of a word replaces the whole word: `ci|t` -> `city`.
    press(&mut app, &mut ws, key(KeyCode::Esc));
    press(&mut app, &mut ws, key(KeyCode::Esc));
    press(&mut app, &mut ws, key(KeyCode::Char('y')));
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "cit is \"Lyon\"");
    press(&mut app, &mut ws, key(KeyCode::Home));
    press(&mut app, &mut ws, key(KeyCode::Right));
    press(&mut app, &mut ws, key(KeyCode::Right));
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(common::rule_text(&app), "city is \"Lyon\"");
    assert_eq!(
        reach(&app),
        Some(Ok(Reach {
            reach: 1,
            audience: 6
        }))
    );
}

/// Open the builder and pick field `field` and operator `op` by moving down.
fn build(
    app: &mut tactful::tui::app::App,
    ws: &mut tactful::workspace::Workspace,
    field: usize,
    op: usize,
    value: &str,
) {
    press(app, ws, ctrl('b'));
    assert_eq!(app.segments.mode(), SegmentsMode::Builder);
    for _ in 0..field {
        press(app, ws, key(KeyCode::Down));
    }
    press(app, ws, key(KeyCode::Enter));
    for _ in 0..op {
        press(app, ws, key(KeyCode::Down));
    }
    press(app, ws, key(KeyCode::Enter));
    type_text(app, ws, value);
    press(app, ws, key(KeyCode::Enter));
}

#[test]
fn the_builder_writes_rule_text_and_saving_stores_it() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    // Fields: email, first_name, city (2), religion, total_spent (4), tags.
    // Text operators start with `is` (0); decimal ones are is, is not, >, >= (3).
    build(&mut app, &mut ws, 2, 0, "Berlin");
    assert_eq!(common::rule_text(&app), "city is \"Berlin\"");
    build(&mut app, &mut ws, 4, 3, "100");
    assert_eq!(
        common::rule_text(&app),
        "city is \"Berlin\" and total_spent >= 100"
    );
    assert_eq!(
        reach(&app),
        Some(Ok(Reach {
            reach: 2,
            audience: 6
        }))
    );
    assert_eq!(app.ctx.unsaved, ["a new segment"]);

    press(&mut app, &mut ws, key(KeyCode::Enter));
    type_text(&mut app, &mut ws, "berlin_big");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(app.segments.mode(), SegmentsMode::List, "saved and closed");
    assert!(app.ctx.unsaved.is_empty());
    let saved = store::get(ws.conn(), "berlin_big").unwrap();
    assert_eq!(saved.rule, "city is \"Berlin\" and total_spent >= 100");
    assert_eq!(app.segments.reaches["berlin_big"], Ok(2));
}

#[test]
fn saving_a_rule_with_a_problem_keeps_the_editor_open() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    press(&mut app, &mut ws, ctrl('s'));
    assert_eq!(
        app.segments.editor.as_ref().unwrap().save_error.as_deref(),
        Some("type a name for the segment first")
    );
    type_text(&mut app, &mut ws, "vip");
    press(&mut app, &mut ws, key(KeyCode::Up));
    type_text(&mut app, &mut ws, "tags has \"gold\"");
    press(&mut app, &mut ws, ctrl('s'));
    let e = app.segments.editor.as_ref().expect("still open");
    assert!(
        e.save_error.as_deref().unwrap().contains("already exists"),
        "{:?}",
        e.save_error
    );
}

#[test]
fn editing_changes_the_rule_and_description() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(common::rule_text(&app), "city is \"Berlin\"");
    assert_eq!(
        reach(&app),
        Some(Ok(Reach {
            reach: 3,
            audience: 6
        })),
        "an opened segment shows its reach"
    );
    for _ in 0..8 {
        press(&mut app, &mut ws, key(KeyCode::Backspace));
    }
    type_text(&mut app, &mut ws, "\"Hamburg\"");
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::End));
    type_text(&mut app, &mut ws, " (moved)");
    press(&mut app, &mut ws, ctrl('s'));
    let s = store::get(ws.conn(), "berlin").unwrap();
    assert_eq!(s.rule, "city is \"Hamburg\"");
    assert_eq!(s.description, "Everyone in Berlin (moved)");
    assert_eq!(app.segments.reaches["berlin"], Ok(1));
}

#[test]
fn esc_cancels_and_quit_asks_while_the_editor_has_changes() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "q");
    assert_eq!(common::rule_text(&app), "q", "q is typed, not quit");
    press(&mut app, &mut ws, ctrl('c'));
    assert_eq!(app.popup, Some(Popup::ConfirmQuit));
    press(&mut app, &mut ws, key(KeyCode::Esc));
    // Esc with a typed rule asks before dropping it; n keeps it, y drops it.
    press(&mut app, &mut ws, key(KeyCode::Esc));
    assert_eq!(app.segments.mode(), SegmentsMode::ConfirmDiscard);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    assert_eq!(app.segments.mode(), SegmentsMode::Editor);
    assert_eq!(common::rule_text(&app), "q");
    press(&mut app, &mut ws, key(KeyCode::Esc));
    press(&mut app, &mut ws, key(KeyCode::Char('y')));
    assert_eq!(app.segments.mode(), SegmentsMode::List);
    assert!(app.ctx.unsaved.is_empty());
    press(&mut app, &mut ws, key(KeyCode::Char('q')));
    assert!(app.quit);
}

#[test]
fn paste_keeps_the_rule_lines_and_a_leading_comment_ends_at_its_line() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    press(
        &mut app,
        &mut ws,
        Event::Paste("# VIPs or Lyon\r\ntags has \"vip\"\nor city is \"Lyon\"".into()),
    );
    assert_eq!(
        common::rule_text(&app),
        "# VIPs or Lyon\ntags has \"vip\"\nor city is \"Lyon\""
    );
    // vip: ana, chloe, eva; Lyon: eva. Together: 3.
    assert_eq!(
        reach(&app),
        Some(Ok(Reach {
            reach: 3,
            audience: 6
        }))
    );
}

#[test]
fn delete_asks_first_and_is_refused_while_a_campaign_uses_the_segment() {
    let mut ws = shop();
    use_in_campaign(&mut ws);
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::End));
    assert_eq!(app.segments.selected().unwrap().name, "vip");
    press(&mut app, &mut ws, key(KeyCode::Char('d')));
    assert_eq!(app.segments.mode(), SegmentsMode::ConfirmDelete);
    press(&mut app, &mut ws, key(KeyCode::Char('y')));
    let (text, error) = app.segments.notice.clone().unwrap();
    assert!(error);
    assert_eq!(
        text,
        "segment `vip` is used by campaign `spring`; remove its entry there first (`tactful campaign rm-entry CAMPAIGN vip`, or x on the Messages screen)"
    );
    assert!(store::get(ws.conn(), "vip").is_ok());

    press(&mut app, &mut ws, key(KeyCode::Char('g')));
    press(&mut app, &mut ws, key(KeyCode::Char('d')));
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    assert_eq!(app.segments.segments.len(), 3, "n keeps it");
    press(&mut app, &mut ws, key(KeyCode::Char('d')));
    press(&mut app, &mut ws, key(KeyCode::Char('y')));
    assert!(store::get(ws.conn(), "berlin").is_err());
    let names: Vec<&str> = app
        .segments
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["big_spenders", "vip"]);
}

#[test]
fn the_overlap_matrix_counts_every_pair() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('o')));
    let o = app.segments.overlap.overlap.clone().unwrap();
    assert_eq!(o.names, ["berlin", "big_spenders", "vip"]);
    assert_eq!(o.matrix, vec![vec![3, 2, 1], vec![2, 3, 2], vec![1, 2, 3]]);
    press(&mut app, &mut ws, key(KeyCode::Esc));
    assert_eq!(app.segments.mode(), SegmentsMode::List);
}
