//! A minor cannot be skipped away: `--skip` on an age column whose values make a row a
//! known minor or leave its age unknown.
//!
//! `--skip 'Date of Birth' --consent email=granted` would otherwise import a 13-year-old
//! as an ordinary contact: the minor check reads only stored age fields, so the child
//! became a recipient with no word (new-user trial, session 9). A skipped column is
//! still read when its header gives it an age role by the classifier's own rules: a
//! date of birth, a birth year or an age (the dictionary, tried as a date, a number and
//! text), a minor or adult flag (`Minor`, `U18`, `Adult`, `18+`), an age group or a
//! category that sorts people into groups (`Customer type`, whose non-group values say
//! nothing), or tags (`Tags`, `Shopify Tags`: a `teen` or `u16` tag). Each value is
//! read as the minor check reads it
//! (`campaign::minor_flag::read_field`) on today's date with the default minor age
//! (`campaign::minor_age::DEFAULT_MINOR_AGE`, GDPR Art. 8(1)); a row that is a known
//! minor or whose value cannot be read as a plausible age stops the import before
//! anything is written, naming the file, the lines, the column and the values, so the
//! user imports the column (the minor check then excludes those rows) or takes the rows
//! out of the file. Called by [`super::analyse`] on every data row, like
//! [`super::skipped_consent`].

use chrono::NaiveDate;

use super::ImportError;
use super::mapping::ColumnMap;
use super::normalise::snake_case;
use crate::campaign::age::{AgeDates, AgeReading, assess};
use crate::campaign::minor_age::DEFAULT_MINOR_AGE;
use crate::campaign::minor_flag::read_field;
use crate::fields::classify::{
    ValueProfile, adult_flag_age, age_band_header, classify, group_header, minor_flag_age,
};
use crate::fields::value::Value;
use crate::fields::{FieldType, Role};

/// How many lines the error quotes.
const EXAMPLES: usize = 3;

/// One skipped column the classifier would give an age role, and what its values say.
#[derive(Debug, Clone)]
pub struct SkippedAge {
    /// The header as the report names it.
    header: String,
    /// Index of the column in the file.
    index: usize,
    /// The header as a field name: flags and categories are recognised by it.
    name: String,
    role: Role,
    /// Rows that are known minors.
    minors: u64,
    /// Rows whose value is no plausible age.
    unknown: u64,
    /// The first such rows: (line, value as written, known minor).
    examples: Vec<(u64, String, bool)>,
}

/// The age role the classifier gives a column headed `header` (name `name`), whatever
/// its values: `None` for a column that is no age.
pub fn header_age_role(header: &str, name: &str) -> Option<Role> {
    if minor_flag_age(header).is_some()
        || adult_flag_age(header).is_some()
        || group_header(header).is_some()
        || age_band_header(header)
        || grade_header(header)
    {
        return Some(Role::Age);
    }
    let profile = ValueProfile::new();
    [FieldType::Date, FieldType::Integer, FieldType::Text]
        .into_iter()
        .find_map(|ty| {
            let class = classify(header, name, ty, &profile);
            match class.kind.as_deref() {
                Some("date_of_birth") => Some(Role::DateOfBirth),
                Some("birth_year") => Some(Role::BirthYear),
                Some("age") => Some(Role::Age),
                // A tag naming an age group (`teen`, `u16`) makes a child a known
                // minor, so tags cannot be skipped away either (new-user trial 7, N5).
                _ => (class.role == Role::Tags).then_some(Role::Tags),
            }
        })
}

/// Whether `header` names grades or school-leaving years (`Grade`, `Schulklasse`,
/// `Class of`: `campaign::school_year`), whose values are read as such; a class header
/// (`Class`, `Year`), whose values may be a travel class or a purchase year, is not
/// checked here.
fn grade_header(header: &str) -> bool {
    use crate::campaign::school_year::{SchoolHeader, school_header};
    matches!(
        school_header(header),
        Some(SchoolHeader::Grades(_) | SchoolHeader::Graduation)
    )
}

/// The skipped columns of `map` that are age columns by their header.
pub fn find(map: &ColumnMap, headers: &[String]) -> Vec<SkippedAge> {
    map.skipped
        .iter()
        .filter_map(|s| {
            let header = headers.get(s.index)?;
            let name = snake_case(if header.is_empty() { &s.header } else { header });
            let role = header_age_role(header, &name)?;
            Some(SkippedAge {
                header: s.header.clone(),
                index: s.index,
                name: if minor_flag_age(header).is_some()
                    || adult_flag_age(header).is_some()
                    || group_header(header).is_some()
                    || grade_header(header)
                {
                    header.clone()
                } else {
                    name
                },
                role,
                minors: 0,
                unknown: 0,
                examples: Vec::new(),
            })
        })
        .collect()
}

impl SkippedAge {
    /// Read the column's value in one data row (`values`: every column of the file) on
    /// `today`.
    pub fn observe(&mut self, line: u64, values: &[String], today: NaiveDate) {
        let Some(value) = values.get(self.index) else {
            return;
        };
        let value = value.trim().trim_start_matches('\'');
        if value.is_empty() {
            return;
        }
        let dates = AgeDates::new(today, today);
        let (reading, _) = read_field(&self.name, self.role, &Value::Text(value.into()), dates);
        if reading == AgeReading::Blank {
            return;
        }
        let check = assess([reading], DEFAULT_MINOR_AGE);
        if !check.minor && !check.unknown() {
            return;
        }
        if check.minor {
            self.minors += 1;
        } else {
            self.unknown += 1;
        }
        if self.examples.len() < EXAMPLES {
            let shown: String = crate::text::for_terminal(value).chars().take(40).collect();
            self.examples.push((line, shown, check.minor));
        }
    }
}

/// Refuse the import when a skipped age column makes a row a known minor or leaves its
/// age unknown; `file` names the file in the error.
///
/// Errors: [`ImportError::BadOption`] naming the file, the column, the counts, the first
/// lines and values, and what to do instead.
pub fn check(columns: &[SkippedAge], file: &str) -> Result<(), ImportError> {
    let Some(c) = columns.iter().find(|c| c.minors + c.unknown > 0) else {
        return Ok(());
    };
    let lines: Vec<String> = c
        .examples
        .iter()
        .map(|(line, value, minor)| {
            let what = if *minor { "a minor" } else { "age unknown" };
            format!("line {line}: `{value}` ({what})")
        })
        .collect();
    let rows = c.minors + c.unknown;
    Err(ImportError::BadOption(format!(
        "--skip `{}` in {}: the column is a {} and {} row{} in it {} a known minor or of unknown age under the default minor age {DEFAULT_MINOR_AGE} ({} under {DEFAULT_MINOR_AGE}, {} of unknown age: {}{}); the minor check reads only imported columns, so a minor cannot be skipped away and nothing was imported. Import the column (leave out --skip `{}`: the minor check then keeps those rows out of every campaign), or remove those rows from the file",
        c.header,
        crate::text::for_terminal(file),
        match c.role {
            Role::DateOfBirth => "date of birth",
            Role::BirthYear => "birth year",
            Role::Tags => "tags field whose tags name age groups",
            _ => "age, age group or minor flag",
        },
        rows,
        if rows == 1 { "" } else { "s" },
        if rows == 1 { "is" } else { "are" },
        c.minors,
        c.unknown,
        lines.join(", "),
        if rows as usize > c.examples.len() {
            ", ..."
        } else {
            ""
        },
        c.header,
    )))
}
