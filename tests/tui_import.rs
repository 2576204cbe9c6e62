//! The Import screen and the field change dialog, driven through `keymap` and `update`
//! with the worker's functions run in line (STYLE.md, pattern 12). Expected values come
//! from the fixture `tests/fixtures/tui_shop.csv`, read by hand: a header and five
//! rows, the fourth (line 5) has 4 fields instead of 6.

#[path = "tui_common/mod.rs"]
mod common;

use common::{app, fixture, key, press, shop_contacts, shop_fields, type_text};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tactful::fields::{PrivacyClass, Role};
use tactful::import::{Phase, Progress};
use tactful::tui::app::Popup;
use tactful::tui::message::Message;
use tactful::tui::screens::import::Stage;
use tactful::workspace::{Workspace, audit, browse, fields};

fn empty() -> Workspace {
    common::workspace(&[], &[])
}

/// Open the path input, type `path` and press Enter.
fn read_file(a: &mut tactful::tui::app::App, ws: &mut Workspace, path: &str) {
    press(a, ws, key(KeyCode::Char('e')));
    type_text(a, ws, path);
    press(a, ws, key(KeyCode::Enter));
}

#[test]
fn detect_shows_the_file_before_anything_is_written_then_import_and_undo() {
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    read_file(&mut a, &mut ws, &fixture("tui_shop.csv"));

    let Stage::Detected(d) = &a.import.stage else {
        panic!("not detected: {:?} {:?}", a.import.stage, a.import.error);
    };
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.delimiter, ",");
    assert!(d.header);
    assert_eq!(d.key, "email");
    assert_eq!(d.rows_read, 5);
    assert_eq!(d.rows_rejected.len(), 1);
    assert_eq!(d.rows_rejected[0].line, 5);
    let names: Vec<&str> = d.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "email",
            "first_name",
            "city",
            "accepts_email_marketing",
            "orders",
            "date_of_birth"
        ]
    );
    let dob = &d.fields[5];
    assert_eq!(
        (dob.role, dob.class),
        (Role::DateOfBirth, PrivacyClass::Protected)
    );
    assert_eq!(d.fields[3].role, Role::ConsentEmail);
    assert!(fields::list(ws.conn()).unwrap().is_empty(), "detect wrote");

    press(&mut a, &mut ws, key(KeyCode::Char('i')));
    assert!(matches!(a.import.stage, Stage::Reported(_)));
    let Stage::Reported(r) = &a.import.stage else {
        unreachable!()
    };
    assert_eq!(
        (r.rows_imported, r.contacts_added, r.batch),
        (4, 4, Some(1))
    );
    assert_eq!(browse::count(ws.conn()).unwrap(), 4);
    assert_eq!(a.fields.fields.len(), 6, "fields reloaded after the import");
    assert_eq!(a.contacts.total, Some(4));
    // `i` again does not import twice, and the report stays on screen.
    press(&mut a, &mut ws, key(KeyCode::Char('i')));
    assert!(matches!(a.import.stage, Stage::Reported(_)));
    assert_eq!(browse::count(ws.conn()).unwrap(), 4);
    assert!(a.import.error.is_some());

    press(&mut a, &mut ws, key(KeyCode::Char('u')));
    assert_eq!(a.popup, Some(Popup::ConfirmUndo));
    press(&mut a, &mut ws, key(KeyCode::Char('y')));
    assert_eq!(a.popup, None);
    assert_eq!(browse::count(ws.conn()).unwrap(), 0);
    assert!(fields::list(ws.conn()).unwrap().is_empty());
    assert!(a.fields.fields.is_empty());
    let notice = a.import.notice.clone().unwrap_or_default();
    assert!(notice.contains("Undid batch 1"), "{notice}");
    assert!(notice.contains("4 contacts removed"), "{notice}");
}

