//! Snapshots of the Segments screen drawn to ratatui's `TestBackend` at 80×24 and
//! 120×40 (list, editor with a live reach, editor with an error and its caret, the
//! condition builder, the overlap matrix), reached through the same keymap and `update`
//! the event loop uses; and style checks where colour carries meaning.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;

use common::draw;
use crossterm::event::KeyCode;
use fixture::{ctrl, key, on_segments, press, shop, type_text};
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Row `y` of the drawn screen as text.
fn row(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>, y: u16) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn segment_list() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_segments(&mut ws, w, h);
        press(&mut app, &mut ws, key(KeyCode::Down));
        insta::assert_snapshot!(format!("segments_list_{w}x{h}"), draw(&app, w, h).backend());
    }
}

#[test]
fn editor_with_live_reach() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_segments(&mut ws, w, h);
        press(&mut app, &mut ws, key(KeyCode::Char('n')));
        type_text(&mut app, &mut ws, "city is \"Berlin\" and ta");
        press(&mut app, &mut ws, key(KeyCode::Tab));
        type_text(&mut app, &mut ws, " has \"vip\"");
        press(&mut app, &mut ws, key(KeyCode::Down));
        type_text(&mut app, &mut ws, "berlin_vip");
        insta::assert_snapshot!(
            format!("segments_editor_{w}x{h}"),
            draw(&app, w, h).backend()
        );
    }
}

#[test]
fn editor_with_an_error_and_its_caret() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_segments(&mut ws, w, h);
        press(&mut app, &mut ws, key(KeyCode::Char('n')));
        type_text(
            &mut app,
            &mut ws,
            "city is \"Berlin\" and totl_spent >= 100",
        );
        let terminal = draw(&app, w, h);
        // The rule is drawn from column 2 on row 6 (tabs, context, name, description,
        // blank, label): `totl_spent` starts at character 21, so column 23; the caret
        // row is under it.
        assert_eq!(&row(&terminal, 6)[23..27], "totl");
        assert_eq!(&row(&terminal, 7)[21..35], "  ^^^^^^^^^^  ");
        insta::assert_snapshot!(format!("segments_error_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn condition_builder_popup() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_segments(&mut ws, w, h);
        press(&mut app, &mut ws, key(KeyCode::Char('n')));
        type_text(&mut app, &mut ws, "city is \"Berlin\"");
        press(&mut app, &mut ws, ctrl('b'));
        for _ in 0..4 {
            press(&mut app, &mut ws, key(KeyCode::Down));
        }
        insta::assert_snapshot!(
            format!("segments_builder_fields_{w}x{h}"),
            draw(&app, w, h).backend()
        );
        press(&mut app, &mut ws, key(KeyCode::Enter));
        press(&mut app, &mut ws, key(KeyCode::Down));
        press(&mut app, &mut ws, key(KeyCode::Down));
        press(&mut app, &mut ws, key(KeyCode::Down));
        press(&mut app, &mut ws, key(KeyCode::Enter));
        type_text(&mut app, &mut ws, "100");
        insta::assert_snapshot!(
            format!("segments_builder_value_{w}x{h}"),
            draw(&app, w, h).backend()
        );
    }
}

#[test]
fn overlap_matrix() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_segments(&mut ws, w, h);
        press(&mut app, &mut ws, key(KeyCode::Char('o')));
        insta::assert_snapshot!(
            format!("segments_overlap_{w}x{h}"),
            draw(&app, w, h).backend()
        );
    }
}

#[test]
fn a_blocked_field_error_uses_the_danger_style_and_a_text_marker() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "religion is \"x\"");
    let terminal = draw(&app, 80, 24);
    let buf = terminal.backend().buffer();
    // The reach line is row 8, from column 1: `!! blocked: ...`.
    assert!(
        row(&terminal, 8).starts_with(" !! blocked: line 1, column 1: field `religion`"),
        "{}",
        row(&terminal, 8)
    );
    for x in [1, 4] {
        assert_eq!(buf[(x, 8)].fg, Color::Red);
        assert!(buf[(x, 8)].modifier.contains(Modifier::BOLD));
    }
    // The caret under `religion` (rule column 2, row 7) carries the same style.
    assert_eq!(buf[(2, 7)].symbol(), "^");
    assert_eq!(buf[(2, 7)].fg, Color::Red);
    assert!(buf[(2, 7)].modifier.contains(Modifier::BOLD));

    // An ordinary mistake is an error, not a block: red, without the marker or bold.
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "cty is \"x\"");
    let terminal = draw(&app, 80, 24);
    assert!(
        row(&terminal, 8).starts_with(" error: line 1, column 1: no field `cty`"),
        "{}",
        row(&terminal, 8)
    );
    assert!(
        !terminal.backend().buffer()[(1, 8)]
            .modifier
            .contains(Modifier::BOLD)
    );
}

#[test]
fn hostile_segment_names_are_drawn_safely_in_the_matrix() {
    let mut ws = shop();
    let fields = fixture::fields();
    let none = std::collections::BTreeSet::new();
    let scope = tactful::segment::Scope {
        fields: &fields,
        category: None,
        unlocked: &none,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &fields).unwrap(),
    };
    let hostile = "花子\x1b[2J🇩🇪 long name here";
    // The store refuses such a name; one written by another tool must still draw safely.
    assert!(
        tactful::segment::store::add(&mut ws, hostile, "city is \"Lyon\"", "", &scope).is_err()
    );
    ws.conn()
        .execute(
            "INSERT INTO segments (name, rule, description, created_at, updated_at) VALUES (?1, 'city is \"Lyon\"', '', 'x', 'x')",
            [hostile],
        )
        .unwrap();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('o')));
    let terminal = draw(&app, 80, 24);
    let text: String = (0..24).map(|y| row(&terminal, y)).collect();
    assert!(!text.contains('\x1b'), "no escape reaches the terminal");
    insta::assert_snapshot!("segments_overlap_hostile_80x24", terminal.backend());
}
