//! Snapshots of the Review and Export screens drawn to ratatui's `TestBackend` at 80×24
//! and 120×40 (Review with a blocker and warnings, the unlock dialog, Export before
//! and after an export), reached through the same keymap and `update` the event loop
//! uses; and a style check: blocker lines are drawn in the danger style.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_review_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{ch, ctrl, key, next_campaign, on_screen, press, shop, type_text, unlock_spring};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use tactful::tui::app::App;
use tactful::tui::view;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    terminal
}

/// The screen as text, one line per row, trailing spaces cut and `replace` (a temp
/// dir's path) shown as `<out>`, so the snapshot does not depend on where it ran.
fn screen(terminal: &Terminal<TestBackend>, replace: Option<&str>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(r) = replace {
            row = row.replace(r, "<out>");
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn review_with_a_blocker_and_warnings() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_screen(&mut ws, '6', w, h);
        press(&mut app, &mut ws, key(KeyCode::Enter));
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(format!("review_{w}x{h}"), screen(&terminal, None));
    }
}

#[test]
fn blocker_lines_use_the_danger_style() {
    let mut ws = shop();
    let app = on_screen(&mut ws, '6', 80, 24);
    let terminal = draw(&app, 80, 24);
    let buf = terminal.backend().buffer();
    // Rows: tabs, context, campaign, counts, notice, then the BLOCKERS heading and the
    // blocker's first line with its `!!` marker.
    let row = |y: u16| -> String { (0..80).map(|x| buf[(x, y)].symbol()).collect() };
    assert!(row(5).starts_with(" BLOCKERS (1)"), "{}", row(5));
    assert!(row(6).starts_with(" !! merge_field_blank"), "{}", row(6));
    for x in 1..20 {
        let cell = &buf[(x, 6)];
        assert_eq!(cell.fg, Color::Red, "column {x}");
        assert!(cell.modifier.contains(Modifier::BOLD), "column {x}");
    }
    // A warning line is not in the danger style.
    assert!(row(9).starts_with(" WARNINGS (2)"), "{}", row(9));
    assert_eq!(buf[(1, 10)].fg, Color::Yellow);
}

#[test]
fn unlock_dialog() {
    for (w, h) in SIZES {
        let mut ws = shop();
        let mut app = on_screen(&mut ws, '6', w, h);
        next_campaign(&mut app, &mut ws);
        press(&mut app, &mut ws, ch('u'));
        press(&mut app, &mut ws, key(KeyCode::Enter));
        type_text(&mut app, &mut ws, "over sixties");
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(format!("review_unlock_{w}x{h}"), screen(&terminal, None));
    }
}

#[test]
fn export_before_and_after() {
    for (w, h) in SIZES {
        let mut ws = shop();
        unlock_spring(&mut ws);
        let mut app = on_screen(&mut ws, '7', w, h);
        next_campaign(&mut app, &mut ws);
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(format!("export_before_{w}x{h}"), screen(&terminal, None));

        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("spring");
        let out = out.to_str().unwrap();
        press(&mut app, &mut ws, key(KeyCode::Down));
        press(&mut app, &mut ws, key(KeyCode::Down));
        press(&mut app, &mut ws, key(KeyCode::Enter));
        press(&mut app, &mut ws, ctrl('u'));
        type_text(&mut app, &mut ws, out);
        press(&mut app, &mut ws, key(KeyCode::Enter));
        press(&mut app, &mut ws, ch('x'));
        press(&mut app, &mut ws, ch('y'));
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(
            format!("export_after_{w}x{h}"),
            screen(&terminal, Some(out))
        );
    }
}
