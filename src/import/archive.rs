//! A ZIP archive of exports read as one import: each member its own batch, in a
//! stated order.
//!
//! Mailchimp's audience export is such a ZIP (`subscribed_members_export_*.csv`,
//! `unsubscribed_members_export_*.csv`, `cleaned_members_export_*.csv`). Members are
//! imported in name order, with opt-out files (unsubscribed, cleaned, bounced,
//! suppressed, spam complaints) last: consent merging never lets a later "granted"
//! undo an opt-out, and putting opt-outs last means no later member file of the same
//! archive even tries. Each member is extracted to a private temporary folder under
//! its own file name, so the batch records that name (and file-name based layout
//! recognition sees it). Directories, macOS resource forks (`__MACOSX/`, `._x.csv`)
//! and hidden files are ignored. CSV and text members are read as tables, workbook
//! members (`.xlsx`, `.xls`, `.xlsb`, `.ods`, or any member whose bytes are one) as a
//! workbook file is, and a ZIP inside the archive is opened one level deep, its members
//! named `inner.zip/member.csv`. Any other member fails the whole import, named:
//! skipping it could drop a list of opt-outs, and the archive's other lists would be
//! mailed (sixth new-user trial, G6). Every member is held to the ZIP-bomb limits of
//! [`limits`]. Called by [`super::run_all`] and [`super::suppress_source`].

pub mod limits;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::ImportError;
use super::source::{self, Kind};

/// The order rule, as the report states it.
pub const ORDER_RULE: &str = "members in name order, opt-out files (unsubscribed, cleaned, bounced, suppressed) last, so no later member of the archive can re-grant consent";

/// One member of the archive, extracted: a table or a workbook.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's path inside the archive (`optouts.zip/part1.csv` for a member of
    /// a ZIP inside it).
    pub name: String,
    /// Where it was extracted, under its own file name.
    pub path: PathBuf,
    /// Its name says it lists opt-outs (it is imported after the others).
    pub opt_out: bool,
}

/// The archive's members in import order, extracted to a temporary folder that lives
/// as long as this value.
#[derive(Debug)]
pub struct Extracted {
    _dir: tempfile::TempDir,
    pub members: Vec<Member>,
}

/// An [`ImportError::Archive`] for `path` from a ZIP error.
pub fn error(path: &Path, e: &dyn std::fmt::Display) -> ImportError {
    ImportError::Archive {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// True for a member whose path in the archive says it lists opt-outs: its file name
/// or a folder it is in, read as [`super::opt_out_name`] reads names
/// (`optouts/part1.csv`, `Blocked.csv`), or a file name holding one of Mailchimp's and
/// Klaviyo's file words anywhere (compared without case).
pub fn is_opt_out_member(name: &str) -> bool {
    let mut parts: Vec<&str> = name.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let file_name = parts.pop().unwrap_or_default();
    is_opt_out_name(file_name)
        || super::opt_out_name::file_opt_out_word(file_name).is_some()
        || parts.iter().any(|p| {
            super::opt_out_name::opt_out_word(p).is_some()
                || super::opt_out_name::file_opt_out_word(p).is_some()
        })
}

/// True for a file name that holds one of Mailchimp's and Klaviyo's opt-out file words
/// (compared without case).
pub fn is_opt_out_name(file_name: &str) -> bool {
    let name = file_name.to_lowercase();
    [
        "unsubscribed",
        "cleaned",
        "bounce",
        "suppress",
        "opt_out",
        "optout",
        "opt-out",
        "complaint",
        "spam",
    ]
    .iter()
    .any(|w| name.contains(w))
}

/// How a member is read, by its file name's extension; `None` when the name does not
/// say (its bytes decide).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Table,
    Workbook,
    Zip,
}

fn named(file_name: &str) -> Option<Named> {
    let lower = file_name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "csv" | "tsv" | "txt" | "tab" => Some(Named::Table),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Named::Workbook),
        "zip" => Some(Named::Zip),
        _ => None,
    }
}

/// Extract the members of the ZIP at `path`: tables, workbooks and the members of a
/// ZIP inside it, in import order.
///
/// Errors: [`ImportError::Archive`] naming the member for a damaged or encrypted
/// archive or member, a member that is neither a table nor a workbook, a ZIP inside a
/// ZIP inside the archive, a member past a limit of [`limits`], or an archive with no
/// member to read; [`ImportError::Io`] for the temporary folder.
pub fn extract(path: &Path) -> Result<Extracted, ImportError> {
    let dir = tempfile::Builder::new()
        .prefix("tactful-zip-")
        .tempdir()
        .map_err(|cause| ImportError::Io {
            path: path.to_path_buf(),
            cause,
        })?;
    let mut out = Out {
        archive: path,
        dir: dir.path(),
        members: Vec::new(),
        used: 0,
        next: 0,
    };
    out.read_zip(path, "")?;
    if out.members.is_empty() {
        return Err(error(path, &"it holds no file to import"));
    }
    let mut members = out.members;
    members.sort_by_key(|m| (m.opt_out, m.name.to_lowercase()));
    Ok(Extracted { _dir: dir, members })
}

