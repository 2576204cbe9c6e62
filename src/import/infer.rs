//! Type inference from every value of a column, and conversion to the storage format.
//!
//! The first pass feeds each cleaned, non-blank value to [`ColumnStats::observe`]; the
//! type is then the narrowest that fits all of them (PRODUCT.md: "types are inferred
//! from all values, not a sample"). Rules:
//! - integer: optional `-`, digits, no leading zero unless the value is `0`, fits i64;
//!   or digits in thousands groups (`1,088`; `1.088` under `--decimal-comma`).
//!   Leading-zero values (postcodes, phones, customer numbers) and `+44 ...` phones are
//!   therefore text (case BR-05). A column of only `0`/`1` stays integer: turning it into
//!   a boolean would change what a rule like `score = 1` means.
//! - decimal: numbers as [`numbers`] reads them: a `.` point, a `,` point only with
//!   `--decimal-comma` (so `12,50` is text by default and never 1250, case BR-02),
//!   thousands groups that are real groups (case BR-31), and currency amounts
//!   (`€1,088.00`, `1.234,50 €`) in one currency per column, which the report notes.
//!   When `--decimal-comma` was given and a mostly numeric column stays text, a warning
//!   names the values (and lines) that prevented it.
//! - boolean: true/false, yes/no, y/n (any case).
//! - date and datetime: the forms of [`dates`], with day/month values in ONE order for
//!   the whole column. When every such value reads both as day/month and month/day, the
//!   column stays text with a warning unless the user passed `--date-order` (never a
//!   silent guess). A column with a time in any value is a datetime (a date alone is
//!   its midnight). Compact `20241120` values count as dates only in a column whose
//!   name speaks of a date; elsewhere they are integers.
//! - list: columns named tags/labels (also `shopify_tags`, `*_labels`), or whose
//!   every value is a JSON list; cells split by [`tags`].
//! - text: everything else.

mod dates;
mod numbers;
mod tags;
mod values;
mod warnings;

use std::collections::BTreeSet;

pub use dates::{Temporal, parse_temporal};
pub use numbers::{Number, parse_number};
pub use tags::split_tags;
pub use values::{parse_bool, parse_integer, to_sql, to_sql_owned};

use crate::fields::FieldType;
use dates::DatePart;

/// Day/month order of dates written as `D/M/YYYY` or `M/D/YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    Dmy,
    Mdy,
    /// Only year-first dates (`YYYY-MM-DD`) are dates; `1/2/2024` stays text.
    Ymd,
}

impl DateOrder {
    /// `day/month/year` and so on, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day/month/year",
            DateOrder::Mdy => "month/day/year",
            DateOrder::Ymd => "year-month-day",
        }
    }
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            "ymd" => Ok(DateOrder::Ymd),
            _ => Err(format!(
                "unknown date order `{s}`; expected dmy, mdy or ymd"
            )),
        }
    }
}

/// How many example values a warning quotes.
const EXAMPLES: usize = 3;

/// Everything the first pass learns about one column's values.
#[derive(Debug, Clone)]
pub struct ColumnStats {
    pub non_blank: u64,
    integer: bool,
    decimal: bool,
    boolean: bool,
    /// Every value reads as a date or datetime.
    temporal: bool,
    has_time: bool,
    dmy: bool,
    mdy: bool,
    /// A value in day/month form was seen (so the order matters).
    day_month_seen: bool,
    /// A compact `YYYYMMDD` value was seen.
    compact_seen: bool,
    json_lists: bool,
    currencies: BTreeSet<&'static str>,
    /// Values that read as numbers with the plan's decimal separator.
    numbers: u64,
    /// Values that do not, with the first few and their lines.
    not_numbers: u64,
    not_number_examples: Vec<(String, u64)>,
    /// Values that would read as numbers with the other decimal separator.
    other_separator: u64,
    /// 16-digit numbers and their last digits, for a key column a spreadsheet may
    /// have cut to 15 digits (`import::key_damage`).
    pub sixteen: crate::import::key_damage::Sixteen,
}

