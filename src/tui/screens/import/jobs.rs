//! The Import screen's jobs, run by the job runner (`tui::jobs`): completing a typed
//! path, what an import would detect, the import batches (reads), and the import and
//! undo themselves (changes).

use crate::import::ImportPlan;
use crate::tui::message::{Message, Request};
use crate::tui::paths;
use crate::workspace::{Workspace, actor, batches};

/// Answer [`Request::CompletePath`], [`Request::DetectImport`] or
/// [`Request::LoadBatches`] (`None` for any other request).
pub fn read(ws: &Workspace, request: &Request) -> Option<Message> {
    Some(match request {
        Request::CompletePath { generation, typed } => Message::PathCompleted {
            generation: *generation,
            result: paths::complete(typed),
        },
        Request::DetectImport { generation, plan } => Message::ImportDetected {
            generation: *generation,
            result: crate::import::detect(ws, plan)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        },
        Request::LoadBatches { generation } => Message::BatchesLoaded {
            generation: *generation,
            result: batches::list(ws.conn()).map_err(|e| e.to_string()),
        },
        _ => return None,
    })
}

/// Import one file as one batch; `emit` gets the progress as it goes.
pub fn import(
    ws: &mut Workspace,
    generation: u64,
    plan: &ImportPlan,
    emit: &mut dyn FnMut(Message),
) -> Message {
    let mut progress = |progress| {
        emit(Message::ImportProgressed {
            generation,
            progress,
        })
    };
    Message::ImportFinished {
        generation,
        result: crate::import::run(ws, plan, &mut progress)
            .map(Box::new)
            .map_err(|e| e.to_string()),
    }
}

/// Undo the newest import batch still in effect.
pub fn undo(ws: &mut Workspace, generation: u64) -> Message {
    Message::UndoFinished {
        generation,
        result: crate::import::undo::undo(ws, None, &actor()).map_err(|e| e.to_string()),
    }
}
