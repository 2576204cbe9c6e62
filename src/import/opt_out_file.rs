//! Files whose name, folder or archive says they list opt-outs (`unsubscribed.csv`,
//! `unsubscribed/export.csv`, `unsubscribed.zip`, `export.zip/optouts/a.csv`): a
//! granting `--consent` must not be applied to them.
//!
//! Owns the rule of the session-10 trial's F21: `import customers.csv unsubscribed.csv
//! --consent email=granted` (a shell glob over an export folder) granted consent to the
//! people in the unsubscribe file. A ZIP's members with such names are imported last
//! ([`super::archive`]) and Mailchimp's are read by their layout's file status, but a
//! plain file with no layout had the option applied to every row. Now [`check`] refuses
//! the import and says how to load such a list (`tactful suppress FILE`, which reads a
//! ZIP member as `ARCHIVE.zip/MEMBER`, [`super::suppress_source`]). The third trial
//! (H2) found only the file's own name was read: its folder (`unsubscribed/export.csv`,
//! the export folder a glob runs over), the archive it came in (`unsubscribed.zip`
//! with a member `members.csv`) and a member's folders inside the archive are read
//! too. Names are read by [`super::opt_out_name`].

use std::path::{Path, PathBuf};

use super::ImportError;
use super::layout::{Layout, layouts};
use super::opt_out_name::{file_opt_out_word, opt_out_word};
use super::plan::ImportPlan;
use crate::fields::{Channel, ConsentState};

/// How many folders above a file on disk are read: its own and the one above
/// (`unsubscribed/2026/list.csv`). Higher folders are the user's, not the export's.
const FOLDERS: usize = 2;

/// A granting `--consent` for a file named like a list of opt-outs, or in a folder or
/// archive so named: `place` says which name (`the file's name`), `suppress` is the
/// path `tactful suppress` reads the list from (a file, an archive member
/// `export.zip/unsubscribed.csv`, or an archive), quoted for a shell when needed.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}: {place} says it lists opt-outs (`{word}`), so --consent {option} would grant consent to people who opted out; nothing was imported. Add its addresses to the suppression list with `tactful suppress {suppress}` (they are then never contacted), or, if it lists people who agreed, rename it"
)]
pub struct OptOutFile {
    pub file: String,
    pub place: String,
    pub word: String,
    pub option: String,
    pub suppress: String,
}

/// A workbook read without `--sheet` (its first visible sheet, `read`) while another
/// of its sheets is named like a list of opt-outs (`place`, `word`): the sheet read may
/// grant consent in its own column (`yes`) to people that sheet lists, so nothing is
/// imported, whatever the `--consent` (new-user trial 10, F2; trial 9, F-G6w refused
/// only a granting `--consent`). `suppress` is the `tactful suppress` arguments that
/// read the opt-out sheet.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}: {place} says it lists opt-outs (`{word}`), and without --sheet this import reads only `{read}`, so the people that sheet lists would keep any consent `{read}` gives them; nothing was imported. Add them to the suppression list with `tactful suppress {suppress}` (they are then never contacted); then import the sheet you mean with --sheet NAME (this run read `{read}`)"
)]
pub struct OptOutSheet {
    pub file: String,
    pub place: String,
    pub word: String,
    pub read: String,
    pub suppress: String,
}

/// Refuse a workbook read without `--sheet` (`read`: the sheet read) whose other
/// sheets (`others`) include one named like a list of opt-outs ([`OptOutSheet`]). With
/// `--sheet` the user chose the sheet, and the other sheet is a warning
/// ([`sheets_beside`]).
///
/// Errors: [`ImportError::OptOutSheet`] naming the workbook, the sheet, its word and
/// the `tactful suppress` command that reads it.
pub fn check_other_sheets(
    plan: &ImportPlan,
    read: Option<&str>,
    others: &[String],
) -> Result<(), ImportError> {
    if plan.sheet.is_some() {
        return Ok(());
    }
    let (Some(read), Some(f)) = (read, others.iter().find_map(|n| on_sheet(plan, n))) else {
        return Ok(());
    };
    let text = |s: &str| crate::text::for_terminal(s).into_owned();
    Err(ImportError::OptOutSheet(Box::new(OptOutSheet {
        file: text(&plan.display_name()),
        place: text(&f.place.replacen("its sheet", "its other sheet", 1)),
        word: f.word,
        read: text(read),
        suppress: text(&f.suppress),
    })))
}

