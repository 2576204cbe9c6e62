//! The recipients file: one CSV record per recipient, in preview order.
//!
//! Format: RFC 4180 (fields quoted when they hold a comma, a quote or a line break;
//! quotes doubled; records end in CRLF), UTF-8, with a byte order mark `EF BB BF` unless
//! asked not to (spreadsheets on Windows read BOM-less UTF-8 as a legacy code page and
//! garble accents: case BR-23). Cells pass through the [`Profile`]'s neutralisation.
//! Nothing time-dependent is written, so the same workspace, campaign and as-of date
//! give a byte-identical file.

use std::io::{self, Write};

use super::cells::Profile;

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the header and records of the recipients file.
pub struct RecipientsWriter<'w> {
    csv: csv::Writer<&'w mut dyn Write>,
    profile: Profile,
    rows: u64,
}

impl<'w> RecipientsWriter<'w> {
    /// Start the file on `out`: the BOM (when `bom`), then the header record.
    pub fn new(
        out: &'w mut dyn Write,
        bom: bool,
        profile: Profile,
        header: &[String],
    ) -> io::Result<Self> {
        if bom {
            out.write_all(BOM)?;
        }
        let csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        let mut writer = RecipientsWriter {
            csv,
            profile,
            rows: 0,
        };
        writer.record(header.iter().map(String::as_str))?;
        Ok(writer)
    }

    fn record<'a>(&mut self, cells: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let profile = self.profile;
        self.csv
            .write_record(cells.map(|c| profile.apply(c).into_owned()))?;
        Ok(())
    }

    /// Write one recipient's cells, in header order.
    pub fn write<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        self.record(cells.into_iter())?;
        self.rows += 1;
        Ok(())
    }

    /// Flush and return the number of recipient records written.
    pub fn finish(mut self) -> io::Result<u64> {
        self.csv.flush()?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(bom: bool, profile: Profile, rows: &[&[&str]]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        let header = vec!["key".to_string(), "body".to_string()];
        let mut w = RecipientsWriter::new(&mut out, bom, profile, &header).unwrap();
        for r in rows {
            w.write(r.iter().copied()).unwrap();
        }
        assert_eq!(w.finish().unwrap(), rows.len() as u64);
        out
    }

    #[test]
    fn rfc4180_quoting_with_crlf_and_bom() {
        let out = write(
            true,
            Profile::Spreadsheet,
            &[&["a", "Hi \"Zoë\",\nsee you"], &["b", "x,y"]],
        );
        assert_eq!(
            out,
            b"\xEF\xBB\xBFkey,body\r\na,\"Hi \"\"Zo\xC3\xAB\"\",\nsee you\"\r\nb,\"x,y\"\r\n"
        );
        let plain = write(false, Profile::Upload, &[&["a", "=1"]]);
        assert_eq!(plain, b"key,body\r\na,=1\r\n");
        let quoted = write(false, Profile::Spreadsheet, &[&["a", "=1"]]);
        assert_eq!(quoted, b"key,body\r\na,'=1\r\n");
    }
}
