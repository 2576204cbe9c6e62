//! The import request: what to import and how, validated before any work starts.
//!
//! The CLI (`tactful import`) and the TUI both build an [`ImportPlan`]; parsing of the
//! user's spellings (`;`, `tab`, `email=granted`, `dmy`) lives here so both faces accept
//! the same words (STYLE.md, pattern 6).

use std::collections::BTreeMap;
use std::path::PathBuf;

use encoding_rs::Encoding;
use serde_json::json;

use super::ImportError;
use super::infer::{DateOrder, TypeOptions};
use super::orders::OrderOptions;
use crate::fields::phone::Region;
use crate::fields::{Channel, ConsentState};

/// One file to import, with the user's overrides. `Default` is "detect everything".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    pub path: PathBuf,
    /// The field (name as shown by `tactful fields`, or header) whose value is the
    /// contact key; `None` uses the e-mail column.
    pub key: Option<String>,
    /// Forced delimiter; `None` sniffs.
    pub delimiter: Option<u8>,
    /// Forced encoding; `None` detects.
    pub encoding: Option<&'static Encoding>,
    /// Forced header presence; `None` sniffs.
    pub header: Option<bool>,
    pub types: TypeOptions,
    /// Pad every short row with blanks, also one missing a consent, opt-out or age
    /// cell; without it such a row is rejected and other short rows are padded
    /// ([`super::short_rows`]).
    pub allow_ragged: bool,
    /// Consent stated for the whole file, per channel (`--consent email=granted`).
    /// Fills only what the file does not state: a row's consent column, or the status
    /// a platform layout gives the whole file, always wins.
    pub consent: BTreeMap<Channel, ConsentState>,
    /// Columns put into a field (`--map 'Header=field'`), in the order given: header
    /// (or field name) and the field name it fills.
    pub map: Vec<(String, String)>,
    /// Columns left out (`--skip 'Header'`), by header or field name.
    pub skip: Vec<String>,
    /// Apply consent upgrades the rules would refuse for want of evidence (declined or
    /// not asked into granted); never an opt-out (`--accept-consent-upgrades`).
    pub accept_consent_upgrades: bool,
    /// Why those upgrades may be applied (`--upgrade-reason TEXT`): required with
    /// `accept_consent_upgrades`, as every written reason that puts a decision on
    /// record is ([`crate::written`]). Recorded with the batch, in the audit log and on
    /// each upgraded contact's consent evidence.
    pub upgrade_reason: Option<String>,
    /// Default region for phone numbers written without a country code (`--region CC`);
    /// `None` uses the workspace's region. A row's country column wins over both. A
    /// region given here becomes the workspace's region.
    pub region: Option<Region>,
    /// The sheet of a workbook to read (`--sheet NAME`); `None` reads the first.
    pub sheet: Option<String>,
    /// Turn order lines into per-contact figures (`--aggregate`), with the columns
    /// the user named.
    pub aggregate: Option<OrderOptions>,
    /// Set when the file is a member of a ZIP archive being imported.
    pub archive: Option<ArchiveMember>,
    /// The path the user gave when `path` is a pipe's copy (`import::spool`): the
    /// report and errors name it.
    pub shown: Option<PathBuf>,
    /// Run everything, then roll back.
    pub dry_run: bool,
    /// Who imports, for the audit log and the fields' `changed_by`.
    pub actor: String,
}

impl ImportPlan {
    /// The file name the batch and the consent evidence record, and platform layouts
    /// recognise: the last component of `path` (for a member of a ZIP archive, the
    /// member's own file name, so Mailchimp's `unsubscribed_members_export_…` inside
    /// its ZIP is recognised by name).
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The file as the report names it: its path, or `archive.zip/member.csv`.
    pub fn display_name(&self) -> String {
        match (&self.archive, &self.shown) {
            (Some(a), _) => format!("{}/{}", a.archive.display(), a.member),
            (None, Some(shown)) => shown.display().to_string(),
            (None, None) => self.path.display().to_string(),
        }
    }

    /// A plan for `path` that detects everything.
    pub fn new(path: impl Into<PathBuf>, actor: impl Into<String>) -> Self {
        ImportPlan {
            path: path.into(),
            actor: actor.into(),
            ..ImportPlan::default()
        }
    }

    /// Check the options that need one another before any work: confirmed consent
    /// upgrades need a written reason, and a reason needs upgrades to confirm.
    ///
    /// Errors: [`ImportError::BadOption`] saying what to add or drop.
    pub fn check(&self) -> Result<(), ImportError> {
        match (self.accept_consent_upgrades, self.upgrade_reason.as_deref()) {
            (true, None) => Err(ImportError::BadOption(
                "--accept-consent-upgrades turns a declined or not-asked consent into granted, so it needs a written reason on record: add --upgrade-reason \"why these people may be contacted\" (who confirmed the consent, and how)".to_string(),
            )),
            (true, Some(reason)) => crate::written::check_justification("the upgrade reason", reason)
                .map_err(|e| ImportError::BadOption(format!("--upgrade-reason: {e}"))),
            (false, Some(_)) => Err(ImportError::BadOption(
                "--upgrade-reason is read only with --accept-consent-upgrades: add that option, or drop the reason".to_string(),
            )),
            (false, None) => Ok(()),
        }
    }

