//! The record screens driven by keys through the same `keymap` and `update` the event
//! loop uses (`tui_common`): importing a suppression file on the suppression list
//! screen (8), showing and erasing a contact (Enter in the contacts browser, or 0), the
//! audit log (9), and the `?` help, which lists the current screen's keys first.
//!
//! The workspace is case BR-15 (`tui_campaign_support`): Ana (Gold), Bo (Lyon), Cy
//! (Gold), Dee (no segment), all with e-mail consent; campaign `br15`. Expected values
//! are worked out by hand from the fixtures.

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, ch, key, press, send, send_mut, type_text};
use crossterm::event::KeyCode;
use tactful::import::{self, ImportPlan};
use tactful::tui::app::{App, Popup};
use tactful::tui::keymap;
use tactful::tui::message::{Message, Screen};
use tactful::tui::screens::contact::ContactMode;
use tactful::tui::screens::suppression::{SuppressionMode, report_lines};
use tactful::workspace::Workspace;
use tui_campaign_support::br15;

/// The app after start-up (fields, count, campaigns) at `w`×`h`.
fn started(ws: &Workspace, w: u16, h: u16) -> App {
    let mut a = app(ws, w, h);
    send(&mut a, ws, Message::Refresh);
    a
}

/// The screen as text, with every RFC 3339 time and date written as one fixed time
/// so that snapshots draw no clock.
fn screen_text(a: &App, w: u16, h: u16) -> String {
    let out = common::screen_text(a, w, h);
    let time = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").unwrap();
    let out = time.replace_all(&out, "2026-01-01T00:00:00Z");
    // The tail of a time that a dialog covers the rest of.
    let tail = regex::Regex::new(r"\d\d:\d\dZ").unwrap();
    let out = tail.replace_all(&out, "00:00Z");
    // A date alone (the suppression list's narrow `added` column).
    let date = regex::Regex::new(r"\d{4}-\d\d-\d\d").unwrap();
    date.replace_all(&out, "2026-01-01").into_owned()
}

/// Fields > Contacts, second row (Bo), Enter: everything held about Bo.
fn open_bo(a: &mut App, ws: &mut Workspace) {
    send(a, ws, Message::OpenContacts);
    press(a, ws, key(KeyCode::Down));
    press(a, ws, key(KeyCode::Enter));
    assert_eq!(a.screen, Screen::Contact);
    assert_eq!(a.contact.shown.as_deref(), Some("bo@example.com"));
}

/// Import `tests/fixtures/suppress_read.txt` on the suppression list screen, typing
/// its path relative to the package (where `cargo test` runs), as a user would.
fn import_list(a: &mut App, ws: &mut Workspace) {
    press(a, ws, ch('8'));
    assert_eq!(a.screen, Screen::Suppression);
    press(a, ws, ch('i'));
    assert_eq!(a.suppression.mode, SuppressionMode::Typing);
    type_text(a, ws, "tests/fixtures/suppress_read.txt");
    press(a, ws, key(KeyCode::Enter));
}

#[test]
fn a_suppression_file_imported_in_the_app_excludes_its_contact_from_preview() {
    let mut ws = br15();
    let mut a = started(&ws, 120, 40);
    press(&mut a, &mut ws, ch('8'));
    assert_eq!(a.suppression.total, Some(0));

    import_list(&mut a, &mut ws);
    // The file: `Ana@Example.com`, `+44 7700 900125`, a blank line, `ana@example.com`.
    // Ana's address once (both spellings are one entry) and the phone are added, her
    // second line is already on the list. (A list with a value that is no address is
    // refused: tests/tui_suppress_refusal.rs.)
    let report = a.suppression.report.clone().expect("a report");
    assert_eq!((report.added, report.already_present), (2, 1));
    assert_eq!(report.total, 2);
    assert!(report.skipped.is_empty());
    assert_eq!(a.suppression.mode, SuppressionMode::Report);
    let lines = report_lines(&report);
    assert!(
        lines[0].contains(
            "2 addresses added to the suppression list, 1 already on it (2 entries in total)"
        ),
        "{lines:?}"
    );
    // The list itself: two entries, in the order added, values as stored.
    assert_eq!(a.suppression.total, Some(2));
    let values: Vec<(&str, Option<&str>, &str)> = a
        .suppression
        .entries
        .iter()
        .map(|e| (e.kind.as_str(), e.value.as_deref(), e.source.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            (
                "email",
                Some("ana@example.com"),
                "suppress suppress_read.txt"
            ),
            ("phone", Some("+447700900125"), "suppress suppress_read.txt"),
        ]
    );

    // Preview: Ana was a recipient (Gold); now she is excluded as suppressed, and
    // 2 of the 4 contacts (Bo, Cy) get a message.
    press(&mut a, &mut ws, ch('5'));
    let s = a.preview.summary.clone().expect("a preview");
    assert_eq!((s.audience, s.recipients), (4, 2));
    let ana = a
        .preview
        .rows
        .iter()
        .find(|r| r.key == "ana@example.com")
        .expect("Ana in the preview");
    assert_eq!(ana.reason.as_deref(), Some("suppressed"));
}