/// Where the name that says "opt-outs" was found, and what to suppress instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The word (or two) of the name.
    pub word: String,
    /// `the file's name`, `the name of its folder `unsubscribed``, `the name of the
    /// archive `unsubscribed.zip``.
    pub place: String,
    /// The path to give `tactful suppress`: the file, the archive member
    /// (`export.zip/unsubscribed.csv`) or the whole archive.
    pub suppress: String,
}

/// The name that says the file of `plan` lists opt-outs, if any: the file's own name,
/// then its folders (for a member of a ZIP archive: the member's folders inside the
/// archive, then the archive's name and its folders on disk).
pub fn found(plan: &ImportPlan) -> Option<Found> {
    let Some(archive) = &plan.archive else {
        let shown = plan.path.display().to_string();
        return on_disk(&plan.path, &shown, "file");
    };
    let zip = archive.archive.display().to_string();
    let member = archive.member.replace('\\', "/");
    let in_zip = format!("{zip}/{member}");
    let mut parts: Vec<&str> = member.split('/').filter(|p| !p.is_empty()).collect();
    let file_name = parts.pop().unwrap_or_default();
    if let Some(word) = file_opt_out_word(file_name) {
        return Some(Found {
            word,
            place: "the file's name".into(),
            suppress: in_zip,
        });
    }
    for folder in parts.iter().rev() {
        if let Some(word) = opt_out_word(folder) {
            return Some(Found {
                word,
                place: format!("the name of its folder `{folder}` in the archive"),
                suppress: in_zip,
            });
        }
    }
    on_disk(&archive.archive, &zip, "archive")
}

/// Whether the name of the file or archive at `path`, or of one of its folders on disk
/// (as [`found`] reads them), says it lists opt-outs: `unsubscribed.zip`,
/// `unsubscribed/export.zip`.
pub fn named_on_disk(path: &Path) -> bool {
    on_disk(path, "", "archive").is_some()
}

/// The opt-out word of the file or archive `path` (`what`), or of its folders on disk.
fn on_disk(path: &Path, shown: &str, what: &str) -> Option<Found> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if let Some(word) = file_opt_out_word(&name) {
        let place = match what {
            "file" => "the file's name".to_string(),
            _ => format!("the name of the {what} `{name}`"),
        };
        return Some(Found {
            word,
            place,
            suppress: shown.to_string(),
        });
    }
    folders(path).into_iter().find_map(|folder| {
        let name = folder.file_name()?.to_string_lossy().into_owned();
        opt_out_word(&name).map(|word| Found {
            word,
            place: format!("the name of its folder `{name}`"),
            suppress: shown.to_string(),
        })
    })
}

/// The [`FOLDERS`] folders nearest `path`, leaving out hidden ones (`.tmpX1y2`, where
/// temporary files live) and the home folder with everything above it (a user called
/// Robinson is no opt-out list).
fn folders(path: &Path) -> Vec<PathBuf> {
    let Ok(absolute) = std::path::absolute(path) else {
        return Vec::new();
    };
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    absolute
        .ancestors()
        .skip(1)
        .take(FOLDERS)
        .filter(|f| {
            f.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
                && !home.as_deref().is_some_and(|h| h.starts_with(f))
        })
        .map(Path::to_path_buf)
        .collect()
}