#[test]
fn a_path_typed_without_e_keeps_its_first_character() {
    // The fixture's path is absolute: it starts with `/`, which opens the path input
    // and is its first character, so Enter reads the whole path.
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    let path = fixture("tui_shop.csv");
    assert!(path.starts_with('/'));
    type_text(&mut a, &mut ws, &path);
    assert!(a.import.editing);
    assert_eq!(a.import.path.value(), path);
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let Stage::Detected(d) = &a.import.stage else {
        panic!("not detected: {:?} {:?}", a.import.stage, a.import.error);
    };
    assert_eq!(d.rows_read, 5);
    // `~` and `.` start a path the same way.
    for start in ["~/shop.csv", "./shop.csv"] {
        let mut a = app(&ws, 100, 30);
        type_text(&mut a, &mut ws, start);
        assert_eq!(a.import.path.value(), start);
    }
}

/// A second path typed straight away starts a new path: it was appended to the first
/// one (`/…/tui_shop.csv./shop.csv`), since the key that starts a path went in at the
/// cursor, after the path read before. `e` still opens the path read, to change it.
#[test]
fn a_second_path_typed_without_e_replaces_the_first() {
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    let path = fixture("tui_shop.csv");
    read_file(&mut a, &mut ws, &path);
    assert!(matches!(a.import.stage, Stage::Detected(_)));
    assert!(!a.import.editing);
    type_text(&mut a, &mut ws, "./shop.csv");
    assert_eq!(a.import.path.value(), "./shop.csv");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    press(&mut a, &mut ws, key(KeyCode::Char('e')));
    assert!(a.import.editing);
    assert_eq!(a.import.path.value(), "./shop.csv");
}

#[test]
fn progress_fills_the_gauge_of_the_running_import_only() {
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    read_file(&mut a, &mut ws, &fixture("tui_shop.csv"));
    // Start the import without running it, to look at the state in between.
    let requests = tactful::tui::update::update(&mut a, Message::RunImport);
    assert_eq!(requests.len(), 1);
    let generation = requests[0].generation();
    let progress = Progress {
        phase: Phase::Load,
        bytes_done: 50,
        bytes_total: 100,
    };
    let stale = Message::ImportProgressed {
        generation: generation - 1,
        progress,
    };
    tactful::tui::update::update(&mut a, stale);
    assert!(matches!(
        a.import.stage,
        Stage::Importing { progress: None, .. }
    ));
    tactful::tui::update::update(
        &mut a,
        Message::ImportProgressed {
            generation,
            progress,
        },
    );
    assert!(matches!(
        a.import.stage,
        Stage::Importing {
            progress: Some(p),
            ..
        } if p == progress
    ));
    // Keys still work while the import runs: the UI never waits on it.
    press(&mut a, &mut ws, key(KeyCode::Char('2')));
    assert_eq!(a.screen, tactful::tui::message::Screen::Fields);
}

#[test]
fn tab_completes_the_file_name() {
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    press(&mut a, &mut ws, key(KeyCode::Char('e')));
    type_text(&mut a, &mut ws, &fixture("tui_sh"));
    press(&mut a, &mut ws, key(KeyCode::Tab));
    assert_eq!(a.import.path.value(), fixture("tui_shop.csv"));
    assert_eq!(
        a.screen,
        tactful::tui::message::Screen::Import,
        "Tab stayed"
    );
    // Typed digits and `q` go into the path, not to screen switching or quitting.
    type_text(&mut a, &mut ws, "q2");
    assert!(!a.quit);
    assert!(a.import.path.value().ends_with("q2"));
}

#[test]
fn a_wrong_delimiter_from_the_options_is_an_error_on_screen() {
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    read_file(&mut a, &mut ws, &fixture("tui_shop.csv"));
    press(&mut a, &mut ws, key(KeyCode::Char('o')));
    assert_eq!(a.popup, Some(Popup::ImportOptions));
    // delimiter: detect -> `,` -> `;`
    press(&mut a, &mut ws, key(KeyCode::Right));
    press(&mut a, &mut ws, key(KeyCode::Right));
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.popup, None);
    assert_eq!(a.import.plan.delimiter, Some(b';'));
    let error = a.import.error.clone().unwrap_or_default();
    assert!(error.contains("delimiter"), "{error}");
    assert_eq!(a.import.stage, Stage::Idle);
}

