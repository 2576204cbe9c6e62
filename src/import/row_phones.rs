//! The phone numbers of one row: each phone column's value parsed into E.164
//! (`fields::phone`), in the row's country when its country column names one, else
//! the import's default region; a cell holding several numbers read as its first
//! mobile ([`sms_number`]), the others kept for refusals (`fields::phone::parse_several`); the two stored cells that
//! follow each phone column (`workspace::phones`); and what the report says of them.
//! No SQLite. Called by [`super::prepare`] for every row.

use rusqlite::types::Value as Sql;

use rusqlite::Connection;

use super::ImportPlan;
use super::analyse::Analysis;
use super::report::UnparseablePhone;
use crate::fields::phone::{self, LineType, Phone, PhoneError, Region};
use crate::workspace::{WorkspaceError, phones, regions};

/// A phone column's index and its value parsed (`None` when blank).
pub type ParsedPhone = (usize, Option<Result<Phone, PhoneError>>);

/// The phone numbers of one imported row, for the report and for linking.
#[derive(Debug, Default)]
pub struct RowPhones {
    /// Identified by its phone number: the row has no e-mail address.
    pub keyed_by_phone: bool,
    /// The first number that parsed: its position among the file's phone columns and
    /// its E.164 form (see `super::identity`).
    pub first: Option<(usize, String)>,
    pub parsed: u64,
    pub fixed_line: u64,
    pub unparseable: Vec<UnparseablePhone>,
    /// The E.164 numbers of cells holding several, other than the one each is read
    /// as: not stored, but a refusal on the row holds for them (`super::write` puts
    /// them on the suppression list).
    pub more: Vec<String>,
    /// Cells of the row holding more than one number, and how many more numbers they
    /// held (for the report).
    pub several_cells: u64,
    pub more_numbers: u64,
}

/// The numbers of a row's cells that hold several, beyond the one each is read as.
#[derive(Debug, Default)]
pub struct MoreNumbers {
    /// In E.164, in the order written.
    pub numbers: Vec<String>,
    /// How many cells held more than one number.
    pub cells: u64,
}

/// Each phone column's index with its value parsed (`None` when blank; a cell holding
/// several numbers gives its SMS number, [`sms_number`]), and the other numbers of such
/// cells.
pub fn parse_row(analysis: &Analysis, raw: &[String]) -> (Vec<ParsedPhone>, MoreNumbers) {
    let mut more = MoreNumbers::default();
    if analysis.phone_columns.is_empty() {
        return (Vec::new(), more);
    }
    let region = analysis
        .country_column
        .and_then(|i| Region::from_country(&raw[i]))
        .or(analysis.region);
    let parsed = analysis
        .phone_columns
        .iter()
        .map(|&i| {
            let value = &raw[i];
            let read = (!value.is_empty()).then(|| {
                phone::parse(value, region).or_else(|e| {
                    let mut several = phone::parse_several(value, region).ok_or(e)?;
                    let chosen = several.remove(sms_number(&several));
                    more.cells += 1;
                    more.numbers.extend(several.into_iter().map(|p| p.e164));
                    Ok(chosen)
                })
            });
            (i, read)
        })
        .collect();
    (parsed, more)
}

/// Which of a cell's several numbers is the contact's (its key, stored E.164 form and
/// SMS address): the first mobile; else the first a plan does not tell from a mobile
/// (`fixed_line_or_mobile`, the NANP); else the first that is no known fixed line; else
/// the first. A landline written first no longer leaves the contact `no_address` when
/// a mobile follows (new-user trial, session 9); a refusal still holds for every
/// number of the cell.
pub fn sms_number(numbers: &[Phone]) -> usize {
    let first = |pred: &dyn Fn(LineType) -> bool| numbers.iter().position(|p| pred(p.line));
    first(&|l| l == LineType::Mobile)
        .or_else(|| first(&|l| l == LineType::FixedLineOrMobile))
        .or_else(|| first(&LineType::sms_capable))
        .unwrap_or(0)
}

/// The default region of an import, where it came from (`--region`, `workspace
/// setting`, `none`), and, when it is the workspace's, the other regions the workspace's
/// imports used ([`regions::all`]): the setting holds only the last `--region`.
///
/// Errors: workspace errors.
pub fn default_region(
    plan: &ImportPlan,
    conn: &Connection,
) -> Result<(Option<Region>, &'static str, Vec<Region>), WorkspaceError> {
    if let Some(r) = plan.region {
        return Ok((Some(r), "--region", Vec::new()));
    }
    let mut all = regions::all(conn)?;
    Ok(match phones::region(conn)? {
        Some(r) => {
            all.retain(|&o| o != r);
            (Some(r), "workspace setting", all)
        }
        None => (None, "none", Vec::new()),
    })
}

