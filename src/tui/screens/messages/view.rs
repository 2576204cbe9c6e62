//! Drawing the Messages screen: on the left the entries and the editor with any
//! problem under it, on the right the live render for one contact, the coverage counts
//! and the SMS length. Reads [`MessagesState`] only; every value from the data goes
//! through `fit` or `for_terminal`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Focus, MessagesState};
use crate::campaign::preview::Summary;
use crate::fields::Channel;
use crate::message::{SmsEncoding, sms_length};
use crate::text::for_terminal;
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::soft_wrap;
use crate::tui::widgets::text_area::TextAreaView;
use crate::tui::widgets::text_input::TextInputView;

/// Most entries listed at once; the list scrolls to the selected one.
const ENTRY_LINES: usize = 4;

fn safe(s: &str) -> String {
    for_terminal(s).into_owned()
}

/// What the screen draws: its state, and how many campaigns the workspace has (the
/// keys shown without a campaign depend on it).
pub struct MessagesView<'a> {
    pub state: &'a MessagesState,
    /// The campaigns in the workspace; `None` while their names are being read.
    pub campaigns: Option<usize>,
}

/// The keys that get a campaign to edit, as lines: create one, or pick one of the
/// `campaigns` there are.
fn campaign_keys(campaigns: Option<usize>) -> Vec<Line<'static>> {
    let key = |k: &'static str, what: String| {
        Line::from(vec![
            Span::styled(format!("   {k:<3}"), theme::COMMAND),
            Span::raw(what),
        ])
    };
    let mut lines = vec![key("n", "create a campaign (name and channel)".into())];
    match campaigns {
        Some(n @ 1..) => lines.push(key(
            "C",
            format!("choose a campaign ({n} in this workspace)"),
        )),
        Some(0) => {}
        None => lines.push(Line::styled("   (reading the campaigns...)", theme::CHROME)),
    }
    lines.push(key("?", "every key".into()));
    lines
}

impl Widget for &MessagesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.height < 6 || area.width < 20 {
            return;
        }
        let s = self.state;
        let Some(c) = &s.draft else {
            let mut lines = vec![Line::styled(" No campaign to edit.", theme::HEADER)];
            lines.push(Line::from(""));
            lines.extend(campaign_keys(self.campaigns));
            lines.push(Line::from(""));
            lines.push(Line::from(
                " Or from the command line: tactful campaign new NAME --channel email",
            ));
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(area, buf);
            return;
        };
        if c.entries.is_empty() {
            Paragraph::new(" This campaign has no entries yet: press a to add one for a saved segment (or run `tactful campaign add CAMPAIGN SEGMENT --body TEXT`).")
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let left_w = area.width * 55 / 100;
        let left = Rect::new(area.x, area.y, left_w, area.height);
        let right = Rect::new(
            area.x + left_w + 1,
            area.y,
            area.width - left_w - 1,
            area.height,
        );
        for y in area.top()..area.bottom() {
            buf.set_stringn(area.x + left_w, y, "|", 1, theme::CHROME);
        }
        editor(s, c.channel, left, buf);
        live(s, c.channel, right, buf);
    }
}

fn editor(s: &MessagesState, channel: Channel, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let entries = &s
        .draft
        .as_ref()
        .map(|c| c.entries.clone())
        .unwrap_or_default();
    let shown = entries.len().min(ENTRY_LINES);
    let top = (s.selected + 1).saturating_sub(shown);
    let mut y = area.y;
    buf.set_stringn(
        area.x,
        y,
        fit(" Entries, in priority order (Up/Down)", w),
        w,
        theme::HEADER,
    );
    y += 1;
    for (i, e) in entries.iter().enumerate().skip(top).take(shown) {
        let first = e
            .subject
            .as_deref()
            .unwrap_or(e.body.lines().next().unwrap_or(""));
        let text = format!(" {}. {} -> {}", i + 1, e.segment, first);
        let style = if i == s.selected {
            theme::SELECTED
        } else {
            Style::default()
        };
        buf.set_stringn(area.x, y, fit(&text, w), w, style);
        y += 1;
    }
    let label_w = 9u16.min(area.width);
    if channel == Channel::Email {
        buf.set_stringn(area.x, y, " Subject ", 9, theme::HEADER);
        TextInputView {
            input: &s.subject,
            focused: s.focus == Focus::Subject,
            style: Style::default(),
        }
        .render(Rect::new(area.x + label_w, y, area.width - label_w, 1), buf);
    } else {
        buf.set_stringn(area.x, y, fit(" SMS: no subject", w), w, theme::CHROME);
    }
    y += 1;
    let hint = match s.focus {
        Focus::Body => " Body (editing: Esc done, Ctrl+S save, Ctrl+F field)",
        Focus::Subject => " Body (Enter or Down edits it)",
        Focus::Entries => " Body (e edit, t subject, f field, a add segment, n new campaign)",
    };
    buf.set_stringn(area.x, y, fit(hint, w), w, theme::HEADER);
    y += 1;
    let problem_lines: Vec<Line> = match &s.problem {
        Some(p) => p
            .lines()
            .map(|l| Line::styled(safe(l), theme::ERROR))
            .collect(),
        None => vec![Line::styled(" The message checks.", theme::CHROME)],
    };
    let bottom = area.bottom();
    let body_w = area.width.saturating_sub(1);
    let wanted = soft_wrap::rows(&s.body.text(), body_w)
        .saturating_add(1)
        .max(5);
    // The problem gets every row its wrapped lines need, so a long error (two blocked
    // fields, each with how to unlock it) is read whole (trial 4: it was cut after 4
    // lines above 20 empty rows); the body keeps at least 3 rows and takes the rest.
    let problem_text: Vec<String> = problem_lines.iter().map(|l| l.to_string()).collect();
    let problem_rows = soft_wrap::rows(&problem_text.join("\n"), body_w);
    let free = bottom.saturating_sub(y);
    let problem_h = problem_rows
        .saturating_add(1)
        .min(free.saturating_sub(wanted.min(3)))
        .max(1);
    let room = free.saturating_sub(problem_h);
    let body_h = wanted.min(room);
    TextAreaView {
        area: &s.body,
        focused: s.focus == Focus::Body,
        style: Style::default(),
    }
    .render(Rect::new(area.x + 1, y, body_w, body_h), buf);
    y += body_h;
    Paragraph::new(problem_lines)
        .wrap(Wrap { trim: false })
        .render(
            Rect::new(area.x + 1, y, area.width.saturating_sub(1), problem_h),
            buf,
        );
}

