//! The Review screen: the privacy review of one campaign, its findings grouped by
//! severity (blockers first, in the danger style with a text marker, then warnings,
//! then info), their counts and the sign-off state; the unlock and sign-off dialogs
//! ([`dialogs`]) open over it.
//!
//! The screen's folder holds its messages ([`message`]), the code that changes its
//! state ([`update`], [`replies`]) and its drawing (here and in [`dialogs`]); its jobs
//! run through the job runner ([`jobs`]); the Export screen's export has its own job.
//!
//! Owns [`ReviewState`]; the Export screen is drawn with the campaign reviewed (the
//! shared current one) and its last review, handed over by `tui::view`. [`update`] is
//! the only code that changes it; the widget impl only reads it. Every string from the
//! data goes through `fit` or `wrap`, which make it safe for the terminal first.

pub mod dialogs;
pub mod jobs;
pub mod message;
pub mod replies;
pub mod update;

use std::collections::BTreeSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use self::dialogs::{SignOffDialog, UnlockDialog};
use crate::review::{Finding, Review, Severity, SignOffState};
use crate::tui::layout;
use crate::tui::theme;
use crate::tui::view::count;
use crate::tui::widgets::cell_text::{fit, wrap};

/// Lines above the findings (as-of date, counts and sign-off, notice) and below them
/// (keys). A notice longer than the width wraps over more lines (see
/// [`ReviewState::notice_lines`]), up to [`MAX_NOTICE_LINES`].
const HEADER_LINES: u16 = 3;
const MAX_NOTICE_LINES: usize = 3;
const FOOTER_LINES: u16 = 1;

/// What the Review screen shows, for the keymap to pick the keys that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMode {
    List,
    UnlockField,
    UnlockReason,
    SignOff,
}

/// State of the Review screen (and the review the Export screen works from).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewState {
    /// The campaign reviewed: the shared current campaign (`App::campaigns`) as of the
    /// last review asked for; `None` before that or when there is none.
    pub campaign: Option<String>,
    pub review: Option<Review>,
    /// Columns each export profile would write without added fields, from the last
    /// review.
    pub columns: Vec<(crate::export::Profile, Vec<String>)>,
    /// Fields the campaign has unlocked.
    pub unlocked: Vec<String>,
    /// Whether a review has arrived since the screen was first shown.
    pub loaded: bool,
    /// The review being waited for (the newest wins).
    pub pending: Option<u64>,
    /// The outcome of the last unlock or sign-off, or a refusal, and whether it is an
    /// error.
    pub notice: Option<(String, bool)>,
    /// The selected finding, as a position in [`ReviewState::order`].
    pub selected: usize,
    /// Codes of the findings whose items show.
    pub expanded: BTreeSet<&'static str>,
    /// First line of the findings drawn.
    pub scroll: usize,
    pub unlock: Option<UnlockDialog>,
    pub sign_off: Option<SignOffDialog>,
}

impl ReviewState {
    /// What is showing now.
    pub fn mode(&self) -> ReviewMode {
        match (&self.unlock, &self.sign_off) {
            (Some(d), _) if d.typing() => ReviewMode::UnlockReason,
            (Some(_), _) => ReviewMode::UnlockField,
            (None, Some(_)) => ReviewMode::SignOff,
            (None, None) => ReviewMode::List,
        }
    }

    /// The findings in display order: blockers, warnings, info, each in review order.
    pub fn order(&self) -> Vec<&Finding> {
        let Some(r) = &self.review else {
            return Vec::new();
        };
        [Severity::Blocker, Severity::Warning, Severity::Info]
            .iter()
            .flat_map(|s| r.findings.iter().filter(move |f| f.severity == *s))
            .collect()
    }

    /// The selected finding.
    pub fn selected_finding(&self) -> Option<&Finding> {
        self.order().get(self.selected).copied()
    }

