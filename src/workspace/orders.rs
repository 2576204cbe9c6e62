//! Orders behind the per-contact figures of `import --aggregate` (migration 0007).
//!
//! Owns the `orders` and `order_changes` tables: storing an order by its id (a later
//! file that repeats an order updates it and keeps a before-image for undo, so no order
//! is counted twice), recomputing the figure fields of contacts from their orders,
//! undoing a batch's orders, and deleting an erased contact's orders. Called by
//! `import::load`, `import::undo` and `rights`.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::{WorkspaceError, quote_ident};

/// One order as a file gives it, folded over its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub order_id: String,
    pub contact_id: i64,
    pub amount: Option<f64>,
    /// A date (`YYYY-MM-DD`) or an RFC 3339 UTC datetime.
    pub ordered_at: Option<String>,
    pub lines: u64,
}

/// What [`store`] did with one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// New to the workspace.
    Added,
    /// Already stored by an earlier batch (or earlier in this one): replaced, not
    /// counted again; `previous_contact` held it before.
    Updated { previous_contact: i64 },
}

impl super::contacts::ContactWriter<'_> {
    /// The date of contact `id`'s latest stored order (`YYYY-MM-DD` or an RFC 3339 UTC
    /// datetime), `None` without dated orders: what `import::latest_order` compares a
    /// later file's order dates with.
    ///
    /// Errors: SQLite errors.
    pub fn latest_order_date(&mut self, id: i64) -> Result<Option<String>, WorkspaceError> {
        Ok(self
            .conn
            .prepare_cached("SELECT max(ordered_at) FROM orders WHERE contact_id = ?1")?
            .query_row([id], |r| r.get(0))?)
    }
}

/// Store `order` for `batch`.
pub fn store(conn: &Connection, batch: i64, order: &Order) -> Result<Stored, WorkspaceError> {
    let previous: Option<(i64, i64)> = conn
        .query_row(
            "SELECT contact_id, batch_id FROM orders WHERE order_id = ?1",
            [&order.order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((previous_contact, added_by)) = previous else {
        conn.execute(
            "INSERT INTO orders (order_id, contact_id, amount, ordered_at, lines, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                order.order_id,
                order.contact_id,
                order.amount,
                order.ordered_at,
                order.lines as i64,
                batch
            ],
        )?;
        return Ok(Stored::Added);
    };
    if added_by != batch {
        conn.execute(
            "INSERT OR IGNORE INTO order_changes (batch_id, order_id, before)
             SELECT ?1, order_id, json_object('contact_id', contact_id, 'amount', amount,
                 'ordered_at', ordered_at, 'lines', lines, 'updated_batch', updated_batch)
             FROM orders WHERE order_id = ?2",
            params![batch, order.order_id],
        )?;
    }
    conn.execute(
        "UPDATE orders SET contact_id = ?2, amount = ?3, ordered_at = ?4, lines = ?5,
             updated_batch = ?6
         WHERE order_id = ?1",
        params![
            order.order_id,
            order.contact_id,
            order.amount,
            order.ordered_at,
            order.lines as i64,
            batch
        ],
    )?;
    Ok(Stored::Updated { previous_contact })
}

/// The figure fields to fill, by name; `None` for a figure the workspace does not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFields {
    pub count: Option<String>,
    pub total: Option<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Recompute the figure fields of `contacts` from their orders: the count of orders,
/// the sum of their amounts (NULL when none has one), the first and last order date
/// (the calendar date of `ordered_at`, in UTC for datetimes as segment rules compare
/// them). A contact with no order left gets a count of 0 and NULL for the rest.
pub fn recompute(
    conn: &Connection,
    contacts: &BTreeSet<i64>,
    fields: &FigureFields,
) -> Result<(), WorkspaceError> {
    let mut sets = Vec::new();
    let of = "FROM orders o WHERE o.contact_id = contacts._id";
    if let Some(f) = &fields.count {
        sets.push(format!("{} = (SELECT count(*) {of})", quote_ident(f)));
    }
    if let Some(f) = &fields.total {
        // Summed as decimals, not binary floats (`tactful_money_sum`, trial 4 N4).
        sets.push(format!(
            "{} = (SELECT tactful_money_sum(o.amount) {of})",
            quote_ident(f)
        ));
    }
    if let Some(f) = &fields.first {
        sets.push(format!(
            "{} = (SELECT min(substr(o.ordered_at, 1, 10)) {of})",
            quote_ident(f)
        ));
    }
    if let Some(f) = &fields.last {
        sets.push(format!(
            "{} = (SELECT max(substr(o.ordered_at, 1, 10)) {of})",
            quote_ident(f)
        ));
    }
    if sets.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare(&format!(
        "UPDATE contacts SET {} WHERE _id = ?1",
        sets.join(", ")
    ))?;
    for id in contacts {
        stmt.execute([id])?;
    }
    Ok(())
}

/// Undo `batch`'s orders: put back the orders it updated, delete the ones it added.
/// Returns the contacts whose figures must be recomputed.
pub fn undo_batch(conn: &Connection, batch: i64) -> Result<BTreeSet<i64>, WorkspaceError> {
    let mut affected: BTreeSet<i64> = BTreeSet::new();
    {
        let mut stmt = conn.prepare(
            "SELECT contact_id FROM orders WHERE batch_id = ?1 OR updated_batch = ?1
             UNION SELECT json_extract(before, '$.contact_id') FROM order_changes
             WHERE batch_id = ?1",
        )?;
        let rows = stmt.query_map([batch], |r| r.get::<_, i64>(0))?;
        for id in rows {
            affected.insert(id?);
        }
    }
    conn.execute(
        "UPDATE orders SET
             contact_id = json_extract(c.before, '$.contact_id'),
             amount = json_extract(c.before, '$.amount'),
             ordered_at = json_extract(c.before, '$.ordered_at'),
             lines = json_extract(c.before, '$.lines'),
             updated_batch = json_extract(c.before, '$.updated_batch')
         FROM order_changes c
         WHERE c.batch_id = ?1 AND c.order_id = orders.order_id",
        [batch],
    )?;
    conn.execute("DELETE FROM orders WHERE batch_id = ?1", [batch])?;
    conn.execute("DELETE FROM order_changes WHERE batch_id = ?1", [batch])?;
    Ok(affected)
}

/// Delete every order of contact `id` and every before-image naming it (erasure:
/// GDPR Art. 17; an order id alone says who bought what).
pub fn delete_for_contact(conn: &Connection, id: i64) -> Result<(), WorkspaceError> {
    conn.execute(
        "DELETE FROM order_changes WHERE json_extract(before, '$.contact_id') = ?1
             OR order_id IN (SELECT order_id FROM orders WHERE contact_id = ?1)",
        [id],
    )?;
    conn.execute("DELETE FROM orders WHERE contact_id = ?1", [id])?;
    Ok(())
}
