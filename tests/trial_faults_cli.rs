//! Faults a new-user trial found in what tactful tells its user, driven through the
//! `tactful` binary as the trial did: the reason a value is no address (import report
//! and `explain`), a count of zero printed as a fact, before-images of an undone batch
//! listed as if they applied, and a cause printed twice. Every expected value is worked
//! out by hand from the files written below.
//!
//! Numbers: `+44 7700 900123` is in Ofcom's drama range (E.164 `+447700900123`, the
//! national number without its trunk 0); an extension is not part of an E.164 number.

mod review_support;

use review_support::{EMAIL_EVERYONE, SMS_EVERYONE, Ws, pairs};

/// The detail of step 4 (`no_address`) of `explain CAMPAIGN KEY`.
fn address_step(ws: &Ws, campaign: &str, key: &str) -> String {
    let e = ws.json(&["explain", campaign, key], 0);
    assert_eq!(e["steps"][3]["check"], "no_address");
    e["steps"][3]["detail"].as_str().unwrap().to_string()
}

/// A number with an extension and one in full-width digits are the number (the
/// trial saw them refused as "scientific notation" and "no digits"); what is no
/// number is explained with its true reason, in the import report and in `explain`.
#[test]
fn phone_values_are_read_or_refused_for_their_true_reason() {
    let ws = Ws::new();
    // Clean numbers first, so the field has the phone role (by its values' shape).
    let clean = ws.write(
        "clean.csv",
        "email,phone\na@example.com,+44 7700 900001\nb@example.com,07700 900002\n\
         c@example.com,+44 (0)7700 900003\n",
    );
    ws.ok(&[
        "import",
        &clean,
        "--region",
        "GB",
        "--consent",
        "sms=granted",
    ]);
    let file = ws.write(
        "phones.csv",
        "email,phone\n\
         ext@example.com,+44 7700 900123 ext. 1\n\
         wide@example.com,＋４４ ７７００ ９００１２４\n\
         words@example.com,call me\n\
         sci@example.com,4.47700900125E+11\n",
    );
    let report = ws.json(&["import", &file, "--consent", "sms=granted"], 0);
    assert_eq!(report["phones"]["parsed"], 2);
    let unparseable: Vec<(u64, String)> = report["phones"]["unparseable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["line"].as_u64().unwrap(),
                u["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        unparseable,
        [
            (4, "no digits".to_string()),
            (
                5,
                "a spreadsheet turned it into scientific notation, so digits are lost".to_string()
            ),
        ]
    );
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("a@example.com", "-"),
            ("b@example.com", "-"),
            ("c@example.com", "-"),
            ("ext@example.com", "-"),
            ("wide@example.com", "-"),
            ("words@example.com", "no_address"),
            ("sci@example.com", "no_address"),
        ])
    );
    let preview = ws.json(&["preview", "text", "--format", "json"], 0);
    let sent: Vec<&str> = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["channel_address"].as_str())
        .collect();
    assert_eq!(
        sent,
        [
            "+447700900001",
            "+447700900002",
            "+447700900003",
            "+447700900123",
            "+447700900124"
        ]
    );
    assert_eq!(
        address_step(&ws, "text", "words@example.com"),
        "`call me` in field `phone` is not a phone number: no digits"
    );
    assert_eq!(
        address_step(&ws, "text", "sci@example.com"),
        "`4.47700900125E+11` in field `phone` is not a phone number: a spreadsheet turned it into scientific notation, so digits are lost"
    );
}

/// The trial's wrapped spellings: each excluded address is explained with what to
/// write instead, not as "not a valid e-mail address"; the exclusion code stays
/// `no_address`. Rows 6-11 are plain, so the column is read as e-mail addresses.
#[test]
fn a_wrapped_address_is_explained_with_how_to_write_it() {
    let ws = Ws::new();
    let file = ws.write(
        "bobs.csv",
        "customer_id,email\n\
         1,<bob@example.com>\n\
         2,mailto:bob@example.com\n\
         3,\"\"\"bob@example.com\"\"\"\n\
         4,ｂｏｂ@example.com\n\
         5,bob@localhost\n\
         6,ann@example.com\n\
         7,cy@example.com\n\
         8,dee@example.com\n\
         9,eve@example.com\n\
         10,fay@example.com\n\
         11,gus@example.com\n",
    );
    ws.ok(&[
        "import",
        &file,
        "--key",
        "customer_id",
        "--consent",
        "email=granted",
    ]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("1", "no_address"),
            ("2", "no_address"),
            ("3", "no_address"),
            ("4", "no_address"),
            ("5", "no_address"),
            ("6", "-"),
            ("7", "-"),
            ("8", "-"),
            ("9", "-"),
            ("10", "-"),
            ("11", "-"),
        ])
    );
    let wrapped = "in other text (a name, `<…>`, quotes, `mailto:` or a link's `/`, `?` or `#` after it); write it plain: bob@example.com";
    assert_eq!(
        address_step(&ws, "news", "1"),
        format!(
            "`<bob@example.com>` in field `email` wraps the address `bob@example.com` {wrapped}"
        )
    );
    assert_eq!(
        address_step(&ws, "news", "2"),
        format!(
            "`mailto:bob@example.com` in field `email` wraps the address `bob@example.com` {wrapped}"
        )
    );
    assert_eq!(
        address_step(&ws, "news", "3"),
        format!(
            "`\"bob@example.com\"` in field `email` wraps the address `bob@example.com` {wrapped}"
        )
    );
    assert_eq!(
        address_step(&ws, "news", "4"),
        "`ｂｏｂ@example.com` in field `email` uses full-width or other compatibility characters (`ｂ`); write the address in plain characters"
    );
    assert_eq!(
        address_step(&ws, "news", "5"),
        "`bob@localhost` in field `email` is not a valid e-mail address (local@domain.tld)"
    );
}