    /// The findings as drawn `width` columns wide: each line with the position (in
    /// [`ReviewState::order`]) of the finding it belongs to, `None` for headings.
    pub fn lines(&self, width: u16) -> Vec<(Line<'static>, Option<usize>)> {
        let width = usize::from(width);
        let mut out = Vec::new();
        let order = self.order();
        let mut last: Option<Severity> = None;
        for (i, f) in order.iter().enumerate() {
            if last != Some(f.severity) {
                if last.is_some() {
                    out.push((Line::from(""), None));
                }
                let n = order.iter().filter(|g| g.severity == f.severity).count();
                let heading = match f.severity {
                    Severity::Blocker => {
                        format!(" BLOCKERS ({n}): export is refused until each is resolved")
                    }
                    Severity::Warning => format!(" WARNINGS ({n})"),
                    Severity::Info => format!(" INFO ({n})"),
                };
                let style = severity_style(f.severity).patch(theme::HEADER);
                out.push((Line::styled(fit(&heading, width), style), None));
                last = Some(f.severity);
            }
            let (mark, style) = match f.severity {
                Severity::Blocker => (theme::BLOCKED_MARK, theme::BLOCKED),
                Severity::Warning => (theme::PROTECTED_MARK, theme::WARNING),
                Severity::Info => ("  ", Style::default()),
            };
            let open = self.expanded.contains(f.code);
            let hint = match (f.items.len(), open) {
                (0, _) => String::new(),
                (n, false) => format!(" [+{n} item{}]", if n == 1 { "" } else { "s" }),
                (_, true) => String::new(),
            };
            let accepted = f.accepted.as_ref().map_or_else(String::new, |a| {
                format!(
                    " [accepted {} by {} at {}: \"{}\"]",
                    a.was.as_str(),
                    a.by,
                    a.at,
                    a.reason
                )
            });
            let text = format!("{}: {}{accepted}{hint}", f.code, f.message);
            let selected = i == self.selected;
            for (j, part) in wrap(&text, width.saturating_sub(4)).into_iter().enumerate() {
                let lead = if j == 0 { mark } else { "  " };
                let body = if selected {
                    style.patch(theme::SELECTED)
                } else {
                    style
                };
                out.push((
                    Line::from(vec![
                        Span::styled(format!(" {lead} "), style),
                        Span::styled(fit(&part, width.saturating_sub(4)), body),
                    ]),
                    Some(i),
                ));
            }
            if open {
                for item in &f.items {
                    for (j, part) in wrap(item, width.saturating_sub(7)).into_iter().enumerate() {
                        let lead = if j == 0 { "     - " } else { "       " };
                        out.push((
                            Line::from(format!("{lead}{}", fit(&part, width.saturating_sub(7)))),
                            Some(i),
                        ));
                    }
                }
            }
        }
        out
    }

    /// The first and one-past-last line of finding `index` in `lines`.
    pub fn span_of(lines: &[(Line<'static>, Option<usize>)], index: usize) -> (usize, usize) {
        let start = lines.iter().position(|(_, i)| *i == Some(index));
        let end = lines.iter().rposition(|(_, i)| *i == Some(index));
        match (start, end) {
            (Some(s), Some(e)) => (s, e + 1),
            _ => (0, 0),
        }
    }
}

/// The style a severity is drawn in: blockers in the danger style.
pub fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Blocker => theme::BLOCKED,
        Severity::Warning => theme::WARNING,
        Severity::Info => Style::default(),
    }
}

/// Lines of findings that fit at terminal `size` (at least 1), below `state`'s notice
/// as wrapped there.
pub fn visible_lines(state: &ReviewState, size: Rect) -> usize {
    layout::areas(size).map_or(1, |a| {
        let header = state.header_lines(usize::from(a.body.width));
        usize::from(a.body.height.saturating_sub(header + FOOTER_LINES)).max(1)
    })
}

/// The sign-off as one line: who and when, and whether it still matches.
fn sign_off_line(review: &Review) -> Span<'static> {
    match &review.sign_off {
        None => Span::raw("not signed off"),
        Some(s) => {
            let who = format!(
                "by {} at {}",
                crate::text::for_terminal(&s.record.name),
                crate::text::for_terminal(&s.record.at)
            );
            match s.state {
                SignOffState::Current => Span::raw(format!("signed off {who} (current)")),
                SignOffState::Stale => Span::styled(
                    format!("! sign-off STALE: {who}; the campaign or data changed since"),
                    theme::WARNING,
                ),
            }
        }
    }
}

