//! Text put on record holds no control character (new-user trial: a sign-off name
//! `Ann ESC [31m` was stored as typed and reached the audit log and the manifest). Each
//! route that stores written text refuses one with exit code 1 (3 for an export,
//! whose review blocks), naming the character
//! and its position, and nothing is recorded: the sign-off name and note, an unlock's
//! justification, an added export field's reason, a field's reason (an accepted
//! finding's reason goes through the same check: src/written_tests.rs). Names (campaigns,
//! segments) and templates refused them already; they are checked here too, so every
//! kind of typed text is covered. Positions counted by hand, from 1.

mod review_support;

use predicates::prelude::*;
use review_support::*;

fn audit_len(ws: &Ws) -> usize {
    ws.json(&["audit"], 0).as_array().unwrap().len()
}

/// Run `args`, expect exit 1 with `said` on stderr, and check the audit log did not
/// grow (nothing recorded).
fn refused(ws: &Ws, args: &[&str], said: &str) {
    refused_with(ws, args, said, 1);
}

/// [`refused`] with exit code `code` (3: review has blockers).
fn refused_with(ws: &Ws, args: &[&str], said: &str, code: i32) {
    let before = audit_len(ws);
    ws.cmd()
        .args(args)
        .assert()
        .code(code)
        .stderr(predicate::str::contains(said));
    assert_eq!(audit_len(ws), before, "{args:?} recorded something");
}

#[test]
fn written_text_with_control_characters_is_refused_on_every_route() {
    let ws = Ws::new();
    ws.import("people.csv", &[]);
    ws.apply(OVER60);
    // The error is printed through the terminal sanitiser: the ESC itself never
    // reaches stderr, its name does.
    refused(
        &ws,
        &[
            "review",
            "over60",
            "--sign-off",
            "Ann\x1b[31m",
            "--note",
            "ok",
        ],
        "the reviewer's name holds ESC (U+001B) at character 4",
    );
    refused(
        &ws,
        &[
            "review",
            "over60",
            "--sign-off",
            "Ann",
            "--note",
            "fine\nBcc: x",
        ],
        "the note holds LF (U+000A) at character 5",
    );
    refused(
        &ws,
        &[
            "unlock",
            "over60",
            "birth_date",
            "--reason",
            "the range suits customers \u{202e}over sixty",
        ],
        "holds bidi override RLO (U+202E) at character 27",
    );
    refused(
        &ws,
        &[
            "fields",
            "set",
            "postcode",
            "--class",
            "protected",
            "--reason",
            "only used\u{9b} for delivery planning here",
        ],
        "holds C1 control CSI (U+009B) at character 10",
    );
    // An added export field's reason is a blocker while it is no valid reason (exit 3).
    let out = ws.out("x");
    refused_with(
        &ws,
        &[
            "export",
            "over60",
            "--out",
            out.to_str().unwrap(),
            "--field",
            "postcode",
            "--reason",
            "\x07the courier needs the postcode for routes",
        ],
        "postcode: the reason holds BEL (U+0007) at character 1",
        3,
    );
    assert!(!out.exists(), "the export wrote files");
    // Names and templates: refused before, still refused.
    refused(
        &ws,
        &["campaign", "new", "a\x1bb", "--channel", "email"],
        "without control characters",
    );
    refused(
        &ws,
        &["segment", "add", "s\x1b[2J", "postcode is \"10115\""],
        "control characters",
    );
    // The same name and note without the characters are recorded as typed.
    let signed = ws.json(
        &["review", "over60", "--sign-off", "Ann", "--note", "fine"],
        0,
    );
    assert_eq!(signed["sign_off"]["name"], "Ann");
}

#[test]
fn stderr_never_carries_the_escape_itself() {
    let ws = Ws::new();
    ws.import("people.csv", &[]);
    ws.apply(OVER60);
    let out = ws
        .cmd()
        .args([
            "review",
            "over60",
            "--sign-off",
            "A\x1b]0;x\x07",
            "--note",
            "ok",
        ])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(!out.contains(&0x1b) && !out.contains(&0x07), "{out:?}");
}
