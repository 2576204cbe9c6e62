//! `import --aggregate`: order lines become per-contact figures.
//!
//! A file with several rows per contact (an orders export: one row per order, or per
//! order line) gives each contact four fields computed from its orders:
//! [`COUNT`] (how many distinct orders), [`TOTAL`] (the sum of their amounts),
//! [`FIRST`] and [`LAST`] (the first and last order date). Orders are keyed by their
//! order id and kept in the workspace (`workspace::orders`), so a later file that
//! repeats an order replaces it instead of counting it twice, and `import undo`
//! removes a batch's orders and recomputes the figures.
//!
//! The columns: `--order-id`, `--amount`, `--order-date` name them; otherwise they are
//! found by name. Shopify's orders export is recognised by its headers (`Name`,
//! `Email`, `Financial Status`, `Paid at`, `Total`, `Created at`): the order id is
//! `Name` (`#1001`), the amount `Total`, the date `Created at`, and an order's later
//! line-item rows (which repeat `Name` but leave `Total` blank) add no amount.
//! Elsewhere an amount column named like a total (`order_total`, `total`) is the
//! order's amount, taken once per order; any other (`sales`, `amount`, `price`) is a
//! line amount, summed over the order's lines. The order date is the earliest date on
//! its lines. These three columns feed the figures and are not stored as contact
//! fields (an order's amount is no fact about a person). Called by
//! [`super::analyse`] (finding the columns) and [`super::load`] (folding the lines).

use std::collections::BTreeMap;

use rusqlite::types::Value as Sql;

use super::ImportError;
use super::analyse::Column;
use crate::fields::FieldType;

/// Figure fields: order count, sum of amounts, first and last order date.
pub const COUNT: &str = "order_count";
pub const TOTAL: &str = "order_total";
pub const FIRST: &str = "first_order_date";
pub const LAST: &str = "last_order_date";

/// The user's choices for `--aggregate` (each `None`: found by name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderOptions {
    pub order_id: Option<String>,
    pub amount: Option<String>,
    pub date: Option<String>,
}

/// The columns of an orders file and how its amounts add up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderColumns {
    pub order_id: usize,
    pub amount: Option<usize>,
    pub date: Option<usize>,
    /// The amount stands once per order (a total), not per line.
    pub amount_per_order: bool,
    /// The recognised layout, e.g. `Shopify orders export`.
    pub layout: Option<&'static str>,
}

const SHOPIFY: [&str; 6] = [
    "name",
    "email",
    "financial_status",
    "paid_at",
    "total",
    "created_at",
];
const ID_NAMES: [&str; 9] = [
    "order_id",
    "order_number",
    "order_no",
    "order_name",
    "order",
    "invoice_id",
    "invoice_number",
    "invoice_no",
    "transaction_id",
];
const AMOUNT_NAMES: [&str; 11] = [
    "order_total",
    "total",
    "grand_total",
    "total_price",
    "total_amount",
    "order_amount",
    "amount",
    "sales",
    "revenue",
    "line_total",
    "price",
];
const DATE_NAMES: [&str; 8] = [
    "order_date",
    "created_at",
    "ordered_at",
    "purchase_date",
    "invoice_date",
    "transaction_date",
    "paid_at",
    "date",
];

/// True when the file's field names are those of Shopify's orders export.
pub fn is_shopify_orders(names: &[&str]) -> bool {
    SHOPIFY.iter().all(|s| names.contains(s))
}

/// Find the order columns of `columns` (see the module header).
///
/// Errors: [`ImportError::BadOption`] when there is no order id column, a named column
/// does not exist, the amount column is not numeric or the date column holds no dates.
pub fn find(columns: &[Column], options: &OrderOptions) -> Result<OrderColumns, ImportError> {
    let names: Vec<&str> = columns.iter().map(|c| c.field.name.as_str()).collect();
    let shopify = is_shopify_orders(&names);
    let by_name = |wanted: &str| -> Result<usize, ImportError> {
        let squash = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        columns
            .iter()
            .position(|c| c.field.name == wanted || c.header.eq_ignore_ascii_case(wanted))
            .or_else(|| {
                columns
                    .iter()
                    .position(|c| squash(&c.header) == squash(wanted))
            })
            .ok_or_else(|| {
                ImportError::BadOption(format!(
                    "--aggregate: no column `{wanted}` in this file; its columns are: {}",
                    names.join(", ")
                ))
            })
    };
    let first_of = |list: &[&str]| list.iter().find_map(|n| names.iter().position(|m| m == n));
    let order_id = match &options.order_id {
        Some(w) => by_name(w)?,
        None if shopify => first_of(&["name"]).unwrap_or(0),
        None => first_of(&ID_NAMES).ok_or_else(|| {
            ImportError::BadOption(format!(
                "--aggregate needs an order id column: none of {} found; pass --order-id COLUMN",
                ID_NAMES.join(", ")
            ))
        })?,
    };
    let amount = match &options.amount {
        Some(w) => Some(by_name(w)?),
        None if shopify => first_of(&["total"]),
        None => first_of(&AMOUNT_NAMES),
    };
    let date = match &options.date {
        Some(w) => Some(by_name(w)?),
        None if shopify => first_of(&["created_at"]),
        None => first_of(&DATE_NAMES),
    };
    if let Some(i) = amount
        && !matches!(
            columns[i].storage.ty,
            FieldType::Integer | FieldType::Decimal
        )
    {
        return Err(ImportError::BadOption(format!(
            "--aggregate: the amount column {} holds {} values, not numbers; pass --amount COLUMN, or --decimal-comma if its amounts use a decimal comma",
            columns[i].header, columns[i].storage.ty
        )));
    }
    if let Some(i) = date
        && !matches!(columns[i].storage.ty, FieldType::Date | FieldType::Datetime)
    {
        return Err(ImportError::BadOption(format!(
            "--aggregate: the order date column {} holds {} values, not dates; pass --order-date COLUMN, or --date-order if its dates are ambiguous",
            columns[i].header, columns[i].storage.ty
        )));
    }
    let amount_per_order = shopify
        || amount.is_some_and(|i| {
            let name = &columns[i].field.name;
            name != "line_total" && name.split('_').any(|w| w == "total")
        });
    Ok(OrderColumns {
        order_id,
        amount,
        date,
        amount_per_order,
        layout: shopify.then_some("Shopify orders export"),
    })
}

