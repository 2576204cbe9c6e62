//! Drawing the whole TUI from an `&App`: tab bar, context line, the current screen,
//! status line and any popup. Reads only; never changes state.
//!
//! Below [`layout::MIN_WIDTH`]×[`layout::MIN_HEIGHT`] it draws a short notice instead,
//! and it draws nothing at 0×0, so no size can make it index outside the buffer.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::App;
use super::guide::{GuideView, tagline};
use super::keymap::{self, Scope};
use super::layout::{self, Areas};
use super::message::Screen;
use super::popup;
use super::screens::export::{ExportView, ReviewShown};
use super::screens::fields::FieldsView;
use super::screens::import::ImportView;
use super::screens::review::review_line;
use super::screens::segments::SegmentsView;
use super::theme;
use super::update::LOADING_HINT_TICKS;
use super::widgets::cell_text::{CUT_MARK, display_width, fit, wrap};

/// Draw `app` into a frame (the event loop's entry).
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draw `app` into `area` of `buf` (tests call this with a `TestBackend`'s buffer).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let Some(areas) = layout::areas(area) else {
        too_small(area, buf);
        return;
    };
    tabs(app, areas.tabs, buf);
    context(app, areas.context, buf);
    body(app, &areas, buf);
    status(app, areas.status, buf);
    popup::render(app, area, buf);
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Make the window larger (min {}x{}; now {}x{}). q quits.",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
        area.width,
        area.height
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let spans: Vec<Span> = Screen::ALL
        .iter()
        .map(|&s| {
            let style = if s == app.screen {
                theme::ACTIVE_TAB
            } else {
                Style::default()
            };
            Span::styled(layout::tab_label(s), style)
        })
        .collect();
    Line::from(spans).render(area, buf);
}

fn context(app: &App, area: Rect, buf: &mut Buffer) {
    if matches!(
        app.screen,
        Screen::Messages | Screen::Preview | Screen::Review | Screen::Export
    ) {
        let dirty = app.messages.is_dirty(app.campaigns.current.as_ref());
        super::screens::campaign_picker::context_line(&app.campaigns, dirty).render(area, buf);
        return;
    }
    if app.screen != Screen::Fields || app.is_empty_workspace() {
        Line::from(vec![
            Span::styled(format!(" {}", app.screen.title()), theme::HEADER),
            Span::raw(format!(": {}", tagline(app.screen).unwrap_or_default())),
        ])
        .render(area, buf);
        return;
    }
    let active = match app.fields.view {
        FieldsView::List => 0,
        FieldsView::Contacts => 1,
    };
    let mut spans: Vec<Span> = layout::SUB_TABS
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let style = if i == active {
                theme::ACTIVE_TAB
            } else {
                Style::default()
            };
            Span::styled(*label, style)
        })
        .collect();
    spans.push(Span::raw("   "));
    spans.push(Span::styled(theme::BLOCKED_MARK, theme::BLOCKED));
    spans.push(Span::raw(" special category  "));
    spans.push(Span::styled(
        theme::PROTECTED_MARK.trim_end(),
        theme::WARNING,
    ));
    spans.push(Span::raw(" protected trait"));
    Line::from(spans).render(area, buf);
}

fn body(app: &App, areas: &Areas, buf: &mut Buffer) {
    let area = areas.body;
    match app.screen {
        Screen::Fields if !app.is_empty_workspace() => match app.fields.view {
            FieldsView::List => (&app.fields).render(area, buf),
            FieldsView::Contacts => (&app.contacts).render(area, buf),
        },
        Screen::Segments => (&SegmentsView {
            state: &app.segments,
            fields: &app.fields.fields,
        })
            .render(area, buf),
        Screen::Import => (&ImportView {
            state: &app.import,
            empty_workspace: app.is_empty_workspace(),
        })
            .render(area, buf),
        Screen::Messages => (&super::screens::messages::view::MessagesView {
            state: &app.messages,
            campaigns: app.campaigns.loaded.then_some(app.campaigns.names.len()),
        })
            .render(area, buf),
        Screen::Preview => (&app.preview).render(area, buf),
        Screen::Suppression => (&app.suppression).render(area, buf),
        Screen::Audit => (&app.audit).render(area, buf),
        Screen::Contact => (&app.contact).render(area, buf),
        Screen::Review => (&app.review).render(area, buf),
        Screen::Export => (&ExportView {
            state: &app.export,
            review: ReviewShown {
                campaign: app.review.campaign.as_deref(),
                review: app.review.review.as_ref(),
                columns: &app.review.columns,
                head: review_line(&app.review, usize::from(area.width)),
            },
        })
            .render(area, buf),
        Screen::Fields => (&GuideView {
            workspace: &app.workspace,
        })
            .render(area, buf),
    }
}

