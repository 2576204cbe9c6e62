//! Type inference from every value of a column, and conversion to the storage format.
//!
//! The first pass feeds each cleaned, non-blank value to [`ColumnStats::observe`]; the
//! type is then the narrowest that fits all of them (PRODUCT.md: "types are inferred
//! from all values, not a sample"). Rules:
//! - integer: optional `-`, digits, no leading zero unless the value is `0`, fits i64.
//!   Leading-zero values (postcodes, phones, customer numbers) and `+44 ...` phones are
//!   therefore text (case BR-05). A column of only `0`/`1` stays integer: turning it into
//!   a boolean would change what a rule like `score = 1` means.
//! - decimal: digits with a `.` point; a `,` point only with `--decimal-comma`, so
//!   `12,50` is text by default and never 1250 (case BR-02).
//! - boolean: true/false, yes/no, y/n (any case).
//! - date: `YYYY-MM-DD`, or day, month and four-digit year split by `/`, `.` or `-` with
//!   or without padding, in ONE order for the whole column. When every value reads both
//!   as day/month and month/day, the column stays text with a warning unless the user
//!   passed `--date-order` (never a silent guess).
//! - datetime: RFC 3339 (`Z` or offset, converted to UTC) or `YYYY-MM-DD HH:MM:SS`
//!   (taken as written: no time-zone shift).
//! - list: columns named tags/labels (any case), or made lists by a platform layout;
//!   items split on commas outside double quotes, or read as a JSON list (`list.rs`).
//! - text: everything else.

mod list;
mod values;

use chrono::NaiveDate;

use values::{day_month_parts, parse_datetime, parse_decimal, parse_iso_date};
pub use values::{parse_bool, parse_integer, to_sql};

use crate::fields::FieldType;

/// Day/month order of dates written as `D/M/YYYY` or `M/D/YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    Dmy,
    Mdy,
    /// Only year-first dates (`YYYY-MM-DD`) are dates; `1/2/2024` stays text.
    Ymd,
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

/// Everything the first pass learns about one column's values.
#[derive(Debug, Clone)]
pub struct ColumnStats {
    pub non_blank: u64,
    integer: bool,
    decimal: bool,
    boolean: bool,
    date: bool,
    dmy: bool,
    mdy: bool,
    /// A value in day/month form was seen (so the order matters).
    day_month_seen: bool,
    datetime: bool,
}

impl Default for ColumnStats {
    fn default() -> Self {
        ColumnStats {
            non_blank: 0,
            integer: true,
            decimal: true,
            boolean: true,
            date: true,
            dmy: true,
            mdy: true,
            day_month_seen: false,
            datetime: true,
        }
    }
}

/// The typing options of the plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeOptions {
    pub decimal_comma: bool,
    pub date_order: Option<DateOrder>,
}

/// The type chosen for a column, and how to read its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inferred {
    pub ty: FieldType,
    /// The order of day/month dates when `ty` is `Date` and such dates occur.
    pub order: Option<DateOrder>,
}

impl ColumnStats {
    /// Record one cleaned, non-blank value.
    pub fn observe(&mut self, value: &str, opts: TypeOptions) {
        self.non_blank += 1;
        if self.integer && parse_integer(value).is_none() {
            self.integer = false;
        }
        if self.decimal && parse_decimal(value, opts.decimal_comma).is_none() {
            self.decimal = false;
        }
        if self.boolean && parse_bool(value).is_none() {
            self.boolean = false;
        }
        if self.date {
            if parse_iso_date(value).is_some() {
            } else if let Some((a, b, y)) = day_month_parts(value) {
                self.day_month_seen = true;
                self.dmy &= NaiveDate::from_ymd_opt(y, b, a).is_some();
                self.mdy &= NaiveDate::from_ymd_opt(y, a, b).is_some();
                if !self.dmy && !self.mdy {
                    self.date = false;
                }
            } else {
                self.date = false;
            }
        }
        if self.datetime && parse_datetime(value).is_none() {
            self.datetime = false;
        }
    }

    /// The narrowest type that holds every value, and a warning when the column would
    /// have been a date but the day/month order is ambiguous or contradicted.
    pub fn infer(&self, name: &str, opts: TypeOptions) -> (Inferred, Option<String>) {
        let plain = |ty| Inferred { ty, order: None };
        if self.non_blank == 0 {
            return (plain(FieldType::Text), None);
        }
        if is_list_name(name) {
            return (plain(FieldType::List), None);
        }
        if self.integer {
            return (plain(FieldType::Integer), None);
        }
        if self.decimal {
            return (plain(FieldType::Decimal), None);
        }
        if self.boolean {
            return (plain(FieldType::Boolean), None);
        }
        if self.date {
            return match self.date_order(opts.date_order) {
                Ok(order) => (
                    Inferred {
                        ty: FieldType::Date,
                        order,
                    },
                    None,
                ),
                Err(warning) => (plain(FieldType::Text), Some(warning.replace("{}", name))),
            };
        }
        if self.datetime {
            return (plain(FieldType::Datetime), None);
        }
        (plain(FieldType::Text), None)
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
                match order {
                    DateOrder::Dmy => "day/month/year",
                    DateOrder::Mdy => "month/day/year",
                    DateOrder::Ymd => "year-month-day",
                }
            )),
            None if self.dmy && self.mdy => Err(
                "ambiguous day/month order in column {}; kept as text; pass --date-order dmy|mdy"
                    .to_string(),
            ),
            None if self.dmy => Ok(Some(DateOrder::Dmy)),
            None => Ok(Some(DateOrder::Mdy)),
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
                FieldType::Date => self.date && self.date_order(opts.date_order).is_ok(),
                FieldType::Datetime => self.datetime,
            }
    }

    /// The date order to read this column with as `Date` (see [`ColumnStats::fits`]).
    pub fn order_for_date(&self, opts: TypeOptions) -> Option<DateOrder> {
        self.date_order(opts.date_order).ok().flatten()
    }
}

