//! The Import screen: type a path (Tab completes it), see what an import would detect
//! before anything is written, change the options, import with a progress gauge, read
//! the report, and undo the latest batch.
//!
//! Owns [`ImportState`]; `update` changes it and the worker does the file and workspace
//! work. The options form lives in [`options`], the text of each stage in [`content`],
//! the changes in [`update`].

pub mod content;
pub mod jobs;
pub mod options;
pub mod update;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Widget};

use crate::import::report::Detected;
use crate::import::{ImportPlan, ImportReport, Phase, Progress};
use crate::tui::paths::Completion;
use crate::tui::theme;
use crate::tui::widgets::cell_text::{display_width, fit};
use crate::tui::widgets::text_input::{TextInput, TextInputView};
use crate::workspace::batches::Batch;
use options::{OptionRow, OptionsForm};

/// Where the screen is in the import of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Stage {
    /// Nothing read yet.
    #[default]
    Idle,
    /// The worker is reading the file for [`crate::import::detect`].
    Detecting,
    /// What an import would find; nothing written.
    Detected(Box<Detected>),
    /// The worker is importing; `progress` is the latest report, if any came.
    Importing {
        detected: Box<Detected>,
        progress: Option<Progress>,
    },
    /// The import is done.
    Reported(Box<ImportReport>),
}

/// State of the Import screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportState {
    pub path: TextInput,
    /// Whether the path input has the keyboard.
    pub editing: bool,
    /// The last Tab's result, shown under the input until the path changes.
    pub completion: Option<Completion>,
    pub pending_completion: Option<u64>,
    /// The user's overrides; `path` is filled in when a request is made.
    pub plan: ImportPlan,
    /// The options form, while open.
    pub form: Option<OptionsForm>,
    pub stage: Stage,
    /// Generation of the detect or import in flight.
    pub pending: Option<u64>,
    /// Generation of the undo in flight.
    pub pending_undo: Option<u64>,
    /// The last error of a detect, import or undo, shown above the content.
    pub error: Option<String>,
    /// What the last undo did.
    pub notice: Option<String>,
    /// Lines scrolled off the top of the content.
    pub scroll: usize,
    /// Whether the batches list is showing instead of the stage's content.
    pub show_batches: bool,
    pub batches: Vec<Batch>,
    pub pending_batches: Option<u64>,
}

impl ImportState {
    /// The plan for the typed path with the user's overrides.
    pub fn plan_for_path(&self, actor: String) -> ImportPlan {
        ImportPlan {
            path: crate::tui::paths::expand(self.path.value().trim()),
            actor,
            ..self.plan.clone()
        }
    }

    /// The newest batch not undone: the one `u` undoes.
    pub fn latest_active(&self) -> Option<&Batch> {
        self.batches.iter().rev().find(|b| b.undone_at.is_none())
    }
}

/// Rows of the screen above the content: path, hint or candidates, options, blank.
const TOP: u16 = 4;

/// What the Import screen draws: its state, and whether the workspace is still empty
/// (the guide then greets the user).
pub struct ImportView<'a> {
    pub state: &'a ImportState,
    pub empty_workspace: bool,
}

impl Widget for &ImportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let empty = self.empty_workspace;
        let s = self.state;
        let area = area.intersection(buf.area);
        if area.height < TOP + 2 || area.width < 20 {
            return;
        }
        let line = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
        let label = " File: ";
        Span::styled(label, theme::HEADER).render(line(0), buf);
        let input_area = Rect::new(
            area.x + label.len() as u16,
            area.y,
            area.width - label.len() as u16 - 1,
            1,
        );
        if s.path.value().is_empty() && !s.editing {
            Span::styled("(press e and type the path of a CSV file)", theme::CHROME)
                .render(input_area, buf);
        } else {
            TextInputView {
                input: &s.path,
                focused: s.editing,
                style: theme::COMMAND,
            }
            .render(input_area, buf);
        }
        hint(s, line(1), buf);
        Line::from(vec![
            Span::styled(" Options: ", theme::HEADER),
            Span::raw({
                let summary = options_summary(&s.plan);
                let room = usize::from(area.width).saturating_sub(24);
                fit(&summary, display_width(&summary).min(room))
            }),
            Span::styled("  o change", theme::COMMAND),
        ])
        .render(line(2), buf);
        let body = Rect::new(area.x, area.y + TOP, area.width, area.height - TOP - 1);
        let mut content_area = body;
        if let Stage::Importing { progress, .. } = &s.stage {
            Line::from(" Importing; the screen stays usable.").render(body, buf);
            let (ratio, label) = gauge(progress.to_owned());
            Gauge::default()
                .ratio(ratio)
                .label(label)
                .gauge_style(theme::COMMAND)
                .render(
                    Rect::new(body.x + 1, body.y + 1, body.width.saturating_sub(2), 1)
                        .intersection(body),
                    buf,
                );
            content_area = Rect::new(
                body.x,
                body.y + 3.min(body.height),
                body.width,
                body.height.saturating_sub(3),
            );
        }
        let rows = body_rows(s, empty, usize::from(area.width));
        let height = usize::from(content_area.height);
        let scroll = s.scroll.min(rows.len().saturating_sub(height));
        let more_below = rows.len() > scroll + height;
        Paragraph::new(rows)
            .scroll((scroll.min(usize::from(u16::MAX)) as u16, 0))
            .render(content_area, buf);
        keys_line(s, line(area.height - 1), buf);
        if more_below {
            let hint = "Down: more ";
            let w = hint.len() as u16;
            Span::styled(hint, theme::COMMAND).render(
                Rect::new(area.right() - w, area.y + area.height - 1, w, 1),
                buf,
            );
        }
    }
}

