//! The Export screen: the options of an export (profile, byte order mark, output
//! directory, one field added knowingly with its reason), what will be written (files,
//! columns, rows from the last review, the profile's neutralisation rule), the
//! confirmation questions, and the result or the refusal with its blockers.
//!
//! The screen's folder holds its messages ([`message`]), the code that changes its
//! state ([`update`]) and its drawing (here); its export runs on the job runner's
//! writer ([`jobs`]).
//!
//! Owns [`ExportState`]; the campaign (the shared current one) and its review come
//! through [`ExportView`], filled in by `tui::view`. [`update`] is the only code that
//! changes the state; the widget only reads.

pub mod jobs;
pub mod message;
pub mod update;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use self::message::{ExportFailure, ExportRow, Exported};
use crate::export::{AUDIENCE, MANIFEST, Profile, RECIPIENTS};
use crate::review::Review;
use crate::tui::theme;
use crate::tui::view::count;
use crate::tui::widgets::cell_text::{fit, wrap};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::text_input::{TextInput, TextInputView};

/// What the Export screen shows, for the keymap to pick the keys that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportMode {
    Form,
    Typing,
    Confirm,
}

/// The question open over the form.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportQuestion {
    /// "Export N recipients to DIR?"
    Export,
    /// "FILE exists; overwrite?" (the export's `force`).
    Overwrite(String),
}

/// State of the Export screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportState {
    pub focus: ExportRow,
    pub profile: Profile,
    pub bom: bool,
    pub out: TextInput,
    /// Whether the user typed the directory (otherwise it follows the campaign).
    pub out_edited: bool,
    pub extra_field: TextInput,
    pub extra_reason: TextInput,
    /// True while the focused text row has the keyboard.
    pub editing: bool,
    pub question: Option<ExportQuestion>,
    /// The export being waited for.
    pub pending: Option<u64>,
    /// The last export's result, or why it was refused.
    pub outcome: Option<Result<Exported, ExportFailure>>,
}

impl Default for ExportState {
    fn default() -> Self {
        ExportState {
            focus: ExportRow::Profile,
            profile: Profile::Spreadsheet,
            // Spreadsheets need the byte order mark to read UTF-8 (case BR-23).
            bom: true,
            out: TextInput::default(),
            out_edited: false,
            extra_field: TextInput::default(),
            extra_reason: TextInput::default(),
            editing: false,
            question: None,
            pending: None,
            outcome: None,
        }
    }
}

impl ExportState {
    /// What is showing now.
    pub fn mode(&self) -> ExportMode {
        if self.question.is_some() {
            ExportMode::Confirm
        } else if self.editing {
            ExportMode::Typing
        } else {
            ExportMode::Form
        }
    }

    /// The focused text input, if the focus is on a text row.
    pub fn focused_input(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            ExportRow::Directory => Some(&mut self.out),
            ExportRow::ExtraField => Some(&mut self.extra_field),
            ExportRow::ExtraReason => Some(&mut self.extra_reason),
            ExportRow::Profile | ExportRow::Bom => None,
        }
    }

    /// The added field and its reason, when a field name is typed.
    pub fn extra(&self) -> Option<(String, String)> {
        let field = self.extra_field.value().trim();
        (!field.is_empty()).then(|| (field.to_string(), self.extra_reason.value().to_string()))
    }
}

/// The review of the current campaign as the Export screen shows it (`tui::view`
/// reads it from the Review screen's state).
pub struct ReviewShown<'a> {
    /// The campaign reviewed: the shared current one; `None` before a review.
    pub campaign: Option<&'a str>,
    /// Its last review.
    pub review: Option<&'a Review>,
    /// Columns each export profile would write without added fields.
    pub columns: &'a [(Profile, Vec<String>)],
    /// The line above the review: its as-of date, "reviewing..." while one runs.
    pub head: Line<'static>,
}

/// What the Export screen draws: its state and the review it exports.
pub struct ExportView<'a> {
    pub state: &'a ExportState,
    pub review: ReviewShown<'a>,
}

