//! The workspace file is readable by its owner only: it holds every contact's personal
//! data. New files are created that way; an existing one (copied in, restored from a
//! backup, made by a tool with another umask) is tightened when it is opened, with
//! SQLite's `-wal` and `-shm` files beside it, which hold the same data.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use super::WorkspaceError;

/// Create `path` (and its parent directories) readable by the owner only (file 0600,
/// directories 0700), or, when it exists, take group and other access away from it and
/// its `-wal` and `-shm` files ([`tighten`]).
///
/// Errors: [`WorkspaceError::IsDirectory`] for a directory; [`WorkspaceError::Create`]
/// when the directory or file cannot be created.
pub fn create(path: &Path) -> Result<(), WorkspaceError> {
    let err = |source| WorkspaceError::Create {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(WorkspaceError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(parent).map_err(err)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            tighten(path);
            Ok(())
        }
        Err(e) => Err(err(e)),
    }
}

/// `path` with `suffix` appended to its file name (`ws.tactful-wal`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Take group and other access away from `path` and its `-wal` and `-shm` files,
/// keeping the owner's bits. A file another user owns cannot be changed: it is left as
/// it is, and SQLite opens it as far as its permissions allow.
#[cfg(unix)]
fn tighten(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for file in [
        path.to_path_buf(),
        beside(path, "-wal"),
        beside(path, "-shm"),
    ] {
        let Ok(meta) = fs::metadata(&file) else {
            continue;
        };
        let mode = meta.permissions().mode();
        if meta.is_file() && mode & 0o077 != 0 {
            // Best effort by design (see above): the open goes on either way.
            let _ = fs::set_permissions(&file, fs::Permissions::from_mode(mode & 0o7700));
        }
    }
}

#[cfg(not(unix))]
fn tighten(_path: &Path) {}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn an_existing_file_open_to_others_is_made_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.tactful");
        for (file, start) in [
            (path.clone(), 0o644),
            (beside(&path, "-wal"), 0o664),
            (beside(&path, "-shm"), 0o606),
        ] {
            fs::write(&file, b"").unwrap();
            fs::set_permissions(&file, fs::Permissions::from_mode(start)).unwrap();
        }
        create(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&beside(&path, "-wal")), 0o600);
        assert_eq!(mode(&beside(&path, "-shm")), 0o600);
    }

    #[test]
    fn the_owners_own_bits_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.tactful");
        fs::write(&path, b"").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        create(&path).unwrap();
        assert_eq!(mode(&path), 0o400, "read-only for its owner, as it was");
    }
}
