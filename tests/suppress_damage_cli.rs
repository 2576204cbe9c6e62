//! A suppression list a spreadsheet damaged says so (session 10): a phone number shown
//! in scientific notation (`4.47700900601E+11`, digits lost) or an error value (`#N/A`)
//! is reported as damaged by a spreadsheet, by line and column, as the import reports
//! such values for contacts; it used to be "neither an e-mail address nor a phone
//! number", or, on a list's first line, taken for a column name. README, "Contacts,
//! phone numbers and suppression lists".
//!
//! Numbers: the UK drama range (Ofcom); `447700900601` in Excel's scientific notation
//! is `4.47700900601E+11`, whose last digits a longer number would have lost.

mod review_support;

use review_support::Ws;

fn skipped(r: &serde_json::Value) -> Vec<(u64, String, String)> {
    r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["column"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A list with a damaged value is refused unless accepted with a reason
/// (tests/suppress_partial_cli.rs); these tests read the report of an accepted one.
const ACCEPT: &str = "--accept-unread";
const REASON: &str = "the damaged numbers are checked by hand";

#[test]
fn damaged_numbers_in_a_suppression_list_are_named_as_damage() {
    let ws = Ws::new();
    let list = ws.write(
        "optouts.csv",
        "Phone,Email\n+447700900123,\n4.47700900601E+11,\n#N/A,\n,ana@example.com\n",
    );
    let r = ws.json(
        &[
            "suppress", &list, "--region", "GB", ACCEPT, "--reason", REASON,
        ],
        0,
    );
    assert_eq!(r["added"], 2, "{r:#}");
    let notes = skipped(&r);
    assert_eq!(
        notes
            .iter()
            .map(|(l, c, _)| (*l, c.as_str()))
            .collect::<Vec<_>>(),
        [(3, "Phone"), (4, "Phone")],
        "{r:#}"
    );
    assert!(
        notes[0].2.starts_with(
            "damaged by a spreadsheet: the value looks like a long number a spreadsheet turned into scientific notation (digits are lost)"
        ),
        "{notes:?}"
    );
    assert!(
        notes[1]
            .2
            .contains("is a spreadsheet error value such as #N/A"),
        "{notes:?}"
    );
    let out = ws.stdout(&[
        "suppress", &list, "--region", "GB", ACCEPT, "--reason", REASON,
    ]);
    assert!(
        out.contains("line 3, column Phone: damaged by a spreadsheet"),
        "{out}"
    );
}

#[test]
fn a_damaged_first_line_is_a_value_not_a_header() {
    let ws = Ws::new();
    let list = ws.write("optouts.txt", "4.47700900601E+11\n+447700900124\n");
    let r = ws.json(&["suppress", &list, ACCEPT, "--reason", REASON], 0);
    assert_eq!(r["added"], 1, "{r:#}");
    assert!(r["header"].is_null(), "{r:#}");
    let notes = skipped(&r);
    assert_eq!(notes.len(), 1, "{r:#}");
    assert_eq!((notes[0].0, notes[0].1.as_str()), (1, "field 1"));
    assert!(notes[0].2.contains("damaged by a spreadsheet"), "{notes:?}");
}