/// `n` and a noun that agrees with it, as the CLI writes counts (the core's
/// [`crate::text::count`]: `1 recipient`, `2 entries`), with the number grouped as
/// [`thousands`] does (`1,234 contacts`).
pub fn count(n: u64, noun: &str) -> String {
    let plain = crate::text::count(n, noun);
    format!("{}{}", thousands(n), &plain[n.to_string().len()..])
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let keys = status_keys(app);
    let (counts, message, style) = status_message(app);
    let width = keys.len() as u16;
    if area.width <= width + 1 {
        Line::from(counts.or(message).unwrap_or_default()).render(area, buf);
        return;
    }
    let right = Rect::new(area.right() - width, area.y, width, 1);
    Line::styled(keys, theme::CHROME).render(right, buf);
    // The messages end one column before the key hints.
    let room = usize::from(area.width - width - 1);
    let left = Rect::new(area.x, area.y, room as u16, 1);
    let Some(message) = message else {
        // The counts alone are cut with `…` if longer.
        let line = Line::raw(counts.unwrap_or_default());
        if line.width() > room {
            let cut = Rect::new(area.x, area.y, room as u16 - 1, 1);
            line.render(cut, buf);
            Line::styled("…", theme::CHROME).render(Rect::new(cut.right(), area.y, 1, 1), buf);
        } else {
            line.render(left, buf);
        }
        return;
    };
    let message = crate::text::for_terminal(&message);
    if let Some(counts) = counts.filter(|c| display_width(c) + 3 + display_width(&message) <= room)
    {
        Line::styled(format!("{counts} | {message}"), style).render(left, buf);
        return;
    }
    // A message that does not fit with the counts is shown alone, whole: its end often
    // says what to do next. Longer than the row, it wraps upwards over the rows above
    // the status line (at most `STATUS_ROWS`). Longer still, the last row ends with
    // `MORE` where `?` opens the help, which then shows the message whole first.
    let (rows, cut) = message_rows(&message, area, room);
    let more = if keymap::active_scopes(app).contains(&Scope::Global) {
        MORE
    } else {
        CUT_MARK
    };
    let top = area.y - (rows.len() as u16 - 1);
    for (i, row) in rows.iter().enumerate() {
        let y = top + i as u16;
        let row_width = if y == area.y { room as u16 } else { area.width };
        let line = Rect::new(area.x, y, row_width, 1);
        let text = if cut && y == area.y {
            // Cut between words, so the hint follows a whole one.
            let budget = usize::from(row_width).saturating_sub(1 + display_width(more));
            let head = wrap(row, budget).into_iter().next().unwrap_or_default();
            format!(" {head}{more}")
        } else {
            format!(" {row}")
        };
        Line::styled(fit(&text, usize::from(row_width)), style).render(line, buf);
    }
}

/// Rows the status line's message may take, counting the status line itself.
const STATUS_ROWS: usize = 5;

/// How the status line ends a message too long for its rows, where `?` opens the help.
const MORE: &str = "… ? shows all";

/// The key hints at the right of the status line.
fn status_keys(app: &App) -> &'static str {
    // The contacts browser says how to reach a contact's record (the Contact screen).
    let browsing = app.screen == Screen::Fields && app.fields.view == FieldsView::Contacts;
    if browsing {
        "Enter show contact  ? keys  q quit "
    } else {
        "? keys  q quit "
    }
}

/// What the status line says: the counts (unless an error takes their place), the
/// message (the error, else the notice) and its style.
fn status_message(app: &App) -> (Option<String>, Option<String>, Style) {
    // An error takes the place of the counts; a notice follows them when both fit.
    match (&app.ctx.error, &app.ctx.notice) {
        (Some(e), _) => (None, Some(format!("error: {e}")), theme::ERROR),
        (None, notice) => (Some(counts_text(app)), notice.clone(), Style::default()),
    }
}

/// The status line's message when it is too long to be shown whole (it ends with
/// [`MORE`]): what the help popup shows first, so the user can read all of it.
pub fn cut_status_message(app: &App) -> Option<String> {
    let area = layout::areas(app.ctx.size)?.status;
    let keys = status_keys(app).len() as u16;
    let room = usize::from(area.width.checked_sub(keys + 1)?).max(2);
    let message = status_message(app).1?;
    let message = crate::text::for_terminal(&message).into_owned();
    message_rows(&message, area, room).1.then_some(message)
}

/// `message` wrapped over at most `STATUS_ROWS` rows ending on the status line `area`:
/// the full width above it, `room` columns on it (left of the key hints); the last row
/// holds the rest. True when the rest does not fit on that row (the message is cut).
fn message_rows(message: &str, area: Rect, room: usize) -> (Vec<String>, bool) {
    let max = usize::from(area.y).min(STATUS_ROWS - 1) + 1;
    let (width, last) = (usize::from(area.width) - 1, room - 1);
    let mut rows = wrap(message, width);
    if let Some(end) = rows.pop() {
        rows.extend(wrap(&end, last));
    }
    if rows.len() > max {
        let rest = rows.split_off(max.max(1) - 1).join(" ");
        rows.push(rest);
    }
    let cut = rows.last().is_some_and(|r| display_width(r) > last);
    (rows, cut)
}

/// The workspace counts the status line shows: fields, contacts, the as-of date.
fn counts_text(app: &App) -> String {
    let contacts = match app.contacts.total {
        Some(n) => count(n, "contact"),
        None if app.contacts.pending_count.is_some() => "counting contacts".to_string(),
        None => String::new(),
    };
    let mut text = format!(" {}", count(app.fields.fields.len() as u64, "field"));
    if !contacts.is_empty() {
        text.push_str(", ");
        text.push_str(&contacts);
    }
    text.push_str(&format!(", as of {}", as_of_text(app)));
    if app.contacts.waiting_ticks >= LOADING_HINT_TICKS {
        text.push_str(", loading rows...");
    }
    text
}

/// The date relative rules count from, always shown: the global `--as-of`, else on the
/// campaign screens the current campaign's own as-of date, else today (named, not
/// printed, so drawing reads no clock).
fn as_of_text(app: &App) -> String {
    if let Some(d) = app.ctx.as_of {
        return d.to_string();
    }
    let campaign_screen = matches!(
        app.screen,
        Screen::Messages | Screen::Preview | Screen::Review | Screen::Export
    );
    match app.campaigns.current.as_ref().and_then(|c| c.as_of) {
        Some(d) if campaign_screen => format!("{d} (campaign)"),
        _ => "today".to_string(),
    }
}
