//! Writing export files so that a failure leaves nothing half written.
//!
//! Each file is first written to a hidden temporary file in the target directory
//! (created owner-only, 0600, by `tempfile`), flushed and synced, and only then renamed
//! to its name: a rename within one directory is atomic, so a reader sees the old file
//! or the whole new one. A temporary file is deleted when anything fails (full disk,
//! read-only directory). Existing files are never replaced unless the caller forces it,
//! and that is checked before anything is written. A directory this module creates is
//! owner-only (0700) and removed again if the export fails.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

/// Why export files could not be written. Nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path} already exists; pass --force to overwrite it")]
    Exists { path: PathBuf },
    #[error("{path} exists and is not a directory; choose a directory for --out")]
    NotADirectory { path: PathBuf },
    #[error("the disk is full while writing {path}; nothing was written")]
    DiskFull { path: PathBuf },
    /// The cause is part of the message and deliberately not a `#[source]`: the CLI
    /// prints error chains and the TUI prints the message alone, and both should show
    /// it exactly once (as `ImportError::Io`).
    #[error("cannot write {path}: {cause}; nothing was written")]
    Io { path: PathBuf, cause: io::Error },
}

fn io_error(path: &Path, source: io::Error) -> FileError {
    let path = path.to_path_buf();
    if source.kind() == io::ErrorKind::StorageFull {
        FileError::DiskFull { path }
    } else {
        FileError::Io {
            path,
            cause: source,
        }
    }
}

/// A directory being written to, and the files staged in it.
#[derive(Debug)]
pub struct Target {
    dir: PathBuf,
    created: bool,
    force: bool,
    committed: bool,
    staged: Vec<(NamedTempFile, PathBuf)>,
}

impl Drop for Target {
    /// Whatever was not committed goes: staged files delete themselves, and a directory
    /// this export created is removed (it is empty by then).
    fn drop(&mut self) {
        self.staged.clear();
        if self.created && !self.committed {
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

/// A writer that hashes (SHA-256) and counts what goes through it.
pub struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hash: Sha256::new(),
            bytes: 0,
        }
    }

    /// The hex SHA-256 of everything written, and its length in bytes.
    pub fn finish(self) -> (String, u64) {
        (hex(&self.hash.finalize()), self.bytes)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Target {
    /// Prepare `dir` for files named `names`: create it (0700) if missing, and refuse
    /// if it is not a directory or, without `force`, if any of the files exists.
    pub fn open(dir: &Path, names: &[&str], force: bool) -> Result<Target, FileError> {
        let created = match fs::metadata(dir) {
            Ok(m) if m.is_dir() => false,
            Ok(_) => {
                return Err(FileError::NotADirectory {
                    path: dir.to_path_buf(),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let mut builder = fs::DirBuilder::new();
                builder.recursive(true);
                #[cfg(unix)]
                std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
                builder.create(dir).map_err(|e| io_error(dir, e))?;
                true
            }
            Err(e) => return Err(io_error(dir, e)),
        };
        let target = Target {
            dir: dir.to_path_buf(),
            created,
            force,
            committed: false,
            staged: Vec::new(),
        };
        if !force {
            for name in names {
                let path = dir.join(name);
                if fs::symlink_metadata(&path).is_ok() {
                    return Err(FileError::Exists { path });
                }
            }
        }
        Ok(target)
    }

    /// Write file `name` through `write` into a temporary file, synced to disk; it
    /// gets its name only in [`Target::commit`]. Returns `write`'s result and the file's
    /// hex SHA-256 and size.
    pub fn stage<T>(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
    ) -> Result<(T, String, u64), FileError> {
        let path = self.dir.join(name);
        if !self.force && fs::symlink_metadata(&path).is_ok() {
            return Err(FileError::Exists { path });
        }
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(|e| io_error(&path, e))?;
        let mut out = Hashing::new(io::BufWriter::new(temp.as_file()));
        let value = write(&mut out).map_err(|e| io_error(&path, e))?;
        out.flush().map_err(|e| io_error(&path, e))?;
        let (sha256, bytes) = out.finish();
        temp.as_file().sync_all().map_err(|e| io_error(&path, e))?;
        self.staged.push((temp, path));
        Ok((value, sha256, bytes))
    }

    /// Give every staged file its name, in staging order. If one rename fails, the
    /// files already renamed by this call are removed again.
    pub fn commit(mut self) -> Result<(), FileError> {
        let staged = std::mem::take(&mut self.staged);
        let mut done: Vec<PathBuf> = Vec::new();
        for (temp, path) in staged {
            let result = if self.force {
                temp.persist(&path).map(|_| ())
            } else {
                temp.persist_noclobber(&path).map(|_| ())
            };
            if let Err(e) = result {
                for p in &done {
                    let _ = fs::remove_file(p);
                }
                let err = if e.error.kind() == io::ErrorKind::AlreadyExists {
                    FileError::Exists { path }
                } else {
                    io_error(&path, e.error)
                };
                return Err(err);
            }
            done.push(path);
        }
        self.committed = true;
        Ok(())
    }

    /// Give up: delete staged files and, if this export created the directory, the
    /// directory (the same as dropping the target).
    pub fn abandon(self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failure_midway_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Target::open(dir.path(), &["a.csv"], false).unwrap();
        let err = t
            .stage("a.csv", |w| {
                w.write_all(b"half a file")?;
                Err::<(), _>(io::Error::from(io::ErrorKind::StorageFull))
            })
            .unwrap_err();
        assert!(matches!(err, FileError::DiskFull { .. }), "{err:?}");
        t.abandon();
        assert!(entries(dir.path()).is_empty());
    }

    #[test]
    fn files_appear_only_on_commit_and_are_never_overwritten_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Target::open(dir.path(), &["a.csv"], false).unwrap();
        let ((), sha, bytes) = t.stage("a.csv", |w| w.write_all(b"abc")).unwrap();
        // `printf abc | sha256sum`
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(bytes, 3);
        assert_eq!(entries(dir.path()).len(), 1);
        assert!(entries(dir.path())[0].starts_with(".a.csv."));
        t.commit().unwrap();
        assert_eq!(entries(dir.path()), ["a.csv"]);
        assert_eq!(fs::read(dir.path().join("a.csv")).unwrap(), b"abc");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("a.csv"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let err = Target::open(dir.path(), &["a.csv"], false).unwrap_err();
        assert!(err.to_string().contains("pass --force"), "{err}");
        let mut t = Target::open(dir.path(), &["a.csv"], true).unwrap();
        t.stage("a.csv", |w| w.write_all(b"new")).unwrap();
        t.commit().unwrap();
        assert_eq!(fs::read(dir.path().join("a.csv")).unwrap(), b"new");
    }

    #[test]
    fn a_created_directory_is_private_and_removed_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/export");
        let t = Target::open(&out, &["a.csv"], false).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        t.abandon();
        assert!(!out.exists());
        let file = dir.path().join("plain");
        fs::write(&file, "x").unwrap();
        let err = Target::open(&file, &["a.csv"], false).unwrap_err();
        assert!(matches!(err, FileError::NotADirectory { .. }));
    }
}
