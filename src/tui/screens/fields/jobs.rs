//! The Fields screen's jobs, run by the job runner (`tui::jobs`): the field list, windows
//! of contacts, the contact count (reads), and a field's new class or role (a change).

use rusqlite::ErrorCode;

use crate::fields::{PrivacyClass, Role};
use crate::tui::message::{Message, Page, PageAnchor, Request};
use crate::workspace::browse::{self, Bound};
use crate::workspace::{Workspace, WorkspaceError, actor, fields};

/// Answer [`Request::LoadFields`], [`Request::LoadPage`] or [`Request::CountContacts`]
/// (`None` for any other request, and for an interrupted count).
pub fn read(ws: &Workspace, request: &Request) -> Option<Message> {
    let text = |e: WorkspaceError| e.to_string();
    match request {
        Request::LoadFields { generation } => Some(Message::FieldsLoaded {
            generation: *generation,
            result: fields::list(ws.conn()).map_err(text),
        }),
        Request::LoadPage {
            generation,
            fields,
            anchor,
            before,
            after,
        } => Some(Message::PageLoaded {
            generation: *generation,
            result: load_page(ws, fields, *anchor, *before, *after).map_err(text),
        }),
        Request::CountContacts { generation } => match browse::count(ws.conn()) {
            Err(WorkspaceError::Sqlite(e))
                if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) =>
            {
                None
            }
            result => Some(Message::CountFinished {
                generation: *generation,
                result: result.map_err(text),
            }),
        },
        _ => None,
    }
}

/// `fields::change::set`: field `name`'s new class and/or role, with `reason` on
/// record; the actor is the user running the app (`workspace::actor`).
pub fn set(
    ws: &mut Workspace,
    generation: u64,
    name: &str,
    (class, role): (Option<PrivacyClass>, Option<Role>),
    reason: &str,
) -> Message {
    Message::FieldChanged {
        generation,
        result: crate::fields::change::set(ws, name, class, role, reason, &actor())
            .map(Box::new)
            .map_err(|e| e.to_string()),
    }
}

fn load_page(
    ws: &Workspace,
    fields: &[crate::fields::Field],
    anchor: PageAnchor,
    before: usize,
    after: usize,
) -> Result<Page, WorkspaceError> {
    let conn = ws.conn();
    let whole = before + after;
    let (rows, at_start, at_end) = match anchor {
        PageAnchor::First => {
            let rows = browse::page(conn, fields, Bound::First, whole)?;
            let end = rows.len() < whole;
            (rows, true, end)
        }
        PageAnchor::Last => {
            let rows = browse::page(conn, fields, Bound::Last, whole)?;
            let start = rows.len() < whole;
            (rows, start, true)
        }
        PageAnchor::Around { top_id, .. } => {
            let mut rows = browse::page(conn, fields, Bound::Before(top_id), before)?;
            let start = rows.len() < before;
            let tail = browse::page(conn, fields, Bound::From(top_id), after)?;
            let end = tail.len() < after;
            rows.extend(tail);
            (rows, start, end)
        }
    };
    Ok(Page {
        anchor,
        rows,
        at_start,
        at_end,
    })
}
