//! `campaign apply FILE` names the file and the line of the entry an error is about
//! (new-user trial, session 10: "entry 2 …: line 1, column 22" named neither the TOML
//! file nor its line). README, "Campaigns, preview and explanation". Lines counted by
//! hand in the files below (line 1 is `name = …`).

mod review_support;

use predicates::prelude::*;
use review_support::*;

const HEAD: &str = "name = \"r1\"\nchannel = \"email\"\ncategory = \"general\"\n";

/// Entry 1 fine (lines 5-9), entry 2 (lines 11-15) with `rule` on line 13.
fn file(rule2: &str, body2: &str) -> String {
    format!(
        "{HEAD}\n[[entry]]\nsegment = \"a\"\nrule = 'first_name is \"Ana\"'\nsubject = \"s\"\nbody = \"Hi\"\n\n[[entry]]\nsegment = \"b\"\nrule = '{rule2}'\nsubject = \"s\"\nbody = \"{body2}\"\n"
    )
}

fn apply_fails(ws: &Ws, name: &str, text: &str, parts: &[&str]) {
    let path = ws.write(name, text);
    let mut assert = ws.cmd().args(["campaign", "apply", &path]).assert().code(1);
    for part in parts {
        assert = assert.stderr(predicate::str::contains(part.replace("FILE", &path)));
    }
}

#[test]
fn errors_name_the_file_and_the_entrys_lines() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &ws.write("c.csv", "email,first_name\nana@example.com,Ana\n"),
    ]);
    apply_fails(
        &ws,
        "rule.toml",
        &file("first_name is \"x\" and", "Hi"),
        &[
            "in FILE, line 13 (`rule` of entry 2):",
            "entry 2 (segment `b`): the rule does not check",
        ],
    );
    apply_fails(
        &ws,
        "body.toml",
        &file("first_name is \"x\"", "Hi {{ first_nme }}"),
        &[
            "in FILE, lines 11-15 (entry 2):",
            "unknown merge field `first_nme`",
        ],
    );
    // Nothing was applied.
    ws.cmd().args(["campaign", "show", "r1"]).assert().failure();
}