/// The line above the review shared with the Export screen: the review's as-of date,
/// and "reviewing..." while a review runs. The campaign's name is on the context line
/// under the tabs (`campaign_picker::context_line`).
pub fn review_line(state: &ReviewState, width: usize) -> Line<'static> {
    let as_of = state
        .review
        .as_ref()
        .map(|r| format!(" Review as of {}", r.as_of));
    let text = match (as_of, state.pending.is_some()) {
        (Some(a), true) => format!("{a}   reviewing..."),
        (Some(a), false) => a,
        (None, true) => " reviewing...".to_string(),
        (None, false) if state.loaded => " Nothing to review: there is no campaign.".to_string(),
        (None, false) => String::new(),
    };
    Line::styled(fit(&text, width), theme::CHROME)
}

impl ReviewState {
    /// Lines above the findings at `width` columns: [`HEADER_LINES`], more when the
    /// notice wraps.
    fn header_lines(&self, width: usize) -> u16 {
        HEADER_LINES - 1 + (self.notice_lines(width).len() as u16).max(1)
    }

    /// The notice wrapped to `width`, whole (its end often says what to do next), over
    /// at most [`MAX_NOTICE_LINES`] lines; the last one is cut with `~` only beyond that.
    fn notice_lines(&self, width: usize) -> Vec<Line<'static>> {
        let Some((text, error)) = &self.notice else {
            return Vec::new();
        };
        let style = if *error {
            theme::ERROR
        } else {
            Style::default()
        };
        let mut rows = wrap(text, width.saturating_sub(1));
        if rows.len() > MAX_NOTICE_LINES {
            let rest = rows.split_off(MAX_NOTICE_LINES - 1).join(" ");
            rows.push(rest);
        }
        rows.into_iter()
            .map(|row| Line::styled(fit(&format!(" {row}"), width), style))
            .collect()
    }
}

impl Widget for &ReviewState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let mut head = vec![review_line(self, width)];
        if let Some(r) = &self.review {
            let info = r.findings.len() - r.blockers - r.warnings;
            let blockers = Span::styled(
                format!(
                    " {}{}",
                    if r.blockers > 0 { "!! " } else { "" },
                    count(r.blockers as u64, "blocker")
                ),
                if r.blockers > 0 {
                    theme::BLOCKED
                } else {
                    Style::default()
                },
            );
            head.push(Line::from(vec![
                blockers,
                Span::raw(format!(
                    "   {}   {info} info   ",
                    count(r.warnings as u64, "warning")
                )),
                sign_off_line(r),
            ]));
        } else {
            head.push(Line::from(""));
        }
        let header = self.header_lines(width);
        head.extend(self.notice_lines(width));
        Paragraph::new(head).render(
            Rect::new(area.x, area.y, area.width, header.min(area.height)),
            buf,
        );
        let list_height = area.height.saturating_sub(header + FOOTER_LINES);
        let list = Rect::new(
            area.x,
            area.y + header.min(area.height),
            area.width,
            list_height,
        );
        let lines: Vec<Line> = self
            .lines(area.width)
            .into_iter()
            .skip(self.scroll)
            .take(usize::from(list_height))
            .map(|(l, _)| l)
            .collect();
        Paragraph::new(lines).render(list, buf);
        if area.height > HEADER_LINES + FOOTER_LINES {
            let keys = " Enter items   u unlock a field   s sign off   C campaign   r review again";
            Line::styled(fit(keys, width), theme::CHROME)
                .render(Rect::new(area.x, area.bottom() - 1, area.width, 1), buf);
        }
        if let Some(d) = &self.unlock {
            d.render(self.campaign.as_deref().unwrap_or(""), area, buf);
        } else if let Some(d) = &self.sign_off {
            d.render(self.campaign.as_deref().unwrap_or(""), area, buf);
        }
    }
}
