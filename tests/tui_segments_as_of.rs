//! The Segments screen says the day its reaches count relative rules from (new-user
//! trial 5, F4), as `tactful segment list` does: the global `--as-of` date, or today.
//! The shop fixture's list is counted as of 2026-03-01 (its `--as-of`); 6 contacts.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{key, on_segments, press, shop};

#[test]
fn the_list_says_the_as_of_date_it_counted_from() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut ws = shop();
        let app = on_segments(&mut ws, w, h);
        let screen = common::screen_text(&app, w, h);
        assert!(
            screen.contains(" Reach is out of 6 contacts, counted as of 2026-03-01."),
            "{screen}"
        );
    }
}

#[test]
fn without_an_as_of_the_list_says_today() {
    let mut ws = shop();
    let mut app = common::app(&ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('3')));
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains(" Reach is out of 6 contacts, counted as of today."),
        "{screen}"
    );
}
