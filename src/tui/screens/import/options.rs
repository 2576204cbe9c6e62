//! The import options form: the overrides a user can set before importing (delimiter,
//! encoding, header, date order, contact key, short rows, consent for the whole file,
//! and which field each column goes to: `--map` and `--skip`), each a short list of
//! choices stepped through with Left and Right.
//!
//! The form edits a draft [`ImportPlan`], the same type the CLI builds from its flags
//! (STYLE.md, pattern 6); Enter makes the draft the screen's plan.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::fields::{Channel, ConsentState};
use crate::import::{DateOrder, ImportPlan};
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;

/// One line of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionRow {
    Delimiter,
    Encoding,
    Header,
    DateOrder,
    Key,
    ShortRows,
    Consent(Channel),
    /// Which column the next row maps (a selector, not a setting).
    Column,
    /// The field the selected column goes to, or skip.
    ColumnTarget,
}

impl OptionRow {
    /// The rows, top to bottom.
    pub const ALL: [OptionRow; 10] = [
        OptionRow::Delimiter,
        OptionRow::Encoding,
        OptionRow::Header,
        OptionRow::DateOrder,
        OptionRow::Key,
        OptionRow::ShortRows,
        OptionRow::Consent(Channel::Email),
        OptionRow::Consent(Channel::Sms),
        OptionRow::Column,
        OptionRow::ColumnTarget,
    ];

    /// The label in the form.
    pub fn label(self) -> &'static str {
        match self {
            OptionRow::Delimiter => "delimiter",
            OptionRow::Encoding => "encoding",
            OptionRow::Header => "header row",
            OptionRow::DateOrder => "date order",
            OptionRow::Key => "contact key",
            OptionRow::ShortRows => "short rows",
            OptionRow::Consent(Channel::Email) => "email consent",
            OptionRow::Consent(Channel::Sms) => "sms consent",
            OptionRow::Column => "column",
            OptionRow::ColumnTarget => "  goes to",
        }
    }
}

/// The workspace's common fields, offered first as targets of a column: what the
/// platform layouts fill (`assets/platform-layouts.toml`).
pub const COMMON_FIELDS: [&str; 5] = ["email", "first_name", "last_name", "phone", "tags"];

/// The open form: which row is selected, the draft plan, the field names the contact
/// key may be chosen from (the detected file's), the file's column headers, the column
/// selected for mapping and the fields it may go to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OptionsForm {
    pub row: usize,
    pub draft: ImportPlan,
    pub key_choices: Vec<String>,
    pub columns: Vec<String>,
    pub column: usize,
    pub targets: Vec<String>,
}

/// Where a column goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Detected,
    Skip,
    Field(String),
}

const DELIMITERS: [Option<u8>; 5] = [None, Some(b','), Some(b';'), Some(b'\t'), Some(b'|')];
const ENCODINGS: [Option<&Encoding>; 5] = [
    None,
    Some(UTF_8),
    Some(WINDOWS_1252),
    Some(UTF_16LE),
    Some(UTF_16BE),
];
const HEADERS: [Option<bool>; 3] = [None, Some(true), Some(false)];
const DATE_ORDERS: [Option<DateOrder>; 4] = [
    None,
    Some(DateOrder::Dmy),
    Some(DateOrder::Mdy),
    Some(DateOrder::Ymd),
];

/// Position `delta` steps from `current` among `len` choices, wrapping.
fn step(current: usize, delta: i8, len: usize) -> usize {
    (current as isize + isize::from(delta)).rem_euclid(len.max(1) as isize) as usize
}

fn position<T: PartialEq>(choices: &[T], value: &T) -> usize {
    choices.iter().position(|c| c == value).unwrap_or(0)
}