impl Widget for &ExportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, r) = (self.state, &self.review);
        let width = usize::from(area.width);
        let mut lines = vec![r.head.clone(), Line::from("")];
        let on = |b: bool| if b { "on" } else { "off" };
        let rows: [(ExportRow, &str, String); 5] = [
            (
                ExportRow::Profile,
                "Profile",
                format!("{}   (Space: next profile)", s.profile),
            ),
            (
                ExportRow::Bom,
                "Byte order mark",
                format!("{}   (UTF-8 BOM for spreadsheets)", on(s.bom)),
            ),
            (ExportRow::Directory, "Directory", String::new()),
            (ExportRow::ExtraField, "Add a field", String::new()),
            (ExportRow::ExtraReason, "  its reason", String::new()),
        ];
        let form_top = area.y + 2;
        for (row, label, value) in &rows {
            let focused = s.focus == *row;
            let mark = if focused { " > " } else { "   " };
            let style = if focused {
                theme::HEADER
            } else {
                Style::default()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark}{}", fit(label, 16)), style),
                Span::raw(fit(value, width.saturating_sub(19))),
            ]));
        }
        lines.push(Line::from(""));
        let below = lines.len();
        Paragraph::new(lines).render(area, buf);
        for (i, (row, input)) in [
            (ExportRow::Directory, &s.out),
            (ExportRow::ExtraField, &s.extra_field),
            (ExportRow::ExtraReason, &s.extra_reason),
        ]
        .into_iter()
        .enumerate()
        {
            let y = form_top + 2 + i as u16;
            if y < area.bottom() {
                TextInputView {
                    input,
                    focused: s.editing && s.focus == row,
                    style: theme::COMMAND,
                }
                .render(
                    Rect::new(area.x + 19, y, area.width.saturating_sub(20), 1),
                    buf,
                );
            }
        }
        let top = area.y + below as u16;
        let panel = Rect::new(
            area.x,
            top,
            area.width,
            area.bottom().saturating_sub(top + 1),
        );
        let panel_lines = match &s.outcome {
            Some(outcome) => outcome_lines(outcome, width),
            None => plan_lines(s, r, width),
        };
        Paragraph::new(panel_lines).render(panel, buf);
        if area.height > 1 {
            let keys = if s.editing {
                " type; Enter or Esc: done"
            } else {
                " Up/Down row   Space change   Enter edit / export   x export   C campaign"
            };
            Line::styled(fit(keys, width), theme::CHROME)
                .render(Rect::new(area.x, area.bottom() - 1, area.width, 1), buf);
        }
        if let Some(q) = &s.question {
            question(q, s, r, area, buf);
        }
    }
}

fn plan_lines(s: &ExportState, r: &ReviewShown<'_>, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(" What will be written", theme::HEADER)];
    let dir = s.out.value();
    let rows = r
        .review
        .and_then(|rv| rv.summary.as_ref())
        .map_or("? rows (no preview yet)".to_string(), |sm| {
            format!("{}, one per recipient", count(sm.recipients, "row"))
        });
    let mut columns = r
        .columns
        .iter()
        .find(|(p, _)| *p == s.profile)
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| vec!["(this profile does not fit the campaign's channel)".into()]);
    if let Some((field, _)) = s.extra() {
        columns.push(field);
    }
    let file = |name: &str| fit(&format!("   {dir}/{name}"), width);
    if s.profile.platform().is_some() {
        lines.push(Line::from(file(AUDIENCE)));
    } else {
        lines.push(Line::from(file(RECIPIENTS)));
    }
    lines.push(Line::from(fit(
        &format!("     {rows}: {}", columns.join(", ")),
        width,
    )));
    if s.profile.platform().is_some() {
        lines.push(Line::from(file(
            "template-NN-SEGMENT-subject.txt, -body.txt",
        )));
        lines.push(Line::from(fit(
            "     each entry's subject and body in the platform's merge syntax",
            width,
        )));
    }
    lines.push(Line::from(file(MANIFEST)));
    lines.push(Line::from(fit(
        "     definition, hashes, counts, columns and why, findings, unlocks, sign-off",
        width,
    )));
    // Wrapped to the room of the continuation lines (5 columns in), so none runs past
    // the edge.
    for (i, part) in wrap(
        &format!("Cells: {}", s.profile.rule(false)),
        width.saturating_sub(5),
    )
    .into_iter()
    .enumerate()
    {
        let lead = if i == 0 { "   " } else { "     " };
        lines.push(Line::from(format!("{lead}{part}")));
    }
    lines.push(Line::from(fit(
        "   Owner-only files (0600); existing files are replaced only after a second yes.",
        width,
    )));
    if let Some(rv) = r.review
        && rv.blockers > 0
    {
        lines.push(Line::styled(
            fit(
                &format!(
                    " !! {} open: export is refused; see the Review screen (6)",
                    count(rv.blockers as u64, "blocker")
                ),
                width,
            ),
            theme::BLOCKED,
        ));
    }
    lines
}

