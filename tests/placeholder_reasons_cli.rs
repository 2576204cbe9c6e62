//! New-user trial 6, G10, through the binary: placeholder justifications (`TODO: write a
//! justification`, `lorem ipsum dolor sit amet consectetur`, `qwertyuiop asdfghjkl
//! zxcvbnm`) passed the unlock check and travelled in the manifest as the written
//! justification. Every route that takes a written reason goes through
//! `written::check_justification` (the TUI's unlock and accept dialogs call the same
//! function), so each is refused there: `unlock`, `review --accept --reason`, `suppress
//! --accept-unread --reason` and `fields set` lowering a class.
//!
//! Expected by hand from src/written_placeholder.rs: `todo` and `lorem` are markers;
//! `qwertyuiop` and `xxxx` are keyboard and repeated-letter runs; `test testing tested
//! foo bar baz` has no word outside the filler list. Nothing is stored: the audit log
//! has no unlock, acceptance or class change afterwards.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const PEOPLE: &str = "email,Accepts Email Marketing,first_name,Notes,Health\n\
a@example.com,yes,Ann,pregnant,asthma\n\
b@example.com,yes,Bob,vip,none\n\
c@example.com,yes,Cy,vip,diabetic\n";

fn refused(ws: &Ws, args: &[&str]) {
    ws.cmd()
        .args(args)
        .assert()
        .code(1)
        .stderr(contains("is a placeholder"));
}

#[test]
fn placeholder_reasons_are_refused_on_every_route() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("people.csv", PEOPLE)]);
    ws.ok(&[
        "campaign",
        "new",
        "c",
        "--channel",
        "email",
        "--country",
        "FR",
    ]);
    for reason in [
        "TODO: write a justification",
        "lorem ipsum dolor sit amet consectetur",
        "qwertyuiop asdfghjkl zxcvbnm",
        "test testing tested foo bar baz",
    ] {
        refused(&ws, &["unlock", "c", "notes:health", "--reason", reason]);
    }
    // France's minor age 15 is below 16: the acceptable blocker `minor_age_lowered`.
    refused(
        &ws,
        &[
            "review",
            "c",
            "--accept",
            "minor_age_lowered",
            "--reason",
            "lorem ipsum dolor sit amet consectetur",
        ],
    );
    refused(
        &ws,
        &[
            "fields",
            "set",
            "health",
            "--class",
            "ordinary",
            "--reason",
            "xxxx yyyy zzzz wwww vvvv",
        ],
    );
    let list = ws.write("list.txt", "x@example.com\nnot an address\n");
    refused(
        &ws,
        &[
            "suppress",
            &list,
            "--accept-unread",
            "--reason",
            "TODO: write a justification",
        ],
    );
    let audit = ws.stdout(&["--json", "audit"]);
    for action in ["unlock", "review.accept", "field.set", "suppress"] {
        let entry = format!("\"action\": \"{action}\"");
        assert!(!audit.contains(&entry), "{action}: {audit}");
    }
    assert_eq!(ws.field("health")["class"], "special_category");
    // A reason in the person's own words passes.
    ws.ok(&[
        "unlock",
        "c",
        "notes:health",
        "--reason",
        "Antenatal class invitations for customers who asked for them",
    ]);
}
