//! What an export takes from each preview row, gathered during the review's own preview
//! pass (`review::run_tapped`): the recipient's cells in the temporary data file, its
//! key hash, its consent evidence, the platform limits, the formula-like cells and the
//! proofs. One pass gives the preview hash, the counts and the file (issue 13), so they
//! cannot disagree the way two walks of a changing workspace could.

use std::io;

use super::ExportError;
use super::cells::FormulaCell;
use super::columns::Layout;
use super::consent::ConsentTally;
use super::merge::{LimitTally, TemplatePlan};
use super::recipients::Rows;
use crate::campaign::preview::{PreviewError, PreviewRow};
use crate::fields::value::Record;
use crate::import::suppress::entry_hash;
use crate::workspace::consent::EvidenceLookup;
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::records::ValueLookup;

/// What does not change from row to row: the file's layout, the merge plan of a
/// template profile and the plan's options.
pub struct Shape<'a> {
    pub layout: &'a Layout,
    pub template: Option<&'a TemplatePlan>,
    /// Proofs per entry.
    pub proofs: usize,
    /// Write formula-like cells neutralised instead of collecting them for a refusal.
    pub neutralise_formulas: bool,
}

/// The export's state over one pass.
pub struct Gathered<'c> {
    rows: Rows,
    lookup: ValueLookup<'c>,
    evidence: EvidenceLookup<'c>,
    hash_key: HashKey,
    consent: ConsentTally,
    key_hashes: Vec<String>,
    left_out: Vec<String>,
    limits: LimitTally,
    proof_rows: Vec<(usize, PreviewRow)>,
    proofs_per_entry: Vec<usize>,
    formulas: Vec<FormulaCell>,
    /// What stopped the pass, when [`Gathered::row`] failed.
    pub failure: Option<ExportError>,
}

/// What a pass gathered for the files, the manifest and the export's record.
pub struct Harvest {
    /// The recipients' records, in preview order.
    pub rows: Rows,
    pub consent: ConsentTally,
    /// Keyed hashes of the recipients' keys, in file order (for `contact show`).
    pub key_hashes: Vec<String>,
    /// Recipients left out: they have no normalised channel address.
    pub left_out: Vec<String>,
    pub limits: LimitTally,
    /// The first rows of each entry, for proofs: (entry, row).
    pub proof_rows: Vec<(usize, PreviewRow)>,
    /// Formula-like cells met (neutralised or to refuse).
    pub formulas: Vec<FormulaCell>,
}

impl<'c> Gathered<'c> {
    /// Start gathering for a campaign of `entries` entries: `lookup` reads the fields
    /// the export adds, `evidence` the recipients' consent evidence.
    ///
    pub fn new(
        rows: Rows,
        (lookup, evidence): (ValueLookup<'c>, EvidenceLookup<'c>),
        hash_key: HashKey,
        entries: usize,
    ) -> Self {
        Gathered {
            rows,
            lookup,
            evidence,
            hash_key,
            consent: ConsentTally::default(),
            key_hashes: Vec::new(),
            left_out: Vec::new(),
            limits: LimitTally::default(),
            proof_rows: Vec::new(),
            proofs_per_entry: vec![0; entries],
            formulas: Vec::new(),
            failure: None,
        }
    }

    /// Everything gathered but the workspace lookups, which end here (the export's
    /// record is written next, on the same connection).
    pub fn finish(self) -> Harvest {
        Harvest {
            rows: self.rows,
            consent: self.consent,
            key_hashes: self.key_hashes,
            left_out: self.left_out,
            limits: self.limits,
            proof_rows: self.proof_rows,
            formulas: self.formulas,
        }
    }

    /// Take one preview row (`entry` is a recipient's 0-based entry, `None` for an
    /// excluded contact, which the export skips). On failure the reason is kept in
    /// [`Gathered::failure`] and an error returned to stop the pass.
    pub fn row(
        &mut self,
        shape: &Shape<'_>,
        (row, record, entry): (&PreviewRow, &Record, Option<usize>),
    ) -> io::Result<()> {
        let Some(entry) = entry else {
            return Ok(());
        };
        match self.recipient(shape, row, record, entry) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.failure = Some(e);
                Err(io::Error::other("export stopped"))
            }
        }
    }

    fn recipient(
        &mut self,
        shape: &Shape<'_>,
        row: &PreviewRow,
        record: &Record,
        entry: usize,
    ) -> Result<(), ExportError> {
        // Only the address the campaign sends to, normalised (the E.164 form stored
        // beside the phone field at import, the sendable e-mail address), in every
        // profile: the stored text may hold more than that address (a cell of two
        // numbers whose second was refused, new-user trial session 9), and the file
        // goes to the sending platform. A recipient always has one, since a contact
        // without it is `no_address`.
        let address = match &row.channel_address {
            Some(a) => a.clone(),
            None => {
                self.left_out.push(row.key.clone());
                return Ok(());
            }
        };
        let values = match shape.template {
            Some(t) => {
                let body = row.body.as_deref().unwrap_or("");
                let v = t
                    .values(entry, record, row.subject.as_deref(), body)
                    .map_err(|m| ExportError::Mismatch {
                        entry: m.entry + 1,
                        part: m.part,
                    })?;
                self.limits.add(t.platform, entry, &v);
                v
            }
            None => Vec::new(),
        };
        let extras = self.lookup.get(&row.key)?.unwrap_or_default();
        let layout = shape.layout;
        let mut cells = layout.cells(row, &address, &values, &extras);
        self.formulas
            .extend(layout.formulas(&row.key, &mut cells, shape.neutralise_formulas));
        self.rows.push(&cells).map_err(file_error)?;
        self.key_hashes
            .push(entry_hash(&self.hash_key, "key", &row.key));
        let (source, evidence) = self.evidence.get(&row.key)?.unwrap_or_default();
        self.consent.add(source, evidence.as_deref());
        if self.proofs_per_entry[entry] < shape.proofs {
            self.proofs_per_entry[entry] += 1;
            self.proof_rows.push((entry, row.clone()));
        }
        Ok(())
    }
}

/// A failure writing the temporary data file, which lives in no directory of the
/// user's: reported as the preview's output failing, as before the single pass.
fn file_error(e: io::Error) -> ExportError {
    ExportError::Preview(PreviewError::Output(e))
}
