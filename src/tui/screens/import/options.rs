//! The import options form: the overrides a user can set before importing (delimiter,
//! encoding, header, date order, contact key, short rows, consent for the whole file),
//! each a short list of choices stepped through with Left and Right.
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
use crate::tui::screens::popup::centred;
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;

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
}

impl OptionRow {
    /// The rows, top to bottom.
    pub const ALL: [OptionRow; 8] = [
        OptionRow::Delimiter,
        OptionRow::Encoding,
        OptionRow::Header,
        OptionRow::DateOrder,
        OptionRow::Key,
        OptionRow::ShortRows,
        OptionRow::Consent(Channel::Email),
        OptionRow::Consent(Channel::Sms),
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
        }
    }
}

/// The open form: which row is selected, the draft plan, and the field names the
/// contact key may be chosen from (the detected file's).
#[derive(Debug, Clone, PartialEq)]
pub struct OptionsForm {
    pub row: usize,
    pub draft: ImportPlan,
    pub key_choices: Vec<String>,
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
            "pad with blanks"
        } else {
            "reject"
        }
        .into(),
        OptionRow::Consent(channel) => plan
            .consent
            .get(&channel)
            .map_or("from the file".into(), |s| s.as_str().to_string()),
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
            let value = format!("< {} >", value_label(&form.draft, row));
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
}
