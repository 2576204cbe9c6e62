//! Opt-outs written in a note column (promise 1: nobody who opted out gets a message;
//! README, "Consent rules"). New-user trial 8 found the skip of such a column dropping
//! the refusal (M2) and near variants of the phrases read (M1) mailed under a granting
//! `--consent`. Driven through the `tactful` binary; expected values worked out by hand
//! from the README's rules and the files written below. Main imported and sent every
//! case here.

mod review_support;

use predicates::str::contains;
use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws};

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

/// M1: one file, each row a note under `Notes` (a header no rule reads as consent, so
/// a withdrawal reaches both channels), imported with both granting options; the
/// e-mail to everyone. Rows `rNN` write an opt-out: a negation with a channel or
/// marketing word, singular or plural, in the languages the consent words cover, or
/// an imperative (`opt me out`): each is excluded `no_consent`. Rows `kNN` only mention
/// e-mail near a negation (an address, a delivery, a complaint that the newsletter does
/// not arrive, another word between): each is sent to (`-`). Main sent every `rNN` row.
/// (`keine Werbung`, whole, is a consent word: in a column of other notes it stops a
/// granting import, tested elsewhere.)
#[test]
fn a_negated_channel_in_a_note_is_an_opt_out() {
    let refusing = [
        ("r01", "no emails"),
        ("r02", "no newsletters"),
        ("r03", "please no more marketing emails"),
        ("r04", "opt me out"),
        ("r05", "no SMS"),
        ("r06", "Stop Pub"),
        ("r07", "pas de pub"),
        ("r08", "bitte keine Newsletter"),
        ("r10", "I do not want newsletters"),
        ("r11", "dont send me emails"),
        ("r12", "no spam please"),
        ("r13", "no quiero publicidad"),
        ("r14", "no texts please"),
        ("r15", "Je ne veux plus recevoir de mails"),
        ("r16", "geen reclame"),
        ("r17", "sem publicidade"),
        ("r18", "nie chcę newslettera"),
        ("r19", "non voglio ricevere email"),
        ("r20", "No e-mails"),
        ("r21", "pas d'e-mails"),
        ("r22", "Newsletter abbestellen"),
        ("r23", "not interested in promotions"),
    ];
    let mentioning = [
        ("k01", "no issues with email"),
        ("k02", "emailed about no-show"),
        ("k03", "no email address on file"),
        ("k04", "I do not receive the newsletter"),
        ("k05", "no emails sent yet"),
        ("k06", "stop by the shop"),
        ("k07", "newsletter signup at the fair"),
        ("k08", "Kein Problem mit der E-Mail"),
    ];
    let mut csv = String::from("email,first_name,Notes\n");
    for (key, note) in refusing.iter().chain(&mentioning) {
        csv.push_str(&format!("{key}@example.com,{key},\"{note}\"\n"));
    }
    let ws = Ws::new();
    let file = ws.write("notes.csv", &csv);
    let mut args = vec!["import", file.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    ws.apply(EMAIL_EVERYONE);
    let mut want: Vec<(String, String)> = refusing
        .iter()
        .map(|(k, _)| (format!("{k}@example.com"), "no_consent".to_string()))
        .chain(
            mentioning
                .iter()
                .map(|(k, _)| (format!("{k}@example.com"), "-".to_string())),
        )
        .collect();
    want.sort();
    assert_eq!(ws.sorted_exclusions("news"), want);
}
