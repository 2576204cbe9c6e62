//! Suppression lists in: addresses that must never be contacted.
//!
//! Owns the normal forms of addresses (e-mail: trimmed, lower-case; phone: E.164, see
//! `fields::phone`, so every spelling of a number is one entry) and their hash
//! ([`entry_hash`]: the workspace's keyed HMAC-SHA-256 of `kind:value`), shared with
//! the loader's erasure check, erasure and exports. A list is a file with one address
//! per line or a CSV with e-mail and/or phone columns, read by [`suppress_list`], which
//! loses no address silently: values that are neither, rows that do not line up with
//! the header and numbers that need a region are all reported with line and column.
//! Phone numbers written without a country code are read in the row's country, else in
//! the `--region` given and every region the workspace's imports used
//! (`workspace::regions`), each reading suppressed. A list read in part (a value that
//! is no address, a damaged number, a row out of line that gave none) is refused whole
//! unless the user accepts it with a written reason ([`suppress_list_in`]), and a
//! workbook of several sheets needs its sheet named. Called by `tactful suppress`.

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::suppress_list::{self, ListHeader, ListNote};
use super::{ImportError, suppress_source};
use crate::fields::phone::Region;
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{Workspace, audit, regions, suppression};

/// The `reason` of entries added from a list.
pub const REASON_LIST: &str = "list";

/// An e-mail address in normal form: trimmed, whole address lower-case.
pub fn normalise_email(value: &str) -> String {
    crate::fields::address::email_key(value)
}

/// A phone number in normal form: E.164 (`+447911123456`), reading a number written
/// without its country code in `region`; `None` when it does not parse.
pub fn normalise_phone(value: &str, region: Option<Region>) -> Option<String> {
    crate::fields::phone::e164(value, region)
}

/// The stored hash of an address or contact key: lower-case hex HMAC-SHA-256 of
/// `kind:value` with the workspace's secret (`key`, from [`HashKey::load`]), so a hash
/// cannot be tested without the secret nor linked to another workspace's. `kind` is
/// `email`, `phone` or `key`; `value` is in its normal form ([`normalise_email`],
/// [`normalise_phone`], or the contact key as stored).
pub fn entry_hash(key: &HashKey, kind: &str, value: &str) -> String {
    key.hash(kind, value)
}

/// What `tactful suppress FILE` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuppressReport {
    pub file: String,
    pub added: u64,
    pub already_present: u64,
    /// Values not added (neither an e-mail address nor a phone number, or a number that
    /// cannot be read), by line and column.
    pub skipped: Vec<ListNote>,
    /// Rows with more or fewer fields than the header, or rejected by the reader: every
    /// field was searched for addresses (the reason says how many were found).
    pub ragged: Vec<ListNote>,
    /// Numbers written without a country code while no region was known: kept as
    /// written (their digits) and matched in every region, so the caller says so
    /// (`--region CC` reads them in one).
    pub needs_region: NeedsRegion,
    /// Numbers written without a country code that name a different number in
    /// several of the regions read (`regions`): every reading was suppressed, which
    /// over-suppresses rather than miss the person.
    pub several_regions: NeedsRegion,
    /// The regions numbers without a country code were read in, in order: the
    /// `--region` given, the workspace's region, each import's, its contacts'
    /// countries (ISO 3166-1 codes).
    pub regions: Vec<String>,
    /// The line read as the list's header (its line and fields), `None` when the list
    /// has none: every line was read for addresses.
    pub header: Option<ListHeader>,
    /// The sheet read, for a workbook; `None` for a text list.
    pub sheet: Option<String>,
    /// The written reason the user gave for adding a list some of whose values could
    /// not be read (`--accept-unread --reason TEXT`); `None` when every value was read.
    pub accepted: Option<String>,
    pub total: u64,
}

/// How to read a suppression list: its sheet, the region of numbers written without a
/// country code, and whether values that cannot be read may be left out.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListOptions<'a> {
    /// The sheet of a workbook (`--sheet NAME`); required when it has several.
    pub sheet: Option<&'a str>,
    /// `--region CC`.
    pub region: Option<Region>,
    /// The written reason for adding the list's other values when some cannot be read
    /// (`--accept-unread --reason TEXT`); without it such a list is refused, nothing
    /// added.
    pub accept_unread: Option<&'a str>,
    /// Add what was read and report the rest, as before the refusal: the route of
    /// [`suppress_file_in`] (the demo's own list, and library callers). `tactful
    /// suppress` and the TUI's suppression screen never set it.
    pub report_unread: bool,
    /// The path to name in the report, the audit log and errors when the list is read
    /// from a copy (a pipe's, `import::spool`); `None` names the path read.
    pub shown: Option<&'a Path>,
}