/// The extraction under way: where members go and how many bytes they took.
struct Out<'a> {
    /// The archive the user gave, which errors name.
    archive: &'a Path,
    dir: &'a Path,
    members: Vec<Member>,
    /// Bytes extracted so far, nested archives and their members included.
    used: u64,
    /// The next member folder's number.
    next: usize,
}

impl Out<'_> {
    /// Extract the members of the ZIP at `zip`, whose own path in the archive is
    /// `prefix` (empty for the archive itself, `inner.zip/` for one inside it).
    fn read_zip(&mut self, zip: &Path, prefix: &str) -> Result<(), ImportError> {
        let top = self.archive;
        let fail = |e: &dyn std::fmt::Display| match prefix {
            "" => error(top, e),
            p => error(top, &format!("member {}: {e}", p.trim_end_matches('/'))),
        };
        let file = File::open(zip).map_err(|e| fail(&e))?;
        let mut archive = zip::ZipArchive::new(file).map_err(|e| fail(&e))?;
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).map_err(|e| fail(&e))?;
            let inner = entry.name().map_err(|e| fail(&e))?.into_owned();
            let file_name = inner.rsplit(['/', '\\']).next().unwrap_or("").to_string();
            if entry.is_dir()
                || file_name.is_empty()
                || file_name.starts_with('.')
                || inner.starts_with("__MACOSX/")
            {
                continue;
            }
            let name = format!("{prefix}{inner}");
            if entry.encrypted() {
                return Err(error(
                    top,
                    &format!(
                        "member {name} is encrypted; unzip it with its password and import its files"
                    ),
                ));
            }
            // Refused by the sizes the archive declares, before a byte is inflated.
            let compressed = entry.compressed_size();
            if let Some(refusal) = limits::check(entry.size(), compressed, self.used) {
                return Err(error(top, &refusal.message(&name, true)));
            }
            let folder = self.dir.join(self.next.to_string());
            self.next += 1;
            let io = |cause: io::Error| ImportError::Io {
                path: top.to_path_buf(),
                cause,
            };
            std::fs::create_dir(&folder).map_err(io)?;
            let target = folder.join(&file_name);
            let mut written = File::create(&target).map_err(io)?;
            let room = limits::allowance(compressed, self.used);
            let copied = io::copy(&mut entry.by_ref().take(room + 1), &mut written)
                .map_err(|e| error(top, &format!("member {name}: {e}")))?;
            if copied > room {
                let refusal = limits::check(copied, compressed, self.used).unwrap_or(
                    limits::Refusal::Total {
                        size: self.used + copied,
                    },
                );
                return Err(error(top, &refusal.message(&name, false)));
            }
            self.used += copied;
            drop(written);
            let kind = source::detect(&target).map_err(|e| fail(&e))?;
            let named = named(&file_name);
            let readable = match kind {
                // A renamed export is read by its bytes, as a file on its own is; a
                // text member needs a table's name (a `.pdf` of text is no table).
                Kind::Workbook(_) => true,
                Kind::Text => named.is_some(),
                Kind::Archive if !prefix.is_empty() => {
                    return Err(error(
                        top,
                        &format!(
                            "member {name} is a ZIP inside a ZIP inside the archive; only one level is opened: unzip it and import its files"
                        ),
                    ));
                }
                Kind::Archive if named == Some(Named::Zip) || !file_name.contains('.') => {
                    self.read_zip(&target, &format!("{name}/"))?;
                    continue;
                }
                Kind::Archive => false,
            };
            if !readable {
                return Err(error(
                    top,
                    &format!(
                        "member {name} cannot be read: it is neither a CSV or text table, nor a workbook (xlsx, xls, xlsb, ods), nor a ZIP of them. Nothing was imported: skipping it could drop a list of opt-outs while the archive's other lists are mailed. Remove it from the archive, or unzip the archive and import its files one by one"
                    ),
                ));
            }
            self.members.push(Member {
                opt_out: is_opt_out_member(&name),
                name,
                path: target,
            });
        }
        Ok(())
    }
}

/// The first few of `names`, and how many more there are.
pub fn some(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut out = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out += &format!(" and {} more", names.len() - SHOWN);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opt_out_files_are_named_so() {
        assert!(is_opt_out_name("unsubscribed_members_export_4d2c.csv"));
        assert!(is_opt_out_name("cleaned_members_export_4d2c.csv"));
        assert!(is_opt_out_name("Klaviyo_Suppressions.csv"));
        assert!(!is_opt_out_name("subscribed_members_export_4d2c.csv"));
        assert!(!is_opt_out_name("nonsubscribed_members_export_4d2c.csv"));
        assert!(is_opt_out_member("export/Blocked.csv"));
        assert!(is_opt_out_member("optouts/part1.csv"));
        assert!(!is_opt_out_member("members/part1.csv"));
    }
}
