//! The explanation popup of the Preview screen: why one contact gets what it gets, from
//! `campaign::explain`: the seven assignment steps with their status and the value
//! that decided them, each entry's segment condition by condition with the contact's
//! values, which segment won and which lost to priority, and the rendered message with
//! the merge fields that used their fallback or are missing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::campaign::explain::{Explanation, StepStatus, Verdict};
use crate::text::for_terminal;
use crate::tui::theme;
use crate::tui::widgets::dialog::centred;

fn safe(s: &str) -> String {
    for_terminal(s).into_owned()
}

/// The explanation as lines, in the order the CLI's `tactful explain` prints it.
pub fn lines(e: &Explanation) -> Vec<Line<'static>> {
    let verdict = match (&e.excluded, &e.segment) {
        (None, Some(s)) => format!("gets the message of segment `{}`", safe(s)),
        (Some(x), _) => format!("is excluded: {}", x.describe()),
        (None, None) => "gets nothing".to_string(),
    };
    let mut out = vec![
        Line::styled(
            format!("{} {verdict} (as of {}).", safe(&e.key), e.as_of),
            theme::HEADER,
        ),
        Line::from(""),
        Line::styled("Assignment steps", theme::HEADER),
    ];
    // Each step in words, as the CLI prints it: what it checks, what it did.
    for s in &e.steps {
        let style = match s.status {
            StepStatus::Passed => Style::default(),
            StepStatus::Decided => theme::WARNING,
            StepStatus::NotReached => theme::CHROME,
        };
        out.push(Line::from(vec![
            Span::styled(
                format!(
                    " {}. {:<17} {:<11} ",
                    s.step,
                    s.title(),
                    s.outcome(e.excluded)
                ),
                style,
            ),
            Span::raw(safe(&s.detail)),
        ]));
    }
    for seg in &e.segments {
        let verdict = match seg.verdict {
            Verdict::Won => "matched: WON (first in priority order)",
            Verdict::LostToPriority => "matched: lost to priority (an earlier segment won)",
            Verdict::Matched => "matched (but excluded before segments count)",
            Verdict::NotMatched => "not matched",
        };
        out.push(Line::from(""));
        out.push(Line::from(vec![
            Span::styled(
                format!("Segment {} `{}`: ", seg.entry, safe(&seg.segment)),
                theme::HEADER,
            ),
            Span::raw(verdict),
        ]));
        for c in &seg.conditions {
            let value = if c.value.is_blank() {
                "(blank)".to_string()
            } else {
                safe(&c.value.display())
            };
            out.push(Line::from(format!(
                "   {}   value: {value}   held: {}",
                safe(&c.condition),
                if c.held { "yes" } else { "no" }
            )));
        }
    }
    if let Some(m) = &e.message {
        out.push(Line::from(""));
        out.push(Line::styled("Message", theme::HEADER));
        if let Some(subject) = &m.subject {
            out.push(Line::from(format!(" subject: {}", safe(subject))));
        }
        for l in m.body.lines() {
            out.push(Line::from(format!(" | {}", safe(l))));
        }
        if !m.fallbacks_used.is_empty() {
            out.push(Line::styled(
                format!(" fallback used for: {}", safe(&m.fallbacks_used.join(", "))),
                theme::WARNING,
            ));
        }
        if !m.missing.is_empty() {
            out.push(Line::styled(
                format!(
                    " no value and no fallback for: {}",
                    safe(&m.missing.join(", "))
                ),
                theme::ERROR,
            ));
        }
    }
    out
}

/// Draw the explanation over `area`, scrolled down by `scroll` lines.
pub fn render(e: &Explanation, scroll: u16, area: Rect, buf: &mut Buffer) {
    let rect = centred(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2).max(5),
    );
    Clear.render(rect, buf);
    Paragraph::new(lines(e))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Block::bordered().title(" Explanation (Up/Down scroll, Esc closes) "))
        .render(rect, buf);
}