/// `--consent` that every row took prints no "did not apply to 0 row(s)"; one it did
/// not fill is counted with an agreeing noun. `--json` keeps the zero.
#[test]
fn a_consent_option_that_applied_everywhere_says_nothing() {
    let ws = Ws::new();
    let plain = ws.write("plain.csv", "email\nana@example.com\nbo@example.com\n");
    let out = ws
        .cmd()
        .args(["import", &plain, "--consent", "email=granted"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("did not apply"), "{text}");
    // Cy's row states its consent (yes); Di's is blank, a box left unticked in this
    // opt-in column, which the file states too (not asked): the option fills neither.
    let stated = ws.write(
        "stated.csv",
        "email,accepts_email_marketing\ncy@example.com,yes\ndi@example.com,\n",
    );
    let out = ws
        .cmd()
        .args(["import", &stated, "--consent", "email=granted"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(
            "  consent: --consent email did not apply to 2 rows whose email consent the file states\n"
        ),
        "{text}"
    );
    let zero = Ws::new();
    let plain = zero.write("plain.csv", "email\nana@example.com\n");
    let report = zero.json(&["import", &plain, "--consent", "email=granted"], 0);
    assert_eq!(report["consent_not_applied"]["email"], 0);
}

/// After `import undo` of the batch that changed Ana, `contact show` lists neither its
/// older values nor the batch: nothing of it applies. An image an earlier version left
/// behind (put back here by hand) is shown as undone and no longer used.
#[test]
fn contact_show_lists_no_change_of_an_undone_batch() {
    let ws = Ws::new();
    let first = ws.write("first.csv", "email,note\nana@example.com,first\n");
    let second = ws.write("second.csv", "email,note\nana@example.com,second\n");
    ws.ok(&["import", &first]);
    ws.ok(&["import", &second]);
    let shown = ws.json(&["contact", "show", "ana@example.com"], 0);
    assert_eq!(shown["before_images"][0]["batch"], 2);
    assert_eq!(shown["before_images"][0]["values"]["note"], "first");
    ws.ok(&["import", "undo"]);
    let shown = ws.json(&["contact", "show", "ana@example.com"], 0);
    assert_eq!(shown["before_images"], serde_json::json!([]));
    let batches: Vec<i64> = shown["batches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["batch"].as_i64().unwrap())
        .collect();
    assert_eq!(batches, [1]);
    let text = ws
        .cmd()
        .args(["contact", "show", "ana@example.com"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(!text.contains("batch 2"), "{text}");

    // A workspace an earlier version undid still holds batch 2's image.
    let conn = rusqlite::Connection::open(&ws.path).unwrap();
    conn.execute(
        "INSERT INTO batch_changes (batch_id, contact_id, before)
         SELECT 2, _id, '{\"note\":\"first\"}' FROM contacts WHERE _key = 'ana@example.com'",
        [],
    )
    .unwrap();
    drop(conn);
    let shown = ws.json(&["contact", "show", "ana@example.com"], 0);
    assert!(
        shown["before_images"][0]["undone_at"].is_string(),
        "{shown}"
    );
    let text = ws
        .cmd()
        .args(["contact", "show", "ana@example.com"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("older values of batch 2, which was undone at ")
            && text.contains("; no longer used: note = first"),
        "{text}"
    );
}

/// `export --out` under a path that cannot exist: the operating system's cause
/// (ENOENT, "No such file or directory (os error 2)" on Linux) is printed once.
#[cfg(target_os = "linux")]
#[test]
fn an_export_that_cannot_write_names_its_cause_once() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,first_name\nana@example.com,Ana\nbo@example.com,Bo\n",
    );
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    ws.apply(EMAIL_EVERYONE);
    let out = ws
        .cmd()
        .args(["export", "news", "--out", "/proc/nope/x.csv"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    let cause = "No such file or directory (os error 2)";
    assert_eq!(err.matches(cause).count(), 1, "{err}");
    assert!(err.contains("/proc/nope/x.csv"), "{err}");
}

/// Every error that carries an I/O or import cause, printed as the CLI prints errors
/// (`{:#}`, the message and its chain of sources): the cause once.
#[test]
fn errors_with_a_cause_print_it_once() {
    let cause = || std::io::Error::from_raw_os_error(28);
    let text = cause().to_string();
    let errors: Vec<anyhow::Error> = vec![
        tactful::export::FileError::Io {
            path: "/out".into(),
            cause: cause(),
        }
        .into(),
        tactful::demo::DemoError::Io {
            path: "/demo".into(),
            cause: cause(),
        }
        .into(),
        tactful::campaign::preview::PreviewError::Output(cause()).into(),
        tactful::review::ReviewError::Tap(cause()).into(),
    ];
    for e in errors {
        let shown = format!("{e:#}");
        assert_eq!(shown.matches(&text).count(), 1, "{shown}");
    }
}
