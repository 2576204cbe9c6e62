//! The TUI test driver, shared by every TUI test: a workspace built from hand-written
//! fields and contacts, an `App` on it, one synchronous stand-in for the worker
//! threads ([`run`]) behind the same `update` and keymap the event loop uses, and
//! drawing to a `TestBackend`.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tactful::fields::{Field, FieldType, PrivacyClass, Role};
use tactful::tui::app::{App, AppOptions};
use tactful::tui::jobs::route;
use tactful::tui::message::{Message, Request};
use tactful::tui::{update::update, view};
use tactful::workspace::{Workspace, WorkspaceError, fields, quote_ident};

/// A field as an import would have described it.
pub fn field(
    name: &str,
    header: &str,
    ty: FieldType,
    role: Role,
    class: PrivacyClass,
    reason: &str,
) -> Field {
    Field {
        name: name.into(),
        header: header.into(),
        ty,
        role,
        class,
        reason: reason.into(),
        kind: None,
    }
}

/// An in-memory workspace holding `fields` and one contact per row: the key, then one
/// value per field (`None` = blank), inserted with bound parameters in batch 1.
pub fn workspace(fields_: &[Field], contacts: &[(String, Vec<Option<String>>)]) -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.write(|tx| {
        for f in fields_ {
            fields::add(tx, f, "test", Some(1))?;
        }
        let mut columns = String::from("_key, _batch");
        let mut marks = String::from("?1, 1");
        for (i, f) in fields_.iter().enumerate() {
            columns.push_str(", ");
            columns.push_str(&quote_ident(&f.name));
            marks.push_str(&format!(", ?{}", i + 2));
        }
        let sql = format!("INSERT INTO contacts ({columns}) VALUES ({marks})");
        for (key, values) in contacts {
            let mut params: Vec<&dyn rusqlite::ToSql> = vec![key];
            for v in values {
                params.push(v);
            }
            tx.execute(&sql, params.as_slice())?;
        }
        Ok::<_, WorkspaceError>(())
    })
    .unwrap();
    ws
}

/// The fields of the snapshot workspace: one of each class, two of them sensitive.
pub fn shop_fields() -> Vec<Field> {
    use FieldType as T;
    use PrivacyClass as C;
    vec![
        field(
            "email",
            "Email",
            T::Text,
            Role::Email,
            C::DirectIdentifier,
            "header token `email`",
        ),
        field(
            "first_name",
            "First Name",
            T::Text,
            Role::Name,
            C::DirectIdentifier,
            "header token `name`",
        ),
        field(
            "city",
            "City",
            T::Text,
            Role::None,
            C::QuasiIdentifier,
            "header token `city`",
        ),
        field(
            "religion",
            "Religion",
            T::Text,
            Role::None,
            C::SpecialCategory,
            "header token `religion`",
        ),
        field(
            "gender",
            "Gender",
            T::Text,
            Role::None,
            C::Protected,
            "values are gender terms",
        ),
        field(
            "orders",
            "Orders",
            T::Integer,
            Role::None,
            C::Ordinary,
            "no sensitive token",
        ),
        field(
            "accepts_email",
            "Accepts Email Marketing",
            T::Boolean,
            Role::ConsentEmail,
            C::Consent,
            "Shopify consent header",
        ),
    ]
}

fn s(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

/// Six hand-written contacts for `shop_fields`.
pub fn shop_contacts() -> Vec<(String, Vec<Option<String>>)> {
    let rows = [
        ["ana@example.com", "Ana", "Lyon", "", "female", "3", "1"],
        ["ben@example.com", "Ben", "Leeds", "", "", "1", "0"],
        [
            "chloe@example.com",
            "Chloé",
            "Gent",
            "",
            "female",
            "12",
            "1",
        ],
        ["dev@example.com", "Dev", "Pune", "", "male", "0", ""],
        ["eva@example.com", "Eva", "Graz", "", "", "7", "1"],
        ["finn@example.com", "Finn", "Cork", "", "male", "2", "0"],
    ];
    rows.iter()
        .map(|r| (r[0].to_string(), r.iter().map(|v| s(v)).collect()))
        .collect()
}

/// The app as `tui::run` builds it, for a workspace at a made-up path.
pub fn app(ws: &Workspace, width: u16, height: u16) -> App {
    App::new(AppOptions {
        workspace: "/home/ana/shop.tactful".into(),
        fields: fields::list(ws.conn()).unwrap(),
        width,
        height,
        as_of: None,
    })
}

/// Apply `message`, then run every request it causes (and those their replies cause)
/// against `ws`, as the worker would, until nothing is left to do. Reads only: a write
/// request fails the test (use [`send_mut`]).
pub fn send(app: &mut App, ws: &Workspace, message: Message) {
    let mut queue: Vec<Request> = update(app, message);
    while !queue.is_empty() {
        let request = queue.remove(0);
        assert!(
            !matches!(request, Request::Write { .. }),
            "{request:?} writes; use send_mut"
        );
        if let Some(reply) = route::read(ws, &request) {
            queue.extend(update(app, reply));
        }
    }
}

/// The one synchronous stand-in for the job runner's lanes: run `requests` and every
/// request their replies cause on `ws`, as the lanes would, changes included,
/// applying each reply with the
/// same `update` the event loop uses. Returns the progress messages the writes sent, in
/// order, after applying them.
pub fn run(app: &mut App, ws: &mut Workspace, requests: Vec<Request>) -> Vec<Message> {
    let mut progress = Vec::new();
    let mut queue = requests;
    while !queue.is_empty() {
        let request = queue.remove(0);
        let mut sent = Vec::new();
        let reply = route::answer(ws, &request, &mut |m| sent.push(m));
        for m in sent {
            queue.extend(update(app, m.clone()));
            progress.push(m);
        }
        if let Some(reply) = reply {
            queue.extend(update(app, reply));
        }
    }
    progress
}

/// Like [`send`], with writes run too ([`run`]); returns the progress messages they
/// sent, in order, after applying them.
pub fn send_mut(app: &mut App, ws: &mut Workspace, message: Message) -> Vec<Message> {
    let requests = update(app, message);
    run(app, ws, requests)
}

/// Map `event` with the keymap and apply it with [`send_mut`], as the event loop does.
pub fn press(app: &mut App, ws: &mut Workspace, event: Event) {
    if let Some(m) = tactful::tui::keymap::map(app, &event) {
        send_mut(app, ws, m);
    }
}

/// A key press of `code` without modifiers.
pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A key press of the character `c`.
pub fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// `c` with Ctrl held.
pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Type `text` key by key (each key's work runs before the next, as reaches do).
pub fn type_text(app: &mut App, ws: &mut Workspace, text: &str) {
    for c in text.chars() {
        press(app, ws, ch(c));
    }
}

/// The path of a file in `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Draw `app` on a fresh test terminal of `width`×`height`.
pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    terminal
}

/// The text of every row of `app` drawn at `width`×`height`, each row ending in a line
/// break.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// The segment editor's rule as typed. Panics when no editor is open.
pub fn rule_text(app: &App) -> String {
    app.segments
        .editor
        .as_ref()
        .expect("the segment editor is open")
        .rule
        .text()
        .to_string()
}