/// The rows under the options line, wrapped to `width`: error, notice, then the
/// stage's content. Drawing and scrolling both count these.
fn body_rows(s: &ImportState, empty: bool, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(e) = &s.error {
        lines.push(Line::styled(
            format!(" error: {}", crate::text::for_terminal(e)),
            theme::ERROR,
        ));
    }
    if let Some(n) = &s.notice {
        lines.push(Line::from(format!(" {}", crate::text::for_terminal(n))));
    }
    lines.extend(content::lines(s, width, empty));
    lines
        .into_iter()
        .flat_map(|l| content::wrap(l, width))
        .collect()
}

/// The largest useful scroll offset for the screen's `body` area (the last row at the
/// bottom).
pub fn max_scroll(s: &ImportState, empty: bool, body: Rect) -> usize {
    let mut height = usize::from(body.height.saturating_sub(TOP + 1));
    if matches!(s.stage, Stage::Importing { .. }) {
        height = height.saturating_sub(3);
    }
    body_rows(s, empty, usize::from(body.width))
        .len()
        .saturating_sub(height)
}

fn hint(state: &ImportState, area: Rect, buf: &mut Buffer) {
    let text = match &state.completion {
        Some(c) if c.candidates.is_empty() => "  no file or folder starts with that".to_string(),
        Some(c) if c.candidates.len() > 1 || c.more > 0 => {
            let mut s = format!("  {}", c.candidates.join("  "));
            if c.more > 0 {
                s.push_str(&format!("  (+{} more)", c.more));
            }
            s
        }
        _ if state.editing => "  Tab completes  Enter reads the file  Esc stops typing".into(),
        _ => String::new(),
    };
    Span::styled(fit(&text, usize::from(area.width)), theme::CHROME).render(area, buf);
}

/// The options as one line: only what differs from "detect everything" is spelled out.
pub fn options_summary(plan: &ImportPlan) -> String {
    let parts: Vec<String> = OptionRow::ALL
        .iter()
        .filter(|&&row| row != OptionRow::Column)
        .filter(|&&row| {
            let default = ImportPlan::default();
            options::value_label(plan, row) != options::value_label(&default, row)
        })
        .map(|&row| match row {
            OptionRow::ColumnTarget => format!("columns {}", options::value_label(plan, row)),
            _ => format!("{} {}", row.label(), options::value_label(plan, row)),
        })
        .collect();
    if parts.is_empty() {
        "detect everything".into()
    } else {
        parts.join(", ")
    }
}

/// Both passes share the gauge: reading fills the first half, loading the second.
fn gauge(progress: Option<Progress>) -> (f64, String) {
    let Some(p) = progress else {
        return (0.0, "starting".into());
    };
    let part = if p.bytes_total == 0 {
        1.0
    } else {
        (p.bytes_done as f64 / p.bytes_total as f64).clamp(0.0, 1.0)
    };
    let (ratio, what) = match p.phase {
        Phase::Analyse => (part / 2.0, "reading"),
        Phase::Load => (0.5 + part / 2.0, "loading"),
    };
    (ratio, format!("{what} {:.0}%", ratio * 100.0))
}

fn keys_line(state: &ImportState, area: Rect, buf: &mut Buffer) {
    let keys: &[(&str, &str)] = if state.editing {
        &[
            ("Enter", "read file"),
            ("Tab", "complete"),
            ("Esc", "stop typing"),
        ]
    } else if state.show_batches {
        &[("u", "undo latest"), ("b", "back"), ("e", "edit path")]
    } else if matches!(state.stage, Stage::Reported(_)) {
        &[
            ("u", "undo this import"),
            ("b", "batches"),
            ("e", "edit path"),
            ("o", "options"),
        ]
    } else if matches!(state.stage, Stage::Detected(_)) {
        &[
            ("i", "import"),
            ("o", "options"),
            ("e", "edit path"),
            ("b", "batches"),
            ("u", "undo latest"),
        ]
    } else {
        &[
            ("e", "edit path"),
            ("Enter", "read file"),
            ("o", "options"),
            ("b", "batches"),
            ("u", "undo latest"),
        ]
    };
    let mut spans = vec![Span::raw(" ")];
    for (k, what) in keys {
        spans.push(Span::styled(*k, theme::COMMAND));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans).render(area, buf);
}
