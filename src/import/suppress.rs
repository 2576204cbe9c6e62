//! Suppression lists in: addresses that must never be contacted.
//!
//! Owns the normal forms of addresses (e-mail: trimmed, lower-case; phone: E.164, see
//! `fields::phone`, so every spelling of a number is one entry) and their hash
//! ([`entry_hash`]: the workspace's keyed HMAC-SHA-256 of `kind:value`), shared with
//! the loader's erasure check, erasure and exports. A list is a file with one address
//! per line or a CSV with e-mail and/or phone columns; it is read with the importer's
//! decoding and sniffing. Phone numbers written without a country code are read in the
//! `--region` given, else the workspace's region; a value that is neither an address
//! nor a number is listed, with its line. Called by `tactful suppress`.

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::decode;
use super::read::{Row, Rows, Shape};
use super::{ImportError, ImportPlan, normalise};
use crate::fields::phone::{self, Region};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{Workspace, audit, phones, suppression};

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
    /// Values that are neither an e-mail address nor a phone number, by line.
    pub skipped: Vec<super::Rejected>,
    pub total: u64,
}

/// Add every address in `path` to the suppression list, in one transaction; phone
/// numbers without a country code are read in the workspace's region.
///
/// Errors: reading and decoding errors as for imports; workspace errors.
pub fn suppress_file(
    ws: &mut Workspace,
    path: &Path,
    actor: &str,
) -> Result<SuppressReport, ImportError> {
    suppress_file_in(ws, path, None, actor)
}

/// As [`suppress_file`], reading phone numbers without a country code in `region`
/// (`tactful suppress FILE --region CC`), else the workspace's region.
pub fn suppress_file_in(
    ws: &mut Workspace,
    path: &Path,
    region: Option<Region>,
    actor: &str,
) -> Result<SuppressReport, ImportError> {
    let region = match region {
        Some(r) => Some(r),
        None => phones::region(ws.conn())?,
    };
    let plan = ImportPlan::new(path, actor);
    let scan = decode::scan(path, None)?;
    let sniffed = super::sniff::sniff_file(path, &scan, None, None)?;
    let shape = Shape {
        encoding: scan.encoding,
        delimiter: sniffed.delimiter,
        has_header: sniffed.has_header,
        allow_ragged: true,
        replacement_is_data: scan.lossless_utf8,
        sep_line: sniffed.sep_line,
    };
    let (headers, mut rows) = Rows::open(path, shape)?;
    let names = normalise::field_names(&headers);
    let address_columns: Vec<usize> = {
        let picked: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                n.contains("email")
                    || n.split('_').any(|part| {
                        matches!(
                            part,
                            "mail" | "phone" | "mobile" | "tel" | "telephone" | "sms" | "msisdn"
                        )
                    })
            })
            .map(|(i, _)| i)
            .collect();
        if picked.is_empty() {
            (0..names.len()).collect()
        } else {
            picked
        }
    };
    let source = format!(
        "suppress {}",
        plan.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    ws.write(|tx| {
        let key = HashKey::load(tx)?;
        let mut report = SuppressReport {
            file: path.display().to_string(),
            added: 0,
            already_present: 0,
            skipped: Vec::new(),
            total: 0,
        };
        while let Some(row) = rows.next_row()? {
            let Row::Data { line, values } = row else {
                continue;
            };
            for &i in &address_columns {
                let value = &values[i];
                if value.is_empty() {
                    continue;
                }
                let (kind, normal) = if value.contains('@') {
                    ("email", normalise_email(value))
                } else if value.chars().any(char::is_alphabetic) {
                    report.skipped.push(super::Rejected {
                        line,
                        reason: "neither an e-mail address nor a phone number".into(),
                    });
                    continue;
                } else {
                    match phone::parse(value, region) {
                        Ok(p) => ("phone", p.e164),
                        Err(e) => {
                            report.skipped.push(super::Rejected {
                                line,
                                reason: format!("not a phone number: {e}"),
                            });
                            continue;
                        }
                    }
                };
                let hash = entry_hash(&key, kind, &normal);
                if suppression::add(tx, kind, Some(&normal), &hash, REASON_LIST, &source)? {
                    report.added += 1;
                } else {
                    report.already_present += 1;
                }
            }
        }
        report.total = suppression::count(tx)?;
        audit::append(
            tx,
            actor,
            "suppress",
            &report.file,
            &json!({ "added": report.added, "already_present": report.already_present }),
        )?;
        Ok(report)
    })
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
