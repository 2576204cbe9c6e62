//! `update` for the class and role dialog of the Fields screen. A typed reason is
//! unsaved work (`Context::unsaved`) until it is saved or the dialog is cancelled, so
//! `q` asks before losing it.
//!
//! The dialog is `FieldsState::edit`; `tui::update` shows its popup while it is open.

use super::FieldsState;
use super::FieldsView;
use super::contacts::ContactsState;
use super::dialog::{FieldEdit, Focus, Step};
use crate::fields::change::FieldChange;
use crate::tui::context::Context;
use crate::tui::message::{Job, Message, Request};

/// Open the dialog on the selected field (the Fields screen showing its list). True
/// when it opened.
pub fn open(fields: &mut FieldsState) -> bool {
    if fields.view != FieldsView::List {
        return false;
    }
    let Some(field) = fields.fields.get(fields.table.selected) else {
        return false;
    };
    fields.edit = Some(FieldEdit::new(field.clone()));
    true
}

/// Messages while the dialog is open. Closing it leaves `FieldsState::edit` empty.
pub fn dialog_message(
    fields: &mut FieldsState,
    ctx: &mut Context,
    message: &Message,
    delta: isize,
) -> Option<Vec<Request>> {
    let edit = fields.edit.as_mut()?;
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
            ctx.unsaved.retain(|u| *u != label);
            if typed {
                ctx.unsaved.push(label);
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
            let generation = ctx.next_generation();
            edit.pending = Some(generation);
            return Some(vec![Request::Write { generation, job }]);
        }
        (_, Message::ClosePopup) => close(fields, ctx),
        _ => return None,
    }
    Some(Vec::new())
}

fn close(fields: &mut FieldsState, ctx: &mut Context) {
    if let Some(edit) = fields.edit.take() {
        let label = edit.unsaved_label();
        ctx.unsaved.retain(|u| *u != label);
    }
}

/// The worker's answer to a change: close the dialog and reload the fields, or show
/// why it failed in the dialog. Returns the reload when the change went through
/// (`tui::update` then hides the dialog's popup), `None` otherwise.
pub fn changed(
    fields: &mut FieldsState,
    contacts: &mut ContactsState,
    ctx: &mut Context,
    generation: u64,
    result: Result<Box<FieldChange>, String>,
) -> Option<Vec<Request>> {
    let edit = fields.edit.as_mut()?;
    if edit.pending != Some(generation) {
        return None;
    }
    edit.pending = None;
    match result {
        Ok(change) => {
            let kept = crate::fields::kept::note(&change.after.name, &change.kept_protected)
                .map(|n| format!("; {n}"))
                .unwrap_or_default();
            ctx.notice = Some(format!(
                "field `{}`: class {} -> {}, role {} -> {}{}; recorded in the audit log{kept}",
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
            close(fields, ctx);
            Some(refresh(fields, contacts, ctx))
        }
        Err(e) => {
            edit.error = Some(e);
            None
        }
    }
}

/// Reload the fields and the count (after a change to the workspace, or on `r`).
pub fn refresh(
    fields: &mut FieldsState,
    contacts: &mut ContactsState,
    ctx: &mut Context,
) -> Vec<Request> {
    let generation = ctx.next_generation();
    fields.pending = Some(generation);
    let count = ctx.next_generation();
    contacts.pending_count = Some(count);
    vec![
        Request::LoadFields { generation },
        Request::CountContacts { generation: count },
    ]
}
