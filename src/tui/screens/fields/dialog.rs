//! The dialog that changes a field's privacy class or role: pick from two lists, then
//! write the reason, which goes to the field and the audit log
//! (`fields::change::set`). When the change lowers protection (a less protected class,
//! or a safeguard role taken away: `fields::change::lowered_protection`, the CLI's own
//! rule), the dialog says so above the reason, and that review will show it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::fields::{Field, PrivacyClass, Role};
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::{TextInput, TextInputView};

/// Which list has the keyboard while picking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Class,
    Role,
}

/// The dialog's two steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Pick,
    Reason,
}

/// State of the open dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldEdit {
    pub field: Field,
    /// Index into [`PrivacyClass::ALL`] / [`Role::ALL`].
    pub class: usize,
    pub role: usize,
    pub focus: Focus,
    pub step: Step,
    pub reason: TextInput,
    /// Why the last Enter did not go through (nothing changed, no reason, or the
    /// workspace's refusal).
    pub error: Option<String>,
    /// Generation of the change in flight.
    pub pending: Option<u64>,
}

impl FieldEdit {
    /// The dialog for `field`, with its current class and role selected.
    pub fn new(field: Field) -> Self {
        let class = PrivacyClass::ALL
            .iter()
            .position(|c| *c == field.class)
            .unwrap_or(0);
        let role = Role::ALL.iter().position(|r| *r == field.role).unwrap_or(0);
        FieldEdit {
            field,
            class,
            role,
            focus: Focus::Class,
            step: Step::Pick,
            reason: TextInput::default(),
            error: None,
            pending: None,
        }
    }

    /// The class picked, if it differs from the field's.
    pub fn new_class(&self) -> Option<PrivacyClass> {
        let c = PrivacyClass::ALL[self.class.min(PrivacyClass::ALL.len() - 1)];
        (c != self.field.class).then_some(c)
    }

    /// The role picked, if it differs from the field's.
    pub fn new_role(&self) -> Option<Role> {
        let r = Role::ALL[self.role.min(Role::ALL.len() - 1)];
        (r != self.field.role).then_some(r)
    }

    /// How the picked class and role lower the field's protection, in words, if they
    /// do (the core's rule, as `fields set` applies it).
    pub fn lowers_protection(&self) -> Option<String> {
        crate::fields::change::lowered_protection(&self.field, &self.after())
    }

    /// The field as the change would leave it: a role that implies a class raises it
    /// (`fields::change::outcome`; an age is a protected trait). A pick the core
    /// refuses shows as picked; saving then shows the refusal.
    pub fn after(&self) -> Field {
        let (class, role) = (self.new_class(), self.new_role());
        crate::fields::change::outcome(&self.field, class, role).unwrap_or_else(|_| Field {
            class: class.unwrap_or(self.field.class),
            role: role.unwrap_or(self.field.role),
            ..self.field.clone()
        })
    }

    /// Move the selection in the focused list by `delta`, staying inside it.
    pub fn move_by(&mut self, delta: isize) {
        let (index, len) = match self.focus {
            Focus::Class => (&mut self.class, PrivacyClass::ALL.len()),
            Focus::Role => (&mut self.role, Role::ALL.len()),
        };
        *index = index.saturating_add_signed(delta).min(len - 1);
    }

    /// What `app.ctx.unsaved` says while a reason is typed.
    pub fn unsaved_label(&self) -> String {
        format!("reason for changing field `{}`", self.field.name)
    }
}

