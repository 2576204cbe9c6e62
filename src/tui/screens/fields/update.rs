//! `update` for the class and role dialog of the Fields screen. A typed reason is
//! unsaved work (`App::unsaved`) until it is saved or the dialog is cancelled, so `q`
//! asks before losing it.

use super::FieldsView;
use super::dialog::{FieldEdit, Focus, Step};
use crate::fields::change::FieldChange;
use crate::tui::app::{App, Popup};
use crate::tui::message::{Job, Message, Request, Screen};
use crate::tui::update::refresh;

/// Open the dialog on the selected field.
pub fn open(app: &mut App) -> Vec<Request> {
    if app.screen != Screen::Fields || app.fields.view != FieldsView::List {
        return Vec::new();
    }
    if let Some(field) = app.fields.fields.get(app.fields.table.selected) {
        app.fields.edit = Some(FieldEdit::new(field.clone()));
        app.popup = Some(Popup::FieldEdit);
    }
    Vec::new()
}

/// Messages while the dialog is open.
pub fn dialog_message(app: &mut App, message: &Message, delta: isize) -> Option<Vec<Request>> {
    let edit = app.fields.edit.as_mut()?;
    match (edit.step, message) {
        (Step::Pick, _) if delta != 0 => edit.move_by(delta.signum()),
        (Step::Pick, Message::SwitchFocus) => {
            edit.focus = match edit.focus {
                Focus::Class => Focus::Role,
                Focus::Role => Focus::Class,
            };
        }
        (Step::Pick, Message::Submit) => {
            if edit.new_class().is_none() && edit.new_role().is_none() {
                edit.error = Some("pick a different class or role, or Esc to cancel".into());
            } else {
                edit.error = None;
                edit.step = Step::Reason;
            }
        }
        (Step::Reason, Message::Edit(e)) => {
            edit.reason.apply(e);
            let label = edit.unsaved_label();
            let typed = !edit.reason.is_blank();
            app.unsaved.retain(|u| *u != label);
            if typed {
                app.unsaved.push(label);
            }
        }
        (Step::Reason, Message::Submit) => {
            if edit.pending.is_some() {
                return Some(Vec::new());
            }
            // The same check `fields::change::set` runs (and runs again): a change that
            // lowers protection needs a justification, any change visible text.
            if let Err(e) = crate::fields::change::check_reason(
                &edit.field,
                edit.new_class(),
                edit.new_role(),
                edit.reason.value(),
            ) {
                edit.error = Some(e.to_string());
                return Some(Vec::new());
            }
            let job = Job::SetField {
                name: edit.field.name.clone(),
                class: edit.new_class(),
                role: edit.new_role(),
                reason: edit.reason.value().trim().to_string(),
            };
            edit.error = None;
            let generation = app.next_generation();
            if let Some(edit) = app.fields.edit.as_mut() {
                edit.pending = Some(generation);
            }
            return Some(vec![Request::Write { generation, job }]);
        }
        (_, Message::ClosePopup) => close(app),
        _ => return None,
    }
    Some(Vec::new())
}

fn close(app: &mut App) {
    if let Some(edit) = app.fields.edit.take() {
        let label = edit.unsaved_label();
        app.unsaved.retain(|u| *u != label);
    }
    app.popup = None;
}

/// The worker's answer to a change: close the dialog and reload the fields, or show
/// why it failed in the dialog.
pub fn changed(
    app: &mut App,
    generation: u64,
    result: Result<Box<FieldChange>, String>,
) -> Vec<Request> {
    let Some(edit) = app.fields.edit.as_mut() else {
        return Vec::new();
    };
    if edit.pending != Some(generation) {
        return Vec::new();
    }
    edit.pending = None;
    match result {
        Ok(change) => {
            app.notice = Some(format!(
                "field `{}`: class {} -> {}, role {} -> {}{}; recorded in the audit log",
                change.after.name,
                change.before.class,
                change.after.class,
                change.before.role,
                change.after.role,
                if change.downgrade {
                    " (lowers protection)"
                } else {
                    ""
                }
            ));
            close(app);
            refresh(app)
        }
        Err(e) => {
            edit.error = Some(e);
            Vec::new()
        }
    }
}
