//! The reader on small files whose rows were worked out by hand.

use super::*;
use std::io::Write;

fn rows_of(bytes: &[u8], allow_ragged: bool) -> (Vec<String>, Vec<Row>) {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let shape = Shape {
        encoding: encoding_rs::UTF_8,
        delimiter: b',',
        has_header: true,
        allow_ragged,
        replacement_is_data: false,
        sep_line: bytes.starts_with(b"sep="),
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
fn ragged_rows_are_rejected_by_line() {
    // Case BR-08: lines 3, 5 and 6 are listed; Cy's empty trailing field is fine.
    let (headers, rows) = rows_of(
        b"email,first_name,city,tier\nana@example.com,Ana,Lyon,gold\nbo@example.com,Bo,Porto\ncy@example.com,Cy,Gent,silver,\ndee@example.com,Dee,Oslo,bronze,EXTRA\ned@example.com\n",
        false,
    );
    assert_eq!(headers, vec!["email", "first_name", "city", "tier"]);
    assert_eq!(
        rows[0],
        data(2, &["ana@example.com", "Ana", "Lyon", "gold"])
    );
    assert!(matches!(rows[1], Row::Rejected { line: 3, .. }));
    assert_eq!(
        rows[2],
        data(4, &["cy@example.com", "Cy", "Gent", "silver"])
    );
    assert!(matches!(rows[3], Row::Rejected { line: 5, .. }));
    assert!(matches!(rows[4], Row::Rejected { line: 6, .. }));
    assert_eq!(rows.len(), 5);
}

#[test]
fn allow_ragged_pads_short_rows_but_not_long_ones() {
    let (_, rows) = rows_of(b"a,b,c\n1,2\n1,2,3,4\n", true);
    assert_eq!(rows[0], data(2, &["1", "2", ""]));
    assert!(matches!(rows[1], Row::Rejected { line: 3, .. }));
}

#[test]
fn blank_lines_and_delimiter_rows_are_skipped() {
    // Case BR-10.
    let (_, rows) = rows_of(
        b"email,first_name,city\nana@example.com,Ana,Lyon\n\nbo@example.com,Bo,Porto\n,,\ncy@example.com,Cy,Gent\n\n\n   \n",
        false,
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2], Row::Blank { line: 5 });
    assert_eq!(rows[3], data(6, &["cy@example.com", "Cy", "Gent"]));
}

#[test]
fn crlf_and_blank_lines_keep_line_numbers_exact() {
    let (_, rows) = rows_of(b"a,b\r\n\r\nx,1\r\n\r\n\r\ny,2", false);
    assert_eq!(rows, vec![data(3, &["x", "1"]), data(6, &["y", "2"])]);
}

#[test]
fn quoted_line_breaks_count_physical_lines() {
    let (_, rows) = rows_of(b"a,b\n\"x\ny\",1\nz,2\n", false);
    assert_eq!(rows[0], data(2, &["x\ny", "1"]));
    assert_eq!(rows[1], data(4, &["z", "2"]));
}

#[test]
fn a_sep_line_is_skipped_and_lines_stay_physical() {
    // Excel's delimiter hint: the header is line 2, the first data row line 3.
    let (headers, rows) = rows_of(b"sep=,\nemail,name\nana@example.com,Ana\n", false);
    assert_eq!(headers, ["email", "name"]);
    assert_eq!(rows, vec![data(3, &["ana@example.com", "Ana"])]);
}

#[test]
fn a_nul_byte_rejects_its_line_only() {
    let (_, rows) = rows_of(
        b"email,name\nana@example.com,A\0na\nbo@example.com,Bo\n",
        false,
    );
    assert_eq!(
        rows[0],
        Row::Rejected {
            line: 2,
            reason: "a NUL byte (U+0000) in column name: no text value holds one, so the line is damaged and was not imported".into()
        }
    );
    assert_eq!(rows[1], data(3, &["bo@example.com", "Bo"]));
}