fn live(s: &MessagesState, channel: Channel, area: Rect, buf: &mut Buffer) {
    let mut lines: Vec<Line> = Vec::new();
    let who = match &s.sample {
        Some(sample) => format!("Rendered for {}", safe(&sample.key)),
        None if s.no_recipients => {
            "Rendered for: nobody, no contact would get this entry's message".to_string()
        }
        None if s.pending_sample.is_some() => "Rendered for: finding a recipient...".to_string(),
        None => "Rendered for: no recipient found".to_string(),
    };
    lines.push(Line::from(vec![
        Span::styled(who, theme::HEADER),
        Span::styled("  ([ ])", theme::CHROME),
    ]));
    match &s.rendered {
        None if s.problem.is_some() => lines.push(Line::styled(
            "(fix the problem on the left first)",
            theme::CHROME,
        )),
        None => {}
        Some(Err(e)) => lines.push(Line::styled(safe(e), theme::ERROR)),
        Some(Ok(r)) => {
            if let Some(subject) = &r.subject {
                lines.push(Line::from(vec![
                    Span::styled("Subject: ", theme::HEADER),
                    Span::raw(safe(subject)),
                ]));
            }
            for l in r.body.lines() {
                lines.push(Line::from(format!("| {}", safe(l))));
            }
            if !r.fallbacks_used.is_empty() {
                lines.push(Line::styled(
                    format!("fallback used: {}", safe(&r.fallbacks_used.join(", "))),
                    theme::WARNING,
                ));
            }
            if !r.missing.is_empty() {
                lines.push(Line::styled(
                    format!(
                        "missing, printed as nothing: {}",
                        safe(&r.missing.join(", "))
                    ),
                    theme::ERROR,
                ));
            }
            if channel == Channel::Sms {
                let len = sms_length(&r.body);
                let enc = match len.encoding {
                    SmsEncoding::Gsm7 => "GSM-7",
                    SmsEncoding::Ucs2 => "UCS-2",
                };
                lines.push(Line::from(format!(
                    "SMS: {} chars, {enc}, {} units, {} part{}",
                    len.chars,
                    len.units,
                    len.parts,
                    if len.parts == 1 { "" } else { "s" }
                )));
            }
        }
    }
    lines.push(Line::from(""));
    coverage_lines(s, &mut lines);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

fn coverage_lines(s: &MessagesState, lines: &mut Vec<Line<'static>>) {
    let Some(entry) = s.entry() else {
        return;
    };
    let summary: Option<&Summary> = s.coverage.as_ref();
    let cov = summary.and_then(|sum| sum.coverage.iter().find(|c| c.segment == entry.segment));
    // Counts of an earlier version of the text would mislead while it does not check.
    let cov = cov.filter(|_| s.problem.is_none());
    let Some(cov) = cov else {
        let text = if s.pending_coverage.is_some() {
            "Coverage: counting over the audience..."
        } else {
            "Coverage: appears once the message checks."
        };
        lines.push(Line::styled(text, theme::CHROME));
        return;
    };
    let recipients = summary
        .and_then(|sum| sum.per_segment.iter().find(|c| c.segment == entry.segment))
        .map_or(0, |c| c.recipients);
    let stale = if s.pending_coverage.is_some() {
        " (updating)"
    } else {
        ""
    };
    lines.push(Line::styled(
        format!(
            "Coverage over {recipients} recipient{}{stale}",
            if recipients == 1 { "" } else { "s" }
        ),
        theme::HEADER,
    ));
    if cov.fields.is_empty() {
        lines.push(Line::from("no merge fields"));
    }
    lines.push(Line::styled(
        format!("{}   own fallback nothing", fit("field", 12)),
        theme::CHROME,
    ));
    for f in &cov.fields {
        let style = if f.nothing > 0 {
            theme::ERROR
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            format!(
                "{} {:>5} {:>8} {:>7}",
                fit(&f.field, 12),
                f.own,
                f.fallback,
                f.nothing
            ),
            style,
        ));
    }
    if let Some(sms) = summary.and_then(|sum| sum.sms.iter().find(|m| m.segment == entry.segment)) {
        lines.push(Line::from(format!(
            "SMS over recipients: at most {} part{}, {} need UCS-2",
            sms.max_parts,
            if sms.max_parts == 1 { "" } else { "s" },
            sms.ucs2
        )));
    }
}
