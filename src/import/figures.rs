//! The second pass of `--aggregate`: the orders folded from the file's lines are stored
//! by order id and the contacts' figure fields recomputed (see [`super::orders`]).
//!
//! An order that an earlier batch stored is replaced, not added again, so importing an
//! overlapping orders file twice counts each order once. Lines with no contact key of
//! their own join their order's contact; when no line of an order names a contact, its
//! keyless lines are rejected. Called by [`super::load`] inside its transaction, and
//! by [`super::analyse`] to check the order columns before anything is written.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::analyse::{Analysis, Column};
use super::orders::{Fold, OrderColumns, OrderOptions};
use super::report::plural;
use super::{ImportError, Rejected};
use crate::fields::{Field, FieldType, PrivacyClass, Role};
use crate::workspace::contacts::ContactWriter;
use crate::workspace::fields;
use crate::workspace::orders::{self as stored, FigureFields, Order, Stored};

/// What `--aggregate` did, for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdersReport {
    /// The recognised layout (`Shopify orders export`), if any.
    pub layout: Option<String>,
    /// Headers of the order id, amount and date columns.
    pub order_id_column: String,
    pub amount_column: Option<String>,
    /// `per order` (a total, taken once) or `sum of lines`.
    pub amount_rule: Option<String>,
    pub order_date_column: Option<String>,
    /// Lines read that belong to an order, and those with no contact key of their own
    /// that joined their order's contact.
    pub lines: u64,
    pub lines_joined: u64,
    /// Distinct orders in the file; new to the workspace; already stored by an
    /// earlier file (replaced, not counted twice).
    pub orders_in_file: u64,
    pub orders_added: u64,
    pub orders_updated: u64,
    /// Contacts whose figures were recomputed.
    pub contacts: u64,
    /// The figure fields filled.
    pub fields: Vec<String>,
}

/// Add the figure fields the workspace lacks (recorded with `batch`, so undo drops
/// them) and name every figure field it holds.
pub fn prepare_fields(
    tx: &rusqlite::Connection,
    found: &OrderColumns,
    actor: &str,
    batch: i64,
) -> Result<FigureFields, ImportError> {
    let existing: Vec<String> = fields::list(tx)?.into_iter().map(|f| f.name).collect();
    let mut names = FigureFields::default();
    for (name, ty, used) in figure_fields(found) {
        let present = existing.iter().any(|e| e == name);
        if used && !present {
            let what = match name {
                super::orders::COUNT => "the number of distinct orders",
                super::orders::TOTAL => "the sum of the orders' amounts",
                super::orders::FIRST => "the date of the first order",
                _ => "the date of the last order",
            };
            let field = Field {
                name: name.to_string(),
                header: name.to_string(),
                ty,
                role: Role::None,
                class: PrivacyClass::Ordinary,
                reason: format!("computed by import --aggregate: {what}"),
                kind: None,
            };
            fields::add(tx, &field, actor, Some(batch))?;
        }
        if used || present {
            let slot = match name {
                super::orders::COUNT => &mut names.count,
                super::orders::TOTAL => &mut names.total,
                super::orders::FIRST => &mut names.first,
                _ => &mut names.last,
            };
            *slot = Some(name.to_string());
        }
    }
    Ok(names)
}

