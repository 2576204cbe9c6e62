//! The loader's look-ups by phone number, and the E.164 indexes a first load builds
//! after its rows.
//!
//! A phone field that an import's batch adds has an empty index on its E.164 column
//! (`phones::add_columns`). Kept in order row by row, it cost about a third of the
//! loader's SQLite time on a first import; so the importer drops it
//! ([`ContactWriter::defer_phone_index`]) and it is built in one sort once the rows are
//! in ([`ContactWriter::build_phone_indexes`]), or at once before the first look-up
//! by number ([`ContactWriter::holders`]), so no look-up ever scans the table (all of
//! them then, in field order, so the schema lists them in the same order). The
//! schema ends the same (`phones::create_index` writes the same SQL). Called by
//! `import::load` and `import::identity` inside the import's transaction.

use super::contacts::ContactWriter;
use super::{WorkspaceError, phones};

impl ContactWriter<'_> {
    /// Keys of the contacts (at most two, enough to tell one from several) whose
    /// `phone`-th phone field holds `e164`, in workspace order.
    pub fn holders(&mut self, phone: usize, e164: &str) -> Result<Vec<String>, WorkspaceError> {
        if self.unindexed.get(phone).is_some_and(Option::is_some) {
            self.build_phone_indexes()?;
        }
        let Some(stmt) = self.holders.get_mut(phone) else {
            return Ok(Vec::new());
        };
        let rows = stmt.query_map([e164], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Drop the E.164 index of the `phone`-th phone field, named `field`, until
    /// [`Self::build_phone_indexes`]. Only for a field this batch added: its column
    /// is empty, so dropping costs nothing, while an existing field's index would
    /// have to be sorted again from every stored contact.
    pub fn defer_phone_index(&mut self, phone: usize, field: &str) -> Result<(), WorkspaceError> {
        if let Some(slot) = self.unindexed.get_mut(phone) {
            phones::drop_index(self.conn, field)?;
            *slot = Some(field.to_string());
        }
        Ok(())
    }

    /// Build the E.164 indexes dropped by [`Self::defer_phone_index`] and not built
    /// yet, in phone field order (the order `phones::add_columns` created them in).
    pub fn build_phone_indexes(&mut self) -> Result<(), WorkspaceError> {
        for field in self.unindexed.iter_mut().filter_map(Option::take) {
            phones::create_index(self.conn, &field)?;
        }
        Ok(())
    }
}
