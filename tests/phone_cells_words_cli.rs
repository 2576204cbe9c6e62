//! Phone cells of several numbers, the second trial (session 9): numbers joined by a
//! word (`or`, `oder`, `y`) are split like those joined by `/`, in the importer and in
//! the classifier; the contact's number is the cell's first mobile, not a landline
//! written first; the import report counts the cells and their other numbers. UK
//! numbers (Ofcom): 07911 123456 is a mobile, 07700 900xxx the drama range (a possible
//! mobile, line type unknown), 020 7946 0xxx and 0161 496 0xxx London's and
//! Manchester's drama ranges of fixed lines.

mod review_support;

use review_support::{BOTH_GRANTED, SMS_EVERYONE, Ws, pairs};

/// Import `csv` read in GB with both granting options; the report (`--json`).
fn import_gb(ws: &Ws, csv: &str) -> serde_json::Value {
    let mut args = vec!["--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.import_csv("people.csv", csv, &args)
}

/// The SMS address preview gives each contact, by key (`-` for none).
fn addresses(ws: &Ws) -> Vec<(String, String)> {
    ws.apply(SMS_EVERYONE);
    ws.preview_column("text", "channel_address")
}

/// By hand: each cell's first number in E.164 (+44, trunk 0 dropped). Before, `oder`
/// and `y` joined nothing, so a and c held no number (`-`).
#[test]
fn words_between_numbers_split_the_cell() {
    let ws = Ws::new();
    import_gb(
        &ws,
        "email,phone\n\
         a@example.com,07911 123456 oder 07700 900123\n\
         b@example.com,07700 900222 OR 07700 900223\n\
         c@example.com,+44 7700 900224 y +44 7700 900225\n",
    );
    assert_eq!(
        addresses(&ws),
        pairs(&[
            ("a@example.com", "+447911123456"),
            ("b@example.com", "+447700900222"),
            ("c@example.com", "+447700900224"),
        ])
    );
}

/// A column whose header says nothing of phones is found to be phones by its values
/// when they are cells of numbers joined by words: role `phone`, and each contact is
/// texted on its cell's first number. Before, the classifier split only at `/ ; , |`,
/// so `Reach at` was an ordinary text field and everyone was `no_address`.
#[test]
fn the_classifier_reads_word_joined_cells_as_phones() {
    let ws = Ws::new();
    import_gb(
        &ws,
        "email,Reach at\n\
         a@example.com,07911 123456 or 07700 900123\n\
         b@example.com,+44 7700 900222 oder +44 7700 900223\n\
         c@example.com,07700 900224 y 07700 900225\n",
    );
    assert_eq!(ws.field("reach_at")["role"], "phone");
    assert_eq!(
        addresses(&ws),
        pairs(&[
            ("a@example.com", "+447911123456"),
            ("b@example.com", "+447700900222"),
            ("c@example.com", "+447700900224"),
        ])
    );
}

/// `tactful suppress` reads a cell of numbers joined by a word as its numbers: both
/// added, and c, holding the second, is suppressed. Before, the letters made the cell
/// text: skipped, nothing added.
#[test]
fn a_suppression_list_cell_joined_by_a_word_suppresses_both() {
    let ws = Ws::new();
    import_gb(&ws, "email,phone\nc@example.com,07700 900123\n");
    let list = ws.write("list.txt", "07911 123456 oder 07700 900123\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("c@example.com", "suppressed")])
    );
}

/// A landline written first: a is texted on the mobile after it, b on the drama-range
/// number after Manchester's landline (no mobile: the first that is no fixed line); c's
/// one landline stays `no_address`. Before, a and b were `no_address` too.
#[test]
fn sms_goes_to_the_first_mobile_of_the_cell() {
    let ws = Ws::new();
    import_gb(
        &ws,
        "email,phone\n\
         a@example.com,020 7946 0000 / 07911 123456\n\
         b@example.com,\"0161 496 0000, 07700 900222\"\n\
         c@example.com,020 7946 0001\n",
    );
    assert_eq!(
        addresses(&ws),
        pairs(&[
            ("a@example.com", "+447911123456"),
            ("b@example.com", "+447700900222"),
            ("c@example.com", "-"),
        ])
    );
}

/// A refusal on a row whose cell starts with a landline still holds for every number
/// of it (a guard, not a failure on main): a withdraws SMS; in a later file with
/// consent, d holding a's landline and e holding a's mobile are not texted.
#[test]
fn a_refusal_holds_for_the_landline_and_the_mobile() {
    let ws = Ws::new();
    ws.import_csv(
        "unsub.csv",
        "email,phone,sms_consent\na@example.com,020 7946 0000 / 07911 123456,withdrawn\n",
        &["--region", "GB"],
    );
    import_gb(
        &ws,
        "email,phone\nd@example.com,020 7946 0000\ne@example.com,07911 123456\n",
    );
    let outcome = ws.outcome(SMS_EVERYONE, "text");
    assert_eq!(outcome[0], ("a@example.com".into(), "no_consent".into()));
    assert!(
        outcome[1..].iter().all(|(_, why)| why != "-"),
        "{outcome:?}"
    );
}

/// By hand: two cells of several numbers (a: one more, b: two more), c one number:
/// `several_cells` 2, `more_numbers` 3, `parsed` 3 (one per cell). Before, the report
/// had no such counts.
#[test]
fn the_report_counts_cells_of_several_numbers() {
    let ws = Ws::new();
    let csv = "email,phone\n\
         a@example.com,07911 123456 / 07700 900123\n\
         b@example.com,07700 900222; 07700 900223 or 07700 900224\n\
         c@example.com,07700 900225\n";
    let report = import_gb(&ws, csv);
    let phones = &report["phones"];
    assert_eq!(phones["several_cells"], 2, "{report}");
    assert_eq!(phones["more_numbers"], 3, "{report}");
    assert_eq!(phones["parsed"], 3, "{report}");
    let again = Ws::new();
    let file = again.write("people.csv", csv);
    let said = again.stdout(&["import", &file, "--region", "GB"]);
    assert!(
        said.contains("phones: 2 cells held more than one number (3 more numbers): each is read as its first mobile"),
        "{said}"
    );
}
