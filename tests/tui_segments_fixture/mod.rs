//! The workspace the Segments screen tests share: six hand-written contacts, a field of
//! each kind a rule uses (one of them special category data), three saved segments
//! whose reach and overlap are worked out by hand below. The driver is the one in
//! `tui_common`.
#![allow(dead_code)]

use std::collections::BTreeSet;

use crossterm::event::KeyCode;
use tactful::fields::{Field, FieldType as T, PrivacyClass as C, Role};
use tactful::segment::Scope;
use tactful::segment::store;
use tactful::tui::app::App;
use tactful::workspace::Workspace;

// The driver is `tui_common`'s; each test binary that includes this file uses a part.
#[allow(unused_imports)]
pub use crate::common::{ctrl, key, press, run, send_mut as send, type_text};
use crate::common::{field, workspace};

/// Fields in the order they are added (the builder lists them in this order).
pub fn fields() -> Vec<Field> {
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
            "total_spent",
            "Total Spent",
            T::Decimal,
            Role::None,
            C::Ordinary,
            "no sensitive token",
        ),
        field(
            "tags",
            "Tags",
            T::List,
            Role::Tags,
            C::Ordinary,
            "header token `tags`",
        ),
    ]
}

fn contact(values: [&str; 6]) -> (String, Vec<Option<String>>) {
    let v = values
        .iter()
        .map(|s| (!s.is_empty()).then(|| s.to_string()))
        .collect();
    (values[0].to_string(), v)
}

/// Six contacts. By hand:
/// - `city is "Berlin"`: ana, ben, dev (3);
/// - `total_spent >= 100`: ana (120.5), chloe (300), dev (100) (3);
/// - `tags has "vip"`: ana, chloe, eva (3);
/// - Berlin and >= 100: ana, dev (2); Berlin and vip: ana (1); >= 100 and vip: ana, chloe (2).
pub fn contacts() -> Vec<(String, Vec<Option<String>>)> {
    vec![
        contact(["ana@example.com", "Ana", "Berlin", "", "120.5", "vip, gold"]),
        contact(["ben@example.com", "Ben", "Berlin", "", "40", ""]),
        contact(["chloe@example.com", "Chloé", "Hamburg", "", "300", "vip"]),
        contact(["dev@example.com", "Dev", "Berlin", "", "100", "gold"]),
        contact(["eva@example.com", "Eva", "Lyon", "", "", "vip"]),
        contact(["finn@example.com", "Finn", "München", "", "15", ""]),
    ]
}

/// The workspace with segments `berlin`, `big_spenders` and `vip` saved.
pub fn shop() -> Workspace {
    let mut ws = workspace(&fields(), &contacts());
    let fields = fields();
    let none = BTreeSet::new();
    let scope = Scope {
        fields: &fields,
        category: None,
        unlocked: &none,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &fields).unwrap(),
    };
    for (name, rule, description) in [
        ("berlin", "city is \"Berlin\"", "Everyone in Berlin"),
        ("big_spenders", "total_spent >= 100", ""),
        ("vip", "tags has \"vip\"", "VIP tag"),
    ] {
        store::add(&mut ws, name, rule, description, &scope).unwrap();
    }
    ws
}

/// Campaign `spring` with one entry for segment `vip`, inserted with bound parameters.
pub fn use_in_campaign(ws: &mut Workspace) {
    ws.write(|tx| {
        tx.execute(
            "INSERT INTO campaigns (name, channel, category, created_at, updated_at) VALUES ('spring', 'email', 'general', ?1, ?1)",
            ["2026-03-01T00:00:00Z"],
        )?;
        tx.execute(
            "INSERT INTO campaign_entries (campaign, position, segment, body) VALUES ('spring', 1, 'vip', 'Hi')",
            [],
        )?;
        Ok::<_, tactful::workspace::WorkspaceError>(())
    })
    .unwrap();
}

/// An app on `ws` at `width`×`height`, on the Segments screen with the list loaded.
pub fn on_segments(ws: &mut Workspace, width: u16, height: u16) -> App {
    let mut app = crate::common::app(ws, width, height);
    app.segments.as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
    press(&mut app, ws, key(KeyCode::Char('3')));
    app
}