fn outcome_lines(outcome: &Result<Exported, ExportFailure>, width: usize) -> Vec<Line<'static>> {
    match outcome {
        Ok(e) => {
            let mut lines = vec![
                Line::styled(
                    fit(
                        &format!(
                            " Exported {} ({} profile) to",
                            count(e.recipients, "recipient"),
                            e.profile
                        ),
                        width,
                    ),
                    theme::HEADER,
                ),
                Line::from(fit(&format!("   {}", e.dir), width)),
            ];
            for (i, (path, mode)) in e.files.iter().enumerate() {
                let perms = mode.map_or("permissions unknown".to_string(), |m| {
                    format!("mode {m:04o}")
                });
                let name = std::path::Path::new(path)
                    .file_name()
                    .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
                let records = if i == 0 {
                    format!("{}  ", count(e.recipients, "record"))
                } else {
                    String::new()
                };
                lines.push(Line::from(fit(
                    &format!("   {name}  {records}{perms}"),
                    width,
                )));
                if i == 0 {
                    lines.push(Line::from(fit(
                        &format!("     sha256 {}", e.recipients_sha256),
                        width,
                    )));
                }
            }
            let signed = match e.sign_off {
                Some(state) => format!("sign-off {state}"),
                None => "not signed off".into(),
            };
            lines.push(Line::from(fit(
                &format!(
                    "   {signed}; {} in the review",
                    count(e.warnings as u64, "warning")
                ),
                width,
            )));
            lines
        }
        Err(ExportFailure::Blocked(blockers)) => {
            let mut lines = vec![Line::styled(
                fit(
                    &format!(
                        " !! Export refused: {} open in the review",
                        count(blockers.len() as u64, "blocker")
                    ),
                    width,
                ),
                theme::BLOCKED,
            )];
            for b in blockers {
                lines.push(Line::styled(
                    fit(&format!("   !! {}: {}", b.code, b.message), width),
                    theme::BLOCKED,
                ));
                for item in &b.items {
                    lines.push(Line::from(fit(&format!("      - {item}"), width)));
                }
            }
            lines
        }
        Err(ExportFailure::Exists(path)) | Err(ExportFailure::Other(path)) => {
            let mut lines = vec![Line::styled(
                " Export failed; nothing was written:",
                theme::ERROR,
            )];
            for part in wrap(path, width.saturating_sub(3)) {
                lines.push(Line::styled(format!("   {part}"), theme::ERROR));
            }
            lines
        }
    }
}

fn question(
    q: &ExportQuestion,
    s: &ExportState,
    r: &ReviewShown<'_>,
    area: Rect,
    buf: &mut Buffer,
) {
    let campaign = r.campaign.unwrap_or("");
    let (title, text) = match q {
        ExportQuestion::Export => {
            let n = r
                .review
                .and_then(|rv| rv.summary.as_ref())
                .map_or("the recipients".to_string(), |sm| {
                    count(sm.recipients, "recipient")
                });
            (
                " Export? ",
                format!(
                    "Export {n} of `{campaign}` to {} ({} profile)?",
                    s.out.value(),
                    s.profile
                ),
            )
        }
        ExportQuestion::Overwrite(path) => (
            " Overwrite? ",
            format!("{path} already exists. Replace the existing files?"),
        ),
    };
    Confirm::sentence(title, &text, ("yes", "no"), (64, 8)).render(area, buf);
}
