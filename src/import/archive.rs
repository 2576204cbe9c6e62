//! A ZIP archive of CSV files read as one import: each member its own batch, in a
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
//! and hidden files are ignored; other non-CSV members are skipped and reported.
//! Called by [`super::run_all`].

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::ImportError;

/// The order rule, as the report states it.
pub const ORDER_RULE: &str = "members in name order, opt-out files (unsubscribed, cleaned, bounced, suppressed) last, so no later member of the archive can re-grant consent";

/// At most this many bytes are extracted from one archive: a guard against a ZIP bomb
/// filling the disk, far above any real customer export.
const MAX_EXTRACTED: u64 = 8 << 30;

/// One CSV member of the archive, extracted.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's path inside the archive.
    pub name: String,
    /// Where it was extracted, under its own file name.
    pub path: PathBuf,
    /// Its name says it lists opt-outs (it is imported after the others).
    pub opt_out: bool,
}

/// The archive's CSV members in import order, extracted to a temporary folder that
/// lives as long as this value.
#[derive(Debug)]
pub struct Extracted {
    _dir: tempfile::TempDir,
    pub members: Vec<Member>,
    /// Members that are not CSV files, with why they were skipped.
    pub skipped: Vec<String>,
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
        || parts
            .iter()
            .any(|p| super::opt_out_name::opt_out_word(p).is_some())
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

fn is_csv_name(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e))
}

/// Extract the CSV members of the ZIP at `path`.
///
/// Errors: [`ImportError::Archive`] for a damaged or encrypted archive, one with no
/// CSV member, or one that expands past 8 GiB; [`ImportError::Io`] for the temporary
/// folder.
pub fn extract(path: &Path) -> Result<Extracted, ImportError> {
    let io = |cause: io::Error| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let file = File::open(path).map_err(io)?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| error(path, &e))?;
    let dir = tempfile::Builder::new()
        .prefix("tactful-zip-")
        .tempdir()
        .map_err(io)?;
    let (mut members, mut skipped) = (Vec::new(), Vec::new());
    let mut total = 0u64;
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).map_err(|e| error(path, &e))?;
        let name = entry.name().map_err(|e| error(path, &e))?.into_owned();
        let file_name = name.rsplit(['/', '\\']).next().unwrap_or("").to_string();
        if entry.is_dir()
            || file_name.is_empty()
            || file_name.starts_with('.')
            || name.starts_with("__MACOSX/")
        {
            continue;
        }
        if !is_csv_name(&file_name) {
            skipped.push(format!("{name} (not a CSV file)"));
            continue;
        }
        if entry.encrypted() {
            return Err(error(
                path,
                &format!(
                    "member {name} is encrypted; unzip it with its password and import the CSV files"
                ),
            ));
        }
        let folder = dir.path().join(index.to_string());
        std::fs::create_dir(&folder).map_err(io)?;
        let target = folder.join(&file_name);
        let mut out = File::create(&target).map_err(io)?;
        let room = MAX_EXTRACTED - total;
        let copied = io::copy(&mut entry.by_ref().take(room + 1), &mut out)
            .map_err(|e| error(path, &format!("member {name}: {e}")))?;
        total += copied;
        if copied > room {
            return Err(error(
                path,
                &format!(
                    "it expands past {} GiB; unzip it and import the CSV files one by one",
                    MAX_EXTRACTED >> 30
                ),
            ));
        }
        members.push(Member {
            opt_out: is_opt_out_member(&name),
            name,
            path: target,
        });
    }
    if members.is_empty() {
        return Err(error(
            path,
            &format!(
                "it holds no CSV file{}",
                if skipped.is_empty() {
                    String::new()
                } else {
                    format!(" (found: {})", some(&skipped))
                }
            ),
        ));
    }
    members.sort_by_key(|m| (m.opt_out, m.name.to_lowercase()));
    Ok(Extracted {
        _dir: dir,
        members,
        skipped,
    })
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