impl Default for ColumnStats {
    fn default() -> Self {
        ColumnStats {
            non_blank: 0,
            integer: true,
            decimal: true,
            boolean: true,
            temporal: true,
            has_time: false,
            dmy: true,
            mdy: true,
            day_month_seen: false,
            compact_seen: false,
            json_lists: true,
            currencies: BTreeSet::new(),
            numbers: 0,
            not_numbers: 0,
            not_number_examples: Vec::new(),
            other_separator: 0,
            sixteen: Default::default(),
        }
    }
}

/// The typing options of the plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeOptions {
    pub decimal_comma: bool,
    pub date_order: Option<DateOrder>,
}

/// The type chosen for a column, and how to read its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inferred {
    pub ty: FieldType,
    /// The order of day/month dates when `ty` is `Date` or `Datetime` and such dates
    /// occur.
    pub order: Option<DateOrder>,
    /// The currency of a decimal column of amounts (`€`, `$`, `EUR`).
    pub currency: Option<&'static str>,
}

impl Inferred {
    /// A type with no date order and no currency.
    pub fn plain(ty: FieldType) -> Self {
        Inferred {
            ty,
            order: None,
            currency: None,
        }
    }
}

impl ColumnStats {
    /// Record one cleaned, non-blank value found on `line`.
    pub fn observe(&mut self, value: &str, line: u64, opts: TypeOptions) {
        self.non_blank += 1;
        self.sixteen.observe(value);
        let number = parse_number(value, opts.decimal_comma);
        if self.integer
            && parse_integer(value).is_none()
            && number.and_then(|n| n.integer).is_none()
        {
            self.integer = false;
        }
        match number {
            Some(n) => {
                self.numbers += 1;
                if let Some(c) = n.currency {
                    self.currencies.insert(c);
                }
            }
            None => {
                self.decimal = false;
                self.not_numbers += 1;
                if self.not_number_examples.len() < EXAMPLES {
                    self.not_number_examples.push((value.to_string(), line));
                }
                if parse_number(value, !opts.decimal_comma).is_some() {
                    self.other_separator += 1;
                }
            }
        }
        if self.boolean && parse_bool(value).is_none() {
            self.boolean = false;
        }
        if self.json_lists && !tags::is_json_list(value) {
            self.json_lists = false;
        }
        if self.temporal {
            self.observe_temporal(value);
        }
    }

    fn observe_temporal(&mut self, value: &str) {
        let Some(t) = parse_temporal(value) else {
            self.temporal = false;
            return;
        };
        self.has_time |= t.time.is_some();
        self.compact_seen |= t.compact;
        if let DatePart::DayMonth {
            first,
            second,
            year,
        } = t.date
        {
            self.day_month_seen = true;
            self.dmy &= chrono::NaiveDate::from_ymd_opt(year, second, first).is_some();
            self.mdy &= chrono::NaiveDate::from_ymd_opt(year, first, second).is_some();
            if !self.dmy && !self.mdy {
                self.temporal = false;
            }
        }
    }

    /// The narrowest type that holds every value, and warnings: a column that would
    /// have been a date but whose day/month order is ambiguous or contradicted, a
    /// numeric column kept as text (the values that prevented it), mixed currencies.
    pub fn infer(&self, name: &str, opts: TypeOptions) -> (Inferred, Vec<String>) {
        let plain = Inferred::plain;
        if self.non_blank == 0 {
            return (plain(FieldType::Text), vec![]);
        }
        if is_list_name(name) || self.json_lists {
            return (plain(FieldType::List), vec![]);
        }
        let dated = self.temporal && (!self.compact_seen || is_date_name(name));
        if dated && self.compact_seen {
            return self.temporal_type(name, opts);
        }
        if self.integer {
            return (plain(FieldType::Integer), vec![]);
        }
        if self.decimal && self.currencies.len() <= 1 {
            let currency = self.currencies.first().copied();
            return (
                Inferred {
                    currency,
                    ..plain(FieldType::Decimal)
                },
                vec![],
            );
        }
        if self.boolean {
            return (plain(FieldType::Boolean), vec![]);
        }
        if dated {
            return self.temporal_type(name, opts);
        }
        (plain(FieldType::Text), self.text_warnings(name, opts))
    }