impl OptionsForm {
    /// Step the selected row's value `delta` choices on (negative goes back).
    pub fn change(&mut self, delta: i8) {
        let d = &mut self.draft;
        match OptionRow::ALL[self.row.min(OptionRow::ALL.len() - 1)] {
            OptionRow::Delimiter => {
                d.delimiter = DELIMITERS[step(position(&DELIMITERS, &d.delimiter), delta, 5)];
            }
            OptionRow::Encoding => {
                d.encoding = ENCODINGS[step(position(&ENCODINGS, &d.encoding), delta, 5)];
            }
            OptionRow::Header => {
                d.header = HEADERS[step(position(&HEADERS, &d.header), delta, 3)];
            }
            OptionRow::DateOrder => {
                let i = position(&DATE_ORDERS, &d.types.date_order);
                d.types.date_order = DATE_ORDERS[step(i, delta, 4)];
            }
            OptionRow::Key => {
                let mut choices: Vec<Option<String>> = vec![None];
                choices.extend(self.key_choices.iter().cloned().map(Some));
                let i = step(position(&choices, &d.key), delta, choices.len());
                d.key = choices[i].clone();
            }
            OptionRow::ShortRows => d.allow_ragged = !d.allow_ragged,
            OptionRow::Consent(channel) => {
                let mut choices: Vec<Option<ConsentState>> = vec![None];
                choices.extend(ConsentState::ALL.map(Some));
                let current = d.consent.get(&channel).copied();
                match choices[step(position(&choices, &current), delta, choices.len())] {
                    Some(state) => d.consent.insert(channel, state),
                    None => d.consent.remove(&channel),
                };
            }
            OptionRow::Column => self.column = step(self.column, delta, self.columns.len()),
            OptionRow::ColumnTarget => self.change_target(delta),
        }
    }

    /// The selected column's header, if the file has columns.
    pub fn selected_column(&self) -> Option<&str> {
        self.columns.get(self.column).map(String::as_str)
    }

    fn target(&self) -> Target {
        let Some(header) = self.selected_column() else {
            return Target::Detected;
        };
        if self.draft.skip.iter().any(|h| h == header) {
            return Target::Skip;
        }
        self.draft
            .map
            .iter()
            .find(|(h, _)| h == header)
            .map_or(Target::Detected, |(_, f)| Target::Field(f.clone()))
    }

    fn change_target(&mut self, delta: i8) {
        let Some(header) = self.selected_column().map(String::from) else {
            return;
        };
        let mut choices = vec![Target::Detected, Target::Skip];
        choices.extend(self.targets.iter().cloned().map(Target::Field));
        let next = choices[step(position(&choices, &self.target()), delta, choices.len())].clone();
        let d = &mut self.draft;
        d.skip.retain(|h| *h != header);
        d.map.retain(|(h, _)| *h != header);
        match next {
            Target::Detected => {}
            Target::Skip => d.skip.push(header),
            Target::Field(f) => d.map.push((header, f)),
        }
    }

    /// How `row` reads in the open form (the column rows depend on the selection).
    pub fn label(&self, row: OptionRow) -> String {
        match row {
            OptionRow::Column => self
                .selected_column()
                .map_or("(read a file first)".into(), String::from),
            OptionRow::ColumnTarget => match self.target() {
                Target::Detected => "as detected".into(),
                Target::Skip => "skip (--skip)".into(),
                Target::Field(f) => format!("field {f} (--map)"),
            },
            _ => value_label(&self.draft, row),
        }
    }
}