/// Numbers of a list, by their lines: how many, and which lines (those that need a
/// region to be read, or that were read in several).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NeedsRegion {
    pub count: u64,
    pub lines: Vec<u64>,
}

/// Add every address in `path` to the suppression list, in one transaction; phone
/// numbers without a country code are read in every region the workspace's imports
/// used.
///
/// Errors: reading and decoding errors as for imports; workspace errors.
pub fn suppress_file(
    ws: &mut Workspace,
    path: &Path,
    actor: &str,
) -> Result<SuppressReport, ImportError> {
    suppress_file_in(ws, path, None, actor)
}

/// As [`suppress_file`], reading phone numbers without a country code in the row's
/// country (a country column), else in `region` (`tactful suppress FILE --region CC`)
/// and each region of [`regions::all`], suppressing every reading; see
/// [`suppress_list::read`] for how a list is read.
pub fn suppress_file_in(
    ws: &mut Workspace,
    path: &Path,
    region: Option<Region>,
    actor: &str,
) -> Result<SuppressReport, ImportError> {
    suppress_sheet_in(ws, (path, None), region, actor)
}

/// As [`suppress_file_in`], reading sheet `sheet` of a workbook (`tactful suppress
/// book.xlsx --sheet Unsubscribed`) rather than its first visible sheet.
///
/// Errors: as [`suppress_file_in`]; an unknown sheet names the workbook's sheets.
pub fn suppress_sheet_in(
    ws: &mut Workspace,
    (path, sheet): (&Path, Option<&str>),
    region: Option<Region>,
    actor: &str,
) -> Result<SuppressReport, ImportError> {
    let options = ListOptions {
        sheet,
        region,
        accept_unread: None,
        report_unread: true,
        shown: None,
    };
    suppress_list_in(ws, path, options, actor)
}

/// Add every address of the list at `path` to the suppression list, read as `options`
/// say, in one transaction; see [`suppress_file_in`].
///
/// A list applied in part must not look like success: when a value cannot be read (no
/// address or number in it, a number a spreadsheet damaged) or a row that does not
/// line up with its header gave no address, nothing is added and the error names every
/// such place as `file:line:field`, unless `options.accept_unread` gives a written
/// reason ([`crate::written::check_justification`]), which the audit log and the report
/// keep. A workbook of several worksheets read without `options.sheet` is refused,
/// naming its sheets: which sheet lists the opt-outs is the user's to say.
///
/// Errors: as [`suppress_file_in`]; [`ImportError::ListReadInPart`],
/// [`ImportError::ListSheets`], [`ImportError::BadOption`] for a reason too short.
pub fn suppress_list_in(
    ws: &mut Workspace,
    path: &Path,
    options: ListOptions<'_>,
    actor: &str,
) -> Result<SuppressReport, ImportError> {
    let (sheet, region) = (options.sheet, options.region);
    let shown = options.shown.unwrap_or(path);
    if let Some(reason) = options.accept_unread {
        crate::written::check_justification("the --accept-unread reason", reason)
            .map_err(|e| ImportError::BadOption(e.to_string()))?;
    }
    let mut read_in: Vec<Region> = region.into_iter().collect();
    for r in regions::all(ws.conn())? {
        if !read_in.contains(&r) {
            read_in.push(r);
        }
    }
    let sources = suppress_source::resolve(path)?;
    let list = read_lists(&sources.lists, sheet, &read_in)?;
    if let Some(read) = &list.sheet
        && !list.other_sheets.is_empty()
    {
        let mut sheets = vec![read.clone()];
        sheets.extend(list.other_sheets.iter().cloned());
        return Err(ImportError::ListSheets {
            sheets: sheets
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
            first: sheets[0].clone(),
        });
    }
    if list.addresses.is_empty() {
        let place = |column: &str| match list.header {
            Some(_) => format!("column {column}"),
            None => column.to_string(),
        };
        return Err(ImportError::NoAddresses {
            header: list.header.as_ref().map(|h| (h.line, h.fields.join(", "))),
            skipped: list
                .skipped
                .iter()
                .map(|n| (n.line, place(&n.column), n.reason.clone()))
                .collect(),
        });
    }
    let lost: Vec<&ListNote> = list
        .skipped
        .iter()
        .chain(&list.ragged)
        .filter(|n| n.lost)
        .collect();
    if !lost.is_empty() && options.accept_unread.is_none() && !options.report_unread {
        let mut places: Vec<(u64, String)> = lost
            .iter()
            .map(|n| {
                let place = match list.header {
                    Some(_) => format!("column {}", n.column),
                    None => n.column.clone(),
                };
                (
                    n.line,
                    format!(
                        "{}:{}:{}: {place}: {}",
                        shown.display(),
                        n.line,
                        n.field,
                        n.reason
                    ),
                )
            })
            .collect();
        places.sort_by_key(|(line, _)| *line);
        return Err(ImportError::ListReadInPart {
            count: places.len() as u64,
            places: places.into_iter().map(|(_, p)| p).collect(),
        });
    }
    let accepted = options
        .accept_unread
        .filter(|_| !lost.is_empty())
        .map(|r| r.trim().to_string());
    let source = format!("suppress {}", sources.name);
    ws.write(|tx| {
        let key = HashKey::load(tx)?;
        let mut report = SuppressReport {
            file: shown.display().to_string(),
            added: 0,
            already_present: 0,
            needs_region: NeedsRegion {
                count: list.needs_region.len() as u64,
                lines: list.needs_region.clone(),
            },
            several_regions: NeedsRegion {
                count: list.several_regions.len() as u64,
                lines: list.several_regions.clone(),
            },
            regions: read_in.iter().map(|r| r.code().to_string()).collect(),
            skipped: list.skipped.clone(),
            header: list.header.clone(),
            ragged: list.ragged.clone(),
            sheet: list.sheet.clone(),
            accepted: accepted.clone(),
            total: 0,
        };
        for address in &list.addresses {
            let hash = entry_hash(&key, address.kind, &address.value);
            let added = suppression::add(
                tx,
                address.kind,
                Some(&address.value),
                &hash,
                REASON_LIST,
                &source,
            )?;
            if added {
                report.added += 1;
            } else {
                report.already_present += 1;
            }
        }
        report.total = suppression::count(tx)?;
        audit::append(
            tx,
            actor,
            "suppress",
            &report.file,
            &json!({
                "added": report.added,
                "already_present": report.already_present,
                "skipped": report.skipped.len(),
                "needs_region": report.needs_region.count,
                "several_regions": report.several_regions.count,
                "ragged": report.ragged.len(),
                "sheet": report.sheet,
                "accepted_unread": report.accepted,
            }),
        )?;
        Ok(report)
    })
}