    fn temporal_type(&self, name: &str, opts: TypeOptions) -> (Inferred, Vec<String>) {
        let ty = if self.has_time {
            FieldType::Datetime
        } else {
            FieldType::Date
        };
        match self.date_order(opts.date_order) {
            Ok(order) => (
                Inferred {
                    order,
                    ..Inferred::plain(ty)
                },
                vec![],
            ),
            Err(warning) => (
                Inferred::plain(FieldType::Text),
                vec![warning.replace("{}", name)],
            ),
        }
    }

    fn date_order(&self, forced: Option<DateOrder>) -> Result<Option<DateOrder>, String> {
        if !self.day_month_seen {
            return Ok(None);
        }
        match forced {
            Some(DateOrder::Dmy) if self.dmy => Ok(Some(DateOrder::Dmy)),
            Some(DateOrder::Mdy) if self.mdy => Ok(Some(DateOrder::Mdy)),
            Some(order) => Err(format!(
                "column {{}} kept as text: some of its dates do not read as {} (--date-order)",
                order.describe()
            )),
            None if self.dmy && self.mdy => Err(
                "ambiguous day/month order in column {}; kept as text; pass --date-order dmy|mdy"
                    .to_string(),
            ),
            None if self.dmy => Ok(Some(DateOrder::Dmy)),
            None => Ok(Some(DateOrder::Mdy)),
        }
    }

    /// How the date order of a date column was settled, for the report.
    pub fn date_order_reason(&self, opts: TypeOptions) -> &'static str {
        match (self.day_month_seen, opts.date_order) {
            (false, _) => {
                "no day/month order needed: every date is written year first or names its month"
            }
            (true, Some(_)) => "--date-order",
            (true, None) => "the only order every date in the column fits",
        }
    }

    /// True if every observed value can be stored as `ty` (used when a file brings
    /// values for a field the workspace already has).
    pub fn fits(&self, ty: FieldType, opts: TypeOptions) -> bool {
        self.non_blank == 0
            || match ty {
                FieldType::Text | FieldType::List => true,
                FieldType::Integer => self.integer,
                FieldType::Decimal => self.integer || self.decimal,
                FieldType::Boolean => self.boolean,
                FieldType::Date => {
                    self.temporal && !self.has_time && self.date_order(opts.date_order).is_ok()
                }
                FieldType::Datetime => self.temporal && self.date_order(opts.date_order).is_ok(),
            }
    }

    /// The date order to read this column with as `Date` or `Datetime` (see
    /// [`ColumnStats::fits`]).
    pub fn order_for_date(&self, opts: TypeOptions) -> Option<DateOrder> {
        self.date_order(opts.date_order).ok().flatten()
    }

    /// The one currency of the column's amounts, if any.
    pub fn currency(&self) -> Option<&'static str> {
        (self.currencies.len() == 1)
            .then(|| self.currencies.first().copied())
            .flatten()
    }
}

/// Names of tag columns: `tags`, `labels`, and names ending in them (`shopify_tags`).
fn is_list_name(name: &str) -> bool {
    matches!(name, "tags" | "labels" | "tag_list" | "labels_list")
        || name.ends_with("_tags")
        || name.ends_with("_labels")
}

/// Names that speak of a date, for compact `YYYYMMDD` values.
fn is_date_name(name: &str) -> bool {
    name.split('_').any(|w| {
        matches!(
            w,
            "date"
                | "dob"
                | "birthday"
                | "birthdate"
                | "day"
                | "at"
                | "on"
                | "created"
                | "updated"
                | "joined"
                | "since"
                | "signup"
                | "time"
                | "datum"
                | "fecha"
        )
    })
}

#[cfg(test)]
mod tests;
