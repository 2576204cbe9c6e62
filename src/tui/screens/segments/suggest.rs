//! Value suggestions: a field's most common values with their counts
//! (`segment::values::top_values`), offered while a value is typed in the condition
//! builder. Typing narrows the list to the values containing the text (ignoring case);
//! Up/Down takes one into the input.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::segment::values::{TopValues, ValueCount};
use crate::tui::theme;
use crate::tui::view::thousands;
use crate::tui::widgets::cell_text::{display_width, fit};

/// The suggestions for one field and which is taken.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    /// The field they are of.
    pub field: String,
    /// Most contacts first, as the core returned them.
    pub values: Vec<ValueCount>,
    /// What was typed last: only values containing it are shown.
    pub filter: String,
    /// The shown value now in the input (index into [`Self::shown`]).
    pub taken: Option<usize>,
    /// Generation of the read in flight.
    pub pending: Option<u64>,
    /// Sensitive values left out ([`TopValues::hidden`]) and their kinds.
    pub hidden: u64,
    pub hidden_kinds: Vec<String>,
}

impl Suggestions {
    /// Waiting for the values of `field`.
    pub fn asked(field: &str, generation: u64) -> Suggestions {
        Suggestions {
            field: field.to_string(),
            pending: Some(generation),
            ..Suggestions::default()
        }
    }

    /// The values read for the field: those offered, and the count and kinds of the
    /// sensitive ones left out.
    pub fn load(&mut self, top: TopValues) {
        self.values = top.values;
        self.hidden = top.hidden;
        self.hidden_kinds = top.hidden_kinds;
    }

    /// "2 sensitive values not shown (age, religion)", when any were left out.
    pub fn hidden_note(&self) -> Option<String> {
        (self.hidden > 0).then(|| {
            let values = if self.hidden == 1 { "value" } else { "values" };
            format!(
                "{} sensitive {values} not shown ({}): rules cannot use them",
                thousands(self.hidden),
                self.hidden_kinds.join(", ")
            )
        })
    }

    /// The values containing [`Self::filter`], ignoring case, most contacts first.
    pub fn shown(&self) -> Vec<&ValueCount> {
        let filter = self.filter.trim().to_lowercase();
        self.values
            .iter()
            .filter(|v| v.value.to_lowercase().contains(&filter))
            .collect()
    }

    /// Take the value `delta` places from the one taken (the first with none); the
    /// value to put in the input, if any.
    pub fn step(&mut self, delta: i8) -> Option<String> {
        let shown = self.shown().len();
        if shown == 0 {
            return None;
        }
        let next = match self.taken {
            None if delta < 0 => return None,
            None => 0,
            Some(i) => i.saturating_add_signed(isize::from(delta)).min(shown - 1),
        };
        self.taken = Some(next);
        self.shown().get(next).map(|v| v.value.clone())
    }

    /// The text was typed: narrow to it and forget the taken value.
    pub fn typed(&mut self, text: &str) {
        self.filter = text.to_string();
        self.taken = None;
    }

    /// Draw the heading (saying `how` a value is taken) and as many values as fit in
    /// `area`; `compact` puts the counts just after the widest value instead of at the
    /// right edge (for a wide area).
    pub fn render(&self, how: &str, compact: bool, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        let heading = if self.pending.is_some() {
            "Most common values: reading...".to_string()
        } else if self.values.is_empty() {
            "No values to suggest for this field.".to_string()
        } else {
            format!("Most common values ({how}):")
        };
        Line::styled(fit(&heading, width), theme::CHROME)
            .render(Rect::new(area.x, area.y, area.width, 1), buf);
        // The sensitive values left out are counted on the last row (L9).
        let mut rows = usize::from(area.height - 1);
        if let Some(note) = self
            .hidden_note()
            .filter(|_| rows > 0 && self.pending.is_none())
        {
            rows -= 1;
            Line::styled(fit(&format!("  {note}"), width), theme::CHROME).render(
                Rect::new(area.x, area.y + area.height - 1, area.width, 1),
                buf,
            );
        }
        let shown = self.shown();
        let top = self.taken.map_or(0, |t| (t + 1).saturating_sub(rows));
        let widest = shown.iter().map(|v| display_width(&v.value)).max();
        for (row, (i, v)) in shown.iter().enumerate().skip(top).take(rows).enumerate() {
            let count = thousands(v.contacts);
            let mut room = width.saturating_sub(display_width(&count) + 4);
            if compact {
                room = room.min(widest.unwrap_or(0));
            }
            let style = if self.taken == Some(i) {
                theme::SELECTED
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(format!("  {}", fit(&v.value, room)), style),
                Span::styled(format!("  {count}"), theme::CHROME),
            ])
            .render(
                Rect::new(area.x, area.y + 1 + row as u16, area.width, 1),
                buf,
            );
        }
    }
}