/// Store the folded orders of this file (found by `analysis.orders`) and recompute
/// the figures of every contact they touch. Keyless lines of orders with no contact
/// go to `rejected`. Returns the report and its warnings.
pub fn write(
    tx: &rusqlite::Connection,
    writer: &mut ContactWriter<'_>,
    analysis: &Analysis,
    fold: Fold,
    batch: i64,
    figures: &FigureFields,
    rejected: &mut Vec<Rejected>,
) -> Result<(OrdersReport, Vec<String>), ImportError> {
    let Some(found) = &analysis.orders else {
        return Err(ImportError::BadOption(
            "orders were folded without --aggregate".into(),
        ));
    };
    let mut warnings = Vec::new();
    let header = |i: usize| analysis.columns[i].header.clone();
    let mut report = OrdersReport {
        layout: found.layout.map(str::to_string),
        order_id_column: header(found.order_id),
        amount_column: found.amount.map(header),
        amount_rule: found.amount.map(|_| {
            if found.amount_per_order {
                "per order (a total, taken once per order)".to_string()
            } else {
                "sum of the order's lines".to_string()
            }
        }),
        order_date_column: found.date.map(header),
        lines: 0,
        lines_joined: 0,
        orders_in_file: fold.orders.len() as u64,
        orders_added: 0,
        orders_updated: 0,
        contacts: 0,
        fields: [
            &figures.count,
            &figures.total,
            &figures.first,
            &figures.last,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect(),
    };
    let (mut other_contact, mut conflicts) = (Vec::new(), Vec::new());
    let mut affected = BTreeSet::new();
    for (id, order) in fold.orders {
        report.lines += order.lines;
        let contact = match &order.key {
            Some(key) => writer.find(key)?.map(|e| e.id),
            None => None,
        };
        let Some(contact_id) = contact else {
            report.orders_in_file -= 1;
            for line in &order.keyless_lines {
                rejected.push(Rejected {
                    line: *line,
                    reason: format!(
                        "blank contact key, and no line of order {id} names its contact"
                    ),
                });
            }
            continue;
        };
        report.lines_joined += order.keyless_lines.len() as u64;
        if let Some(line) = order.other_contact_line
            && other_contact.len() < 3
        {
            other_contact.push(format!("{id} (line {line})"));
        }
        if order.amount_conflict && conflicts.len() < 3 {
            conflicts.push(id.clone());
        }
        let stored = stored::store(
            tx,
            batch,
            &Order {
                order_id: id,
                contact_id,
                amount: order.amount,
                ordered_at: order.date,
                lines: order.lines,
            },
        )?;
        affected.insert(contact_id);
        match stored {
            Stored::Added => report.orders_added += 1,
            Stored::Updated { previous_contact } => {
                report.orders_updated += 1;
                affected.insert(previous_contact);
            }
        }
    }
    if !other_contact.is_empty() {
        warnings.push(format!(
            "some orders name more than one contact; each counts for the contact on its first line: {}",
            other_contact.join(", ")
        ));
    }
    if !conflicts.is_empty() {
        warnings.push(format!(
            "some orders give different totals on different lines; the first was used: {}",
            conflicts.join(", ")
        ));
    }
    if report.orders_updated > 0 {
        warnings.push(format!(
            "{} order{} already in the workspace from an earlier file replaced, not counted twice",
            report.orders_updated,
            plural(report.orders_updated)
        ));
    }
    stored::recompute(tx, &affected, figures)?;
    report.contacts = affected.len() as u64;
    Ok((report, warnings))
}

/// Find the order columns of `--aggregate`, mark them as not stored, and check that
/// the figure fields can be written: no column of the file has their names, and a
/// figure field the workspace already holds has the figure's type.
pub fn aggregate_columns(
    columns: &mut [Column],
    options: &OrderOptions,
    existing: &BTreeMap<String, Field>,
) -> Result<OrderColumns, ImportError> {
    let found = super::orders::find(columns, options)?;
    for i in [Some(found.order_id), found.amount, found.date]
        .into_iter()
        .flatten()
    {
        columns[i].skip = true;
    }
    for (name, ty, used) in figure_fields(&found) {
        if !used {
            continue;
        }
        if columns.iter().any(|c| c.field.name == name && !c.skip) {
            return Err(ImportError::BadOption(format!(
                "--aggregate computes the field {name}, but this file has a column of that name; rename it in the file"
            )));
        }
        if let Some(old) = existing.get(name)
            && old.ty != ty
        {
            return Err(ImportError::BadOption(format!(
                "--aggregate computes the field {name} ({ty}), but the workspace's field {name} is {}",
                old.ty
            )));
        }
    }
    Ok(found)
}

/// The figure fields, their types, and whether these order columns fill them.
pub fn figure_fields(found: &OrderColumns) -> [(&'static str, FieldType, bool); 4] {
    [
        (super::orders::COUNT, FieldType::Integer, true),
        (
            super::orders::TOTAL,
            FieldType::Decimal,
            found.amount.is_some(),
        ),
        (super::orders::FIRST, FieldType::Date, found.date.is_some()),
        (super::orders::LAST, FieldType::Date, found.date.is_some()),
    ]
}