    /// The options as recorded with the batch (JSON object).
    pub fn options_json(&self) -> serde_json::Value {
        json!({
            "key": self.key,
            "delimiter": self.delimiter.map(super::sniff::describe),
            "encoding": self.encoding.map(Encoding::name),
            "header": self.header,
            "date_order": self.types.date_order,
            "decimal_comma": self.types.decimal_comma,
            "allow_ragged": self.allow_ragged,
            "consent": self.consent.iter().map(|(c, s)| (c.as_str(), s.as_str())).collect::<BTreeMap<_, _>>(),
            "map": self.map.iter().map(|(h, f)| json!({ "header": h, "field": f })).collect::<Vec<_>>(),
            "skip": self.skip,
            "accept_consent_upgrades": self.accept_consent_upgrades,
            "upgrade_reason": self.upgrade_reason,
            "region": self.region.map(|r| r.to_string()),
            "sheet": self.sheet,
            "aggregate": self.aggregate.as_ref().map(|o| json!({
                "order_id": o.order_id,
                "amount": o.amount,
                "order_date": o.date,
            })),
        })
    }
}

/// Where a file imported from a ZIP archive came from (see `import::archive`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArchiveMember {
    /// The archive as the user named it.
    pub archive: PathBuf,
    /// The member's path inside the archive.
    pub member: String,
    /// Its place in the import order (1-based) and how many members are imported.
    pub position: usize,
    pub members: usize,
    /// The order rule, as the report states it.
    pub order: &'static str,
}

/// Read a delimiter as a user types it: one character of `, ; | TAB`, or the words
/// `comma`, `semicolon`, `tab`, `pipe`, or `\t`.
///
/// Errors: [`ImportError::BadOption`] for anything else (other single ASCII
/// punctuation is accepted too).
pub fn parse_delimiter(s: &str) -> Result<u8, ImportError> {
    match s.to_ascii_lowercase().as_str() {
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "pipe" => Ok(b'|'),
        other if other.len() == 1 && other.as_bytes()[0].is_ascii_punctuation() => {
            if other == "\"" {
                Err(ImportError::BadOption(
                    "the quote character cannot be the delimiter".into(),
                ))
            } else {
                Ok(other.as_bytes()[0])
            }
        }
        _ => Err(ImportError::BadOption(format!(
            "unknown delimiter `{s}`; use one character such as , ; | or the word tab"
        ))),
    }
}

/// Read `CHANNEL=STATE` (`email=granted`, `sms=withdrawn`).
///
/// Errors: [`ImportError::BadOption`] naming what was wrong.
pub fn parse_consent(s: &str) -> Result<(Channel, ConsentState), ImportError> {
    let (channel, state) = s.split_once('=').ok_or_else(|| {
        ImportError::BadOption(format!(
            "--consent `{s}` must look like email=granted or sms=not_asked"
        ))
    })?;
    let channel = channel
        .parse::<Channel>()
        .map_err(|e| ImportError::BadOption(e.to_string()))?;
    let state = state
        .parse::<ConsentState>()
        .map_err(|e| ImportError::BadOption(e.to_string()))?;
    Ok((channel, state))
}

/// Read `Header=field` (`--map`): the column with that header (or field name) fills
/// the field, spelled as a field name (`Phone Number=phone`; `Mobile=Phone` fills
/// `phone`). The last `=` splits, so a header may hold one.
///
/// Errors: [`ImportError::BadOption`] without `=`, or with no letters for the field.
pub fn parse_map(s: &str) -> Result<(String, String), ImportError> {
    let (header, field) = s.rsplit_once('=').ok_or_else(|| {
        ImportError::BadOption(format!(
            "--map `{s}` must look like 'Header=field', e.g. 'Phone Number=phone'"
        ))
    })?;
    let name = super::normalise::snake_case(field);
    if header.trim().is_empty() || name.is_empty() {
        return Err(ImportError::BadOption(format!(
            "--map `{s}` needs a header before `=` and a field name with letters after it"
        )));
    }
    Ok((header.trim().to_string(), name))
}

/// Read a region as `--region` takes it: an ISO 3166-1 code (`GB`, `gb`, `GBR`) or a
/// country name.
///
/// Errors: [`ImportError::BadOption`] naming the value.
pub fn parse_region(s: &str) -> Result<Region, ImportError> {
    s.parse().map_err(ImportError::BadOption)
}

/// Read `dmy`, `mdy` or `ymd`.
///
/// Errors: [`ImportError::BadOption`].
pub fn parse_date_order(s: &str) -> Result<DateOrder, ImportError> {
    s.parse().map_err(ImportError::BadOption)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_spellings_are_understood() {
        assert_eq!(parse_delimiter(";").unwrap(), b';');
        assert_eq!(parse_delimiter("tab").unwrap(), b'\t');
        assert!(parse_delimiter("ab").is_err());
        assert_eq!(
            parse_consent("email=granted").unwrap(),
            (Channel::Email, ConsentState::Granted)
        );
        assert_eq!(
            parse_consent("sms=not-asked").unwrap(),
            (Channel::Sms, ConsentState::NotAsked)
        );
        assert!(parse_consent("fax=granted").is_err());
        assert_eq!(
            parse_consent("email=declined").unwrap(),
            (Channel::Email, ConsentState::Declined)
        );
        assert_eq!(
            parse_map("Phone Number=phone").unwrap(),
            ("Phone Number".to_string(), "phone".to_string())
        );
        assert_eq!(
            parse_map(" a=b =Mobile Phone").unwrap(),
            ("a=b".to_string(), "mobile_phone".to_string())
        );
        assert!(parse_map("phone").is_err());
        assert!(parse_map("phone=#").is_err());
        assert!(parse_consent("email").is_err());
        assert_eq!(parse_region("gb").unwrap().to_string(), "GB");
        assert!(parse_region("Narnia").is_err());
    }
}