#[test]
fn a_missing_file_is_an_error_on_screen_and_import_needs_a_detect_first() {
    let mut ws = empty();
    let mut a = app(&ws, 100, 30);
    read_file(&mut a, &mut ws, "/no/such/dir/customers.csv");
    let error = a.import.error.clone().unwrap_or_default();
    assert!(error.contains("/no/such/dir/customers.csv"), "{error}");
    press(&mut a, &mut ws, key(KeyCode::Char('i')));
    assert!(browse::count(ws.conn()).unwrap() == 0);
    assert!(a.import.error.clone().unwrap_or_default().contains("first"));
}

fn ctrl_c() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

#[test]
fn lowering_a_class_asks_for_a_reason_which_is_audited() {
    let mut ws = common::workspace(&shop_fields(), &shop_contacts());
    let mut a = app(&ws, 100, 30);
    // gender is the 5th field, protected; ordinary is the last class.
    for _ in 0..4 {
        press(&mut a, &mut ws, key(KeyCode::Down));
    }
    press(&mut a, &mut ws, key(KeyCode::Char('e')));
    assert_eq!(a.popup, Some(Popup::FieldEdit));
    // Enter with nothing changed stays in the dialog with a message.
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert!(a.fields.edit.as_ref().unwrap().error.is_some());
    for _ in 0..4 {
        press(&mut a, &mut ws, key(KeyCode::Down));
    }
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let edit = a.fields.edit.as_ref().unwrap();
    assert_eq!(edit.new_class(), Some(PrivacyClass::Ordinary));
    assert_eq!(
        edit.lowers_protection().as_deref(),
        Some("class protected -> ordinary")
    );

    // A blank reason is refused; a typed one is unsaved work `q` would ask about.
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert!(a.fields.edit.as_ref().unwrap().error.is_some());
    type_text(&mut a, &mut ws, "only used for greetings");
    assert_eq!(a.ctx.unsaved.len(), 1);
    press(&mut a, &mut ws, ctrl_c());
    assert_eq!(a.popup, Some(Popup::ConfirmQuit));
    press(&mut a, &mut ws, key(KeyCode::Char('n')));
    assert_eq!(a.popup, Some(Popup::FieldEdit), "back to the dialog");
    press(&mut a, &mut ws, key(KeyCode::Enter));

    assert_eq!(a.popup, None);
    assert!(a.ctx.unsaved.is_empty());
    let gender = fields::get(ws.conn(), "gender").unwrap().unwrap();
    assert_eq!(gender.class, PrivacyClass::Ordinary);
    assert_eq!(a.fields.fields[4].class, PrivacyClass::Ordinary, "reloaded");
    let entries = audit::entries(ws.conn()).unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last.action, "field.set");
    assert_eq!(last.subject, "gender");
    assert_eq!(last.detail["reason"], "only used for greetings");
    assert_eq!(last.detail["downgrade"], true);
}

#[test]
fn changing_only_the_role_also_needs_a_reason_and_esc_drops_it() {
    let mut ws = common::workspace(&shop_fields(), &shop_contacts());
    let mut a = app(&ws, 100, 30);
    press(&mut a, &mut ws, key(KeyCode::Char('e')));
    press(&mut a, &mut ws, key(KeyCode::Tab));
    press(&mut a, &mut ws, key(KeyCode::Down));
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let edit = a.fields.edit.as_ref().unwrap();
    assert_eq!(
        (edit.new_class(), edit.new_role()),
        (None, Some(Role::Phone))
    );
    // The CLI's rule: taking the e-mail role away lowers protection (the address and
    // suppression checks read it), so the TUI says so too.
    assert_eq!(
        edit.lowers_protection().as_deref(),
        Some("role email -> phone, which a safeguard depends on")
    );
    type_text(&mut a, &mut ws, "x");
    assert_eq!(a.ctx.unsaved.len(), 1);
    press(&mut a, &mut ws, key(KeyCode::Esc));
    assert_eq!(a.popup, None);
    assert!(a.ctx.unsaved.is_empty());
    assert_eq!(
        fields::get(ws.conn(), "email").unwrap().unwrap().role,
        Role::Email
    );
}

