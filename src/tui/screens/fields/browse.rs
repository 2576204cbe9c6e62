//! How the Fields screen's two tables move and fill: the field list, and the contacts
//! browser that reads a window of contacts at a time (keyset paging: a window before
//! and after the selection, refilled as it nears an edge), with the count read in the
//! background. Called only from `tui::update`; a reply older than the request waited
//! for is dropped, so the newest wins.

use crate::fields::Field;
use crate::tui::context::Context;
use crate::tui::layout;
use crate::tui::message::{Page, PageAnchor, Request, Screen};

use super::contacts::ContactsState;
use super::{FieldsState, FieldsView};

/// What the Fields screen's tables work on: its two states, the shared context, and the
/// screen showing (opening the contacts browser shows the Fields screen; `tui::update`
/// passes it in and takes it back).
pub struct Browse<'a> {
    pub fields: &'a mut FieldsState,
    pub contacts: &'a mut ContactsState,
    pub ctx: &'a mut Context,
    pub screen: Screen,
}

/// The field list arrived: it replaces the one shown, and the browser reads its window
/// again when the fields changed under it.
pub fn fields_loaded(
    app: &mut Browse<'_>,
    generation: u64,
    result: Result<Vec<Field>, String>,
    view: usize,
) -> Vec<Request> {
    if app.fields.pending != Some(generation) {
        return Vec::new();
    }
    app.fields.pending = None;
    match result {
        Ok(fields) => {
            app.ctx.error = None;
            let changed = fields != app.fields.fields;
            app.fields.set_fields(fields.clone());
            if changed {
                app.contacts.set_fields(fields);
                if app.fields.view == FieldsView::Contacts {
                    return request_page(app, PageAnchor::First, view);
                }
            }
        }
        Err(e) => app.ctx.error = Some(e),
    }
    Vec::new()
}

/// A window of contacts arrived.
pub fn page_loaded(
    app: &mut Browse<'_>,
    generation: u64,
    result: Result<Page, String>,
    view: usize,
) -> Vec<Request> {
    if app.contacts.pending_page != Some(generation) {
        return Vec::new();
    }
    app.contacts.pending_page = None;
    app.contacts.waiting_ticks = 0;
    match result {
        Ok(page) => {
            app.ctx.error = None;
            app.contacts.apply_page(page, view);
        }
        Err(e) => app.ctx.error = Some(e),
    }
    Vec::new()
}

/// The number of contacts arrived.
pub fn count_finished(
    app: &mut Browse<'_>,
    generation: u64,
    result: Result<u64, String>,
) -> Vec<Request> {
    if app.contacts.pending_count != Some(generation) {
        return Vec::new();
    }
    app.contacts.pending_count = None;
    match result {
        Ok(n) => app.contacts.total = Some(n),
        Err(e) => app.ctx.error = Some(e),
    }
    Vec::new()
}

/// A tick: how long a window has been waited for (the status line says "loading"
/// after a while).
pub fn tick(app: &mut Browse<'_>) {
    if app.contacts.pending_page.is_some() {
        app.contacts.waiting_ticks = app.contacts.waiting_ticks.saturating_add(1);
    }
}

/// The terminal now shows `view` rows: keep the selections visible and read more
/// contacts if the window no longer covers the screen.
pub fn resized(app: &mut Browse<'_>, view: usize) -> Vec<Request> {
    app.fields.table.keep_visible(view);
    app.contacts.table.keep_visible(view);
    match app.contacts.refill(view) {
        Some(anchor) if app.contacts.loaded => request_page(app, anchor, view),
        _ => Vec::new(),
    }
}

/// Whether the message should go to the contacts browser rather than the field list.
fn in_contacts(app: &Browse<'_>) -> bool {
    app.screen == Screen::Fields && app.fields.view == FieldsView::Contacts
}

fn in_field_list(app: &Browse<'_>) -> bool {
    app.screen == Screen::Fields && app.fields.view == FieldsView::List
}

/// Show the contacts browser, reading its first window and the count.
pub fn open_contacts(app: &mut Browse<'_>) -> Vec<Request> {
    if app.fields.fields.is_empty() {
        return Vec::new();
    }
    app.screen = Screen::Fields;
    app.fields.view = FieldsView::Contacts;
    let view = layout::visible_rows(app.ctx.size);
    let mut requests = if app.contacts.loaded {
        Vec::new()
    } else {
        request_page(app, PageAnchor::First, view)
    };
    let count = app.ctx.next_generation();
    app.contacts.pending_count = Some(count);
    requests.push(Request::CountContacts { generation: count });
    requests
}

/// Ask for a window: one screenful before the anchor and two from it, so moving a
/// screenful either way stays inside what is loaded.
pub fn request_page(app: &mut Browse<'_>, anchor: PageAnchor, view: usize) -> Vec<Request> {
    let generation = app.ctx.next_generation();
    app.contacts.pending_page = Some(generation);
    app.contacts.waiting_ticks = 0;
    vec![Request::LoadPage {
        generation,
        fields: app.contacts.fields.clone(),
        anchor,
        before: view,
        after: 2 * view,
    }]
}

/// Move the selection of the list showing by `delta` rows.
pub fn scroll(app: &mut Browse<'_>, delta: isize, view: usize) -> Vec<Request> {
    if in_field_list(app) {
        let n = app.fields.fields.len();
        app.fields.table.move_by(delta, n, view);
        Vec::new()
    } else if in_contacts(app) {
        let n = app.contacts.rows.len();
        app.contacts.table.move_by(delta, n, view);
        match app.contacts.refill(view) {
            Some(anchor) => request_page(app, anchor, view),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    }
}

/// Jump to the first or last row of the list showing.
pub fn jump(app: &mut Browse<'_>, anchor: PageAnchor, view: usize) -> Vec<Request> {
    let to_end = anchor == PageAnchor::Last;
    if in_field_list(app) {
        let n = app.fields.fields.len() as isize;
        app.fields
            .table
            .move_by(if to_end { n } else { -n }, n as usize, view);
        return Vec::new();
    }
    if !in_contacts(app) {
        return Vec::new();
    }
    let c = &mut *app.contacts;
    let n = c.rows.len();
    if (to_end && c.at_end) || (!to_end && c.at_start) {
        // This jump is answered locally and supersedes any window still in flight.
        c.pending_page = None;
        c.table
            .move_by(if to_end { n as isize } else { -(n as isize) }, n, view);
        return Vec::new();
    }
    request_page(app, anchor, view)
}

/// Scroll the table showing by `delta` columns.
pub fn scroll_columns(app: &mut Browse<'_>, delta: isize) -> Vec<Request> {
    if in_field_list(app) {
        let n = app.fields.scrollable_columns();
        app.fields.table.scroll_columns(delta, n);
    } else if in_contacts(app) {
        let n = app.contacts.scrollable_columns();
        app.contacts.table.scroll_columns(delta, n);
    }
    Vec::new()
}

/// Select the row drawn at `line` of the table body.
pub fn select_line(app: &mut Browse<'_>, line: usize, view: usize) -> Vec<Request> {
    if in_field_list(app) {
        let row = app.fields.table.top + line;
        if row < app.fields.fields.len() {
            app.fields.table.selected = row;
        }
        Vec::new()
    } else if in_contacts(app) {
        let row = app.contacts.table.top + line;
        if row < app.contacts.rows.len() {
            app.contacts.table.selected = row;
        }
        match app.contacts.refill(view) {
            Some(anchor) => request_page(app, anchor, view),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    }
}