/// One order folded over its lines in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    /// The contact key of its first line that has one.
    pub key: Option<String>,
    pub lines: u64,
    pub amount: Option<f64>,
    pub date: Option<String>,
    /// Lines naming another contact than the first, and per-order amounts that differ
    /// between lines (for the report's warnings).
    pub other_contact_line: Option<u64>,
    pub amount_conflict: bool,
    /// Lines with no contact key of their own.
    pub keyless_lines: Vec<u64>,
}

/// Orders of one file, folded line by line.
#[derive(Debug, Default)]
pub struct Fold {
    pub orders: BTreeMap<String, Folded>,
    /// Which order gave each contact's values (see [`super::latest_order`]).
    pub latest: super::latest_order::LatestValues,
}

impl Fold {
    /// Add one line of order `id` for contact `key` (`None` for a line with no key of
    /// its own), with the row's storage values `amount` and `date`.
    pub fn add(
        &mut self,
        columns: &OrderColumns,
        id: String,
        key: Option<&str>,
        line: u64,
        amount: &Sql,
        date: &Sql,
    ) {
        let order = self.orders.entry(id).or_insert(Folded {
            key: None,
            lines: 0,
            amount: None,
            date: None,
            other_contact_line: None,
            amount_conflict: false,
            keyless_lines: Vec::new(),
        });
        order.lines += 1;
        if key.is_none() {
            order.keyless_lines.push(line);
        }
        match (&order.key, key) {
            (None, Some(k)) => order.key = Some(k.to_string()),
            (Some(old), Some(k)) if old != k && order.other_contact_line.is_none() => {
                order.other_contact_line = Some(line);
            }
            _ => {}
        }
        let value = match amount {
            Sql::Integer(i) => Some(*i as f64),
            Sql::Real(r) => Some(*r),
            _ => None,
        };
        if let Some(v) = value {
            order.amount = match (order.amount, columns.amount_per_order) {
                (None, _) => Some(v),
                (Some(sum), false) => Some(crate::fields::money::add(sum, v)),
                (Some(first), true) => {
                    order.amount_conflict |= first != v;
                    Some(first)
                }
            };
        }
        if let Sql::Text(d) = date
            && order.date.as_ref().is_none_or(|old| d < old)
        {
            order.date = Some(d.clone());
        }
    }
}

/// An order id as text: integers without a decimal point, text as it is.
pub fn order_id(value: &Sql) -> Option<String> {
    match value {
        Sql::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Sql::Integer(i) => Some(i.to_string()),
        Sql::Real(r) => Some(r.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> OrderColumns {
        OrderColumns {
            order_id: 0,
            amount: Some(1),
            date: Some(2),
            amount_per_order: false,
            layout: None,
        }
    }

    #[test]
    fn line_amounts_add_up_and_the_first_date_wins() {
        let mut fold = Fold::default();
        let c = cols();
        let d = |s: &str| Sql::Text(s.into());
        fold.add(
            &c,
            "A1".into(),
            Some("ana"),
            2,
            &Sql::Real(10.5),
            &d("2024-03-02"),
        );
        fold.add(
            &c,
            "A1".into(),
            Some("ana"),
            3,
            &Sql::Integer(2),
            &d("2024-03-01"),
        );
        let a1 = &fold.orders["A1"];
        assert_eq!((a1.lines, a1.amount), (2, Some(12.5)));
        assert_eq!(a1.date.as_deref(), Some("2024-03-01"));
        let per_order = OrderColumns {
            amount_per_order: true,
            ..cols()
        };
        fold.add(
            &per_order,
            "#1".into(),
            Some("bo"),
            4,
            &Sql::Real(30.0),
            &d("2024-01-01"),
        );
        fold.add(&per_order, "#1".into(), None, 5, &Sql::Null, &Sql::Null);
        fold.add(
            &per_order,
            "#1".into(),
            Some("cy"),
            6,
            &Sql::Real(31.0),
            &Sql::Null,
        );
        let one = &fold.orders["#1"];
        assert_eq!((one.lines, one.amount), (3, Some(30.0)));
        assert_eq!(one.key.as_deref(), Some("bo"));
        assert_eq!(one.other_contact_line, Some(6));
        assert_eq!(one.keyless_lines, [5]);
        assert!(one.amount_conflict);
    }

    #[test]
    fn shopify_orders_are_recognised_by_their_headers() {
        assert!(is_shopify_orders(&[
            "name",
            "email",
            "financial_status",
            "paid_at",
            "fulfillment_status",
            "total",
            "created_at",
            "lineitem_quantity"
        ]));
        assert!(!is_shopify_orders(&["name", "email", "total"]));
    }
}