/// Draw the dialog over `area`.
pub fn render(edit: &FieldEdit, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 72, 20);
    Clear.render(rect, buf);
    let block = Block::bordered().title(format!(
        " Change field {} ",
        crate::text::for_terminal(&edit.field.name)
    ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 6 || inner.width < 30 {
        return;
    }
    let now = Line::from(format!(
        " now: class {}, role {}",
        edit.field.class.as_str(),
        edit.field.role.as_str()
    ));
    now.render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    match edit.step {
        Step::Pick => {
            let half = inner.width / 2;
            let lists_height = inner.height.saturating_sub(4);
            let list = |x: u16, title: &str, items: Vec<&str>, sel: usize, focused: bool| {
                let mut lines = vec![Line::styled(
                    format!(" {title}"),
                    if focused {
                        theme::ACTIVE_TAB
                    } else {
                        theme::HEADER
                    },
                )];
                // Keep the selection in view when the list is taller than the dialog.
                let room = usize::from(lists_height).saturating_sub(1).max(1);
                let skip = sel.saturating_sub(room - 1);
                for (i, item) in items.iter().enumerate().skip(skip).take(room) {
                    let style = if i == sel {
                        theme::SELECTED
                    } else {
                        Style::default()
                    };
                    let mark = if i == sel { " > " } else { "   " };
                    lines.push(Line::styled(format!("{mark}{item}"), style));
                }
                (lines, x)
            };
            let classes = PrivacyClass::ALL.iter().map(|c| c.as_str()).collect();
            let roles = Role::ALL.iter().map(|r| r.as_str()).collect();
            for (lines, x) in [
                list(
                    inner.x,
                    "privacy class",
                    classes,
                    edit.class,
                    edit.focus == Focus::Class,
                ),
                list(
                    inner.x + half,
                    "role",
                    roles,
                    edit.role,
                    edit.focus == Focus::Role,
                ),
            ] {
                Paragraph::new(lines).render(Rect::new(x, inner.y + 2, half, lists_height), buf);
            }
            footer(
                edit,
                "Up/Down choose  Tab other list  Enter next  Esc cancel",
                inner,
                buf,
            );
        }
        Step::Reason => {
            let after = edit.after();
            let mut lines = vec![Line::from(format!(
                " new: class {}, role {}",
                after.class.as_str(),
                after.role.as_str()
            ))];
            if let Some(what) = edit.lowers_protection() {
                lines.push(Line::from(""));
                lines.push(Line::styled(
                    format!(
                        " This lowers protection ({what}). Justify it in at least 20 \
                         characters and two words; the reason is written to the audit \
                         log and shown in every review that relies on it."
                    ),
                    theme::WARNING,
                ));
            } else {
                lines.push(Line::from(""));
                lines.push(Line::from(
                    " Say why; the reason is written to the audit log.",
                ));
            }
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(Rect::new(inner.x, inner.y + 1, inner.width, 6), buf);
            Span::styled(" Reason: ", theme::HEADER)
                .render(Rect::new(inner.x, inner.y + 8, 9, 1), buf);
            TextInputView {
                input: &edit.reason,
                focused: true,
                style: theme::COMMAND,
            }
            .render(
                Rect::new(inner.x + 9, inner.y + 8, inner.width.saturating_sub(10), 1),
                buf,
            );
            footer(edit, "Enter save  Esc cancel", inner, buf);
        }
    }
}

fn footer(edit: &FieldEdit, keys: &str, inner: Rect, buf: &mut Buffer) {
    let y = inner.bottom() - 1;
    if let Some(e) = &edit.error {
        Span::styled(
            fit(&format!(" {e}"), usize::from(inner.width)),
            theme::ERROR,
        )
        .render(Rect::new(inner.x, y - 1, inner.width, 1), buf);
    } else if edit.pending.is_some() {
        Span::raw(" saving...").render(Rect::new(inner.x, y - 1, inner.width, 1), buf);
    }
    Span::styled(
        fit(&format!(" {keys}"), usize::from(inner.width)),
        theme::CHROME,
    )
    .render(Rect::new(inner.x, y, inner.width, 1), buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::FieldType;

    /// New-user trial 8, H4 (TUI route): picking role `age` for an ordinary field shows
    /// the class the role raises it to, and no lowered protection.
    #[test]
    fn an_age_role_picked_shows_the_protected_class() {
        let field = Field {
            name: "value_a".into(),
            header: "Value A".into(),
            ty: FieldType::Integer,
            role: Role::None,
            class: PrivacyClass::Ordinary,
            reason: "nothing matched".into(),
            kind: None,
        };
        let mut edit = FieldEdit::new(field);
        edit.role = Role::ALL.iter().position(|r| *r == Role::Age).unwrap();
        let after = edit.after();
        assert_eq!(
            (after.class, after.role),
            (PrivacyClass::Protected, Role::Age)
        );
        assert_eq!(edit.lowers_protection(), None);
    }
}
