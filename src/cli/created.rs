//! The workspace file this run created, and its removal when the command fails.
//!
//! [`super::Context::open_or_create`] notes a workspace file that did not exist before
//! it; when the command then ends in an error or a panic, [`Cleanup`] removes that file
//! if nothing was committed to it (`workspace::fresh`). A workspace that existed before
//! is never touched, and one that received a batch (an earlier file of the same import)
//! stays.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The workspace file created by this run, if any.
static CREATED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Note that this run created the workspace file `path`.
pub fn note(path: &Path) {
    if let Ok(mut created) = CREATED.lock() {
        *created = Some(path.to_path_buf());
    }
}

/// Held by [`super::main`] over the whole command: on [`Cleanup::failed`], or when
/// dropped during a panic, the workspace file this run created is removed unless
/// something was committed to it.
pub struct Cleanup;

impl Cleanup {
    /// The command failed: remove the workspace file it created, if unused.
    pub fn failed(&self) {
        remove();
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if std::thread::panicking() {
            remove();
        }
    }
}

fn remove() {
    // A poisoned lock still holds the path: the panic may have happened anywhere.
    let path = match CREATED.lock() {
        Ok(mut created) => created.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    };
    if let Some(path) = path {
        crate::workspace::fresh::remove_if_unused(&path);
    }
}
