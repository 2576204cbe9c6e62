//! `update` for the Import screen: path input and completion, detect, options, import
//! with progress, batches and undo. The worker does all file and workspace work; replies
//! whose generation is not the one waited for are dropped.

use super::ImportState;
use super::options::{COMMON_FIELDS, OptionRow, OptionsForm};
use super::{Stage, max_scroll};
use crate::import::report::Detected;
use crate::tui::context::Context;
use crate::tui::message::{Job, Message, Request};
use crate::tui::view::count;
use crate::tui::widgets::text_input::Opening;
use crate::workspace::actor;

/// A popup change the Import screen asks of `tui::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupChange {
    /// Show the options form (`ImportState::form`).
    OpenOptions,
    /// Ask "Undo the latest import?".
    OpenConfirmUndo,
    /// Close the popup showing.
    Close,
}

/// What one Import update works on: the screen's own state, the shared context, and
/// what it needs of the rest of the app, passed in by `tui::update`.
pub struct Update<'a> {
    pub import: &'a mut ImportState,
    pub ctx: &'a mut Context,
    /// True when nothing has been imported yet (the screen then shows a guide).
    pub empty_workspace: bool,
    /// Reloads the fields and the count after the workspace changed (an import or an
    /// undo); returns the requests for it.
    pub refresh: &'a mut dyn FnMut(&mut Context) -> Vec<Request>,
    /// The popup change asked for, which `tui::update` applies.
    pub popup: Option<PopupChange>,
    /// Set when an import or an undo changed the workspace's contacts and fields, so
    /// `tui::update` marks what other screens worked out from them as out of date.
    pub data_changed: bool,
}

fn refresh(app: &mut Update<'_>) -> Vec<Request> {
    (app.refresh)(app.ctx)
}

/// Apply an Import screen message.
pub fn update(app: &mut Update<'_>, message: Message) -> Vec<Request> {
    let s = &mut *app.import;
    match message {
        Message::EditPath => {
            s.editing = true;
            s.show_batches = false;
            Vec::new()
        }
        Message::StartPath(c) => {
            s.editing = true;
            s.show_batches = false;
            s.path.open(Opening::StartWith(c));
            s.completion = None;
            Vec::new()
        }
        Message::StopEditing => {
            s.editing = false;
            s.completion = None;
            Vec::new()
        }
        Message::CompletePath => {
            let generation = app.ctx.next_generation();
            app.import.pending_completion = Some(generation);
            vec![Request::CompletePath {
                generation,
                typed: app.import.path.value().to_string(),
            }]
        }
        Message::PathCompleted { generation, result } => {
            if s.pending_completion == Some(generation) {
                s.pending_completion = None;
                match result {
                    Ok(c) => {
                        s.error = None;
                        s.path.set(c.input.clone());
                        s.completion = Some(c);
                    }
                    Err(e) => s.error = Some(e),
                }
            }
            Vec::new()
        }
        Message::DetectImport => detect(app),
        Message::ImportDetected { generation, result } => {
            if s.pending == Some(generation) {
                s.pending = None;
                s.scroll = 0;
                match result {
                    Ok(d) => {
                        s.error = None;
                        s.stage = Stage::Detected(d);
                    }
                    Err(e) => {
                        s.error = Some(e);
                        s.stage = Stage::Idle;
                    }
                }
            }
            Vec::new()
        }
        Message::OpenImportOptions => {
            let (key_choices, columns, targets) = match &s.stage {
                Stage::Detected(d) => column_choices(d),
                _ => Default::default(),
            };
            s.form = Some(OptionsForm {
                row: 0,
                draft: s.plan.clone(),
                key_choices,
                columns,
                column: 0,
                targets,
            });
            app.popup = Some(PopupChange::OpenOptions);
            Vec::new()
        }
        Message::RunImport => run(app),
        Message::ImportProgressed {
            generation,
            progress: p,
        } => {
            if s.pending == Some(generation)
                && let Stage::Importing { progress, .. } = &mut s.stage
            {
                *progress = Some(p);
            }
            Vec::new()
        }
        Message::ImportFinished { generation, result } => {
            if s.pending != Some(generation) {
                return Vec::new();
            }
            s.pending = None;
            s.scroll = 0;
            match result {
                Ok(report) => {
                    s.error = None;
                    app.ctx.notice = report.batch.map(|b| {
                        format!("imported batch {b}: {}", count(report.rows_imported, "row"))
                    });
                    s.stage = Stage::Reported(report);
                    app.data_changed = true;
                    let mut requests = refresh(app);
                    requests.extend(load_batches(app));
                    requests
                }
                Err(e) => {
                    s.error = Some(format!("nothing was imported: {e}"));
                    if let Stage::Importing { detected, .. } = std::mem::take(&mut s.stage) {
                        s.stage = Stage::Detected(detected);
                    }
                    Vec::new()
                }
            }
        }
        Message::ToggleBatches => {
            s.show_batches = !s.show_batches;
            s.scroll = 0;
            if s.show_batches {
                load_batches(app)
            } else {
                Vec::new()
            }
        }
        Message::BatchesLoaded { generation, result } => {
            if s.pending_batches == Some(generation) {
                s.pending_batches = None;
                match result {
                    Ok(b) => s.batches = b,
                    Err(e) => s.error = Some(e),
                }
            }
            Vec::new()
        }
        Message::AskUndo => {
            if s.pending_undo.is_none() && s.pending.is_none() {
                app.popup = Some(PopupChange::OpenConfirmUndo);
                return load_batches(app);
            }
            Vec::new()
        }
        Message::ConfirmUndo => {
            app.popup = Some(PopupChange::Close);
            let generation = app.ctx.next_generation();
            app.import.pending_undo = Some(generation);
            vec![Request::Write {
                generation,
                job: Job::UndoLatest,
            }]
        }
        Message::UndoFinished { generation, result } => {
            if s.pending_undo != Some(generation) {
                return Vec::new();
            }
            s.pending_undo = None;
            match result {
                Ok(r) => {
                    s.error = None;
                    let text = format!(
                        "Undid batch {} ({}): {} removed, {} restored, {} removed, {} kept, {} on record",
                        r.batch,
                        r.file_name,
                        count(r.contacts_removed, "contact"),
                        r.contacts_restored,
                        count(r.fields_removed.len() as u64, "field"),
                        count(r.opt_outs_kept, "opt-out"),
                        count(r.refusals_on_record, "refusal")
                    ) + &r
                        .warnings
                        .iter()
                        .map(|w| format!("; {w}"))
                        .collect::<String>();
                    s.notice = Some(text.clone());
                    app.ctx.notice = Some(text);
                    if matches!(s.stage, Stage::Reported(_)) {
                        s.stage = Stage::Idle;
                    }
                    app.data_changed = true;
                    let mut requests = refresh(app);
                    requests.extend(load_batches(app));
                    requests
                }
                Err(e) => {
                    s.error = Some(e);
                    Vec::new()
                }
            }
        }
        _ => Vec::new(),
    }
}