fn is_list_name(name: &str) -> bool {
    matches!(name, "tags" | "labels" | "tag_list" | "labels_list")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::Value as Sql;

    fn infer(values: &[&str], opts: TypeOptions) -> (Inferred, Option<String>) {
        let mut s = ColumnStats::default();
        for v in values {
            s.observe(v, opts);
        }
        s.infer("col", opts)
    }

    fn ty(values: &[&str]) -> FieldType {
        infer(values, TypeOptions::default()).0.ty
    }

    #[test]
    fn leading_zeros_and_phones_are_text() {
        // Case BR-05 and BR-24.
        assert_eq!(ty(&["01067", "04109", "08001"]), FieldType::Text);
        assert_eq!(ty(&["000123", "000124"]), FieldType::Text);
        assert_eq!(
            ty(&[
                "447700900123",
                "4.47700900124E+11",
                "+44 7700 900125",
                "07700900126"
            ]),
            FieldType::Text
        );
        assert_eq!(ty(&["0", "1", "10"]), FieldType::Integer);
        assert_eq!(ty(&["99999999999999999999"]), FieldType::Text);
    }

    #[test]
    fn decimal_comma_needs_the_option() {
        // Case BR-02: 12,50 is never 1250.
        assert_eq!(ty(&["12,50", "0,99", "100"]), FieldType::Text);
        let opts = TypeOptions {
            decimal_comma: true,
            date_order: None,
        };
        let (inferred, _) = infer(&["12,50", "0,99", "100"], opts);
        assert_eq!(inferred.ty, FieldType::Decimal);
        assert_eq!(to_sql("12,50", inferred, opts), Some(Sql::Real(12.5)));
        assert_eq!(ty(&["29.85", "1889.5", "-3"]), FieldType::Decimal);
    }

    #[test]
    fn dates_need_one_order() {
        let (i, w) = infer(&["11/08/2016", "6/16/2016"], TypeOptions::default());
        assert_eq!(
            (i.ty, i.order, w),
            (FieldType::Date, Some(DateOrder::Mdy), None)
        );
        assert_eq!(
            to_sql("6/16/2016", i, TypeOptions::default()),
            Some(Sql::Text("2016-06-16".into()))
        );
        let (i, w) = infer(&["01/02/2024", "3/4/2024"], TypeOptions::default());
        assert_eq!(i.ty, FieldType::Text);
        assert_eq!(
            w.as_deref(),
            Some(
                "ambiguous day/month order in column col; kept as text; pass --date-order dmy|mdy"
            )
        );
        let opts = TypeOptions {
            decimal_comma: false,
            date_order: Some(DateOrder::Dmy),
        };
        let (i, _) = infer(&["01/02/2024", "3/4/2024"], opts);
        assert_eq!(
            to_sql("01/02/2024", i, opts),
            Some(Sql::Text("2024-02-01".into()))
        );
        assert_eq!(ty(&["2024-04-30", "31.12.2023"]), FieldType::Date);
        assert_eq!(ty(&["13/13/2024"]), FieldType::Text);
    }

    #[test]
    fn datetimes_are_utc_without_shifting_naive_ones() {
        let (i, _) = infer(
            &["1991-10-02T20:30:31.000Z", "2024-01-01 10:00:00"],
            TypeOptions::default(),
        );
        assert_eq!(i.ty, FieldType::Datetime);
        let o = TypeOptions::default();
        assert_eq!(
            to_sql("1991-10-02T22:30:31+02:00", i, o),
            Some(Sql::Text("1991-10-02T20:30:31Z".into()))
        );
        assert_eq!(
            to_sql("2024-01-01 10:00:00", i, o),
            Some(Sql::Text("2024-01-01T10:00:00Z".into()))
        );
    }

    #[test]
    fn booleans_and_lists() {
        assert_eq!(ty(&["Yes", "no", "TRUE"]), FieldType::Boolean);
        let mut s = ColumnStats::default();
        s.observe("vip, gold", TypeOptions::default());
        let (i, _) = s.infer("tags", TypeOptions::default());
        assert_eq!(i.ty, FieldType::List);
        assert_eq!(
            to_sql(" vip ,gold,, ", i, TypeOptions::default()),
            Some(Sql::Text("vip, gold".into()))
        );
    }
}
