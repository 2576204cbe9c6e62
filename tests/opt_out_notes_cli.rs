//! Opt-outs written in a note column (promise 1: nobody who opted out gets a message;
//! README, "Consent rules"). New-user trial 8 found the skip of such a column dropping
//! the refusal (M2) and near variants of the phrases read (M1) mailed under a granting
//! `--consent`. Driven through the `tactful` binary; expected values worked out by hand
//! from the README's rules and the files written below. Main imported and sent every
//! case here.

mod review_support;

use predicates::str::contains;
use review_support::{BOTH_GRANTED, Ws};

/// M2: `--skip` of a column whose values the import reads as an opt-out (`Notes` =
/// `unsubscribe me` on line 2, `Opt Out Reason` = `too many emails` on lines 2 and 4,
/// `Comments` = a removal request) is refused like the skip of a consent column that
/// refuses, naming the column, the count and the lines, and nothing is written.
#[test]
fn a_written_opt_out_cannot_be_skipped_away() {
    let cases = [
        (
            "Notes",
            "unsubscribe me",
            "--skip `Notes`: 1 row in the column states an opt-out in words (line 2: `unsubscribe me`); a refusal cannot be skipped away, so nothing was imported",
        ),
        (
            "Opt Out Reason",
            "too many emails",
            "--skip `Opt Out Reason`: 2 rows in the column state an opt-out in words (line 2: `too many emails`, line 4: `too many emails`); a refusal cannot be skipped away",
        ),
        (
            "Comments",
            "Please remove me from your mailing list",
            "--skip `Comments`: 1 row in the column states an opt-out in words (line 2: `Please remove me from your mailing list`)",
        ),
    ];
    for (header, value, want) in cases {
        let ws = Ws::new();
        let fourth = if header == "Opt Out Reason" {
            value
        } else {
            ""
        };
        let file = ws.write(
            "people.csv",
            &format!(
                "email,first_name,{header}\n\
                 out@example.com,Out,{value}\n\
                 good@example.com,Good,\n\
                 out2@example.com,Out2,{fourth}\n"
            ),
        );
        let mut args = vec!["import", file.as_str(), "--skip", header];
        args.extend(BOTH_GRANTED);
        ws.cmd()
            .args(&args)
            .assert()
            .failure()
            .stderr(contains(want));
        ws.cmd()
            .args(["contact", "show", "good@example.com"])
            .assert()
            .failure();
    }
}

/// A skipped note column with no opt-out in it (`called about the order`, a blank) is
/// skipped as before, and `--consent email=granted` grants both rows.
#[test]
fn a_note_column_without_opt_outs_may_be_skipped() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,first_name,Notes\n\
         a@example.com,A,called about the order\n\
         b@example.com,B,\n",
    );
    ws.ok(&[
        "import",
        &file,
        "--skip",
        "Notes",
        "--consent",
        "email=granted",
    ]);
    let a = ws.json(&["contact", "show", "a@example.com"], 0);
    assert_eq!(a["consent"][0]["state"], "granted", "{a:#}");
}
