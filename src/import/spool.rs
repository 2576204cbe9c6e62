//! A file given as a pipe (`import <(cat file.csv)`, `import /dev/stdin`, a FIFO) read
//! once, into a private temporary copy.
//!
//! Importing reads a file more than once (decoding and sniffing, then two passes over
//! the rows), and so does `tactful suppress`; a pipe gives its bytes only once, so the
//! second read found nothing and the command said "the file has no rows" (new-user
//! trial 5, F3). A path that is not a regular file or a directory is therefore copied,
//! up to [`MAX_BYTES`], into a file of its own name in a new temporary directory
//! (owner-only, removed when the [`Spooled`] is dropped); the caller reads the copy and
//! names the path the user gave. A regular file is read where it is. Called by the CLI's
//! `import` and `suppress`.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::ImportError;

/// The most a pipe is read into its copy: 4 GiB, far beyond a customer export, so a
/// stream that never ends stops with an error instead of filling the disk.
pub const MAX_BYTES: u64 = 4 << 30;

/// A pipe's copy on disk; removed with this value.
#[derive(Debug)]
pub struct Spooled {
    _dir: tempfile::TempDir,
    /// The copy, named as the pipe's last path component (`63`, `stdin`).
    pub path: PathBuf,
}

/// Copy `path` into a temporary file when it is a pipe, FIFO or other stream (not a
/// regular file, not a directory); `None` for a file that can be read twice.
///
/// Errors: [`ImportError::Io`] when the stream cannot be read or the copy written;
/// [`ImportError::BadOption`] when the stream holds more than [`MAX_BYTES`].
pub fn spool(path: &Path) -> Result<Option<Spooled>, ImportError> {
    let Ok(meta) = std::fs::metadata(path) else {
        // A missing file is the caller's error to report, with its own words.
        return Ok(None);
    };
    if meta.is_file() || meta.is_dir() {
        return Ok(None);
    }
    let io = |e: std::io::Error| ImportError::Io {
        path: path.to_path_buf(),
        cause: e,
    };
    let dir = tempfile::Builder::new()
        .prefix("tactful-pipe-")
        .tempdir()
        .map_err(io)?;
    let name = path
        .file_name()
        .map_or_else(|| "stdin".into(), |n| n.to_os_string());
    let copy = dir.path().join(name);
    let mut out = std::fs::File::create(&copy).map_err(io)?;
    let input = std::fs::File::open(path).map_err(io)?;
    let copied = std::io::copy(&mut input.take(MAX_BYTES + 1), &mut out).map_err(io)?;
    if copied > MAX_BYTES {
        return Err(ImportError::BadOption(format!(
            "{} streams more than {} GiB; save it to a file first and give that file",
            path.display(),
            MAX_BYTES >> 30
        )));
    }
    Ok(Some(Spooled {
        _dir: dir,
        path: copy,
    }))
}