#[test]
fn a_long_report_scrolls_to_its_last_line_at_80x24() {
    let mut ws = empty();
    let mut a = app(&ws, 80, 24);
    read_file(&mut a, &mut ws, &fixture("tui_shop.csv"));
    press(&mut a, &mut ws, key(KeyCode::Char('i')));
    // The report's last line is the date of birth field, the sixth field created.
    let before = common::screen_text(&a, 80, 24);
    assert!(!before.contains("date_of_birth"), "{before}");
    assert!(before.contains("Down: more"), "{before}");
    press(&mut a, &mut ws, key(KeyCode::End));
    let after = common::screen_text(&a, 80, 24);
    assert!(after.contains("date_of_birth"), "{after}");
    assert!(!after.contains("Down: more"), "{after}");
}

/// Importing the same file again updates its contacts, as `tactful import` reports it:
/// by hand, tui_shop.csv's four valid rows are four distinct e-mail addresses already
/// in the workspace after the first import, so 0 added, 4 updated, 0 repeated rows,
/// 4 in the workspace; never "duplicate rows merged".
#[test]
fn a_second_import_reports_its_contacts_as_updated_like_the_cli() {
    let mut ws = empty();
    let mut a = app(&ws, 80, 30);
    read_file(&mut a, &mut ws, &fixture("tui_shop.csv"));
    press(&mut a, &mut ws, key(KeyCode::Char('i')));
    press(&mut a, &mut ws, key(KeyCode::Char('e')));
    press(&mut a, &mut ws, ctrl_u());
    type_text(&mut a, &mut ws, &fixture("tui_shop.csv"));
    press(&mut a, &mut ws, key(KeyCode::Enter));
    press(&mut a, &mut ws, key(KeyCode::Char('i')));
    let Stage::Reported(r) = &a.import.stage else {
        panic!("not reported: {:?} {:?}", a.import.stage, a.import.error);
    };
    assert_eq!(r.batch, Some(2));
    let screen = common::screen_text(&a, 80, 30);
    assert!(
        screen.contains(
            " contacts: 0 added, 4 updated (already in the workspace), 4 in the workspace"
        ),
        "{screen}"
    );
    assert!(
        screen
            .contains("   0 repeated rows merged into a contact an earlier row of this file gave"),
        "{screen}"
    );
    assert!(!screen.contains("duplicate"), "{screen}");
}

/// Ctrl+U: clear the input.
fn ctrl_u() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL))
}

/// Promise 1: a column whose header names no channel (`unsubscribe`) refuses SMS too,
/// so the consent line names it for SMS instead of "sms: no column, not asked".
/// Expected text from README "Consent rules" (no `--consent` given: not asked).
#[test]
fn the_consent_line_names_a_channel_less_opt_out_for_sms() {
    let mut ws = empty();
    let mut a = app(&ws, 120, 40);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("optout.csv");
    std::fs::write(
        &path,
        "email,first_name,unsubscribe\np1@example.com,P1,yes\np2@example.com,P2,no\n",
    )
    .unwrap();
    read_file(&mut a, &mut ws, path.to_str().unwrap());
    let text = common::screen_text(&a, 120, 40);
    assert!(
        text.contains(
            "consent: email: from `unsubscribe`; sms: refusals from `unsubscribe`, otherwise not asked"
        ),
        "{text}"
    );
}