/// `path` as a shell word: as it is when it holds only characters no shell reads
/// specially, else in single quotes (`'Unsubscribed Members.csv'`).
pub fn shell_word(path: &str) -> String {
    let plain = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "_-./:@+,=%".contains(c));
    if plain {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

/// Refuse a granting `--consent` for a file named like an opt-out list, or in a folder
/// or archive so named, or a workbook's sheet so named (`sheet`: the sheet read, as
/// `--sheet Unsubscribed` picks it; trial 4, N10), or that a platform layout knows as
/// a list of refusals (`layout`: the recognised layout; Mailchimp's unsubscribed and
/// cleaned exports).
///
/// A layout gives its file its own state on the channels it reads (its `status`, its
/// consent columns), which the option never overrides, so only an option for another
/// channel is judged here (new-user trial 6, G19: a Mailchimp unsubscribed export
/// under `--consent sms=granted` granted SMS consent to everyone who unsubscribed,
/// while a plain `optouts.csv` was refused). Such an option is refused when the
/// layout's status for the file is a refusal (withdrawn, declined, bounced), or when
/// the name says the file lists opt-outs.
///
/// A workbook read without `--sheet` whose other sheets include one so named is
/// refused before, whatever the consent ([`check_other_sheets`]).
///
/// Errors: [`ImportError::OptOutFile`] ([`OptOutFile`]) naming the file, where the
/// word is, the word, the option and the `tactful suppress` command that reads the
/// list.
pub fn check(
    plan: &ImportPlan,
    layout: Option<&Layout>,
    sheet: Option<&str>,
) -> Result<(), ImportError> {
    let read = layout.map(read_channels).unwrap_or_default();
    let Some((channel, state)) = plan
        .consent
        .iter()
        .find(|(c, s)| **s == ConsentState::Granted && !read.contains(c))
    else {
        return Ok(());
    };
    let refusal = layout.and_then(|l| {
        l.status
            .iter()
            .find(|(_, s)| {
                matches!(
                    s,
                    ConsentState::Withdrawn | ConsentState::Declined | ConsentState::Bounced
                )
            })
            .map(|(c, s)| (l, *c, *s))
    });
    // `suppress` reads a sheet by `--sheet`; other places are one path, quoted here.
    let on_a_sheet = sheet.and_then(|name| on_sheet(plan, name));
    let (found, suppress) = match on_a_sheet {
        Some(f) => {
            let suppress = f.suppress.clone();
            (f, suppress)
        }
        None => match (found(plan), refusal) {
            (Some(f), _) => {
                let suppress = shell_word(&f.suppress);
                (f, suppress)
            }
            (None, Some((l, c, s))) => {
                let f = Found {
                    word: format!("{c} {s}"),
                    place: format!("its layout, {} {}", l.platform, l.kind),
                    suppress: plan.display_name(),
                };
                let suppress = shell_word(&f.suppress);
                (f, suppress)
            }
            (None, None) => return Ok(()),
        },
    };
    let text = |s: &str| crate::text::for_terminal(s).into_owned();
    Err(ImportError::OptOutFile(Box::new(OptOutFile {
        file: text(&plan.display_name()),
        place: text(&found.place),
        word: found.word,
        option: format!("{channel}={state}"),
        suppress: text(&suppress),
    })))
}

/// The channels `layout` gives a state itself: those of its file status and of its
/// consent columns.
fn read_channels(layout: &Layout) -> Vec<Channel> {
    let columns = layouts().columns(layout).iter().filter_map(|c| c.consent);
    layout.status.keys().copied().chain(columns).collect()
}

/// With `--sheet NAME` (the sheet read: `read`), a warning for each of `besides` (the
/// workbook's other sheets) named like a list of opt-outs: the import reads only the
/// chosen sheet, so the people on the opt-out sheet are not suppressed by it, and
/// under a granting `--consent` the chosen sheet's rows that the file leaves silent are
/// granted, those people among them (trial 9, F-G6w: `--sheet Customers` beside
/// `Unsubscribed`). Names the command that adds the sheet to the suppression list, with
/// the path as the user would type it (`ARCHIVE.zip/MEMBER` for a ZIP member).
pub fn sheets_beside(plan: &ImportPlan, read: &str, besides: &[String]) -> Vec<String> {
    if plan.sheet.is_none() {
        return Vec::new();
    }
    let granting = (plan.consent.iter())
        .find(|(_, s)| **s == ConsentState::Granted)
        .map(|(c, s)| {
            format!(", under --consent {c}={s} (which grants this sheet's rows that say nothing)")
        })
        .unwrap_or_default();
    let text = |s: &str| crate::text::for_terminal(s).into_owned();
    (besides.iter())
        .filter_map(|name| on_sheet(plan, name))
        .map(|f| {
            format!(
                "read sheet `{}` as --sheet asked{granting}; {} says it lists opt-outs (`{}`), and this import does not suppress its people: add them to the suppression list with `tactful suppress {}` before sending",
                text(read),
                text(&f.place.replacen("its sheet", "the workbook's other sheet", 1)),
                f.word,
                text(&f.suppress)
            )
        })
        .collect()
}

/// The opt-out word of sheet `name` of the workbook of `plan`, with the `tactful
/// suppress` arguments that read that sheet (already quoted for a shell). A workbook
/// from a ZIP archive is named `ARCHIVE.zip/MEMBER`, as `suppress` reads it, never by
/// the extracted copy that is deleted when the import ends (trial 9, F-G6w).
fn on_sheet(plan: &ImportPlan, name: &str) -> Option<Found> {
    let word = file_opt_out_word(name)?;
    let book = match &plan.archive {
        Some(a) => format!("{}/{}", a.archive.display(), a.member.replace('\\', "/")),
        None => plan.path.display().to_string(),
    };
    let book = shell_word(&book);
    Some(Found {
        word,
        place: format!("the name of its sheet `{name}`"),
        suppress: format!("{book} --sheet {}", shell_word(name)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::plan::ArchiveMember;

    fn member(archive: &str, member: &str) -> ImportPlan {
        ImportPlan {
            archive: Some(ArchiveMember {
                archive: archive.into(),
                member: member.into(),
                position: 1,
                members: 1,
                order: "",
            }),
            ..ImportPlan::new("/tmp/.tactful-zip-x/0/members.csv", "t")
        }
    }

    /// By hand: the third trial's folder and archive (H2), and a member's folder.
    #[test]
    fn folders_and_archives_are_read() {
        let plan = ImportPlan::new("unsubscribed/export.csv", "t");
        let f = found(&plan).unwrap();
        assert_eq!(
            (f.word.as_str(), f.suppress.as_str()),
            ("unsubscribed", "unsubscribed/export.csv")
        );
        let f = found(&member("unsubscribed.zip", "members.csv")).unwrap();
        assert_eq!(
            (f.word.as_str(), f.suppress.as_str()),
            ("unsubscribed", "unsubscribed.zip")
        );
        let f = found(&member("export.zip", "Opt-Outs/part1.csv")).unwrap();
        assert_eq!(
            (f.word.as_str(), f.suppress.as_str()),
            ("opt outs", "export.zip/Opt-Outs/part1.csv")
        );
        let f = found(&member("export.zip", "unsubscribed.csv")).unwrap();
        assert_eq!(f.place, "the file's name");
        assert_eq!(found(&member("export.zip", "members/customers.csv")), None);
        assert_eq!(found(&ImportPlan::new("customers/export.csv", "t")), None);
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("a/unsubscribed.csv"), "a/unsubscribed.csv");
        assert_eq!(shell_word("Opt Outs.csv"), "'Opt Outs.csv'");
        assert_eq!(shell_word("it's.csv"), r"'it'\''s.csv'");
    }
}
