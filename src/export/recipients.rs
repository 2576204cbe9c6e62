//! The data file of an export (recipients or audience): one CSV record per recipient,
//! in preview order, in one file or in numbered parts.
//!
//! Format: RFC 4180 (fields quoted when they hold a comma, a quote or a line break;
//! quotes doubled; records end in CRLF), UTF-8, with a byte order mark `EF BB BF` unless
//! asked not to (spreadsheets on Windows read BOM-less UTF-8 as a legacy code page and
//! garble accents: case BR-23). Cells are written exactly as they come: the formula
//! cells were already neutralised or refused (`export::formulas`). Records are first
//! written, final, to an unnamed temporary file ([`Rows`]); [`Rows::parts`] then copies
//! them into the named file or parts, each with its own BOM and header, so a split
//! never changes a cell. Nothing time-dependent is written, so the same workspace,
//! campaign and as-of date give byte-identical files.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Seek, SeekFrom, Write};

use super::cells::Cell;

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes CSV records (RFC 4180, CRLF) to `out`.
pub struct RecipientsWriter<'w> {
    csv: csv::Writer<&'w mut dyn Write>,
    rows: u64,
}

impl<'w> RecipientsWriter<'w> {
    /// Start a file on `out`: the BOM (when `bom`), then the header record.
    pub fn new(out: &'w mut dyn Write, bom: bool, header: &[String]) -> io::Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
        let mut writer = Self::headless(out);
        let cells: Vec<Cell> = (header.iter())
            .map(|h| {
                let mut cell = Cell::text(h.as_str());
                cell.clean();
                cell
            })
            .collect();
        writer.record(&cells)?;
        Ok(writer)
    }

    fn headless(out: &'w mut dyn Write) -> Self {
        let csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        RecipientsWriter { csv, rows: 0 }
    }

    fn record(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.csv.write_record(cells.iter().map(Cell::as_str))?;
        Ok(())
    }

    /// Write one recipient's cells, in header order.
    pub fn write(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.record(cells)?;
        self.rows += 1;
        Ok(())
    }

    /// Flush and return the number of recipient records written.
    pub fn finish(mut self) -> io::Result<u64> {
        self.csv.flush()?;
        Ok(self.rows)
    }
}

/// Final records held in an unnamed temporary file until they are cut into parts.
pub struct Rows {
    file: BufWriter<File>,
    rows: u64,
}

impl Rows {
    pub fn new() -> io::Result<Rows> {
        Ok(Rows {
            file: BufWriter::new(tempfile::tempfile()?),
            rows: 0,
        })
    }

    /// Add one recipient's cells.
    pub fn push(&mut self, cells: &[Cell]) -> io::Result<()> {
        let mut w = RecipientsWriter::headless(&mut self.file);
        w.write(cells)?;
        w.finish()?;
        self.rows += 1;
        Ok(())
    }

    pub fn len(&self) -> u64 {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// How many files `split` rows per file give (at least one, for the header).
    pub fn part_count(&self, split: Option<u64>) -> u64 {
        match split {
            Some(n) if n > 0 => self.rows.div_ceil(n).max(1),
            _ => 1,
        }
    }

    /// Rewind, and hand each part's writer to `stage` in turn: `stage(i, rows, write)`
    /// gets the part number (0-based), how many records it holds and a function that
    /// writes the part (BOM, header, records) to a writer.
    pub fn parts(
        self,
        split: Option<u64>,
        bom: bool,
        header: &[String],
        mut stage: impl FnMut(
            u64,
            u64,
            &mut dyn FnMut(&mut dyn Write) -> io::Result<u64>,
        ) -> io::Result<()>,
    ) -> io::Result<()> {
        let count = self.part_count(split);
        let per = split.filter(|&n| n > 0).unwrap_or(self.rows.max(1));
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(BufReader::new(file));
        let mut records = reader.records();
        let mut left = self.rows;
        for i in 0..count {
            let take = per.min(left);
            left -= take;
            stage(i, take, &mut |out: &mut dyn Write| {
                let mut w = RecipientsWriter::new(out, bom, header)?;
                for _ in 0..take {
                    let record = records
                        .next()
                        .ok_or_else(|| io::Error::other("export rows ended early"))?
                        .map_err(io::Error::other)?;
                    let cells: Vec<Cell> = record.iter().map(Cell::text).collect();
                    w.write(&cells)?;
                }
                w.finish()
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(bom: bool, rows: &[&[&str]]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        let header = vec!["key".to_string(), "body".to_string()];
        let mut w = RecipientsWriter::new(&mut out, bom, &header).unwrap();
        for r in rows {
            let cells: Vec<Cell> = r.iter().map(|c| Cell::text(*c)).collect();
            w.write(&cells).unwrap();
        }
        assert_eq!(w.finish().unwrap(), rows.len() as u64);
        out
    }

    #[test]
    fn rfc4180_quoting_with_crlf_and_bom() {
        let out = write(true, &[&["a", "Hi \"Zoë\",\nsee you"], &["b", "x,y"]]);
        assert_eq!(
            out,
            b"\xEF\xBB\xBFkey,body\r\na,\"Hi \"\"Zo\xC3\xAB\"\",\nsee you\"\r\nb,\"x,y\"\r\n"
        );
        // Cells are written exactly: neutralising is `export::formulas`'s job.
        let plain = write(false, &[&["a", "=1"], &["b", "'=1"]]);
        assert_eq!(plain, b"key,body\r\na,=1\r\nb,'=1\r\n");
    }

    #[test]
    fn parts_each_have_the_header_and_keep_cells_exact() {
        let mut rows = Rows::new().unwrap();
        for (k, b) in [("a", "'=1"), ("b", "x,\ny"), ("c", "z")] {
            rows.push(&[Cell::text(k), Cell::text(b)]).unwrap();
        }
        assert_eq!(rows.part_count(Some(2)), 2);
        let header = vec!["key".to_string(), "body".to_string()];
        let mut files: Vec<(u64, Vec<u8>)> = Vec::new();
        rows.parts(Some(2), false, &header, |_, n, write| {
            let mut out = Vec::new();
            assert_eq!(write(&mut out)?, n);
            files.push((n, out));
            Ok(())
        })
        .unwrap();
        assert_eq!(files[0].1, b"key,body\r\na,'=1\r\nb,\"x,\ny\"\r\n");
        assert_eq!(files[1].1, b"key,body\r\nc,z\r\n");
    }
}
