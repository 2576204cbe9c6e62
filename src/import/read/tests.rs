//! The reader on small files whose rows were worked out by hand.

use super::*;
use std::io::Write;

fn rows_of(bytes: &[u8]) -> (Vec<String>, Vec<Row>) {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let shape = Shape {
        encoding: encoding_rs::UTF_8,
        delimiter: b',',
        has_header: true,
        replacement_is_data: false,
        sep_line: bytes.starts_with(b"sep="),
        preamble: 0,
        header_line: None,
    };
    let (headers, mut rows) = Rows::open(f.path(), shape).unwrap();
    let mut out = vec![];
    while let Some(r) = rows.next_row().unwrap() {
        out.push(r);
    }
    (headers, out)
}

fn data(line: u64, values: &[&str]) -> Row {
    Row::Data {
        line,
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn short_rows_are_padded_and_marked_long_rows_rejected_by_line() {
    // Case BR-08: lines 3 and 6 are short (padded, with their own field counts), line 5
    // has extra data (rejected); Cy's empty trailing field is fine.
    let (headers, rows) = rows_of(
        b"email,first_name,city,tier\nana@example.com,Ana,Lyon,gold\nbo@example.com,Bo,Porto\ncy@example.com,Cy,Gent,silver,\ndee@example.com,Dee,Oslo,bronze,EXTRA\ned@example.com\n",
    );
    assert_eq!(headers, vec!["email", "first_name", "city", "tier"]);
    assert_eq!(
        rows[0],
        data(2, &["ana@example.com", "Ana", "Lyon", "gold"])
    );
    assert_eq!(rows[1], short(3, &["bo@example.com", "Bo", "Porto", ""], 3));
    assert_eq!(
        rows[2],
        data(4, &["cy@example.com", "Cy", "Gent", "silver"])
    );
    assert!(matches!(rows[3], Row::Rejected { line: 5, .. }));
    assert_eq!(rows[4], short(6, &["ed@example.com", "", "", ""], 1));
    assert_eq!(rows.len(), 5);
}

fn short(line: u64, values: &[&str], fields: usize) -> Row {
    Row::Short {
        line,
        values: values.iter().map(|v| v.to_string()).collect(),
        fields,
    }
}

#[test]
fn blank_lines_and_delimiter_rows_are_skipped() {
    // Case BR-10.
    let (_, rows) = rows_of(
        b"email,first_name,city\nana@example.com,Ana,Lyon\n\nbo@example.com,Bo,Porto\n,,\ncy@example.com,Cy,Gent\n\n\n   \n",
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2], Row::Blank { line: 5 });
    assert_eq!(rows[3], data(6, &["cy@example.com", "Cy", "Gent"]));
}

#[test]
fn crlf_and_blank_lines_keep_line_numbers_exact() {
    let (_, rows) = rows_of(b"a,b\r\n\r\nx,1\r\n\r\n\r\ny,2");
    assert_eq!(rows, vec![data(3, &["x", "1"]), data(6, &["y", "2"])]);
}

#[test]
fn quoted_line_breaks_count_physical_lines() {
    let (_, rows) = rows_of(b"a,b\n\"x\ny\",1\nz,2\n");
    assert_eq!(rows[0], data(2, &["x\ny", "1"]));
    assert_eq!(rows[1], data(4, &["z", "2"]));
}

#[test]
fn a_sep_line_is_skipped_and_lines_stay_physical() {
    // Excel's delimiter hint: the header is line 2, the first data row line 3.
    let (headers, rows) = rows_of(b"sep=,\nemail,name\nana@example.com,Ana\n");
    assert_eq!(headers, ["email", "name"]);
    assert_eq!(rows, vec![data(3, &["ana@example.com", "Ana"])]);
}

#[test]
fn a_nul_byte_rejects_its_line_only() {
    let (_, rows) = rows_of(b"email,name\nana@example.com,A\0na\nbo@example.com,Bo\n");
    assert_eq!(
        rows[0],
        Row::Rejected {
            line: 2,
            reason: "a NUL byte (U+0000) in column name: no text value holds one, so the line is damaged and was not imported".into(),
            // The NUL is cleaned out of the cells, as of any value (`normalise`).
            cells: vec!["ana@example.com".into(), "Ana".into()],
        }
    );
    assert_eq!(rows[1], data(3, &["bo@example.com", "Bo"]));
}

/// The error of opening and reading `bytes` to the end, if any.
fn read_error(bytes: &[u8]) -> Option<ImportError> {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let shape = Shape {
        encoding: encoding_rs::UTF_8,
        delimiter: b',',
        has_header: true,
        replacement_is_data: false,
        sep_line: false,
        preamble: 0,
        header_line: None,
    };
    let (_, mut rows) = match Rows::open(f.path(), shape) {
        Ok(opened) => opened,
        Err(e) => return Some(e),
    };
    loop {
        match rows.next_row() {
            Ok(Some(_)) => {}
            Ok(None) => return None,
            Err(e) => return Some(e),
        }
    }
}

#[test]
fn an_unclosed_quote_is_an_error_where_it_opened() {
    // New-user trial: `"Bob` opens at line 2, column 21 (15 + 1 + 3 + 1 + 1) and
    // would swallow Ana's opt-out on line 3.
    let trial = b"email,accepts_email_marketing,first_name\nbob@example.com,yes,\"Bob\nana@example.com,unsubscribed,Ana\n";
    assert!(matches!(
        read_error(trial),
        Some(ImportError::UnclosedQuote {
            line: 2,
            column: 21
        })
    ));
    // After a legitimate quoted line break (lines 2-3), in CR LF text, without a final
    // line break: the quote on line 4 column 3 is the open one.
    assert!(matches!(
        read_error(b"a,b\r\n\"x\r\ny\",1\r\nz,\"2"),
        Some(ImportError::UnclosedQuote { line: 4, column: 3 })
    ));
    // Column in characters, not bytes: `é` is one.
    assert!(matches!(
        read_error("a,b\né,\"x\n".as_bytes()),
        Some(ImportError::UnclosedQuote { line: 2, column: 3 })
    ));
    // Closed quotes, doubled quotes and quoted line breaks are fine.
    assert!(read_error(b"a,b\n\"x\"\"\ny\",1\n\"\",2\n").is_none());
}

#[test]
fn text_after_a_closing_quote_rejects_its_row() {
    // `z` follows the closing quote at column 16 (1 + 13 + 1 + 1); the other rows stay.
    let (_, rows) =
        rows_of(b"email,name\n\"y@example.com\"z,Y\n\"a\nb\",\"c\"\nx@example.com,\"X\"\"\"\n");
    match &rows[0] {
        Row::Rejected {
            line: 2, reason, ..
        } => {
            assert!(
                reason.starts_with("text after a closing quote at line 2, column 16"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(rows[1], data(3, &["a\nb", "c"]));
    assert_eq!(rows[2], data(5, &["x@example.com", "X\""]));
    assert_eq!(rows.len(), 3);
    // On the second line of a multi-line record: the record (line 2) is rejected.
    let (_, rows) = rows_of(b"a,b\n\"x\ny\"q,1\nz,2\n");
    assert!(matches!(rows[0], Row::Rejected { line: 2, .. }));
    assert_eq!(rows[1], data(4, &["z", "2"]));
}

#[test]
fn rejections_name_the_records_first_line() {
    // New-user trial: the ragged record starts on line 2 (line 1 is the header).
    let (_, rows) = rows_of(b"email,first_name\nx@example.com,X,more\ny@example.com,Y\n");
    assert!(matches!(rows[0], Row::Rejected { line: 2, .. }));
    assert_eq!(rows[1], data(3, &["y@example.com", "Y"]));
    // After a quoted record over lines 2-4, the short one starts on line 5.
    let (_, rows) = rows_of(b"a,b\n\"1\n\n2\",x\nonly\n");
    assert!(matches!(rows[1], Row::Short { line: 5, .. }));
    // After a `sep=` line (1) and the header (2): line 3.
    let (_, rows) = rows_of(b"sep=,\na,b\nonly\n");
    assert!(matches!(rows[0], Row::Short { line: 3, .. }));
}

#[test]
fn a_quoted_value_over_record_like_lines_stops_the_read() {
    // `"one` opens at line 2, column 15; lines 3 and 4 have the header's two commas
    // and no quote; line 5 closes it: the record ending on line 5 is refused.
    let bytes = b"email,a,b\nx@example.com,\"one\ny@example.com,1,2\nz@example.com,3,4\nstill\",5\nw@example.com,6,7\n";
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let shape = Shape {
        encoding: encoding_rs::UTF_8,
        delimiter: b',',
        has_header: true,
        replacement_is_data: false,
        sep_line: false,
        preamble: 0,
        header_line: None,
    };
    let (_, mut rows) = Rows::open(f.path(), shape).unwrap();
    let error = loop {
        match rows.next_row() {
            Ok(Some(_)) => {}
            Ok(None) => panic!("the runaway quote was read as data"),
            Err(e) => break e,
        }
    };
    assert!(
        matches!(
            error,
            ImportError::RunawayQuote {
                line: 2,
                column: 15,
                to: 5,
                record_like: 2
            }
        ),
        "{error:?}"
    );
    // Free text over lines, with commas but not the header's count: read as a value.
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"email,a,b\nx@example.com,\"Hi,\nthanks, see you\nbye\",1\n")
        .unwrap();
    let (_, mut rows) = Rows::open(f.path(), shape).unwrap();
    let mut read = 0;
    while rows.next_row().unwrap().is_some() {
        read += 1;
    }
    assert_eq!(read, 1);
}
