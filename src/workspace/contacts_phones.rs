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
use super::{WorkspaceError, contacts, phones};

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
    ///
    /// The sort is held to [`SORT_KIB`] of memory. SQLite's sorter keeps runs of at
    /// most the page cache's size in memory and writes the rest to temporary files
    /// when the connection's temporary storage is files, as an import's is
    /// ([`super::contacts::ImportSettings`]); the page cache is lowered to
    /// [`SORT_KIB`] for the build and put back after. Where temporary storage is in
    /// memory (a workspace's default) SQLite never spills a sort: sorting a million
    /// numbers took about 60 MB on top of the import's page cache (issue 13).
    pub fn build_phone_indexes(&mut self) -> Result<(), WorkspaceError> {
        let fields: Vec<String> = self.unindexed.iter_mut().filter_map(Option::take).collect();
        if fields.is_empty() {
            return Ok(());
        }
        let cache = contacts::cache_size(self.conn)?;
        contacts::set_cache_size(self.conn, -SORT_KIB)?;
        let built = fields
            .iter()
            .try_for_each(|field| phones::create_index(self.conn, field));
        contacts::set_cache_size(self.conn, cache)?;
        built
    }
}

/// Memory for sorting a deferred E.164 index, in KiB: the page cache during the
/// build and the largest run the sorter keeps in memory before writing it to a
/// temporary file. A million numbers sort in a few runs of this size.
pub const SORT_KIB: i64 = 8 * 1024;
