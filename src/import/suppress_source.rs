//! Where `tactful suppress` reads its list from: a file, a member of a ZIP archive
//! named as `ARCHIVE.zip/MEMBER` (the path an import error names, such as
//! `export.zip/unsubscribed.csv`), or every CSV member of an archive whose name or
//! members' names say it lists opt-outs (`unsubscribed.zip`).
//!
//! The import's refusal of a file named like an opt-out list ([`super::opt_out_file`])
//! advises `tactful suppress` with that file's path; for an archive member that path
//! did not exist on disk and a whole archive was refused, so the advice could not be
//! followed (third new-user trial, H2). Any other archive is still refused, naming its
//! opt-out members as paths to give: a customer export's subscribed file is no list of
//! opt-outs. Called by [`super::suppress`].

use std::path::{Path, PathBuf};

use super::ImportError;
use super::archive::{self, Extracted};
use super::opt_out_file::{self, shell_word};
use super::source::{self, Kind};

/// The lists to read: each with the name the report and the audit log give it and
/// where it is on disk, with the temporary folder of extracted members (kept as long
/// as this value).
#[derive(Debug)]
pub struct Lists {
    /// The source the entries record: the file's name, `export.zip/unsubscribed.csv`
    /// for a member, `unsubscribed.zip` for a whole archive.
    pub name: String,
    pub lists: Vec<(String, PathBuf)>,
    _extracted: Option<Extracted>,
}

/// Resolve `path` into the lists to read.
///
/// Errors: [`ImportError::Io`] when neither `path` nor an archive holding it as a member
/// exists; [`ImportError::Archive`] for a damaged archive or a member it does not hold;
/// [`ImportError::SuppressArchive`] for an archive that does not say it lists opt-outs
/// (with its members that do, as commands to run).
pub fn resolve(path: &Path) -> Result<Lists, ImportError> {
    if path.is_file() {
        if source::detect(path)? != Kind::Archive {
            return Ok(Lists {
                name: file_name(path),
                lists: vec![(path.display().to_string(), path.to_path_buf())],
                _extracted: None,
            });
        }
        return whole_archive(path);
    }
    let Some((zip, member)) = archive_member(path) else {
        // Not there: the reader says so with its usual error.
        return Ok(Lists {
            name: file_name(path),
            lists: vec![(path.display().to_string(), path.to_path_buf())],
            _extracted: None,
        });
    };
    let extracted = archive::extract(&zip)?;
    let wanted = member.replace('\\', "/");
    let Some(found) = extracted
        .members
        .iter()
        .find(|m| m.name.replace('\\', "/").trim_start_matches("./") == wanted)
    else {
        let names: Vec<String> = extracted.members.iter().map(|m| m.name.clone()).collect();
        return Err(archive::error(
            &zip,
            &format!(
                "it holds no file `{member}` to read (its files: {})",
                archive::some(&names)
            ),
        ));
    };
    let lists = vec![(path.display().to_string(), found.path.clone())];
    Ok(Lists {
        name: format!("{}/{}", file_name(&zip), found.name),
        lists,
        _extracted: Some(extracted),
    })
}

/// Every CSV member of the archive at `path` when its name (or its folder's, as the
/// import reads them) or every member's name says it lists opt-outs; else [`ImportError::SuppressArchive`] naming
/// the members that do.
fn whole_archive(path: &Path) -> Result<Lists, ImportError> {
    let extracted = archive::extract(path)?;
    let named = opt_out_file::named_on_disk(path);
    let every = extracted.members.iter().all(|m| m.opt_out);
    if !(named || every) {
        let commands: Vec<String> = extracted
            .members
            .iter()
            .filter(|m| m.opt_out)
            .map(|m| {
                let member = format!("{}/{}", path.display(), m.name);
                format!("`tactful suppress {}`", shell_word(&member))
            })
            .collect();
        let advice = match commands.is_empty() {
            true => format!(
                "name the file to add, as `tactful suppress {}`",
                shell_word(&format!("{}/FILE.csv", path.display()))
            ),
            false => format!(
                "add its files named like opt-out lists one by one, {} (any file in it is named as ARCHIVE.zip/FILE.csv)",
                archive::some(&commands)
            ),
        };
        return Err(ImportError::SuppressArchive {
            path: path.to_path_buf(),
            advice: crate::text::for_terminal(&advice).into_owned(),
        });
    }
    let lists = extracted
        .members
        .iter()
        .map(|m| (format!("{}/{}", path.display(), m.name), m.path.clone()))
        .collect();
    Ok(Lists {
        name: file_name(path),
        lists,
        _extracted: Some(extracted),
    })
}

/// The archive on disk that `path` names a member of (`export.zip/unsubscribed.csv`:
/// `export.zip` and `unsubscribed.csv`), if one of its ancestors is a ZIP archive.
fn archive_member(path: &Path) -> Option<(PathBuf, String)> {
    let zip = path
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && a.is_file())?;
    if source::detect(zip).ok()? != Kind::Archive {
        return None;
    }
    let rest = path.strip_prefix(zip).ok()?;
    let member: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some((zip.to_path_buf(), member.join("/")))
}

/// The last component of `path`, as text (the path itself when it has none).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