/// Read every list of `lists` (name, path on disk) into one: a single list as
/// [`suppress_list::read`] reads it; the members of an archive one after the other,
/// each note's reason saying which member its line is in.
///
/// Errors: as [`suppress_list::read`].
fn read_lists(
    lists: &[(String, std::path::PathBuf)],
    sheet: Option<&str>,
    regions: &[Region],
) -> Result<suppress_list::ListRead, ImportError> {
    if let [(_, path)] = lists {
        return suppress_list::read(path, sheet, regions);
    }
    let mut all = suppress_list::ListRead::default();
    for (name, path) in lists {
        let mut one = suppress_list::read(path, sheet, regions)?;
        let member = name.rsplit('/').next().unwrap_or(name);
        for note in one.skipped.iter_mut().chain(one.ragged.iter_mut()) {
            note.reason = format!("{member}: {}", note.reason);
        }
        all.addresses.append(&mut one.addresses);
        all.skipped.append(&mut one.skipped);
        all.ragged.append(&mut one.ragged);
        all.needs_region.append(&mut one.needs_region);
        all.several_regions.append(&mut one.several_regions);
        all.header = all.header.or(one.header);
        all.sheet = all.sheet.or(one.sheet);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_have_one_normal_form() {
        assert_eq!(
            normalise_email("  Ana.Example@Example.COM "),
            "ana.example@example.com"
        );
        let gb = Some("GB".parse().unwrap());
        assert_eq!(
            normalise_phone("+44 7911 123456", None).as_deref(),
            Some("+447911123456")
        );
        assert_eq!(
            normalise_phone("(07911) 12-34-56", gb).as_deref(),
            Some("+447911123456")
        );
        assert_eq!(normalise_phone("n/a", gb), None);
    }

    #[test]
    fn entry_hash_is_keyed_by_the_workspace_secret() {
        let key = HashKey::from_secret(&[7u8; 32]);
        // printf 'email:a@b.c' | openssl dgst -sha256 -mac HMAC \
        //   -macopt hexkey:$(printf '07%.0s' $(seq 32))
        assert_eq!(
            entry_hash(&key, "email", "a@b.c"),
            "95c212c5fbfda3a7ba74c4d9da531cec88bb4189fe872f9eca12e6d102e5d8cc"
        );
    }
}
