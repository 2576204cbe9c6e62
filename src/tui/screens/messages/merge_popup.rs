//! Keys while the Messages screen's merge-field popup is open: the list of merge fields,
//! then the fallback of the chosen one, inserted into the focused editor together.

use super::Focus;
use super::merge_fields::{FallbackInput, checked_fallback, snippet};
use super::update::{PopupChange, Update, edited};
use crate::tui::message::{Message, Request};
use crate::tui::widgets::text_input::TextEdit;

/// Keys while the merge-field list is open: move, choose the selected field (refused,
/// with the reason, when it is blocked), or close; once a field is chosen, type its
/// fallback and insert both (an empty or placeholder fallback is refused, with the
/// reason), or go back to the list.
pub(crate) fn merge_popup(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    if u.messages.merge_fallback.is_some() {
        return Some(fallback_popup(u, message));
    }
    let m = &mut u.messages;
    let last = m.merge.len().saturating_sub(1);
    match message {
        Message::ScrollDown => m.merge_selected = (m.merge_selected + 1).min(last),
        Message::ScrollUp => m.merge_selected = m.merge_selected.saturating_sub(1),
        Message::Submit => {
            let Some(choice) = m.merge.get(m.merge_selected).cloned() else {
                return Some(Vec::new());
            };
            if let Some(why) = choice.blocked {
                u.ctx.error = Some(why);
                return Some(Vec::new());
            }
            u.ctx.error = None;
            m.merge_fallback = Some(FallbackInput::new(&choice.name));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Keys while the fallback of the chosen merge field is typed.
fn fallback_popup(u: &mut Update<'_>, message: &Message) -> Vec<Request> {
    let m = &mut u.messages;
    let Some(f) = m.merge_fallback.as_mut() else {
        return Vec::new();
    };
    match message {
        Message::Edit(edit) => {
            f.input.apply(edit);
            f.error = None;
        }
        Message::ClosePopup => m.merge_fallback = None,
        Message::Submit => match checked_fallback(&f.field, f.input.value()) {
            Err(why) => f.error = Some(why),
            Ok(fallback) => {
                let paste = TextEdit::Paste(snippet(&f.field, &fallback));
                m.merge_fallback = None;
                u.popup = Some(PopupChange::Close);
                match m.focus {
                    Focus::Subject => m.subject.apply(&paste),
                    _ => m.body.apply(&paste),
                };
                return edited(u);
            }
        },
        _ => {}
    }
    Vec::new()
}