/// The E.164 forms a row's national numbers take in [`Analysis::other_regions`] and not
/// in its own: a file imported without `--region` after a GB and a DE import reads
/// `07911 123456` as German, but a refusal of it may be the GB contact's, so a refusing
/// row puts these on the suppression list too (over-suppressing is the safe side). Rows
/// whose country column names a region read only in it.
pub fn other_readings(analysis: &Analysis, raw: &[String], parsed: &[ParsedPhone]) -> Vec<String> {
    let country = analysis
        .country_column
        .and_then(|i| Region::from_country(&raw[i]));
    if analysis.other_regions.is_empty() || country.is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, p) in parsed {
        let own = p.as_ref().and_then(|r| r.as_ref().ok()).map(|p| &p.e164);
        for number in phone::readings(&raw[*i], &analysis.other_regions) {
            if Some(&number) != own && !out.contains(&number) {
                out.push(number);
            }
        }
    }
    out
}

/// The first number of the row that parsed.
pub fn first(parsed: &[ParsedPhone]) -> Option<&Phone> {
    parsed
        .iter()
        .find_map(|(_, p)| p.as_ref().and_then(|r| r.as_ref().ok()))
}

/// Why the row's phone numbers cannot key it either, as a clause of a rejection
/// (empty for a file without phone columns).
pub fn no_phone(analysis: &Analysis, parsed: &[ParsedPhone]) -> String {
    if parsed.is_empty() {
        return String::new();
    }
    let bad: Vec<String> = parsed
        .iter()
        .filter_map(|(i, p)| match p {
            Some(Err(e)) => Some(format!(
                "{} is not a phone number: {e}",
                analysis.columns[*i].header
            )),
            _ => None,
        })
        .collect();
    if bad.is_empty() {
        " and no phone number".to_string()
    } else {
        format!(" and {}", bad.join("; "))
    }
}

/// The two stored cells after a phone column's value: its E.164 form and line type.
/// A blank value gives `Null` (an update keeps what is stored); a value that is not a
/// number gives empty text, so an update clears the old number's E.164 form with it.
pub fn phone_cells(parsed: Option<&Result<Phone, PhoneError>>) -> [Sql; 2] {
    match parsed {
        None => [Sql::Null, Sql::Null],
        Some(Ok(p)) => [Sql::Text(p.e164.clone()), Sql::Text(p.line.as_str().into())],
        Some(Err(_)) => [Sql::Text(String::new()), Sql::Text(String::new())],
    }
}

/// Sum up the row's numbers for the report. `shorten` cuts a quoted value for the
/// report.
pub fn summary(
    analysis: &Analysis,
    (line, raw): (u64, &[String]),
    parsed: &[ParsedPhone],
    keyed_by_phone: bool,
    shorten: fn(&str) -> String,
) -> RowPhones {
    let mut phones = RowPhones {
        keyed_by_phone,
        first: parsed.iter().enumerate().find_map(|(n, (_, p))| match p {
            Some(Ok(p)) => Some((n, p.e164.clone())),
            _ => None,
        }),
        ..RowPhones::default()
    };
    for (index, p) in parsed {
        match p {
            Some(Ok(p)) => {
                phones.parsed += 1;
                if p.line == LineType::FixedLine {
                    phones.fixed_line += 1;
                }
            }
            Some(Err(e)) => phones.unparseable.push(UnparseablePhone {
                line,
                field: analysis.columns[*index].field.name.clone(),
                value: shorten(&raw[*index]),
                reason: e.to_string(),
            }),
            None => {}
        }
    }
    phones
}

/// Append each phone column's stored cells ([`phone_cells`]) to `values`.
pub fn push_cells(parsed: &[ParsedPhone], values: &mut Vec<Sql>) {
    for (_, p) in parsed {
        values.extend(phone_cells(p.as_ref()));
    }
}

/// What a refusing row's phone cells written with letters (`07700 9OO301`) may mean:
/// every reading of [`phone::letter_readings`], so the refusal protects the number the
/// person meant although no number is stored for them (trial 4, N3).
pub fn letter_readings(analysis: &Analysis, raw: &[String], parsed: &[ParsedPhone]) -> Vec<String> {
    let region = analysis
        .country_column
        .and_then(|i| Region::from_country(&raw[i]))
        .or(analysis.region);
    let mut out: Vec<String> = Vec::new();
    for (i, p) in parsed {
        if matches!(p, Some(Err(phone::PhoneError::Letters))) {
            for number in phone::letter_readings(&raw[*i], region) {
                if !out.contains(&number) {
                    out.push(number);
                }
            }
        }
    }
    out
}