/// A path typed straight away on the suppression list keeps its first character, as
/// on the Import screen: `/`, `~` and `.` open the path input and are its first
/// character. The fault: `/` opened the input and was lost, so the fixture's absolute
/// path was read as a relative one. A path typed after the report starts afresh.
#[test]
fn a_path_typed_without_i_keeps_its_first_character() {
    let mut ws = br15();
    let mut a = started(&ws, 120, 40);
    press(&mut a, &mut ws, ch('8'));
    let path = format!(
        "{}/tests/fixtures/suppress_read.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(path.starts_with('/'));
    type_text(&mut a, &mut ws, &path);
    assert_eq!(a.suppression.mode, SuppressionMode::Typing);
    assert_eq!(a.suppression.path.value(), path);
    press(&mut a, &mut ws, key(KeyCode::Enter));
    // Ana's address and the phone, as in the test above.
    assert_eq!(a.suppression.mode, SuppressionMode::Report);
    assert_eq!(
        tactful::workspace::suppression::count(ws.conn()).unwrap(),
        2
    );
    // From the report, and from the list, `.` and `~` start a new path.
    type_text(&mut a, &mut ws, "./list.txt");
    assert_eq!(a.suppression.mode, SuppressionMode::Typing);
    assert_eq!(a.suppression.path.value(), "./list.txt");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    assert_eq!(a.suppression.mode, SuppressionMode::List);
    type_text(&mut a, &mut ws, "~/list.txt");
    assert_eq!(a.suppression.path.value(), "~/list.txt");
}

#[test]
fn a_bad_path_says_so_and_changes_nothing() {
    let mut ws = br15();
    let mut a = started(&ws, 80, 24);
    press(&mut a, &mut ws, ch('8'));
    press(&mut a, &mut ws, ch('i'));
    type_text(&mut a, &mut ws, "tests/fixtures/no_such_list.txt");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let error = a.suppression.error.clone().expect("an error");
    assert!(error.contains("no_such_list.txt"), "{error}");
    assert_eq!(a.suppression.report, None);
    assert_eq!(
        tactful::workspace::suppression::count(ws.conn()).unwrap(),
        0
    );
    assert!(screen_text(&a, 80, 24).contains("error: "));
    // Esc gives the path up; the next `i` starts from an empty input, so the next
    // path typed is the whole path (it was appended to the failed one).
    press(&mut a, &mut ws, key(KeyCode::Esc));
    press(&mut a, &mut ws, ch('i'));
    type_text(&mut a, &mut ws, "tests/fixtures/suppress_read.txt");
    assert_eq!(
        a.suppression.path.value(),
        "tests/fixtures/suppress_read.txt"
    );
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(
        tactful::workspace::suppression::count(ws.conn()).unwrap(),
        2
    );
}

#[test]
fn erasing_a_contact_removes_it_keeps_its_hashes_and_logs_it() {
    let mut ws = br15();
    let mut a = started(&ws, 120, 40);
    assert_eq!(a.contacts.total, Some(4));
    open_bo(&mut a, &mut ws);
    assert_eq!(a.contact.lines[0], "Contact bo@example.com");
    assert!(
        a.contact
            .lines
            .iter()
            .any(|l| l.starts_with("  first_name = Bo "))
    );
    assert!(
        a.contact
            .lines
            .iter()
            .any(|l| l == "segments matched: Lyon")
    );

    // E asks; Esc keeps it.
    press(&mut a, &mut ws, ch('E'));
    assert_eq!(a.contact.mode, ContactMode::ConfirmErase);
    assert!(screen_text(&a, 120, 40).contains("cannot be undone."));
    press(&mut a, &mut ws, key(KeyCode::Esc));
    assert_eq!(a.contact.mode, ContactMode::View);
    assert_eq!(a.contacts.total, Some(4));

    // E, y: erased. Its key and its e-mail address are the same text but two entries
    // (kinds `key` and `email`); Bo has no phone.
    press(&mut a, &mut ws, ch('E'));
    press(&mut a, &mut ws, ch('y'));
    assert_eq!(a.contact.error, None);
    assert!(
        a.contact.lines[0]
            .starts_with("Contact bo@example.com erased. 2 suppression entries (hashes only)"),
        "{:?}",
        a.contact.lines
    );
    assert_eq!(a.contact.shown, None);
    assert_eq!(a.contacts.total, Some(3));
    let keys: Vec<&str> = a.contacts.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        ["ana@example.com", "cy@example.com", "dee@example.com"]
    );

    // The suppression list holds two hash-only entries from the erasure.
    press(&mut a, &mut ws, ch('8'));
    assert_eq!(a.suppression.total, Some(2));
    let entries: Vec<(&str, Option<&str>, &str, &str)> = a
        .suppression
        .entries
        .iter()
        .map(|e| {
            (
                e.kind.as_str(),
                e.value.as_deref(),
                e.reason.as_str(),
                e.source.as_str(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("key", None, "erased", "contact erase"),
            ("email", None, "erased", "contact erase"),
        ]
    );

    // The audit log, newest first, starts with the erasure, by the key's hash only.
    press(&mut a, &mut ws, ch('9'));
    assert_eq!(a.screen, Screen::Audit);
    let newest = &a.audit.entries[0];
    assert_eq!(newest.action, "contact.erase");
    assert!(!newest.subject.contains("bo@"), "{}", newest.subject);
    assert_eq!(
        newest.detail["suppression_kinds"],
        serde_json::json!(["key", "email"])
    );
    assert!(screen_text(&a, 120, 40).contains("contact.erase"));

    // The same file imported again does not bring Bo back.
    let path = format!(
        "{}/tests/fixtures/tui_campaign.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut plan = ImportPlan::new(path, "test");
    plan.consent.insert(
        tactful::fields::Channel::Email,
        tactful::fields::ConsentState::Granted,
    );
    import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    send_mut(&mut a, &mut ws, Message::Refresh);
    assert_eq!(a.contacts.total, Some(3));
    press(&mut a, &mut ws, ch('0'));
    press(&mut a, &mut ws, ch('/'));
    type_text(&mut a, &mut ws, "bo@example.com");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(
        a.contact.lines[0],
        "Contact bo@example.com was erased; only hashes are kept."
    );
    assert_eq!(a.contact.shown, None, "nothing left to erase");
}

/// On the contact screen `/` types a new key and `e` edits the key shown. The fault:
/// both kept the key shown, so after Bo's report, `/` and Cy's key asked for
/// `bo@example.comcy@example.com`.
#[test]
fn slash_types_a_new_contact_key_and_e_edits_the_one_shown() {
    let mut ws = br15();
    let mut a = started(&ws, 120, 40);
    open_bo(&mut a, &mut ws);
    assert_eq!(a.contact.key.value(), "bo@example.com");
    press(&mut a, &mut ws, ch('/'));
    assert_eq!(a.contact.mode, ContactMode::Typing);
    type_text(&mut a, &mut ws, "cy@example.com");
    assert_eq!(a.contact.key.value(), "cy@example.com");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    assert_eq!(a.contact.error, None);
    assert_eq!(a.contact.shown.as_deref(), Some("cy@example.com"));
    // `e` keeps the key, cursor at its end: a Backspace and `m` make `…example.cam`.
    press(&mut a, &mut ws, ch('e'));
    assert_eq!(a.contact.mode, ContactMode::Typing);
    press(&mut a, &mut ws, key(KeyCode::Backspace));
    press(&mut a, &mut ws, key(KeyCode::Backspace));
    type_text(&mut a, &mut ws, "am");
    assert_eq!(a.contact.key.value(), "cy@example.cam");
}

#[test]
fn the_audit_log_is_newest_first_and_sanitised() {
    let mut ws = br15();
    // A file name with an escape sequence: the audit subject holds it as given.
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("list\u{1b}[2J.txt");
    std::fs::write(&evil, "ana@example.com\n").unwrap();
    tactful::import::suppress::suppress_file(&mut ws, &evil, "test").unwrap();
    let mut a = started(&ws, 120, 40);
    press(&mut a, &mut ws, ch('9'));
    let actions: Vec<&str> = a.audit.entries.iter().map(|e| e.action.as_str()).collect();
    // br15(): one import; then the suppression above, newest first.
    assert_eq!(actions, ["suppress", "import"]);
    assert_eq!(a.audit.total, Some(2));
    let text = screen_text(&a, 120, 40);
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("list\u{241b}[2J.txt"), "{text}");
    // Enter shows the selected entry whole; Esc goes back.
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let whole = screen_text(&a, 120, 40);
    assert!(whole.contains("\"added\": 1"), "{whole}");
    press(&mut a, &mut ws, key(KeyCode::Esc));
    press(&mut a, &mut ws, key(KeyCode::Down));
    assert_eq!(a.audit.page.selected, 1);
}

#[test]
fn help_lists_the_screens_keys_first_with_whole_labels() {
    let mut ws = br15();
    let mut a = started(&ws, 80, 24);
    press(&mut a, &mut ws, ch('8'));
    let sections = keymap::help_for(&keymap::screen_scopes(&a));
    let titles: Vec<&str> = sections.iter().map(|s| s.title).collect();
    assert_eq!(
        titles,
        [
            "Suppression list screen",
            "Typing a path straight away",
            "Everywhere",
            "This help"
        ]
    );
    press(&mut a, &mut ws, ch('?'));
    assert_eq!(a.popup, Some(Popup::Help));
    let text = screen_text(&a, 80, 24);
    // Labels are wrapped, never cut (a cut one ends in `~`), and a key's lines stay in
    // one column. The two `~` are the key that starts a path with `~` and its label.
    assert_eq!(text.matches('~').count(), 2, "{text}");
    assert!(
        text.contains("│~               type a path starting"),
        "{text}"
    );
    assert!(text.contains("│                with ~ "), "{text}");
    assert!(text.contains("import a suppression"), "{text}");
    assert!(text.contains("file (type its path)"), "{text}");
    insta::assert_snapshot!("help_suppression_80x24", text);
    // Everything is there over the pages: the last global key, whole.
    press(&mut a, &mut ws, key(KeyCode::PageDown));
    let second = screen_text(&a, 80, 24);
    assert!(second.contains("page 2 of 2"), "{second}");
    assert!(second.contains("quit"), "{second}");
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn record_screens_snapshots() {
    for (w, h) in SIZES {
        let mut ws = br15();
        let mut a = started(&ws, w, h);
        import_list(&mut a, &mut ws);
        insta::assert_snapshot!(format!("suppression_report_{w}x{h}"), screen_text(&a, w, h));
        press(&mut a, &mut ws, key(KeyCode::Esc));
        insta::assert_snapshot!(format!("suppression_list_{w}x{h}"), screen_text(&a, w, h));
        press(&mut a, &mut ws, ch('9'));
        insta::assert_snapshot!(format!("audit_{w}x{h}"), screen_text(&a, w, h));
        send(&mut a, &ws, Message::OpenContacts);
        press(&mut a, &mut ws, key(KeyCode::Enter));
        press(&mut a, &mut ws, ch('E'));
        insta::assert_snapshot!(format!("contact_erase_{w}x{h}"), screen_text(&a, w, h));
    }
}

/// The app keeps several connections open on its worker threads (quick reads, counts,
/// writes, segments, review, preview). An erasure must wipe the old copies all the
/// same: none of them may hold a read open while idle, or `rights::erase` would refuse
/// ("another program is reading"). Run through the real threads on a workspace file.
#[test]
fn an_erasure_succeeds_beside_the_apps_own_connections() {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    use tactful::tui::LoopEvent;
    use tactful::tui::jobs::{Runner, route};
    use tactful::tui::message::{Job, Request};
    use tactful::tui::screens::contact::message::ContactMsg;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.tactful");
    let mut ws = Workspace::open(&path).unwrap();
    let csv = format!(
        "{}/tests/fixtures/tui_campaign.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut plan = ImportPlan::new(csv, "test");
    plan.consent.insert(
        tactful::fields::Channel::Email,
        tactful::fields::ConsentState::Granted,
    );
    import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    let (events, inbox) = mpsc::channel();
    let worker = Runner::spawn(ws, events, route::execute).unwrap();
    // Reads on the quick and background threads first, as the app does on start.
    worker.send(Request::LoadFields { generation: 1 });
    worker.send(Request::CountContacts { generation: 2 });
    worker.send(Request::Write {
        generation: 3,
        job: Job::EraseContact("bo@example.com".into()),
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let erased = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match inbox.recv_timeout(left).expect("a reply within a minute") {
            LoopEvent::Reply(Message::Contact(ContactMsg::Erased { result, .. })) => break result,
            _ => continue,
        }
    };
    let report = erased.expect("the erasure succeeds");
    assert_eq!(report.suppression_entries, 2);
    drop(worker);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(tactful::workspace::browse::count(ws.conn()).unwrap(), 3);
}

#[test]
fn the_mouse_wheel_moves_through_the_audit_log() {
    use crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut ws = br15();
    tactful::import::suppress::suppress_file(
        &mut ws,
        std::path::Path::new(&common::fixture("suppress_list.txt")),
        "test",
    )
    .unwrap();
    let mut a = started(&ws, 80, 24);
    press(&mut a, &mut ws, ch('9'));
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 6,
            modifiers: KeyModifiers::NONE,
        })
    };
    press(&mut a, &mut ws, wheel(MouseEventKind::ScrollDown));
    assert_eq!(a.audit.page.selected, 1);
    // Two entries (the import, the suppression): the wheel stops at the last.
    press(&mut a, &mut ws, wheel(MouseEventKind::ScrollDown));
    assert_eq!(a.audit.page.selected, 1);
    press(&mut a, &mut ws, wheel(MouseEventKind::ScrollUp));
    assert_eq!(a.audit.page.selected, 0);
}
