//! A segment whose rule uses a field only a campaign unlocked belongs to that campaign's
//! scope (README, "Segments"): `segment list` and `show` name the campaign and count
//! the reach there (a trial saw reach 0 and `error`), and `segment edit --campaign`
//! changes it. The file below holds religion (special category, GDPR Art. 9(1)) for
//! Ana (christian) and Bo (muslim), none for Cy; reaches counted by hand.

mod review_support;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use review_support::Ws;

const PEOPLE: &str = "email,religion\n\
ana@example.com,christian\n\
bo@example.com,muslim\n\
cy@example.com,\n";

fn workspace() -> Ws {
    let ws = Ws::new();
    let file = ws.dir.path().join("people.csv");
    std::fs::write(&file, PEOPLE).unwrap();
    ws.ok(&[
        "import",
        file.to_str().unwrap(),
        "--consent",
        "email=granted",
    ]);
    ws.ok(&["campaign", "new", "faith-news", "--channel", "email"]);
    ws.ok(&[
        "unlock",
        "faith-news",
        "religion",
        "--reason",
        "members asked for news of their own congregation",
    ]);
    ws.ok(&[
        "segment",
        "add",
        "believers",
        "religion is not blank",
        "--campaign",
        "faith-news",
    ]);
    ws.ok(&["segment", "add", "everyone", "email is not blank"]);
    ws
}

fn listed(ws: &Ws, name: &str) -> serde_json::Value {
    let list = ws.json(&["segment", "list"], 0);
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap()
        .clone()
}

#[test]
fn list_and_show_give_the_campaign_and_the_reach_in_its_scope() {
    let ws = workspace();
    let believers = listed(&ws, "believers");
    assert_eq!(believers["campaign"], "faith-news", "{believers:#}");
    assert_eq!(believers["reach"], 2, "{believers:#}");
    assert!(believers.get("error").is_none(), "{believers:#}");
    let everyone = listed(&ws, "everyone");
    assert!(everyone.get("campaign").is_none(), "{everyone:#}");
    assert_eq!(everyone["reach"], 3);
    ws.cmd()
        .args(["segment", "list"])
        .assert()
        .success()
        .stdout(contains("campaign faith-news"))
        .stdout(contains("error").not());
    ws.cmd()
        .args(["segment", "show", "believers"])
        .assert()
        .success()
        .stdout(contains("scope:       campaign faith-news"))
        .stdout(contains("reach:       2"));
}

#[test]
fn edit_with_the_campaign_changes_a_scoped_segment() {
    let ws = workspace();
    // Outside any campaign the religion field stays blocked.
    ws.cmd()
        .args(["segment", "edit", "believers", "religion is \"muslim\""])
        .assert()
        .code(1);
    assert_eq!(listed(&ws, "believers")["reach"], 2);
    ws.cmd()
        .args([
            "segment",
            "edit",
            "believers",
            "religion is \"muslim\"",
            "--campaign",
            "faith-news",
        ])
        .assert()
        .success()
        .stdout(contains("reach 1"));
    let believers = listed(&ws, "believers");
    assert_eq!(believers["rule"], "religion is \"muslim\"");
    assert_eq!(believers["reach"], 1);
}
