-- tactful workspace schema: orders behind per-contact figures, and ages the minor check
-- cannot judge (issue 9).

-- The field name of a date-of-birth, birth-year or age field whose value for this
-- contact could not be read as a date or number (e.g. `05/06/2014` in a column whose
-- day/month order is unknown); NULL when the age is readable or was never given.
-- Campaigns count these contacts as "age unknown" instead of passing them silently.
ALTER TABLE contacts ADD COLUMN _age_unknown TEXT;

-- One row per order of an `import --aggregate` file, keyed by the file's order id, so
-- a later file that repeats an order updates it instead of counting it twice. The
-- figures on contacts (order count, total, first and last order date) are recomputed
-- from this table. `amount` is NULL when the file had no amount column;
-- `ordered_at` is a date or an RFC 3339 UTC datetime.
CREATE TABLE orders (
    order_id       TEXT PRIMARY KEY,
    contact_id     INTEGER NOT NULL,
    amount         REAL,
    ordered_at     TEXT,
    lines          INTEGER NOT NULL,
    batch_id       INTEGER NOT NULL,
    updated_batch  INTEGER
) STRICT;

CREATE INDEX orders_by_contact ON orders (contact_id);

-- Before-images of orders a batch updated, so `import undo` can restore them.
CREATE TABLE order_changes (
    batch_id  INTEGER NOT NULL,
    order_id  TEXT NOT NULL,
    before    TEXT NOT NULL,
    PRIMARY KEY (batch_id, order_id)
) STRICT;