fn detect(app: &mut Update<'_>) -> Vec<Request> {
    let s = &mut *app.import;
    if s.pending.is_some() && matches!(s.stage, Stage::Importing { .. }) {
        return Vec::new();
    }
    if s.path.is_blank() {
        s.editing = true;
        return Vec::new();
    }
    s.editing = false;
    s.completion = None;
    s.show_batches = false;
    s.notice = None;
    s.error = None;
    s.stage = Stage::Detecting;
    let plan = s.plan_for_path(actor());
    let generation = app.ctx.next_generation();
    app.import.pending = Some(generation);
    vec![Request::DetectImport {
        generation,
        plan: Box::new(plan),
    }]
}

fn run(app: &mut Update<'_>) -> Vec<Request> {
    let s = &mut *app.import;
    match &s.stage {
        Stage::Detected(_) => {}
        Stage::Idle => {
            s.error = Some("read the file first: press e, type its path and press Enter".into());
            return Vec::new();
        }
        Stage::Reported(_) => {
            s.error = Some("this file is imported; press Enter to read it again first".into());
            return Vec::new();
        }
        Stage::Detecting | Stage::Importing { .. } => return Vec::new(),
    }
    let Stage::Detected(detected) = std::mem::take(&mut s.stage) else {
        return Vec::new();
    };
    s.stage = Stage::Importing {
        detected,
        progress: None,
    };
    s.error = None;
    s.show_batches = false;
    let plan = s.plan_for_path(actor());
    let generation = app.ctx.next_generation();
    app.import.pending = Some(generation);
    vec![Request::Write {
        generation,
        job: Job::Import(Box::new(plan)),
    }]
}

/// From a detected file: the key choices (its field names), its columns (headers,
/// skipped ones too so they can be brought back) and the fields a column may go to
/// (the common fields, then the file's).
fn column_choices(d: &Detected) -> (Vec<String>, Vec<String>, Vec<String>) {
    let keys: Vec<String> = d.fields.iter().map(|f| f.name.clone()).collect();
    let mut columns: Vec<String> = d.fields.iter().map(|f| f.header.clone()).collect();
    columns.extend(d.skipped_columns.iter().map(|s| s.header.clone()));
    let mut targets: Vec<String> = COMMON_FIELDS.iter().map(|f| f.to_string()).collect();
    for k in &keys {
        if !targets.contains(k) {
            targets.push(k.clone());
        }
    }
    (keys, columns, targets)
}

fn load_batches(app: &mut Update<'_>) -> Vec<Request> {
    let generation = app.ctx.next_generation();
    app.import.pending_batches = Some(generation);
    vec![Request::LoadBatches { generation }]
}

/// Scroll the content by `delta` lines (`isize::MIN`/`MAX` jump to an end).
pub fn scroll(app: &mut Update<'_>, delta: isize) -> Vec<Request> {
    let last = crate::tui::layout::areas(app.ctx.size)
        .map_or(0, |a| max_scroll(app.import, app.empty_workspace, a.body));
    let s = &mut *app.import;
    s.scroll = s.scroll.saturating_add_signed(delta).min(last);
    Vec::new()
}

/// Messages while the options form is open: move, change, apply, cancel. Applying
/// reads the file again when one is typed, so what is shown matches the options.
pub fn options_message(
    app: &mut Update<'_>,
    message: &Message,
    delta: isize,
) -> Option<Vec<Request>> {
    let form = app.import.form.as_mut()?;
    match message {
        _ if delta != 0 => {
            let last = OptionRow::ALL.len() - 1;
            form.row = form.row.saturating_add_signed(delta.signum()).min(last);
            Some(Vec::new())
        }
        Message::ChangeValue(d) => {
            form.change(*d);
            Some(Vec::new())
        }
        Message::Submit => {
            let form = app.import.form.take()?;
            app.import.plan = form.draft;
            app.popup = Some(PopupChange::Close);
            let was_read = matches!(app.import.stage, Stage::Detected(_))
                || (app.import.error.is_some() && !app.import.path.is_blank());
            Some(if was_read { detect(app) } else { Vec::new() })
        }
        Message::ClosePopup => {
            app.import.form = None;
            app.popup = Some(PopupChange::Close);
            Some(Vec::new())
        }
        _ => None,
    }
}
