//! Renaming a saved segment (`R` on the segment list): a one-line dialog over the list,
//! saved through the core's `segment::store::rename` (as `tactful segment rename`), which
//! carries every campaign entry using the segment to the new name in one transaction.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::tui::app::App;
use crate::tui::message::Request;
use crate::tui::screens::segments::message::{SegmentJob, SegmentsMsg};
use crate::tui::theme;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::{self, TextInput};

/// The rename dialog: the segment's name now, the new name typed, and why the last
/// Enter failed.
#[derive(Debug, Clone, PartialEq)]
pub struct RenameState {
    pub old: String,
    pub name: TextInput,
    pub error: Option<String>,
    /// Generation of the rename in flight.
    pub pending: Option<u64>,
}

/// `R`: open the dialog on the selected segment.
pub fn open(app: &mut App) -> Vec<Request> {
    if let Some(s) = app.segments.selected() {
        app.segments.rename = Some(RenameState {
            old: s.name.clone(),
            name: TextInput::new(s.name.clone()),
            error: None,
            pending: None,
        });
    }
    Vec::new()
}

/// Keys while the dialog is open; `None` for messages it does not take.
pub fn update(app: &mut App, message: &SegmentsMsg) -> Option<Vec<Request>> {
    let r = app.segments.rename.as_mut()?;
    match message {
        SegmentsMsg::Edit(edit) => {
            if r.name.apply(edit) {
                r.error = None;
            }
        }
        SegmentsMsg::ClearLine => r.name = TextInput::default(),
        SegmentsMsg::Cancel => app.segments.rename = None,
        SegmentsMsg::Submit | SegmentsMsg::Save => {
            let (old, new) = (r.old.clone(), r.name.value().trim().to_string());
            let generation = app.next_generation();
            if let Some(r) = app.segments.rename.as_mut() {
                r.pending = Some(generation);
            }
            return Some(vec![Request::Segments(SegmentJob::Rename {
                generation,
                old,
                new,
            })]);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The reply: close the dialog, say which campaigns followed, and read the segments
/// and campaigns again (entries now carry the new name); or show why not.
pub fn renamed(
    app: &mut App,
    generation: u64,
    result: Result<(String, Vec<String>), String>,
) -> Vec<Request> {
    let Some(r) = app.segments.rename.as_mut() else {
        return Vec::new();
    };
    if r.pending != Some(generation) {
        return Vec::new();
    }
    r.pending = None;
    match result {
        Err(e) => {
            r.error = Some(e);
            Vec::new()
        }
        Ok((new, campaigns)) => {
            let old = crate::text::for_terminal(&r.old).into_owned();
            let followed = match campaigns.len() {
                0 => String::new(),
                _ => format!(
                    "; entries in {} follow",
                    campaigns
                        .iter()
                        .map(|c| format!("`{}`", crate::text::for_terminal(c)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let notice = format!(
                "Renamed segment `{old}` to `{}`{followed}.",
                crate::text::for_terminal(&new)
            );
            app.segments.rename = None;
            app.segments.notice = Some((notice, false));
            let mut requests = super::update::reload(app);
            if app.campaigns.loaded {
                let generation = app.next_generation();
                app.campaigns.pending_names = Some(generation);
                requests.push(Request::LoadCampaigns { generation });
            }
            requests
        }
    }
}

/// Draw the dialog over `area`.
pub fn render(r: &RenameState, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 60, 8);
    Clear.render(rect, buf);
    let title = format!(
        " Rename segment `{}` (Enter renames, Esc cancels) ",
        crate::text::for_terminal(&r.old)
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 4 || inner.width < 12 {
        return;
    }
    buf.set_stringn(inner.x, inner.y, " Name    ", 9, theme::HEADER);
    let input = Rect::new(inner.x + 9, inner.y, inner.width - 10, 1);
    text_input::render(&r.name, true, Style::default(), input, buf);
    Line::styled(
        " Campaign entries using it follow the new name.",
        theme::CHROME,
    )
    .render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
    if let Some(e) = &r.error {
        let rest = Rect::new(inner.x, inner.y + 3, inner.width, inner.height - 3);
        Paragraph::new(Line::styled(
            format!(" Not renamed: {}", crate::text::for_terminal(e)),
            theme::ERROR,
        ))
        .wrap(Wrap { trim: true })
        .render(rest, buf);
    }
}
