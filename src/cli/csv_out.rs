//! CSV records as the csv crate writes them with its default settings (RFC 4180 with
//! `\n` after each record: fields joined by `,`; a field quoted when it holds `,`, `"`,
//! `\r` or `\n`, a quote inside it doubled), written straight into a buffered writer.
//!
//! `tactful preview --format csv` writes a row for each of a million contacts; the csv
//! crate's writer, a state machine that can stop and resume inside a field, cost about
//! 5 % of such a preview (issue 13), which whole fields in memory do not need. A test
//! holds the two to the same bytes.

use std::io::{self, Write};

/// Write one record of `fields` to `out`.
///
/// Errors: those of `out`.
pub fn write_record<'a>(
    out: &mut impl Write,
    fields: impl IntoIterator<Item = &'a [u8]>,
) -> io::Result<()> {
    let mut written = 0;
    let mut last_empty = false;
    for field in fields {
        if written > 0 {
            out.write_all(b",")?;
        }
        write_field(out, field)?;
        written += 1;
        last_empty = field.is_empty();
    }
    // A record of one empty field is written `""`, so that it reads back as a record.
    if written == 1 && last_empty {
        out.write_all(b"\"\"")?;
    }
    out.write_all(b"\n")
}

/// Whether `field` holds none of the bytes the spreadsheet separators
/// (`export::cells::SHEET_SEPARATORS`: `,` `;` TAB LF CR) and RFC 4180 quoting (`,` `"`
/// CR LF) act on: such a field is written as it is, and no spreadsheet splits it.
pub fn is_bare(field: &[u8]) -> bool {
    // A fold without an early exit, as in [`write_field`]: vector compares.
    !field.iter().fold(false, |seen, &b| {
        seen | matches!(b, b',' | b'"' | b'\r' | b'\n' | b';' | b'\t')
    })
}

/// Write one field of a record, quoted when it needs to be.
///
/// Errors: those of `out`.
pub fn write_field(out: &mut impl Write, field: &[u8]) -> io::Result<()> {
    // A fold without an early exit, which the compiler turns into vector compares: most
    // fields are short and need no quotes, so the whole field is read anyway.
    let quoted = field.iter().fold(false, |seen, &b| {
        seen | matches!(b, b',' | b'"' | b'\r' | b'\n')
    });
    if !quoted {
        return out.write_all(field);
    }
    out.write_all(b"\"")?;
    for (i, part) in field.split(|&b| b == b'"').enumerate() {
        if i > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part)?;
    }
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The csv crate, with its defaults, is the reference (made flexible only to
    /// accept records of different lengths in one test).
    fn by_csv_crate(records: &[&[&str]]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for r in records {
            w.write_record(*r).unwrap();
        }
        w.into_inner().unwrap()
    }

    #[test]
    fn writes_the_bytes_the_csv_crate_writes() {
        let records: &[&[&str]] = &[
            &["key", "address", "segment", "subject", "body", "excluded"],
            &[
                "1",
                "",
                "vip",
                "Thanks, Ana",
                "Hi Ana,\nas one of our VIPs",
                "",
            ],
            &[
                "a,b",
                "say \"hi\"",
                "\"",
                "cr\rhere",
                "'=1+1",
                "tab\tand space ",
            ],
            &["", "", "", "", "", ""],
            &[""],
            &[
                "Kö\u{202e}ln",
                "\u{feff}x",
                "#comment",
                "\\",
                "end\n",
                "\r\n",
            ],
        ];
        let mut ours = Vec::new();
        for r in records {
            write_record(&mut ours, r.iter().map(|f| f.as_bytes())).unwrap();
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(by_csv_crate(records)).unwrap()
        );
    }
}