/// How `row` of `plan` reads in the form and in the screen's options line.
pub fn value_label(plan: &ImportPlan, row: OptionRow) -> String {
    match row {
        OptionRow::Delimiter => plan
            .delimiter
            .map_or("detect".into(), crate::import::sniff::describe),
        OptionRow::Encoding => plan.encoding.map_or("detect", Encoding::name).into(),
        OptionRow::Header => match plan.header {
            None => "detect".into(),
            Some(true) => "first row".into(),
            Some(false) => "none".into(),
        },
        OptionRow::DateOrder => match plan.types.date_order {
            None => "ask if ambiguous".into(),
            Some(DateOrder::Dmy) => "day/month/year".into(),
            Some(DateOrder::Mdy) => "month/day/year".into(),
            Some(DateOrder::Ymd) => "year-first only".into(),
        },
        OptionRow::Key => plan.key.clone().unwrap_or_else(|| "e-mail column".into()),
        OptionRow::ShortRows => if plan.allow_ragged {
            "pad all with blanks"
        } else {
            "pad; reject if a consent/age cell is missing"
        }
        .into(),
        OptionRow::Consent(channel) => plan
            .consent
            .get(&channel)
            .map_or("from the file".into(), |s| s.as_str().to_string()),
        OptionRow::Column => String::new(),
        OptionRow::ColumnTarget => match (plan.map.len(), plan.skip.len()) {
            (0, 0) => "as detected".into(),
            (m, s) => format!("{m} mapped, {s} skipped"),
        },
    }
}

/// Draw the form as a popup over `area`.
pub fn render(form: &OptionsForm, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 64, OptionRow::ALL.len() as u16 + 6);
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Import options ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    let value_width = usize::from(inner.width).saturating_sub(20);
    let mut lines: Vec<Line> = OptionRow::ALL
        .iter()
        .enumerate()
        .map(|(i, &row)| {
            let selected = i == form.row;
            let value = format!("< {} >", form.label(row));
            let style = if selected {
                theme::SELECTED
            } else {
                ratatui::style::Style::default()
            };
            Line::from(vec![
                Span::raw(if selected { " > " } else { "   " }),
                Span::styled(fit(row.label(), 16), theme::HEADER),
                Span::raw(" "),
                Span::styled(fit(&value, value_width), style),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled(" Up/Down", theme::COMMAND),
        Span::raw(" choose  "),
        Span::styled("Left/Right", theme::COMMAND),
        Span::raw(" change  "),
        Span::styled("Enter", theme::COMMAND),
        Span::raw(" apply  "),
        Span::styled("Esc", theme::COMMAND),
        Span::raw(" cancel"),
    ]));
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_wrap_around_and_consent_can_be_cleared() {
        let mut form = OptionsForm {
            row: 0,
            draft: ImportPlan::default(),
            key_choices: vec!["customer_id".into()],
            ..OptionsForm::default()
        };
        form.change(1);
        assert_eq!(form.draft.delimiter, Some(b','));
        form.change(-2);
        assert_eq!(form.draft.delimiter, Some(b'|'));
        form.row = 4;
        form.change(1);
        assert_eq!(form.draft.key.as_deref(), Some("customer_id"));
        form.change(1);
        assert_eq!(form.draft.key, None);
        form.row = 6;
        form.change(1);
        assert_eq!(
            form.draft.consent.get(&Channel::Email),
            Some(&ConsentState::Granted)
        );
        form.change(-1);
        assert!(form.draft.consent.is_empty());
    }

    /// The column rows write `--map` and `--skip` into the draft, one column at a time.
    #[test]
    fn columns_are_mapped_and_skipped() {
        let mut form = OptionsForm {
            columns: vec!["Email Address".into(), "Mobile".into()],
            targets: vec!["email".into(), "phone".into()],
            ..OptionsForm::default()
        };
        form.row = 8;
        form.change(1);
        assert_eq!(form.selected_column(), Some("Mobile"));
        form.row = 9;
        form.change(1);
        assert_eq!(form.label(OptionRow::ColumnTarget), "skip (--skip)");
        assert_eq!(form.draft.skip, ["Mobile"]);
        form.change(2);
        assert_eq!(
            form.draft.map,
            [("Mobile".to_string(), "phone".to_string())]
        );
        assert!(form.draft.skip.is_empty());
        assert_eq!(
            value_label(&form.draft, OptionRow::ColumnTarget),
            "1 mapped, 0 skipped"
        );
        form.change(1);
        assert_eq!(form.label(OptionRow::ColumnTarget), "as detected");
        assert!(form.draft.map.is_empty());
    }
}
