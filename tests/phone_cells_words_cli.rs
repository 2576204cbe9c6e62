//! Phone cells of several numbers, the second trial (session 9): numbers joined by a
//! word (`or`, `oder`, `y`) are split like those joined by `/`, in the importer, the
//! classifier and `tactful suppress`. UK numbers (Ofcom): 07911 123456 is a mobile,
//! 07700 900xxx the drama range (a possible mobile, line type unknown).

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
