//! Routing for the record screens outside the tab bar: the suppression list (key 8),
//! the audit log (key 9) and one contact (key 0, or Enter in the contacts browser).
//!
//! Each screen's update takes only its own state, a fresh generation and its page
//! size; this file hands those over and does what reaches beyond a screen: the
//! contacts browser's selected key for `OpenSelected`, the status notice, and after
//! a change to the audience (an import into the suppression list, an erasure) a fresh
//! count, contacts window and preview.

use super::super::app::App;
use super::super::layout;
use super::super::message::{Message, PageAnchor, Request, Screen};
use super::super::screens::audit::{self, message::AuditMsg, update as audit_update};
use super::super::screens::contact::{self, message::ContactMsg, update as contact_update};
use super::super::screens::fields::browse;
use super::super::screens::suppression::{
    self, message::SuppressionMsg, update as suppression_update,
};
use super::super::widgets::text_input::Opening;

/// The body's height at the app's size (0 below the smallest layout).
fn body_height(app: &App) -> u16 {
    layout::areas(app.ctx.size).map_or(0, |a| a.body.height)
}

/// Intents a record screen takes for itself while it shows and no popup is open: the
/// mouse wheel moves through its list and typing goes to its input. `None`: not theirs.
pub fn screen_message(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    match message {
        Message::ScrollDown | Message::ScrollUp => {
            let delta = if *message == Message::ScrollDown {
                1
            } else {
                -1
            };
            match app.screen {
                Screen::Suppression => Some(suppression(app, SuppressionMsg::Move(delta))),
                Screen::Audit => Some(audit(app, AuditMsg::Move(delta))),
                Screen::Contact => Some(contact(app, ContactMsg::Scroll(delta))),
                _ => None,
            }
        }
        Message::StartPath(c) if app.screen == Screen::Suppression => Some(suppression(
            app,
            SuppressionMsg::EditPath(Opening::StartWith(*c)),
        )),
        Message::Edit(edit) if app.screen == Screen::Suppression => {
            suppression_update::edit(&mut app.suppression, edit);
            Some(Vec::new())
        }
        Message::Edit(edit) if app.screen == Screen::Contact => {
            contact_update::edit(&mut app.contact, edit);
            Some(Vec::new())
        }
        _ => None,
    }
}

/// What a record screen reads when it shows.
pub fn entered(app: &mut App) -> Vec<Request> {
    let generation = app.ctx.next_generation();
    let height = body_height(app);
    match app.screen {
        Screen::Suppression => suppression_update::open(
            &mut app.suppression,
            generation,
            suppression::page_rows(height),
        ),
        Screen::Audit => audit_update::open(&mut app.audit, generation, audit::page_rows(height)),
        _ => Vec::new(),
    }
}

/// A message of the suppression list screen.
pub fn suppression(app: &mut App, msg: SuppressionMsg) -> Vec<Request> {
    let generation = app.ctx.next_generation();
    let rows = suppression::page_rows(body_height(app));
    let imported = matches!(&msg, SuppressionMsg::Imported { generation, result: Ok(_) }
        if app.suppression.importing == Some(*generation));
    let outcome = suppression_update::update(&mut app.suppression, msg, generation, rows);
    if let Some(n) = outcome.notice {
        app.ctx.notice = Some(n);
    }
    if imported {
        // The list now excludes more contacts: the stored preview is out of date.
        app.preview.computed_for = None;
    }
    outcome.requests
}

/// A message of the audit log screen.
pub fn audit(app: &mut App, msg: AuditMsg) -> Vec<Request> {
    let generation = app.ctx.next_generation();
    let rows = audit::page_rows(body_height(app));
    audit_update::update(&mut app.audit, msg, generation, rows)
}

/// A message of the contact screen; `OpenSelected` takes the key of the contacts
/// browser's selected row.
pub fn contact(app: &mut App, msg: ContactMsg) -> Vec<Request> {
    let msg = match msg {
        ContactMsg::OpenSelected => {
            let selected = app.contacts.rows.get(app.contacts.table.selected);
            match selected {
                Some(row) => ContactMsg::Open(row.key.clone()),
                None => return Vec::new(),
            }
        }
        other => other,
    };
    if matches!(msg, ContactMsg::Open(_)) {
        app.screen = Screen::Contact;
    }
    let generation = app.ctx.next_generation();
    let rows = contact::page_rows(body_height(app));
    let outcome = contact_update::update(&mut app.contact, msg, generation, app.ctx.as_of, rows);
    if let Some(n) = outcome.notice {
        app.ctx.notice = Some(n);
    }
    let mut requests = outcome.requests;
    if outcome.erased {
        requests.extend(audience_changed(app));
    }
    requests
}

/// The audience lost a contact: count again, read the contacts window around where
/// it was, and preview again when next shown.
fn audience_changed(app: &mut App) -> Vec<Request> {
    app.preview.computed_for = None;
    let mut requests = super::refresh(app);
    if app.contacts.loaded {
        let view = layout::visible_rows(app.ctx.size);
        let anchor = match (
            app.contacts.rows.get(app.contacts.table.top),
            app.contacts.rows.get(app.contacts.table.selected),
        ) {
            (Some(top), Some(selected)) => PageAnchor::Around {
                top_id: top.id,
                selected_id: selected.id,
            },
            _ => PageAnchor::First,
        };
        requests.extend(super::parts::in_browse(app, |b| {
            browse::request_page(b, anchor, view)
        }));
    }
    requests
}
