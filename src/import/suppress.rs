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
//! (`workspace::regions`), each reading suppressed. Called by `tactful suppress`.

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
    pub total: u64,
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
    let mut read_in: Vec<Region> = region.into_iter().collect();
    for r in regions::all(ws.conn())? {
        if !read_in.contains(&r) {
            read_in.push(r);
        }
    }
    let sources = suppress_source::resolve(path)?;
    let list = read_lists(&sources.lists, sheet, &read_in)?;
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
    let source = format!("suppress {}", sources.name);
    ws.write(|tx| {
        let key = HashKey::load(tx)?;
        let mut report = SuppressReport {
            file: path.display().to_string(),
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
